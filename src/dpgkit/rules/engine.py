"""Combine probe findings and owner answers into one verdict per indicator.

The default rule, used by every indicator that registers no rule of its own:

1. a failing ``blocking`` or ``required`` probe makes the indicator ``not_met``;
2. an owner's "No" to a gating question (``no_means`` in the Standard data) settles it as
   the data says (``met`` or ``not_applicable``); when every probe is not applicable, so is
   the indicator;
3. an indicator the Standard says only the owner can declare (``owner_declared``) is
   ``met`` once its open questions are answered, else ``needs_answer``;
4. otherwise ``met`` when every required probe passes (and there is at least one), or when
   the owner answered every open question; else ``needs_answer`` with those questions.

Specific indicators register their own rule with ``@rule("2")`` in a module of this
package; they can still call :func:`default_rule`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from dpgkit.analysis.probe import ProbeDefinition
from dpgkit.answers import Answers
from dpgkit.model import (
    Answer,
    Finding,
    IndicatorResult,
    Outcome,
    Overall,
    OverallVerdict,
    Question,
    Verdict,
)
from dpgkit.standard import IndicatorSpec, QuestionSpec, Standard

_GATING_ANSWER = "No"


@dataclass
class RuleInput:
    spec: IndicatorSpec
    findings: list[Finding]
    definitions: dict[str, ProbeDefinition]
    answers: Answers
    project_types: list[str]

    def role(self, finding: Finding) -> str:
        return self.definitions[finding.probe].role

    def with_role(self, *roles: str) -> list[Finding]:
        return [finding for finding in self.findings if self.role(finding) in roles]

    def answer(self, local_id: str) -> object:
        return self.answers.get(self.spec.question_id(local_id))

    def finding(self, probe_id: str) -> Finding | None:
        """This indicator's finding of one probe (each probe gives one), if it ran."""
        return next((finding for finding in self.findings if finding.probe == probe_id), None)

    def outcome(self, probe_id: str) -> Outcome | None:
        finding = self.finding(probe_id)
        return finding.outcome if finding is not None else None


@dataclass
class RuleOutcome:
    verdict: Verdict
    summary: str
    extra_remediation: list[str] = field(default_factory=list)


RuleFunction = Callable[[RuleInput], RuleOutcome]
_RULES: dict[str, RuleFunction] = {}


def rule(indicator_id: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        if indicator_id in _RULES:
            raise ValueError(f"indicator {indicator_id} has two rules")
        _RULES[indicator_id] = function
        return function

    return register


@cache
def _load_rule_modules() -> None:
    package = importlib.import_module("dpgkit.rules")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name != "engine":
            importlib.import_module(f"dpgkit.rules.{module.name}")


def applicable_questions(item: RuleInput) -> list[QuestionSpec]:
    """Questions that apply to this project and are not switched off by another answer."""
    found = []
    for question in item.spec.questions:
        if question.applies_to and not set(question.applies_to) & set(item.project_types):
            continue
        if question.required_when:
            trigger_unmet = any(
                item.answers.answered(item.spec.question_id(other)) and item.answer(other) != value
                for other, value in question.required_when.items()
            )
            if trigger_unmet:
                continue
        found.append(question)
    return found


def open_questions(item: RuleInput) -> list[QuestionSpec]:
    return [
        question
        for question in applicable_questions(item)
        if not item.answers.answered(item.spec.question_id(question.id))
    ]


def gated_off(item: RuleInput) -> QuestionSpec | None:
    """The first gating question (one with ``no_means``) that the owner answered "No"."""
    for question in item.spec.questions:
        if question.no_means and item.answer(question.id) == _GATING_ANSWER:
            return question
    return None


def default_rule(item: RuleInput) -> RuleOutcome:
    blocking = [f for f in item.with_role("blocking", "required") if f.outcome is Outcome.FAIL]
    if blocking:
        return RuleOutcome(Verdict.NOT_MET, blocking[0].message)
    gate = gated_off(item)
    if gate is not None and gate.no_means is not None:
        verdict = Verdict(gate.no_means)
        return RuleOutcome(verdict, f"Declared by the owner: No to “{gate.text.split('?')[0]}?”")
    if item.findings and all(f.outcome is Outcome.NOT_APPLICABLE for f in item.findings):
        return RuleOutcome(Verdict.NOT_APPLICABLE, item.findings[0].message)
    unanswered = open_questions(item)
    if item.spec.owner_declared:
        if unanswered:
            return RuleOutcome(
                Verdict.NEEDS_ANSWER,
                "Only the owner can declare this; the questions below are still open.",
            )
        return RuleOutcome(Verdict.MET, "Declared by the owner in the answers file.")
    required = item.with_role("required")
    if required and all(f.outcome is Outcome.PASS for f in required):
        return RuleOutcome(Verdict.MET, required[0].message)
    if not unanswered and item.spec.questions:
        return RuleOutcome(Verdict.MET, "Declared by the owner in the answers file.")
    if not required and not item.findings:
        return RuleOutcome(
            Verdict.NEEDS_ANSWER, "The scan cannot settle this yet; the owner's answers are needed."
        )
    return RuleOutcome(Verdict.NEEDS_ANSWER, "The evidence found is not enough to decide.")


def _suggestions(findings: list[Finding]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for finding in findings:
        suggestions = finding.data.get("suggestions")
        if isinstance(suggestions, dict):
            for key, value in suggestions.items():
                merged.setdefault(str(key), str(value))
    return merged


def evaluate(
    standard: Standard,
    findings: list[Finding],
    definitions: dict[str, ProbeDefinition],
    answers: Answers,
    project_types: list[str],
) -> list[IndicatorResult]:
    _load_rule_modules()
    results = []
    for spec in standard.indicators:
        mine = [f for f in findings if definitions[f.probe].indicator == spec.id]
        item = RuleInput(spec, mine, definitions, answers, project_types)
        outcome = _RULES.get(spec.id, default_rule)(item)
        suggestions = _suggestions(mine)
        questions = []
        if outcome.verdict in (Verdict.NEEDS_ANSWER, Verdict.NOT_MET):
            questions = [
                Question(
                    id=spec.question_id(q.id),
                    text=q.text,
                    screening_field=q.screening_field,
                    suggestion=suggestions.get(q.id),
                )
                for q in open_questions(item)
            ]
        given = [
            Answer(question=spec.question_id(q.id), value=answers.get(spec.question_id(q.id)))
            for q in spec.questions
            if answers.answered(spec.question_id(q.id))
        ]
        remediation = [f.remediation for f in mine if f.remediation] + outcome.extra_remediation
        results.append(
            IndicatorResult(
                id=spec.id,
                title=spec.title,
                verdict=outcome.verdict,
                summary=outcome.summary,
                findings=mine,
                questions=questions,
                answers=given,
                remediation=list(dict.fromkeys(remediation)),
            )
        )
    return results


def overall_verdict(results: list[IndicatorResult]) -> Overall:
    ok = (Verdict.MET, Verdict.NOT_APPLICABLE)
    blocking = [result.id for result in results if result.verdict not in ok]
    return Overall(
        verdict=OverallVerdict.NOT_ELIGIBLE if blocking else OverallVerdict.ELIGIBLE,
        blocking=blocking,
        met=sum(1 for result in results if result.verdict in ok),
        total=len(results),
    )

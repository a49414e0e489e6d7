"""Indicator 8: met when open standards and enough best practices are in evidence."""

from __future__ import annotations

from dpgkit.model import Outcome, Verdict
from dpgkit.rules.engine import RuleInput, RuleOutcome, default_rule, open_questions, rule
from dpgkit.wording import counted


@rule("8")
def standards_and_practices(item: RuleInput) -> RuleOutcome:
    standards = item.finding("open_standards_detected")
    practices = item.finding("best_practices_detected")
    if standards is None or practices is None:
        return default_rule(item)
    if not open_questions(item):
        return RuleOutcome(Verdict.MET, "Declared by the owner in the answers file.")
    if standards.outcome is Outcome.PASS and practices.outcome is Outcome.PASS:
        return RuleOutcome(
            Verdict.MET,
            f"{counted(len(standards.data.get('standards', [])), 'open standard')} and "
            f"{counted(len(practices.data.get('practices', [])), 'best practice')} are in "
            "evidence.",
        )
    missing = [
        name
        for name, finding in (("open standards", standards), ("best practices", practices))
        if finding.outcome is not Outcome.PASS
    ]
    return RuleOutcome(
        Verdict.NEEDS_ANSWER,
        f"Not enough evidence of {' and '.join(missing)}; list them and show adherence.",
    )

"""Indicator 2: evidence in the checkout decides; the owner's answer only settles what the scan cannot.

- an approved license found -> ``met`` (a conflict between declarations asks the owner which
  one applies, unless already answered);
- a license found but not approved, source-available, all rights reserved, a category
  mismatch, or no license at all -> ``not_met`` (an answer cannot replace a license file);
- a license file whose text matches nothing -> ``needs_answer``, ``met`` once the owner
  declares an approved license for it.
"""

from __future__ import annotations

from dpgkit.licenses.expressions import judge
from dpgkit.licenses.names import name_to_spdx
from dpgkit.model import Outcome, Verdict
from dpgkit.rules.engine import RuleInput, RuleOutcome, default_rule, rule
from dpgkit.standard import load_standard


def _declared_approved(item: RuleInput) -> str | None:
    answer = item.answer("licenses")
    values = answer if isinstance(answer, list) else [answer] if isinstance(answer, str) else []
    standard = load_standard()
    for value in values:
        spdx = name_to_spdx(str(value))
        if spdx and judge(spdx, standard).approved:
            return spdx
    return None


@rule("2")
def license_rule(item: RuleInput) -> RuleOutcome:
    main = item.finding("license_file_identified")
    if main is None:
        return default_rule(item)
    if main.outcome is Outcome.PASS:
        conflict = item.finding("license_declarations_consistent")
        if conflict is not None and conflict.outcome is Outcome.FAIL:
            if item.answers.answered(item.spec.question_id("licenses")):
                return RuleOutcome(
                    Verdict.MET,
                    f"{main.message} Declarations disagree; the owner declared which applies.",
                )
            return RuleOutcome(
                Verdict.NEEDS_ANSWER,
                f"{conflict.message} Which license applies? Fix the declarations or answer below.",
            )
        notes = [
            finding.message
            for finding in item.findings
            if finding.probe in {"license_declarations_valid", "license_category_fits"}
            and finding.outcome is Outcome.FAIL
        ]
        summary = main.message + (f" Note: {notes[0]}" if notes else "")
        return RuleOutcome(Verdict.MET, summary)
    if main.outcome is Outcome.UNKNOWN:
        declared = _declared_approved(item)
        if declared:
            return RuleOutcome(
                Verdict.MET,
                f"Declared by the owner: {declared}. {main.message}",
            )
        return RuleOutcome(Verdict.NEEDS_ANSWER, main.message)
    return RuleOutcome(Verdict.NOT_MET, main.message)

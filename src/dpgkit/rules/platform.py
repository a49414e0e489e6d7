"""Indicator 4: a closed platform at the core is not met; an unclear closed component asks."""

from __future__ import annotations

from dpgkit.model import Outcome, Verdict
from dpgkit.rules.engine import RuleInput, RuleOutcome, default_rule, rule


@rule("4")
def platform_independence(item: RuleInput) -> RuleOutcome:
    closed = item.finding("closed_components")
    inventory = item.finding("dependency_inventory")
    if closed is None:
        return default_rule(item)
    if closed.outcome is Outcome.FAIL:
        return RuleOutcome(Verdict.NOT_MET, closed.message)
    declared = item.answers.answered(item.spec.question_id("closed_components"))
    alternatives = item.answers.answered(item.spec.question_id("open_alternatives"))
    if closed.outcome is Outcome.UNKNOWN:
        if item.answer("closed_components") == "No":
            return RuleOutcome(
                Verdict.MET, "Declared by the owner: no closed component is mandatory."
            )
        if declared and alternatives:
            return RuleOutcome(
                Verdict.MET, "Declared by the owner: open alternatives are described."
            )
        return RuleOutcome(Verdict.NEEDS_ANSWER, closed.message)
    if closed.outcome is Outcome.PASS:
        if inventory is not None and inventory.outcome is Outcome.UNKNOWN and not declared:
            return RuleOutcome(
                Verdict.NEEDS_ANSWER,
                "No closed component was found, but some manifests could not be read: "
                + inventory.message,
            )
        return RuleOutcome(Verdict.MET, closed.message)
    return default_rule(item)

"""Indicator 3: an owner named in the checkout is ``met``; one only inferred (git remote)
needs the owner's answer; nothing at all is ``not_met`` unless the owner declares one.

Content and data collections also need the owner's word that they own all of it (the
Standard's ``owns_all_content`` question): no scan can tell.
"""

from __future__ import annotations

from dpgkit.model import Outcome, Verdict
from dpgkit.rules.engine import RuleInput, RuleOutcome, applicable_questions, default_rule, rule


@rule("3")
def ownership_rule(item: RuleInput) -> RuleOutcome:
    main = item.finding("owner_identified")
    if main is None:
        return default_rule(item)
    owner_answered = item.answers.answered(item.spec.question_id("owner"))
    if main.outcome is Outcome.FAIL:
        if owner_answered:
            return RuleOutcome(
                Verdict.NEEDS_ANSWER,
                "Declared by the owner, but nothing in the checkout names the owner; add a copyright line or GOVERNANCE.md.",
            )
        return RuleOutcome(Verdict.NOT_MET, main.message)
    if main.outcome is not Outcome.PASS and not owner_answered:
        return RuleOutcome(Verdict.NEEDS_ANSWER, main.message)
    collection = [q for q in applicable_questions(item) if q.id == "owns_all_content"]
    if collection:
        answer = item.answer("owns_all_content")
        if answer is None:
            return RuleOutcome(
                Verdict.NEEDS_ANSWER,
                f"{main.message} For a content or data collection, the owner must confirm owning all of it.",
            )
        if answer == "No":
            return RuleOutcome(
                Verdict.NEEDS_ANSWER,
                "The owner declared not owning all the content or data: document the rights to the rest (licenses, permissions).",
            )
    if main.outcome is Outcome.PASS:
        return RuleOutcome(Verdict.MET, main.message)
    return RuleOutcome(Verdict.MET, f"Declared by the owner. {main.message}")

"""Indicator 1: relevance to the Sustainable Development Goals.

``met`` when the project's own words give strong, specific evidence for at least one SDG,
or when the owner has answered both SDG questions (declared); ``needs_answer`` otherwise,
with the suggested goals, targets and sentences pre-filled. A project that presents itself
as a general-purpose developer tool is flagged as unlikely to qualify, with the reason,
and needs the owner's answers whatever the classifier found.
"""

from __future__ import annotations

from dpgkit.model import Outcome, Verdict
from dpgkit.rules.engine import RuleInput, RuleOutcome, open_questions, rule


@rule("1")
def sdg_relevance_rule(item: RuleInput) -> RuleOutcome:
    relevance = item.finding("sdg_relevance")
    tool = item.finding("sdg_general_purpose_tool")
    flagged = tool is not None and tool.outcome is Outcome.FAIL
    answered = not open_questions(item)
    if flagged and tool is not None:
        if answered:
            return RuleOutcome(
                Verdict.MET,
                "Declared by the owner in the answers file; note: " + tool.message,
            )
        return RuleOutcome(Verdict.NEEDS_ANSWER, "Unlikely to qualify: " + tool.message)
    if relevance is not None and relevance.outcome is Outcome.PASS:
        return RuleOutcome(Verdict.MET, relevance.message)
    if answered:
        return RuleOutcome(Verdict.MET, "Declared by the owner in the answers file.")
    if relevance is not None:
        return RuleOutcome(Verdict.NEEDS_ANSWER, relevance.message)
    return RuleOutcome(Verdict.NEEDS_ANSWER, "The SDG relevance could not be assessed.")

"""Indicator 1: relevance to the Sustainable Development Goals.

``met`` when the project's own words give strong, specific evidence for at least one SDG
(high confidence), or when the owner has answered both SDG questions (declared);
``needs_answer`` otherwise, with the proposed goals, targets and sentences pre-filled. The
wording follows the analysis's confidence (high: strong and specific; medium: points to;
low: weak), so a strong score is never called weak. A project that presents itself as a
general-purpose developer tool or library is flagged as unlikely to qualify (the "not
SDG-specific" question), with the reason, and needs the owner's answers whatever the
classifier found. The owner's declared SDGs always win; the summary shows them beside the
scan's proposal.
"""

from __future__ import annotations

from dpgkit.model import Outcome, Verdict
from dpgkit.rules.engine import RuleInput, RuleOutcome, open_questions, rule


@rule("1")
def sdg_relevance_rule(item: RuleInput) -> RuleOutcome:
    relevance = item.finding("sdg_relevance")
    declared = relevance.data.get("declared") if relevance is not None else None
    beside = _beside(relevance.data) if relevance is not None and declared else ""
    tool = item.finding("sdg_general_purpose_tool")
    flagged = tool is not None and tool.outcome is Outcome.FAIL
    answered = not open_questions(item)
    if flagged and tool is not None:
        if answered:
            return RuleOutcome(
                Verdict.MET,
                "Declared by the owner in the answers file" + beside + "; note: " + tool.message,
            )
        return RuleOutcome(Verdict.NEEDS_ANSWER, "Unlikely to qualify: " + tool.message)
    if answered:
        return RuleOutcome(Verdict.MET, "Declared by the owner in the answers file" + beside + ".")
    if relevance is not None and relevance.outcome is Outcome.PASS:
        return RuleOutcome(Verdict.MET, relevance.message)
    if relevance is not None:
        return RuleOutcome(Verdict.NEEDS_ANSWER, relevance.message)
    return RuleOutcome(Verdict.NEEDS_ANSWER, "The SDG relevance could not be assessed.")


def _beside(data: dict[str, object]) -> str:
    """ "(SDG 3, 4; the scan proposes SDG 3 (high), SDG 10 (low))" """
    declared = data.get("declared")
    goals = data.get("sdgs")
    if not isinstance(declared, list) or not declared:
        return ""
    proposed = []
    if isinstance(goals, list):
        for goal in goals:
            if isinstance(goal, dict):
                proposed.append(f"SDG {goal.get('sdg')} ({goal.get('confidence')})")
    owner = ", ".join(f"SDG {number}" for number in declared)
    return f": {owner}; the scan proposes {', '.join(proposed) or 'none'}"

"""Indicator 1 probes: which SDGs the project's own words serve, and whether it is a dev tool.

The shared analysis (one classification per assessment) gathers what the project says of
itself and hands it to ``dpgkit.sdg.project``; it also fills the assessment's ``sdgs[]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Result, failed, passed, unknown
from dpgkit.model import Location
from dpgkit.probes.registry import probe
from dpgkit.sdg.answer import Relevance
from dpgkit.sdg.passages import declared_sdgs, relevance

if TYPE_CHECKING:
    from dpgkit.sdg.classifier import SdgClassifier


def _classifier() -> SdgClassifier:
    # Imported when a probe runs: the relevance analysis has loaded it (and numpy) by then.
    from dpgkit.sdg.classifier import load_classifier

    return load_classifier()


def _goal_name(goal: int, language: str) -> str:
    return _classifier().goal_title(goal, language)


def _suggestions(found: Relevance) -> dict[str, str]:
    if not found.goals:
        return {}
    classifier = _classifier()
    language = found.language
    # The pre-filled answer: the best goal, and the others the analysis is not unsure of.
    chosen = [g for rank, g in enumerate(found.goals) if rank == 0 or g.confidence != "low"]
    names = ", ".join(f"SDG {g.sdg} ({_goal_name(g.sdg, language)})" for g in chosen)
    explanations = []
    for goal in chosen:
        target = goal.targets[0] if goal.targets else None
        words = f"SDG {goal.sdg}"
        if target:
            words += f", target {target} ({_clip(classifier.target_text(target, language), 160)})"
        if goal.support:
            words += ": " + " ".join(f"“{_clip(item.sentence, 240)}”" for item in goal.support[:2])
        explanations.append(words)
    return {"sdgs": names, "sdg_evidence": "\n".join(explanations)}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _locations(found: Relevance, strong_only: bool) -> list[Location]:
    locations: list[Location] = []
    for goal in found.goals:
        if strong_only and not goal.strong:
            continue
        for item in goal.support[:2]:
            if item.path:
                locations.append(
                    Location(path=item.path, line=item.line, excerpt=_clip(item.sentence, 200))
                )
    return locations[:6]


def _summary(found: Relevance, strong_only: bool) -> str:
    goals = [g for g in found.goals if g.strong or not strong_only]
    return "; ".join(
        f"SDG {g.sdg} {_goal_name(g.sdg, 'en')} (score {g.score:.2f}, {g.confidence} confidence"
        + (f", targets {', '.join(g.targets[:2])}" if g.targets else "")
        + ")"
        for g in goals
    )


def _data(found: Relevance, declared: list[int]) -> dict[str, Any]:
    return {
        "sdgs": [
            {
                "sdg": g.sdg,
                "score": round(g.score, 4),
                "strong": g.strong,
                "confidence": g.confidence,
                "targets": g.targets,
                "evidence": [
                    {
                        "sentence": item.sentence,
                        "path": item.path,
                        "line": item.line,
                        "language": item.language,
                    }
                    for item in g.support[:1]
                ],
            }
            for g in found.goals
        ],
        "declared": declared,
        "confidence": found.confidence,
        "language": found.language,
        "sources": found.sources,
    }


def _declared_note(found: Relevance, declared: list[int]) -> str:
    """The owner's goals (which win) beside the scan's proposal."""
    if not declared:
        return ""
    proposed = ", ".join(f"SDG {g.sdg} ({g.confidence})" for g in found.goals) or "none"
    return (
        f" The owner declares {', '.join(f'SDG {n}' for n in declared)}, which the "
        f"nomination uses; the scan proposes {proposed}."
    )


@probe("sdg_relevance")
def sdg_relevance(ctx: ProbeContext) -> Result:
    found = ctx.derive(relevance)
    declared = declared_sdgs(ctx)
    data = _data(found, declared)
    note = _declared_note(found, declared)
    if found.words == 0:
        return unknown(
            "The project says nothing of itself yet (no README, description or answers), "
            "so no SDG can be recognised." + note,
            **data,
        )
    # One set of words for one set of thresholds (dpgkit.sdg.project): high confidence is
    # "strong and specific", medium "points to", low "weak"; a goal is never called weak
    # with a medium or high score.
    if found.strong:
        result = passed(
            f"Strong, specific evidence in the project's own words: {_summary(found, True)}."
            + note,
            _locations(found, True),
            **data,
        )
    elif found.goals and found.confidence == "medium":
        result = unknown(
            f"The project's words point to {_summary(found, False)}, but fewer than two of "
            "its own sentences say so specifically. The suggested answers below start from "
            "the sentences found." + note,
            _locations(found, False),
            **data,
        )
    elif found.goals:
        result = unknown(
            "The SDG evidence is weak: the project's words lean towards "
            f"{_summary(found, False)}. The suggested answers below start from the "
            "sentences found." + note,
            _locations(found, False),
            **data,
        )
    else:
        result = unknown(
            "No Sustainable Development Goal stands out in the project's own words." + note,
            **data,
        )
    result.suggestions = _suggestions(found)
    return result


@probe("sdg_general_purpose_tool")
def sdg_general_purpose_tool(ctx: ProbeContext) -> Result:
    found = ctx.derive(relevance)
    tool = found.developer_tool
    if tool is None:
        return passed("The project does not present itself as a general-purpose developer tool.")
    location = Location(path=tool.path, line=tool.line, excerpt=_clip(tool.phrase, 200))
    domain = ""
    if found.strong:
        goals = ", ".join(f"SDG {goal.sdg}" for goal in found.strong)
        domain = f" Its words also point to {goals}: the answers should show that direct link."
    return failed(
        f"The project presents itself as {tool.reason} (“{tool.phrase}”): general-purpose "
        "developer tools whose relevance to the SDGs is only indirect are unlikely to qualify."
        + domain,
        [location],
        reason=tool.reason,
        phrase=tool.phrase,
    )

"""Indicator 1 probes: which SDGs the project's own words serve, and whether it is a dev tool.

The shared analysis (one classification per assessment) gathers what the project says of
itself and hands it to ``dpgkit.sdg.project``; it also fills the assessment's ``sdgs[]``.
"""

from __future__ import annotations

from typing import Any

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Result, failed, passed, unknown
from dpgkit.model import Location
from dpgkit.probes.registry import probe
from dpgkit.sdg import load_classifier
from dpgkit.sdg.passages import relevance
from dpgkit.sdg.project import Relevance


def _goal_name(goal: int, language: str) -> str:
    return load_classifier().goal_title(goal, language)


def _suggestions(found: Relevance) -> dict[str, str]:
    if not found.goals:
        return {}
    classifier = load_classifier()
    language = found.language
    names = ", ".join(f"SDG {g.sdg} ({_goal_name(g.sdg, language)})" for g in found.goals)
    explanations = []
    for goal in found.goals:
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
        f"SDG {g.sdg} {_goal_name(g.sdg, 'en')} (score {g.score:.2f}"
        + (f", targets {', '.join(g.targets[:2])}" if g.targets else "")
        + ")"
        for g in goals
    )


@probe("sdg_relevance")
def sdg_relevance(ctx: ProbeContext) -> Result:
    found = ctx.derive(relevance)
    data: dict[str, Any] = {
        "sdgs": [
            {"sdg": g.sdg, "score": g.score, "strong": g.strong, "targets": g.targets}
            for g in found.goals
        ],
        "language": found.language,
    }
    if found.words == 0:
        result = unknown(
            "The project says nothing of itself yet (no README, description or answers), "
            "so no SDG can be recognised.",
            **data,
        )
        return result
    if found.strong:
        result = passed(
            f"Strong, specific evidence in the project's own words: {_summary(found, True)}.",
            _locations(found, True),
            **data,
        )
    elif found.goals:
        result = unknown(
            "The SDG evidence is weak: the project's words lean towards "
            f"{_summary(found, False)}, but not strongly and specifically enough. "
            "The suggested answers below start from the sentences found.",
            _locations(found, False),
            **data,
        )
    else:
        result = unknown(
            "No Sustainable Development Goal stands out in the project's own words.", **data
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

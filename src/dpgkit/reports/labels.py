"""Words shared by every human-readable report, so the formats never disagree."""

from __future__ import annotations

from typing import Any

from dpgkit.model import Outcome, Verdict

VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.MET: "met",
    Verdict.NOT_MET: "not met",
    Verdict.NEEDS_ANSWER: "needs answer",
    Verdict.NOT_APPLICABLE: "not applicable",
}
VERDICT_SYMBOLS: dict[Verdict, str] = {
    Verdict.MET: "✔",
    Verdict.NOT_MET: "✘",
    Verdict.NEEDS_ANSWER: "?",
    Verdict.NOT_APPLICABLE: "–",
}
OUTCOME_SYMBOLS: dict[Outcome, str] = {
    Outcome.PASS: "✔",
    Outcome.FAIL: "✘",
    Outcome.UNKNOWN: "?",
    Outcome.NOT_APPLICABLE: "–",
}
DECLARED = "declared by the owner"


def answer_text(value: Any) -> str:
    """An owner's answer as a person writes it: list items joined by "; ", never ['a', 'b']."""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)

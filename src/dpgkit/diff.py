"""Progress over time: what changed between two assessments of the same project.

Indicators are compared by id and findings by (indicator, probe). A change towards "met"
(or "pass") is ``fixed``; away from it is ``regressed``; a step forward that does not yet
reach it (not met -> needs answer) is ``improved``; a line only in the newer assessment is
``new`` and one only in the older is ``gone``.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from dpgkit.model import Assessment, Finding, Outcome, Verdict

_VERDICT_RANK = {
    Verdict.NOT_MET: 0,
    Verdict.NEEDS_ANSWER: 1,
    Verdict.MET: 2,
    Verdict.NOT_APPLICABLE: 2,
}
_OUTCOME_RANK = {Outcome.FAIL: 0, Outcome.UNKNOWN: 1, Outcome.PASS: 2, Outcome.NOT_APPLICABLE: 2}
_GOOD = 2


class Change(StrEnum):
    FIXED = "fixed"
    IMPROVED = "improved"
    REGRESSED = "regressed"
    NEW = "new"
    GONE = "gone"
    CHANGED = "changed"  # same standing, other words (met <-> not applicable)
    UNCHANGED = "unchanged"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Side(_Model):
    commit: str | None
    met: int
    total: int
    verdict: str
    standard_version: str


class IndicatorChange(_Model):
    id: str
    title: str
    old: Verdict | None
    new: Verdict | None
    change: Change


class FindingChange(_Model):
    indicator: str
    probe: str
    old: Outcome | None
    new: Outcome | None
    change: Change
    message: str = Field(description="The newer finding's message (the older one if gone).")


class AssessmentDiff(_Model):
    project: str
    old: Side
    new: Side
    indicators: list[IndicatorChange]
    findings: list[FindingChange]

    def count(self, change: Change) -> int:
        changes = [item.change for item in self.indicators] + [f.change for f in self.findings]
        return changes.count(change)

    @property
    def regressed(self) -> bool:
        return self.count(Change.REGRESSED) > 0


def _change(old_rank: int | None, new_rank: int | None, same: bool) -> Change:
    if old_rank is None:
        return Change.NEW
    if new_rank is None:
        return Change.GONE
    if new_rank > old_rank:
        return Change.FIXED if new_rank == _GOOD else Change.IMPROVED
    if new_rank < old_rank:
        return Change.REGRESSED
    return Change.UNCHANGED if same else Change.CHANGED


def _side(assessment: Assessment) -> Side:
    return Side(
        commit=assessment.project.commit,
        met=assessment.overall.met,
        total=assessment.overall.total,
        verdict=assessment.overall.verdict.value,
        standard_version=assessment.standard_version,
    )


def _findings(assessment: Assessment) -> dict[tuple[str, str], Finding]:
    return {
        (result.id, finding.probe): finding
        for result in assessment.indicators
        for finding in result.findings
    }


def diff_assessments(old: Assessment, new: Assessment) -> AssessmentDiff:
    old_results = {result.id: result for result in old.indicators}
    new_results = {result.id: result for result in new.indicators}
    indicators = []
    for indicator_id in dict.fromkeys([*old_results, *new_results]):
        before, after = old_results.get(indicator_id), new_results.get(indicator_id)
        shown = after or before
        old_verdict = before.verdict if before else None
        new_verdict = after.verdict if after else None
        indicators.append(
            IndicatorChange(
                id=indicator_id,
                title=shown.title if shown else indicator_id,
                old=old_verdict,
                new=new_verdict,
                change=_change(
                    _VERDICT_RANK[old_verdict] if old_verdict else None,
                    _VERDICT_RANK[new_verdict] if new_verdict else None,
                    old_verdict == new_verdict,
                ),
            )
        )
    old_findings, new_findings = _findings(old), _findings(new)
    findings = []
    for key in dict.fromkeys([*old_findings, *new_findings]):
        before_finding, after_finding = old_findings.get(key), new_findings.get(key)
        old_outcome = before_finding.outcome if before_finding else None
        new_outcome = after_finding.outcome if after_finding else None
        latest = after_finding or before_finding
        findings.append(
            FindingChange(
                indicator=key[0],
                probe=key[1],
                old=old_outcome,
                new=new_outcome,
                change=_change(
                    _OUTCOME_RANK[old_outcome] if old_outcome else None,
                    _OUTCOME_RANK[new_outcome] if new_outcome else None,
                    old_outcome == new_outcome,
                ),
                message=latest.message if latest else "",
            )
        )
    return AssessmentDiff(
        project=new.project.name,
        old=_side(old),
        new=_side(new),
        indicators=indicators,
        findings=findings,
    )

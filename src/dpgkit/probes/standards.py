"""Indicator 8: open standards and best practices, found with the detectors of a data file.

The detectors live in ``dpgkit/data/open_standards.yaml``; this module runs them once
(``ctx.derive(standards_evidence)``) and turns what they find into the lists a reviewer
expects (the screening's standardsList and bestPracticesList).
"""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Cited, Result, passed, unknown
from dpgkit.probes.registry import probe
from dpgkit.standards.evidence import Found, standards_evidence
from dpgkit.wording import counted


def _listing(found: list[Found]) -> str:
    items = []
    for item in found:
        where = item.locations[0]
        detail = item.note or f"{where.path}{f':{where.line}' if where.line else ''}"
        items.append(f"{item.detector.name} ({detail})")
    return "; ".join(items)


def _data(found: list[Found]) -> list[dict[str, object]]:
    return [
        {
            "id": f.detector.id,
            "name": f.detector.name,
            "category": f.detector.category,
            "note": f.note,
        }
        for f in found
    ]


def _cited(found: list[Found]) -> list[Cited]:
    """One entry per standard or practice, with the first place that shows it."""
    items = []
    for item in found:
        # Git tags are shown as ".git": no file to link to.
        files = [loc for loc in item.locations if loc.path.split("/")[0] != ".git"]
        where = files[0] if files else None
        items.append(
            Cited(
                item.detector.name,
                path=where.path if where else None,
                line=where.line if where else None,
            )
        )
    return items


@probe("open_standards_detected")
def open_standards_detected(ctx: ProbeContext) -> Result:
    evidence = ctx.derive(standards_evidence)
    if not evidence.standards:
        return unknown(
            "No open standard was recognised in the code, configuration or documentation."
        )
    locations = [loc for item in evidence.standards for loc in item.locations[:2]]
    result = passed(
        f"{counted(len(evidence.standards), 'open standard')} in evidence: "
        f"{_listing(evidence.standards)}.",
        locations,
        standards=_data(evidence.standards),
        catalog_version=evidence.catalog_version,
    )
    result.suggestions = {
        "open_standards": "; ".join(item.detector.name for item in evidence.standards)
    }
    result.items = {"open_standards": _cited(evidence.standards)}
    return result


MIN_PRACTICES = 3


@probe("best_practices_detected")
def best_practices_detected(ctx: ProbeContext) -> Result:
    evidence = ctx.derive(standards_evidence)
    missing = [
        d.name
        for d in evidence.missing_practices
        if d.id not in {"digital-principles", "openssf", "twelve-factor-config", "static-analysis"}
    ]
    locations = [loc for item in evidence.practices for loc in item.locations[:2]]
    data = {"practices": _data(evidence.practices), "missing": missing}
    if len(evidence.practices) < MIN_PRACTICES:
        result = unknown(
            f"Only {counted(len(evidence.practices), 'best practice')} in evidence"
            + (f": {_listing(evidence.practices)}" if evidence.practices else "")
            + ".",
            locations,
            **data,
        )
    else:
        result = passed(
            f"{counted(len(evidence.practices), 'best practice')} in evidence: "
            f"{_listing(evidence.practices)}.",
            locations,
            **data,
        )
    if evidence.practices:
        result.suggestions = {
            "best_practices": "; ".join(item.detector.name for item in evidence.practices)
        }
        result.items = {"best_practices": _cited(evidence.practices)}
    if missing:
        result.remediation = "Not yet in evidence: " + ", ".join(missing) + "."
        if result.outcome.value == "pass":
            # A pass carries no remediation in the report; keep the gaps in the data.
            data["remediation"] = result.remediation
    return result

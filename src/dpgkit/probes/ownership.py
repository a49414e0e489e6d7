"""Indicator 3 probes: who owns the project (``dpgkit.ownership``), and whether ownership
is documented.
"""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Result, failed, not_applicable, passed, unknown
from dpgkit.model import Location
from dpgkit.ownership.analysis import Candidate, ownership_analysis
from dpgkit.probes.registry import probe


def _locations(candidate: Candidate) -> list[Location]:
    return [
        Location(path=e.path, line=e.line, excerpt=e.excerpt or None)
        for e in candidate.evidence[:5]
        if e.kind != "git_remote"
    ]


@probe("owner_identified")
def owner_identified(ctx: ProbeContext) -> Result:
    ownership = ctx.derive(ownership_analysis)
    top = ownership.top
    data = {"candidates": [c.as_dict() for c in ownership.candidates[:10]]}
    if top is None:
        return failed(
            "Nothing in the checkout names an owner (no copyright statement, AUTHORS, "
            "GOVERNANCE, manifest author or publiccode.yml owner).",
            (),
            **data,
        )
    explicit = [c for c in ownership.candidates if c.explicit]
    if not explicit:
        result = unknown(
            f"The owner is only inferred: “{top.name}” from the git remote; no document names an owner.",
            (),
            **data,
        )
        result.suggestions = {"owner": top.name}
        return result
    best = explicit[0]
    sources = ", ".join(sorted({e.kind.replace("_", " ") for e in best.evidence}))
    others = [c.name for c in explicit[1:4]]
    message = (
        f"Owner named: {best.name} ({sources})"
        + (f"; also named: {', '.join(others)}" if others else "")
        + "."
    )
    evidence_paths = [e.path for e in best.evidence if e.kind != "git_remote"]
    result = passed(message, _locations(best), **data)
    result.suggestions = {"owner": best.name}
    if evidence_paths:
        result.suggestions["ownership_evidence"] = evidence_paths[0]
    return result


@probe("ownership_documented")
def ownership_documented(ctx: ProbeContext) -> Result:
    ownership = ctx.derive(ownership_analysis)
    if ownership.documents:
        return passed(
            "Ownership documents: " + ", ".join(d.path for d in ownership.documents[:5]) + ".",
            [
                Location(path=d.path, line=d.line, excerpt=d.excerpt or None)
                for d in ownership.documents[:5]
            ],
            trademark_policies=ownership.trademark_files,
        )
    return not_applicable(
        "No GOVERNANCE or trademark policy file (optional, but reviewers value it)."
    )

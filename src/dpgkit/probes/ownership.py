"""Indicator 3 probes: who owns the project (``dpgkit.ownership``), and whether ownership
is documented.
"""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Cited, Result, failed, not_applicable, passed, unknown
from dpgkit.model import Location
from dpgkit.ownership.analysis import WEIGHTS, Candidate, ownership_analysis
from dpgkit.probes.registry import probe

_EVIDENCE_TITLES = {
    "publiccode": "publiccode.yml owner",
    "governance": "Governance",
    "license_copyright": "Copyright statement",
    "notice_copyright": "Copyright notice",
    "trademark": "Trademark policy",
    "manifest_organisation": "Package manifest",
    "manifest_author": "Package manifest",
    "maintainers": "Maintainers",
    "codeowners": "Code owners",
    "authors": "Authors",
    "header_copyright": "Copyright header",
}


def _ownership_items(candidate: Candidate) -> list[Cited]:
    """The documents naming the owner, strongest kind first (a LICENSE copyright line before
    a file header); the analysis reads only the project's own files."""
    ranked = sorted(
        (e for e in candidate.evidence if e.kind in _EVIDENCE_TITLES),
        key=lambda e: -WEIGHTS[e.kind],
    )
    seen: dict[str, Cited] = {}
    for e in ranked:
        seen.setdefault(e.path, Cited(_EVIDENCE_TITLES[e.kind], path=e.path, line=e.line))
    return list(seen.values())


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
    items = _ownership_items(best)
    result = passed(message, _locations(best), **data)
    result.suggestions = {"owner": best.name}
    if items:
        result.suggestions["ownership_evidence"] = str(items[0].path)
        result.items = {"ownership_evidence": items}
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

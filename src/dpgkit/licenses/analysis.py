"""The project's license analysis: every declaration found, and the project's license judged
once (``ctx.derive(license_analysis)``); ``license_entries`` is the Assessment's licenses[].
"""

from __future__ import annotations

from dataclasses import dataclass

from dpgkit.analysis.context import ProbeContext
from dpgkit.licenses.declarations import (
    HEADERS,
    Declarations,
    StatedDeclarations,
    find_declarations,
    stated_declarations,
)
from dpgkit.licenses.expressions import judge
from dpgkit.licenses.verdict import ProjectLicense, project_license
from dpgkit.model import LicenseEntry


@dataclass
class LicenseAnalysis:
    declarations: Declarations
    project: ProjectLicense


def stated_licenses(ctx: ProbeContext) -> StatedDeclarations:
    """License files, manifests, REUSE and the README: derived while the pass runs."""
    return stated_declarations(ctx.inventory, ctx.facts.readme)


def license_analysis(ctx: ProbeContext) -> LicenseAnalysis:
    declarations = find_declarations(
        ctx.inventory, ctx.facts.readme, ctx.scanned(HEADERS), ctx.derive(stated_licenses)
    )
    return LicenseAnalysis(
        declarations, project_license(declarations, ctx.standard, ctx.facts.types)
    )


def license_entries(ctx: ProbeContext) -> list[LicenseEntry]:
    analysis = ctx.derive(license_analysis)
    declarations = analysis.declarations
    entries = []
    for declaration in [
        *declarations.files,
        *declarations.manifests,
        *declarations.reuse,
        *declarations.readme,
        *declarations.pages,
        *declarations.headers.tags.values(),
        *declarations.headers.notices.values(),
    ]:
        if declaration.spdx is None and declaration.scope != "project":
            continue
        if declaration.kind in {"reference", "mention"}:
            continue
        judgement = judge(declaration.spdx, ctx.standard) if declaration.spdx else None
        categories = sorted(judgement.categories) if judgement else []
        entries.append(
            LicenseEntry(
                spdx=declaration.spdx,
                path=declaration.path,
                line=declaration.line,
                category=categories[0] if categories else None,
                approved=bool(judgement and judgement.approved),
                score=round(declaration.score, 4) if declaration.spdx else 0.0,
                source=declaration.source
                if declaration.scope != "vendored"
                else f"{declaration.source} (vendored)",
            )
        )
    return entries

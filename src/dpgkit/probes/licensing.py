"""Indicator 2 probes: the project's own license, identified everywhere it is declared.

One shared analysis (``license_analysis``) finds every declaration and judges the project's
license once; each probe reports one side of it.
"""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Result, failed, not_applicable, passed, unknown
from dpgkit.licenses.analysis import license_analysis
from dpgkit.licenses.declarations import Declaration
from dpgkit.licenses.expressions import judge
from dpgkit.model import Location
from dpgkit.probes.registry import probe
from dpgkit.wording import counted


def _location(ctx: ProbeContext, declaration: Declaration) -> Location:
    location = ctx.location(declaration.path, declaration.line)
    if location.excerpt is None and declaration.raw:
        location.excerpt = declaration.raw
    return location


@probe("license_file_identified")
def license_file_identified(ctx: ProbeContext) -> Result:
    analysis = ctx.derive(license_analysis)
    project = analysis.project
    locations = [_location(ctx, d) for d in project.evidence[:5]]
    data = {
        "status": project.status,
        "expression": project.expression,
        "categories": sorted(project.categories),
    }
    if project.approved:
        result = passed(project.message, locations, **data)
        result.suggestions = {"licenses": project.expression or ""}
        return result
    if project.status in {"unidentified", "unconfirmed"}:
        result = unknown(project.message, locations, **data)
        if project.expression:
            result.suggestions = {"licenses": project.expression}
        return result
    result = failed(project.message, locations, **data)
    if project.expression:
        result.suggestions = {"licenses": project.expression}
    return result


@probe("license_declarations_consistent")
def license_declarations_consistent(ctx: ProbeContext) -> Result:
    project = ctx.derive(license_analysis).project
    if project.conflicts:
        left, right = project.conflicts[0]
        return failed(
            f"The license declarations disagree: {left.path} says {left.spdx}, "
            f"{right.path} says {right.spdx}.",
            [_location(ctx, d) for pair in project.conflicts[:3] for d in pair],
            conflicts=[[left.spdx, right.spdx] for left, right in project.conflicts],
        )
    declared = [d for d in project.evidence if d.spdx]
    if len(declared) < 2:
        return not_applicable("Fewer than two top-level license declarations to compare.")
    return passed(
        f"{len(declared)} top-level declarations agree ({project.expression}).",
        [_location(ctx, d) for d in declared[:5]],
    )


@probe("license_declarations_valid")
def license_declarations_valid(ctx: ProbeContext) -> Result:
    """Name-only license files, empty ones, broken manifests and malformed expressions."""
    declarations = ctx.derive(license_analysis).declarations
    troubled = [
        d
        for d in [
            *declarations.project_files(),
            *declarations.manifests,
            *declarations.reuse,
            *declarations.headers.bad_tags,
        ]
        if d.problem
        and d.kind
        in {
            "name_only",
            "partial_text",
            "stated",
            "empty",
            "binary",
            "invalid_expression",
            "unparsable",
        }
    ]
    if not troubled:
        return passed("Every license declaration can be read and parsed.")
    first = troubled[0]
    return failed(
        f"{first.path}: {first.problem}"
        + (f" (and {len(troubled) - 1} more)" if len(troubled) > 1 else "")
        + ".",
        [_location(ctx, d) for d in troubled[:10]],
        problems=[{"path": d.path, "line": d.line, "problem": d.problem} for d in troubled[:20]],
    )


@probe("license_category_fits")
def license_category_fits(ctx: ProbeContext) -> Result:
    project = ctx.derive(license_analysis).project
    if not project.expression:
        return not_applicable("No license identified to compare with the project's type.")
    if project.status == "category_mismatch":
        return failed(project.message, [_location(ctx, d) for d in project.evidence[:3]])
    category_warnings = [w for w in project.warnings if "license for a" in w or "fits better" in w]
    if category_warnings:
        return failed(category_warnings[0], [_location(ctx, d) for d in project.evidence[:3]])
    types = ", ".join(ctx.facts.types)
    return passed(f"{project.expression} fits the project's type ({types}).")


@probe("component_licenses")
def component_licenses(ctx: ProbeContext) -> Result:
    """Nested and vendored license files and per-file tags: parts, reported apart."""
    declarations = ctx.derive(license_analysis).declarations
    parts = [d for d in declarations.files if d.scope != "project"]
    tagged = [*declarations.headers.tags.values(), *declarations.headers.notices.values()]
    if not parts and not tagged:
        return not_applicable("No nested, vendored or per-file license declarations.")
    doubtful = []
    for declaration in [*parts, *tagged]:
        if declaration.spdx and not judge(declaration.spdx, ctx.standard).approved:
            doubtful.append(declaration)
    summary = (
        f"{counted(len(parts), 'nested or vendored license file')}, "
        f"{counted(sum(d.count for d in tagged), 'file header')} with a license tag or notice"
    )
    listing = [
        {"path": d.path, "spdx": d.spdx, "scope": d.scope, "count": d.count}
        for d in [*parts, *tagged][:50]
    ]
    if doubtful:
        names = ", ".join(sorted({d.spdx or "" for d in doubtful}))
        return failed(
            f"{summary}; not on the approved list: {names}.",
            [_location(ctx, d) for d in doubtful[:10]],
            components=listing,
        )
    return passed(
        f"{summary}; all approved or unidentified.",
        [_location(ctx, d) for d in [*parts, *tagged][:5]],
        components=listing,
    )

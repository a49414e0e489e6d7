"""Indicator 4, platform independence: dependencies, closed components, open alternatives."""

from __future__ import annotations

from collections import Counter

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Result, failed, not_applicable, passed, unknown
from dpgkit.deps import Scope, dependency_report
from dpgkit.deps.closed import ClosedReport, FoundComponent, alternatives_of, closed_components
from dpgkit.model import Location
from dpgkit.probes.registry import probe
from dpgkit.wording import counted

_MAX_LISTED = 1000


@probe("dependency_inventory")
def dependency_inventory(ctx: ProbeContext) -> Result:
    report = ctx.derive(dependency_report)
    direct = report.direct()
    scopes = Counter(dep.scope.value for dep in direct)
    ecosystems = report.ecosystems()
    data = {
        "manifests": report.manifests,
        "ecosystems": ecosystems,
        "scopes": dict(scopes),
        "dependencies": [
            {"purl": dep.purl, "scope": dep.scope.value, "path": dep.path, "line": dep.line}
            for dep in direct[:_MAX_LISTED]
        ],
        "problems": [{"path": p.path, "message": p.message} for p in report.problems],
    }
    summary = (
        f"{len(direct)} direct dependencies ({scopes.get('runtime', 0)} runtime, "
        f"{scopes.get('development', 0)} development, {scopes.get('optional', 0)} optional, "
        f"{scopes.get('build', 0)} build) in {counted(len(report.manifests), 'manifest')}"
        + (f" ({', '.join(ecosystems)})" if ecosystems else "")
    )
    locations = [Location(path=path) for path in report.manifests[:20]]
    if report.problems:
        problems = "; ".join(f"{p.path}: {p.message}" for p in report.problems[:5])
        result = unknown(
            f"{summary}. {counted(len(report.problems), 'manifest')} could not be read: "
            f"{problems}.",
            [Location(path=p.path, excerpt=p.message) for p in report.problems[:20] if p.path],
            **data,
        )
        return result
    if not report.manifests:
        return not_applicable("No dependency manifest was found.", **data)
    return passed(summary + ".", locations, **data)


def describe(item: FoundComponent) -> str:
    where = item.locations[0] if item.locations else None
    at = f" ({where.path}{f':{where.line}' if where and where.line else ''})" if where else ""
    return f"{item.component.name}{at}"


def _alternatives_text(items: list[FoundComponent]) -> str:
    parts = []
    for item in items:
        open_ones = ", ".join(alternatives_of(item))
        evidence = "; ".join(item.alternative_notes[:3])
        line = f"{item.component.name}: open alternatives {open_ones}"
        if evidence:
            line += f" (evidence: {evidence})"
        parts.append(line + ".")
    return " ".join(parts)


def _component_data(report: ClosedReport) -> dict[str, object]:
    return {
        "catalog_version": report.catalog_version,
        # Does a closed component restrict the product? True (proven mandatory), False (none,
        # or each replaceable or not needed to run), None (unclear: the owner is asked).
        "mandatory": report.mandatory,
        "components": [
            {
                "id": item.component.id,
                "name": item.component.name,
                "vendor": item.component.vendor,
                "category": item.component.category,
                "shipped": item.shipped,
                "mandatory": item.mandatory,
                "mandatory_reason": item.mandatory_reason,
                "scopes": sorted(scope.value for scope in item.scopes),
                "packages": [dep.purl for dep in item.dependencies],
                "files_using_it": len(item.code_files),
                "alternatives": list(alternatives_of(item)),
                "alternative_evidence": item.alternative_notes,
                "alternatives_wired": item.wired,
            }
            for item in report.found
        ],
    }


def _roles(items: list[FoundComponent]) -> str:
    return "; ".join(f"{describe(item)}: {item.mandatory_reason}" for item in items)


@probe("closed_components")
def closed_components_probe(ctx: ProbeContext) -> Result:
    report = ctx.derive(closed_components)
    data = _component_data(report)
    shipped = report.shipped()
    core = report.core()
    if core:
        names = ", ".join(f"{item.component.name} ({item.mandatory_reason})" for item in core)
        result = failed(
            f"The core is a client of a closed platform: {names}.",
            [loc for item in core for loc in item.locations[:3]],
            **data,
        )
        result.suggestions = {
            "closed_components": "Yes — " + _roles(core),
            "open_alternatives": _alternatives_text(shipped),
        }
        return result
    unclear = report.unclear()
    if unclear:
        names = "; ".join(describe(item) for item in unclear)
        result = unknown(
            f"Closed components were found and their role is unclear: {names}. "
            "Can the product run without them, and what open alternative replaces them?",
            [loc for item in unclear for loc in item.locations[:3]],
            **data,
        )
        # No Yes/No from a guess: the question stays the owner's, the alternatives pre-filled.
        result.suggestions = {
            "closed_components": "Unclear — " + _roles(unclear),
            "open_alternatives": _alternatives_text(unclear),
        }
        result.remediation = (
            "Make each of these optional or swappable, or document its open alternative: "
            + " ".join(
                f"{item.component.name} → {', '.join(alternatives_of(item))}." for item in unclear
            )
        )
        return result
    replaceable = report.replaceable()
    others = [item for item in report.found if not item.shipped]
    note = ""
    if others:
        kinds = ", ".join(
            f"{item.component.name} ({'optional' if item.optional_only else 'development only'})"
            for item in others
        )
        note = f" Closed components found only as optional or development dependencies: {kinds}."
    if not replaceable:
        result = passed(
            "No mandatory closed component was found in the dependencies, code or configuration."
            + note,
            [loc for item in others for loc in item.locations[:2]],
            **data,
        )
        result.suggestions = {"closed_components": "No"}
        return result
    result = passed(
        "Closed components were found, none of them mandatory: " + _roles(replaceable) + "." + note,
        [loc for item in replaceable for loc in item.locations[:3]],
        **data,
    )
    result.suggestions = {
        "closed_components": "No — " + _roles(replaceable),
        "open_alternatives": _alternatives_text(replaceable),
    }
    return result


@probe("closed_component_alternatives")
def closed_component_alternatives(ctx: ProbeContext) -> Result:
    report = ctx.derive(closed_components)
    mandatory = report.shipped()
    if not mandatory:
        return not_applicable("No closed component is shipped, so no alternative is needed.")
    evidence = [loc for item in mandatory for loc in item.alternatives]
    unique = list({(loc.path, loc.line): loc for loc in evidence}.values())[:20]
    missing = [item for item in mandatory if not item.alternatives]
    notes = sorted({note for item in mandatory for note in item.alternative_notes})
    if not missing:
        return passed(
            "Open alternatives are in evidence: " + "; ".join(notes[:6]) + ".",
            unique,
            evidence=notes,
        )
    result = unknown(
        "No evidence that these can be replaced by an open alternative: "
        + ", ".join(item.component.name for item in missing)
        + ".",
        unique,
        evidence=notes,
        missing=[item.component.id for item in missing],
    )
    if any(Scope.RUNTIME in item.scopes for item in missing):
        result.remediation = (
            "Add a provider setting or a second, open backend for: "
            + "; ".join(
                f"{item.component.name} (for example {', '.join(alternatives_of(item)[:3])})"
                for item in missing
            )
            + ". Document in the README how to run the product with the open alternative."
        )
    return result

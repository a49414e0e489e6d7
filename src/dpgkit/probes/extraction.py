"""Indicator 6: non-personal data can be extracted and imported in open formats."""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Result, failed, not_applicable, passed, unknown
from dpgkit.deps.signals import data_signals, open_format_names
from dpgkit.probes.registry import probe
from dpgkit.standards.evidence import standards_evidence


@probe("extraction_api")
def extraction_api(ctx: ProbeContext) -> Result:
    evidence = ctx.derive(standards_evidence)
    specs = [
        found for found in (evidence.standard("openapi"), evidence.standard("graphql")) if found
    ]
    if specs:
        names = " and ".join(found.detector.name for found in specs)
        return passed(
            f"An {names} API is in evidence: data can be read through a documented, open interface.",
            [loc for found in specs for loc in found.locations[:3]],
        )
    signals = ctx.derive(data_signals)
    if signals.web:
        return unknown(
            "The product serves HTTP, but no OpenAPI or GraphQL description of its API was found.",
            signals.web[:3],
        )
    return not_applicable("No web API was found.")


@probe("extraction_export_features")
def extraction_export_features(ctx: ProbeContext) -> Result:
    signals = ctx.derive(data_signals)
    found = signals.exports
    if found:
        kinds = [
            label
            for label, hits in (
                ("export/import code", signals.export_code),
                ("export or import commands and modules", signals.export_files),
                ("documentation of export, import or dumps", signals.export_docs),
                ("CSV/JSON/GeoJSON reader and writer libraries", signals.export_packages),
            )
            if hits
        ]
        return passed(f"Export and import paths are in evidence: {', '.join(kinds)}.", found[:10])
    return unknown("No export or import feature (CSV, JSON, XML, GeoJSON, dumps) was found.")


@probe("extraction_data_formats")
def extraction_data_formats(ctx: ProbeContext) -> Result:
    signals = ctx.derive(data_signals)
    if not signals.open_data and not signals.proprietary_data:
        return not_applicable("No data files are shipped in the repository.")
    if signals.proprietary_data and not signals.open_data:
        return failed(
            "Data is shipped only in proprietary formats ("
            + ", ".join(open_format_names(signals.proprietary_data))
            + ").",
            signals.proprietary_data,
        )
    message = f"Data is shipped in open formats ({', '.join(open_format_names(signals.open_data))})"
    if signals.proprietary_data:
        message += (
            f", beside proprietary ones ({', '.join(open_format_names(signals.proprietary_data))})"
        )
    return passed(message + ".", signals.open_data + signals.proprietary_data)


@probe("stores_data")
def stores_data(ctx: ProbeContext) -> Result:
    signals = ctx.derive(data_signals)
    if signals.stores:
        result = passed(
            "The product stores data (database, ORM or migrations found).", signals.stores
        )
        result.suggestions = {"collects_non_pii": "Yes"}
        return result
    return not_applicable("No database, ORM or migrations were found.")

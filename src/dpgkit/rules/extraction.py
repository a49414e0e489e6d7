"""Indicator 6: an extraction path settles it; stored data without one asks the owner."""

from __future__ import annotations

from dpgkit.model import Outcome, Verdict
from dpgkit.rules.engine import (
    RuleInput,
    RuleOutcome,
    default_rule,
    gated_off,
    open_questions,
    rule,
)


@rule("6")
def data_extraction(item: RuleInput) -> RuleOutcome:
    if item.finding("stores_data") is None or gated_off(item) is not None:
        return default_rule(item)
    data_project = "data" in item.project_types
    holds_nothing = all(
        item.outcome(probe_id) in (Outcome.NOT_APPLICABLE, None)
        for probe_id in ("stores_data", "extraction_data_formats", "extraction_api")
    )
    if holds_nothing and open_questions(item):
        return RuleOutcome(
            Verdict.NOT_APPLICABLE,
            "No data store, data files or web API were found: the product does not seem to hold data.",
        )
    formats = item.finding("extraction_data_formats")
    if data_project and formats is not None and formats.outcome is Outcome.FAIL:
        return RuleOutcome(Verdict.NOT_MET, formats.message)
    paths = [
        finding.message
        for probe_id in ("extraction_export_features", "extraction_api")
        if (finding := item.finding(probe_id)) is not None and finding.outcome is Outcome.PASS
    ]
    if data_project and formats is not None and formats.outcome is Outcome.PASS:
        paths.append(formats.message)
    if paths:
        return RuleOutcome(Verdict.MET, " ".join(paths))
    if not open_questions(item):
        return RuleOutcome(Verdict.MET, "Declared by the owner in the answers file.")
    if (
        item.outcome("stores_data") is Outcome.PASS
        or item.outcome("extraction_data_formats") is not Outcome.NOT_APPLICABLE
    ):
        return RuleOutcome(
            Verdict.NEEDS_ANSWER,
            "The product stores or ships data, but no way to extract it in an open format was found.",
        )
    return RuleOutcome(
        Verdict.NOT_APPLICABLE,
        "No data store, data files or web API were found: the product does not seem to hold data.",
    )

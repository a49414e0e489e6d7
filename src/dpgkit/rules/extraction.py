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
    by_probe = {finding.probe: finding for finding in item.findings}
    if "stores_data" not in by_probe or gated_off(item) is not None:
        return default_rule(item)

    def outcome(probe_id: str) -> Outcome | None:
        finding = by_probe.get(probe_id)
        return finding.outcome if finding else None

    data_project = "data" in item.project_types
    holds_nothing = all(
        outcome(probe_id) in (Outcome.NOT_APPLICABLE, None)
        for probe_id in ("stores_data", "extraction_data_formats", "extraction_api")
    )
    if holds_nothing and open_questions(item):
        return RuleOutcome(
            Verdict.NOT_APPLICABLE,
            "No data store, data files or web API were found: the product does not seem to hold data.",
        )
    formats = outcome("extraction_data_formats")
    if data_project and formats is Outcome.FAIL:
        return RuleOutcome(Verdict.NOT_MET, by_probe["extraction_data_formats"].message)
    paths = [
        by_probe[probe_id].message
        for probe_id in ("extraction_export_features", "extraction_api")
        if outcome(probe_id) is Outcome.PASS
    ]
    if data_project and formats is Outcome.PASS:
        paths.append(by_probe["extraction_data_formats"].message)
    if paths:
        return RuleOutcome(Verdict.MET, " ".join(paths))
    if not open_questions(item):
        return RuleOutcome(Verdict.MET, "Declared by the owner in the answers file.")
    if outcome("stores_data") is Outcome.PASS or formats is not Outcome.NOT_APPLICABLE:
        return RuleOutcome(
            Verdict.NEEDS_ANSWER,
            "The product stores or ships data, but no way to extract it in an open format was found.",
        )
    return RuleOutcome(
        Verdict.NOT_APPLICABLE,
        "No data store, data files or web API were found: the product does not seem to hold data.",
    )

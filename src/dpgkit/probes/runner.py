"""Run every probe over one context and turn results into Findings."""

from __future__ import annotations

import logging
from collections.abc import Callable

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Result
from dpgkit.model import Finding, Location, Outcome
from dpgkit.probes.registry import all_probes

log = logging.getLogger(__name__)


def run_probes(
    context: ProbeContext,
    warnings: list[str],
    on_probe: Callable[[str], None] | None = None,
) -> list[Finding]:
    findings: list[Finding] = []
    for probe_id, (definition, function) in all_probes().items():
        if on_probe is not None:
            on_probe(probe_id)
        try:
            result = function(context)
        except Exception as error:  # a probe bug must not cost the owner the whole report
            log.debug("probe %s failed", probe_id, exc_info=True)
            warnings.append(f"probe {probe_id} could not run ({type(error).__name__})")
            result = Result(Outcome.UNKNOWN, "This check could not run on this checkout.")
        data = dict(result.data)
        if result.suggestions:
            data["suggestions"] = result.suggestions
        if result.items:
            data["items"] = {
                question: [item.as_dict() for item in entries]
                for question, entries in result.items.items()
                if entries
            }
        needs_fix = result.outcome in (Outcome.FAIL, Outcome.UNKNOWN)
        findings.append(
            Finding(
                probe=probe_id,
                outcome=result.outcome,
                message=result.message,
                locations=_unique(result.locations),
                remediation=(result.remediation or definition.remediation) if needs_fix else None,
                data=data,
            )
        )
    return findings


def _unique(locations: list[Location]) -> list[Location]:
    """Each place once, in the order found: an analysis may reach one line by two roads
    (a NOTICE's copyright line is both a notice and a header statement)."""
    seen: set[tuple[str, int | None]] = set()
    unique: list[Location] = []
    for location in locations:
        key = (location.path, location.line)
        if key not in seen:
            seen.add(key)
            unique.append(location)
    return unique

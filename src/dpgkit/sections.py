"""Top-level sections of the Assessment (licenses[], sdgs[]) from the shared analyses.

Each comes from the analysis that owns it, memoised in the context, so the probes that read
the same analysis and these sections share one run.
"""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.licenses.analysis import license_entries
from dpgkit.model import LicenseEntry, SdgEntry
from dpgkit.sdg.passages import sdg_entries


def collect_sections(context: ProbeContext) -> tuple[list[LicenseEntry], list[SdgEntry]]:
    return license_entries(context), sdg_entries(context)

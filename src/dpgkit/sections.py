"""Top-level sections of the Assessment (licenses[], sdgs[]) derived from shared analyses.

Each section provider is registered by the module that owns the analysis, so the pipeline
does not need to know about licenses or SDGs.
"""

from __future__ import annotations

from collections.abc import Callable

from dpgkit.model import LicenseEntry, SdgEntry
from dpgkit.probes.base import ProbeContext
from dpgkit.probes.registry import all_probes

LicenseProvider = Callable[[ProbeContext], list[LicenseEntry]]
SdgProvider = Callable[[ProbeContext], list[SdgEntry]]
_LICENSES: list[LicenseProvider] = []
_SDGS: list[SdgProvider] = []


def licenses_section(function: LicenseProvider) -> LicenseProvider:
    _LICENSES.append(function)
    return function


def sdgs_section(function: SdgProvider) -> SdgProvider:
    _SDGS.append(function)
    return function


def collect_sections(context: ProbeContext) -> tuple[list[LicenseEntry], list[SdgEntry]]:
    all_probes()  # importing the probe modules registers their section providers
    licenses = [entry for provider in _LICENSES for entry in provider(context)]
    sdgs = [entry for provider in _SDGS for entry in provider(context)]
    return licenses, sdgs

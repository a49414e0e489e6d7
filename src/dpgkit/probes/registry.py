"""The probe registry: every probe module under ``dpgkit.probes`` registers itself here.

Modules are discovered, not listed, so adding a probe is adding a module and its YAML.
Definitions are read by ``dpgkit.analysis.probe.definitions``; a probe is checked against
them when it registers.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from functools import cache

from dpgkit.analysis.probe import ProbeDefinition, ProbeFunction, definitions

_FUNCTIONS: dict[str, ProbeFunction] = {}
_NOT_PROBE_MODULES = {"registry", "runner"}


def probe(probe_id: str) -> Callable[[ProbeFunction], ProbeFunction]:
    """Register a probe function under its id; the id must have a YAML definition."""

    def register(function: ProbeFunction) -> ProbeFunction:
        if probe_id not in definitions():
            raise ValueError(f"probe {probe_id} has no definition in a probes/*.yaml file")
        if probe_id in _FUNCTIONS:
            raise ValueError(f"probe {probe_id} is registered twice")
        _FUNCTIONS[probe_id] = function
        return function

    return register


@cache
def _load_modules() -> None:
    package = importlib.import_module("dpgkit.probes")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name not in _NOT_PROBE_MODULES:
            importlib.import_module(f"dpgkit.probes.{module.name}")


def all_probes() -> dict[str, tuple[ProbeDefinition, ProbeFunction]]:
    _load_modules()
    defs = definitions()
    missing = sorted(set(defs) - set(_FUNCTIONS))
    if missing:
        raise ValueError(f"probes defined but not implemented: {', '.join(missing)}")
    return {probe_id: (defs[probe_id], _FUNCTIONS[probe_id]) for probe_id in sorted(_FUNCTIONS)}

"""The probe registry: every probe module under ``dpgkit.probes`` registers itself here.

Modules are discovered, not listed, so adding a probe is adding a module and its YAML.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from dpgkit.parsing import load_data_yaml
from dpgkit.probes.base import ProbeDefinition, ProbeFunction

_FUNCTIONS: dict[str, ProbeFunction] = {}
_NOT_PROBE_MODULES = {"base", "registry", "runner"}


@cache
def definitions() -> dict[str, ProbeDefinition]:
    """Every probe definition from the YAML files of this package."""
    found: dict[str, ProbeDefinition] = {}
    folder = resources.files("dpgkit.probes")
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        if not item.name.endswith(".yaml"):
            continue
        raw: dict[str, dict[str, Any]] = load_data_yaml(item.read_text(encoding="utf-8")) or {}
        for probe_id, body in raw.items():
            if probe_id in found:
                raise ValueError(f"probe {probe_id} is defined twice ({item.name})")
            found[probe_id] = ProbeDefinition(id=probe_id, **body)
    return found


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

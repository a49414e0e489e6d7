"""What a probe is and returns, and the catalog of probe definitions.

A probe is a small pure function ``ProbeContext -> Result`` that never prints and never reads
files except through the inventory. Its definition (indicator, motivation, how it is checked,
remediation) lives in the YAML file beside its module in ``dpgkit/probes/``, so the words can
change without touching code. The catalog is read here as package data, without importing
any probe module, so rules and reports can describe findings without depending on probes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from dpgkit.model import Location, Outcome
from dpgkit.parsing import load_data_yaml

if TYPE_CHECKING:
    from dpgkit.analysis.context import ProbeContext

# The package whose YAML files define the probes (the probe code registers against them).
PROBE_PACKAGE = "dpgkit.probes"


@dataclass(frozen=True, slots=True)
class ProbeDefinition:
    id: str
    indicator: str
    title: str
    motivation: str
    implementation: str
    remediation: str
    # required: must pass for the indicator to be met; blocking: a fail makes the whole
    # project ineligible on its own; supporting: evidence that never decides alone.
    role: str = "supporting"


@dataclass(frozen=True, slots=True)
class Cited:
    """One entry of an answer that is a list: what it is, and where a reviewer can see it.

    A nomination writes each entry apart ("Code of conduct - <link to the file>"), so probes
    hand over the entries, not a sentence joining them. ``path`` is a file of the checkout
    (linked at its commit), ``url`` a page outside it (a docs site); both may be absent.
    """

    title: str
    path: str | None = None
    line: int | None = None
    url: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"title": self.title}
        for key in ("path", "line", "url"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass(slots=True)
class Result:
    """What a probe returns; the runner turns it into a Finding with its definition."""

    outcome: Outcome
    message: str
    locations: list[Location] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    # Suggested answers for the indicator's questions, by local question id.
    suggestions: dict[str, str] = field(default_factory=dict)
    # The same answers as entries, for questions whose answer is a list or a link.
    items: dict[str, list[Cited]] = field(default_factory=dict)
    remediation: str | None = None  # replaces the definition's text when more specific


def passed(message: str, locations: Iterable[Location] = (), **data: Any) -> Result:
    return Result(Outcome.PASS, message, list(locations), data)


def failed(message: str, locations: Iterable[Location] = (), **data: Any) -> Result:
    return Result(Outcome.FAIL, message, list(locations), data)


def unknown(message: str, locations: Iterable[Location] = (), **data: Any) -> Result:
    return Result(Outcome.UNKNOWN, message, list(locations), data)


def not_applicable(message: str, **data: Any) -> Result:
    return Result(Outcome.NOT_APPLICABLE, message, [], data)


ProbeFunction = Callable[["ProbeContext"], Result]


@cache
def definitions() -> dict[str, ProbeDefinition]:
    """Every probe definition from the YAML files beside the probe modules."""
    found: dict[str, ProbeDefinition] = {}
    folder = resources.files(PROBE_PACKAGE)
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        if not item.name.endswith(".yaml"):
            continue
        raw: dict[str, dict[str, Any]] = load_data_yaml(item.read_text(encoding="utf-8")) or {}
        for probe_id, body in raw.items():
            if probe_id in found:
                raise ValueError(f"probe {probe_id} is defined twice ({item.name})")
            found[probe_id] = ProbeDefinition(id=probe_id, **body)
    return found

"""What a probe is: a small pure function over the inventory that returns one result.

A probe never prints and never reads files except through the inventory. Its definition
(indicator, motivation, how it is checked, remediation) lives in the YAML file beside its
module, so the words can change without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from dpgkit.inventory.inventory import excerpt
from dpgkit.model import Location, Outcome

if TYPE_CHECKING:
    from dpgkit.answers import Answers
    from dpgkit.config import Config
    from dpgkit.facts import ProjectFacts
    from dpgkit.inventory import FileEntry, Inventory
    from dpgkit.standard import Standard

T = TypeVar("T")


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


@dataclass(slots=True)
class Result:
    """What a probe returns; the runner turns it into a Finding with its definition."""

    outcome: Outcome
    message: str
    locations: list[Location] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    # Suggested answers for the indicator's questions, by local question id.
    suggestions: dict[str, str] = field(default_factory=dict)
    remediation: str | None = None  # replaces the definition's text when more specific


def passed(message: str, locations: Iterable[Location] = (), **data: Any) -> Result:
    return Result(Outcome.PASS, message, list(locations), data)


def failed(message: str, locations: Iterable[Location] = (), **data: Any) -> Result:
    return Result(Outcome.FAIL, message, list(locations), data)


def unknown(message: str, locations: Iterable[Location] = (), **data: Any) -> Result:
    return Result(Outcome.UNKNOWN, message, list(locations), data)


def not_applicable(message: str, **data: Any) -> Result:
    return Result(Outcome.NOT_APPLICABLE, message, [], data)


class ProbeContext:
    """Everything a probe may look at, plus a memo so shared analyses run once."""

    def __init__(
        self,
        inventory: Inventory,
        facts: ProjectFacts,
        answers: Answers,
        config: Config,
        standard: Standard,
    ) -> None:
        self.inventory = inventory
        self.facts = facts
        self.answers = answers
        self.config = config
        self.standard = standard
        self._memo: dict[Callable[..., Any], Any] = {}
        # Secret values a scanner found that no redaction pattern describes; every output
        # of this assessment masks them (see dpgkit.redact). Held in memory only.
        self.sensitive: set[str] = set()

    def derive(self, analysis: Callable[[ProbeContext], T]) -> T:
        """Run a shared analysis (license scan, dependency list...) once per assessment."""
        if analysis not in self._memo:
            self._memo[analysis] = analysis(self)
        result: T = self._memo[analysis]
        return result

    def location(self, entry: FileEntry | str, line: int | None = None) -> Location:
        path = entry if isinstance(entry, str) else entry.path
        text = None
        if line is not None:
            lines = self.inventory.lines(path)
            if 0 < line <= len(lines):
                text = excerpt(lines[line - 1])
        return Location(path=path, line=line, excerpt=text)

    def find(self, entry: FileEntry, pattern: re.Pattern[str], limit: int = 5) -> list[Location]:
        return [
            Location(path=entry.path, line=line_no, excerpt=excerpt(line))
            for line_no, line in self.inventory.search(entry, pattern, limit)
        ]


ProbeFunction = Callable[[ProbeContext], Result]

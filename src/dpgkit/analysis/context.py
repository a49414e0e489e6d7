"""The context every analysis and probe reads: inventory, facts, answers, config, Standard.

Shared analyses (the license scan, the dependency list, the committed-secret scan...) run
once per assessment through ``ctx.derive(analysis)``. Nothing here knows any probe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from dpgkit.inventory.inventory import excerpt
from dpgkit.model import Location
from dpgkit.redact import Sensitive
from dpgkit.scan import (
    PendingScan,
    Scanned,
    Scanner,
    ScanProgress,
    registered,
    run_scan,
    start_scan,
)

if TYPE_CHECKING:
    from dpgkit.answers import Answers
    from dpgkit.config import Config
    from dpgkit.facts import ProjectFacts
    from dpgkit.inventory import FileEntry, Inventory
    from dpgkit.standard import Standard

T = TypeVar("T")
H = TypeVar("H")


class ProbeContext:
    """Everything a probe may look at, plus a memo so shared analyses run once."""

    def __init__(
        self,
        inventory: Inventory,
        facts: ProjectFacts,
        answers: Answers,
        config: Config,
        standard: Standard,
        jobs: int = 1,
        scan_progress: ScanProgress | None = None,
        repository_url: str | None = None,
    ) -> None:
        self.inventory = inventory
        self.facts = facts
        self.answers = answers
        self.config = config
        self.standard = standard
        self._memo: dict[Callable[..., Any], Any] = {}
        # Secrets a scanner found that no redaction pattern describes: their places (masked
        # where their line is shown) and the values that could not be a word (masked
        # everywhere); see dpgkit.redact. Held in memory only.
        self.sensitive = Sensitive()
        self.jobs = jobs
        self.scan_progress = scan_progress
        # The public repository when the owner or the caller gave it (--repository-url,
        # general.repository_url): it stands for the checkout's remote, which may be a
        # mirror, a fork or a local path.
        self.repository_url = repository_url
        self._scanned: dict[str, Scanned[Any]] = {}
        self._pending: PendingScan | None = None

    def scan_files(self, meanwhile: Sequence[Callable[[ProbeContext], Any]] = ()) -> None:
        """The pass over the file contents for every registered scanner not yet run.

        ``meanwhile``: analyses derived in this process while the workers scan. They run
        before the pass's results are merged whatever the number of workers (so the
        output does not depend on it); one that asks for a scanner waits for the pass.
        """
        pending = [scanner for scanner in registered() if scanner.name not in self._scanned]
        self._pending = start_scan(self.inventory, pending, self.jobs, self.scan_progress)
        try:
            for analysis in meanwhile:
                self.derive(analysis)
        finally:
            self._finish_pass()

    def _finish_pass(self) -> None:
        if self._pending is not None:
            started, self._pending = self._pending, None
            self._scanned.update(started.result())

    def scanned(self, scanner: Scanner[H]) -> Scanned[H]:
        """One scanner's results from the pass (run now if it has not run yet)."""
        self._finish_pass()
        if scanner.name not in self._scanned:
            self.scan_files()
        if scanner.name not in self._scanned:  # not registered: a pass of its own
            self._scanned.update(run_scan(self.inventory, [scanner], self.jobs))
        result: Scanned[H] = self._scanned[scanner.name]
        return result

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

"""What an analysis asks of the pass over the files: which files, which gate, what per file.

A scanner is declared once, at import, by the analysis that owns it (secrets, PII, licenses,
dependencies, standards...). Its ``wants`` runs in the main process on each FileEntry (path,
size and the categories the inventory decided); its ``scan`` runs wherever the file is read,
possibly in a worker process, so it must be a pure module-level function of the entry and
the text, and return something picklable (or None when the file holds nothing for it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from dpgkit.inventory import FileEntry

H = TypeVar("H")


@dataclass(frozen=True, eq=False)
class Scanner(Generic[H]):
    name: str
    # Which files it reads: decided from the entry alone, in the main process.
    wants: Callable[[FileEntry], bool]
    # The per-file work: pure, module-level (workers receive it by reference).
    scan: Callable[[FileEntry, str], H | None]
    # An RE2 pattern every useful file matches: files that do not are never given to
    # ``scan``. All gates of a pass run as one RE2 set, in one pass over each file.
    gate: str | None = None
    # Called, instead of ``scan``, for wanted files that turn out binary (key stores).
    on_binary: Callable[[FileEntry], H | None] | None = None
    # Builds, in the main process before workers are forked, what ``scan`` builds on first
    # use (catalogs, RE2 sets, the license index): the workers then inherit it instead of
    # each building it again (the license index alone is ~0.2 s a process).
    prepare: Callable[[], object] | None = None

    def worker_part(self) -> WorkerScanner:
        return WorkerScanner(self.name, self.scan, self.gate, self.on_binary)


@dataclass(frozen=True)
class WorkerScanner:
    """The picklable half of a Scanner: what a worker process needs to run it."""

    name: str
    scan: Callable[[FileEntry, str], Any]
    gate: str | None
    on_binary: Callable[[FileEntry], Any] | None


def anchors(words: Iterable[str], ignore_case: bool = True) -> str:
    """A gate from literal words: a file holding none of them is skipped."""
    body = "|".join(re.escape(word) for word in sorted(set(words)))
    return f"(?i:{body})" if ignore_case else f"(?:{body})"

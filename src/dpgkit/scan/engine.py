"""The pass: every file some scanner wants is read once and given to each scanner that
wants it, on as many processes as asked, with results merged in inventory order.

Workers are forked with the plan in memory and receive only a chunk's number; they read
its files (paths resolved and checked inside the checkout when the inventory was listed)
through ``dpgkit.inventory.read``, as the Inventory does, and never send text back, only
each file's read facts as a tuple and each scanner's small per-file result.
Chunks are contiguous runs of the inventory and are merged in order, so the result, the
warnings and the bytes counted are the same whatever the number of workers.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from dpgkit.fastregex import utf8
from dpgkit.inventory import FileEntry, Inventory
from dpgkit.inventory.read import FileRead, read_text_file
from dpgkit.scan.scanner import Scanner, WorkerScanner

try:  # pragma: no branch - the dependency is declared; the fallback keeps odd installs working
    import re2 as _re2
except ImportError:  # pragma: no cover
    _re2 = None

log = logging.getLogger(__name__)
H = TypeVar("H")
ScanProgress = Callable[[int, int], None]

# Below this much to read, starting processes costs more than it saves.
_PARALLEL_MIN_BYTES = 4 * 1024 * 1024
_PARALLEL_MIN_FILES = 200
# Chunks small enough to balance two cores and move a progress bar, large enough that
# sending them costs nothing next to reading them.
_CHUNK_FILES = 128
_CHUNK_BYTES = 4 * 1024 * 1024
_MAX_FAILURES_REPORTED = 5


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity), at least one."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Scanned(Generic[H]):
    """One scanner's share of the pass."""

    hits: list[tuple[FileEntry, H]] = field(default_factory=list)  # inventory order
    texts: set[str] = field(default_factory=set)  # wanted files that were read as text

    def by_path(self) -> dict[str, H]:
        return {entry.path: hit for entry, hit in self.hits}


# One file to read: its place in the inventory, the entry, where to read it, the indices
# of the scanners that want it, and whether it is known to be binary without reading.
_Item = tuple[int, FileEntry, str, tuple[int, ...], bool]
# What comes back for it: the read facts (never the text; a tuple pickles in a fraction of
# the time a dataclass takes), hits and failures by scanner.
_Facts = tuple[bool, int, bool, str | None]  # binary, bytes read, truncated, error
_Outcome = tuple[int, _Facts, list[tuple[int, Any]], list[tuple[int, str]]]


class _Gates:
    """Every scanner's gate as one RE2 set: one pass over a text says which match."""

    def __init__(self, scanners: Sequence[WorkerScanner]) -> None:
        self.owners: list[int] = []  # set index -> scanner index
        patterns: list[str] = []
        for index, scanner in enumerate(scanners):
            if scanner.gate is not None:
                self.owners.append(index)
                patterns.append(scanner.gate)
        self.gated = frozenset(self.owners)
        self._set: Any = None
        self._fallback: list[re.Pattern[str]] = []
        if not patterns:
            return
        if _re2 is not None:
            options = _re2.Options()
            options.log_errors = False
            options.max_mem = 256 << 20
            self._set = _re2.Set.SearchSet(options)
            for pattern in patterns:
                self._set.Add(pattern)
            self._set.Compile()
        else:  # pragma: no cover - google-re2 is a dependency
            self._fallback = [re.compile(pattern) for pattern in patterns]

    def open(self, text: str) -> frozenset[int]:
        """Scanners (by index) whose gate matches text."""
        if self._set is not None:
            matched = self._set.Match(utf8(text)) or ()  # one encoding shared by the pass
            return frozenset(self.owners[index] for index in matched)
        return frozenset(
            self.owners[index]
            for index, pattern in enumerate(self._fallback)
            if pattern.search(text)
        )


class _ChunkScanner:
    """Reads a chunk of files and runs the scanners on each; the same code in every process."""

    def __init__(self, scanners: Sequence[WorkerScanner], read_cap: int, root: str) -> None:
        self.scanners = scanners
        self.read_cap = read_cap
        self.root = root.rstrip("/") + "/"
        self.gates = _Gates(scanners)

    def __call__(self, chunk: list[_Item]) -> list[_Outcome]:
        return [self._one(item) for item in chunk]

    def _one(self, item: _Item) -> _Outcome:
        position, entry, target, wanted, known_binary = item
        if not target.startswith(self.root):  # never outside the checkout, not even a sniff
            return position, (True, 0, False, "outside the checkout"), [], []
        if known_binary:
            read = FileRead(None, True, 0)
        else:
            read = read_text_file(target, entry.size, self.read_cap)
        hits: list[tuple[int, Any]] = []
        failures: list[tuple[int, str]] = []
        text = read.text
        if text is None:  # binary, or unreadable (which the Inventory also counts binary)
            if read.binary:
                for index in wanted:
                    on_binary = self.scanners[index].on_binary
                    if on_binary is not None:
                        self._run(index, on_binary, (entry,), hits, failures)
        else:
            gated = self.gates.gated.intersection(wanted)
            opened = self.gates.open(text) if gated else frozenset()
            for index in wanted:
                if index in gated and index not in opened:
                    continue
                self._run(index, self.scanners[index].scan, (entry, text), hits, failures)
        return position, (read.binary, read.bytes_read, read.truncated, read.error), hits, failures

    def _run(
        self,
        index: int,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        hits: list[tuple[int, Any]],
        failures: list[tuple[int, str]],
    ) -> None:
        try:
            hit = function(*args)
        except Exception as error:  # one scanner's bug costs its result for one file
            log.debug("scanner %s failed", self.scanners[index].name, exc_info=True)
            failures.append((index, type(error).__name__))
            return
        if hit is not None:
            hits.append((index, hit))


_WORKER: _ChunkScanner | None = None
_WORKER_CHUNKS: list[list[_Item]] = []


def _init_worker(
    scanners: Sequence[WorkerScanner], read_cap: int, root: str, chunks: list[list[_Item]]
) -> None:
    # Forked, a worker finds these in its memory (nothing is pickled); the chunks are then
    # asked for by number, not sent item by item.
    global _WORKER, _WORKER_CHUNKS
    _WORKER = _ChunkScanner(scanners, read_cap, root)
    _WORKER_CHUNKS = chunks


def _work(chunk_number: int) -> list[_Outcome]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER(_WORKER_CHUNKS[chunk_number])


def _plan(inventory: Inventory, scanners: Sequence[Scanner[Any]]) -> list[_Item]:
    items: list[_Item] = []
    for position, entry in enumerate(inventory.files):
        wanted = tuple(index for index, scanner in enumerate(scanners) if scanner.wants(entry))
        if wanted:
            binary = inventory.knows_binary(entry) is True
            items.append((position, entry, inventory.target(entry), wanted, binary))
    return items


def _chunks(items: list[_Item]) -> list[list[_Item]]:
    chunks: list[list[_Item]] = []
    current: list[_Item] = []
    size = 0
    for item in items:
        current.append(item)
        size += 0 if item[4] else min(item[1].size, _CHUNK_BYTES)
        if len(current) >= _CHUNK_FILES or size >= _CHUNK_BYTES:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks


def _fork_context() -> Any:
    # fork: workers start with every module (and every scanner) already imported, in
    # milliseconds. Where fork is unavailable, the platform default re-imports.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None  # pragma: no cover - not Linux


class PendingScan:
    """A pass started on worker processes; ``result()`` waits for it and merges it.

    Between the start and ``result()`` the caller may do work of its own in this process:
    the workers read and scan meanwhile. Nothing from the workers touches the Inventory
    before ``result()``, so what the caller reads in between, and the warnings it raises,
    come first whatever the number of workers.
    """

    def __init__(
        self,
        inventory: Inventory,
        scanners: Sequence[Scanner[Any]],
        jobs: int,
        progress: ScanProgress | None,
    ) -> None:
        self.inventory = inventory
        self.scanners = list(scanners)
        self.progress = progress
        self.items = _plan(inventory, self.scanners)
        self.workers = [scanner.worker_part() for scanner in self.scanners]
        self.chunks = _chunks(self.items)
        to_read = sum(min(item[1].size, inventory.read_cap) for item in self.items if not item[4])
        if to_read < _PARALLEL_MIN_BYTES or len(self.items) < _PARALLEL_MIN_FILES:
            jobs = 1
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[list[_Outcome]]] = []
        if jobs > 1 and len(self.chunks) > 1:
            for scanner in self.scanners:
                if scanner.prepare is not None:
                    scanner.prepare()
            try:
                self.pool = ProcessPoolExecutor(
                    max_workers=min(jobs, len(self.chunks)),
                    mp_context=_fork_context(),
                    initializer=_init_worker,
                    initargs=(self.workers, inventory.read_cap, str(inventory.root), self.chunks),
                )
                self.futures = [
                    self.pool.submit(_work, number) for number in range(len(self.chunks))
                ]
            except (BrokenProcessPool, OSError):
                log.debug("scan workers could not start; scanning in-process", exc_info=True)
                self._close()

    def _close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool, self.futures = None, []

    def _outcomes(self) -> list[_Outcome]:
        total, done = len(self.items), 0
        out: list[_Outcome] = []
        if self.futures:
            try:
                for chunk, future in zip(self.chunks, self.futures, strict=True):
                    out += future.result()
                    done += len(chunk)
                    if self.progress is not None:
                        self.progress(done, total)
                return out
            except (BrokenProcessPool, OSError):
                # A worker killed (out of memory, a signal): the same pass in this process
                # gives the same result, only slower.
                log.debug("scan workers failed; scanning in-process", exc_info=True)
                out, done = [], 0
            finally:
                self._close()
        scanner = _ChunkScanner(self.workers, self.inventory.read_cap, str(self.inventory.root))
        for chunk in self.chunks:
            out += scanner(chunk)
            done += len(chunk)
            if self.progress is not None:
                self.progress(done, total)
        return out

    def result(self) -> dict[str, Scanned[Any]]:
        """Each scanner's hits in inventory order (the pass finished and merged)."""
        inventory, scanners = self.inventory, self.scanners
        results: dict[str, Scanned[Any]] = {scanner.name: Scanned() for scanner in scanners}
        failed: dict[int, int] = {}
        for (position, facts, hits, failures), item in zip(
            self._outcomes(), self.items, strict=True
        ):
            entry, wanted = inventory.files[position], item[3]
            binary, bytes_read, truncated, error = facts
            if not item[4]:
                inventory.record(entry, FileRead(None, binary, bytes_read, truncated, error))
            if error is None and not binary:
                for index in wanted:
                    results[scanners[index].name].texts.add(entry.path)
            for index, hit in hits:
                results[scanners[index].name].hits.append((entry, hit))
            for index, error_type in failures:
                failed[index] = failed.get(index, 0) + 1
                if failed[index] <= _MAX_FAILURES_REPORTED:
                    inventory.warnings.append(
                        f"{entry.path}: the {scanners[index].name} scan failed on it ({error_type})"
                    )
        return results


def start_scan(
    inventory: Inventory,
    scanners: Sequence[Scanner[Any]],
    jobs: int = 1,
    progress: ScanProgress | None = None,
) -> PendingScan:
    """Start the pass (on workers when ``jobs`` > 1 and the checkout is large enough)."""
    return PendingScan(inventory, scanners, jobs, progress)


def run_scan(
    inventory: Inventory,
    scanners: Sequence[Scanner[Any]],
    jobs: int = 1,
    progress: ScanProgress | None = None,
) -> dict[str, Scanned[Any]]:
    """Read every file some scanner wants, once; each scanner's hits in inventory order."""
    return start_scan(inventory, scanners, jobs, progress).result()

"""The Inventory: every file of a checkout, listed once, read on demand and cached.

Probes ask the inventory for files and text; nobody else opens project files. Reads are
capped so a 1 GB file costs what its first megabytes cost, and every read is counted.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from dpgkit.errors import BadInputError
from dpgkit.inventory.classify import (
    CONTENT_EXTENSIONS,
    DATA_EXTENSIONS,
    MODEL_EXTENSIONS,
    TOOL_DEPENDENCY_DIRS,
    PathClassifier,
    language_of,
)
from dpgkit.inventory.files import FileEntry
from dpgkit.inventory.git import GitFacts, git_facts
from dpgkit.inventory.own_reports import is_report, may_be_report
from dpgkit.inventory.paths import PathMatcher
from dpgkit.inventory.read import SNIFF_BYTES, FileRead, read_capped, read_text_file
from dpgkit.inventory.walk import list_files

DEFAULT_READ_CAP = 2 * 1024 * 1024
_CACHE_BUDGET = 256 * 1024 * 1024
_EXCERPT_CHARS = 160
# Extensions whose content is binary by definition: no need to open them to know.
_BINARY_EXTENSIONS = (
    MODEL_EXTENSIONS
    | CONTENT_EXTENSIONS
    | {
        ".zip",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".7z",
        ".rar",
        ".jar",
        ".war",
        ".exe",
        ".dll",
        ".so",
        ".dylib",
        ".a",
        ".o",
        ".class",
        ".pyc",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".ico",
        ".bmp",
        ".sqlite",
        ".db",
        ".parquet",
        ".xlsx",
        ".xls",
        ".mdb",
        ".sav",
        ".dta",
    }
) - {".svg", ".h5p"}

ProgressCallback = Callable[[int, int], None]


@dataclass
class Inventory:
    root: Path
    files: list[FileEntry]
    git: GitFacts | None
    warnings: list[str] = field(default_factory=list)
    read_cap: int = DEFAULT_READ_CAP
    bytes_read: int = 0
    _absolute: dict[str, str] = field(default_factory=dict, repr=False)
    _by_path: dict[str, FileEntry] = field(default_factory=dict, repr=False)
    _by_stem: dict[str, list[FileEntry]] = field(default_factory=dict, repr=False)
    _matchers: dict[bool, PathMatcher] = field(default_factory=dict, repr=False)
    _text: OrderedDict[str, str | None] = field(default_factory=OrderedDict, repr=False)
    _cached_chars: int = 0
    _binary: dict[str, bool] = field(default_factory=dict, repr=False)
    _truncated: set[str] = field(default_factory=set, repr=False)
    _warned: set[str] = field(default_factory=set, repr=False)

    # -- lookup ---------------------------------------------------------------
    def get(self, path: str) -> FileEntry | None:
        return self._by_path.get(path)

    def own_files(self) -> Iterator[FileEntry]:
        return (entry for entry in self.files if entry.own)

    def top_level(self) -> Iterator[FileEntry]:
        return (entry for entry in self.files if entry.depth == 0)

    def named(self, *names: str, top_only: bool = False, own_only: bool = True) -> list[FileEntry]:
        """Files whose name, without extension and case, is one of names (README -> README.md)."""
        if not self._by_stem:
            for entry in self.files:
                for key in {entry.name.lower(), entry.stem.lower()}:
                    self._by_stem.setdefault(key, []).append(entry)
        found = {
            entry.path: entry
            for name in names
            for entry in self._by_stem.get(name.lower(), [])
            if not (top_only and entry.depth) and not (own_only and not entry.own)
        }
        return sorted(found.values(), key=lambda entry: (entry.depth, entry.path))

    def glob(
        self, *patterns: str, own_only: bool = True, limit: int | None = None
    ) -> list[FileEntry]:
        """Files matching gitignore-style patterns, in inventory order (the first ``limit``)."""
        matcher = self._matchers.get(own_only)
        if matcher is None:
            files = self.own_files() if own_only else self.files
            matcher = self._matchers[own_only] = PathMatcher(files)
        return matcher.match(patterns, limit)

    def with_suffix(self, *suffixes: str, own_only: bool = True) -> list[FileEntry]:
        wanted = {suffix.lower() for suffix in suffixes}
        return [e for e in self.files if e.suffix in wanted and (e.own or not own_only)]

    # -- content --------------------------------------------------------------
    def _warn_once(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            self.warnings.append(message)

    def target(self, entry: FileEntry) -> str:
        """The path to open for entry: inside the root, its links resolved at listing."""
        return self._absolute[entry.path]

    def _read(self, entry: FileEntry, limit: int) -> FileRead:
        read = read_text_file(self.target(entry), entry.size, limit)
        self.record(entry, read, limit)
        return read

    def record(self, entry: FileEntry, read: FileRead, limit: int | None = None) -> None:
        """Account for a read of entry made here or by the scan pass's workers."""
        self.bytes_read += read.bytes_read
        self._binary[entry.path] = read.binary
        if read.error is not None:
            self._warn_once(entry.path, f"{entry.path}: cannot be read ({read.error})")
            return
        if read.truncated:
            limit = limit or self.read_cap
            self._truncated.add(entry.path)
            self._warn_once(
                entry.path,
                f"{entry.path}: {entry.size:,} bytes, only the first {limit:,} were read",
            )

    def is_binary(self, entry: FileEntry) -> bool:
        known = self._binary.get(entry.path)
        if known is not None:
            return known
        if entry.suffix in _BINARY_EXTENSIONS:
            self._binary[entry.path] = True
            return True
        if entry.path in self._text:
            return self._text[entry.path] is None
        try:
            sample, binary = read_capped(self.target(entry), SNIFF_BYTES)
        except OSError as error:
            self._warn_once(entry.path, f"{entry.path}: cannot be read ({error.strerror or error})")
            binary = True
        else:
            self.bytes_read += len(sample)
        self._binary[entry.path] = binary
        return binary

    def knows_binary(self, entry: FileEntry) -> bool | None:
        """Whether entry is binary when that is known without reading it, else None."""
        if entry.suffix in _BINARY_EXTENSIONS:
            return True
        return self._binary.get(entry.path)

    def kind(self, entry: FileEntry) -> str:
        return "binary" if self.is_binary(entry) else "text"

    def text(self, entry: FileEntry | str, cap: int | None = None) -> str | None:
        """The decoded text of a file (first ``cap`` bytes), or None for binary/unreadable files."""
        resolved = self.get(entry) if isinstance(entry, str) else entry
        if resolved is None:
            return None
        if resolved.path in self._text:
            self._text.move_to_end(resolved.path)
            return self._text[resolved.path]
        if self._binary.get(resolved.path) or resolved.suffix in _BINARY_EXTENSIONS:
            self._binary[resolved.path] = True
            return None
        limit = min(cap or self.read_cap, self.read_cap)
        text = self._read(resolved, limit).text
        self._remember(resolved.path, text)
        return text

    def _remember(self, path: str, text: str | None) -> None:
        self._text[path] = text
        self._cached_chars += len(text or "")
        # Evict the least recently used texts past the budget: a huge checkout then
        # costs a re-read rather than unbounded memory.
        while self._cached_chars > _CACHE_BUDGET and len(self._text) > 1:
            _, old = self._text.popitem(last=False)
            self._cached_chars -= len(old or "")

    def lines(self, entry: FileEntry | str) -> list[str]:
        text = self.text(entry)
        return text.splitlines() if text else []

    def truncated(self, entry: FileEntry) -> bool:
        return entry.path in self._truncated

    def texts(
        self, entries: Iterable[FileEntry], max_size: int | None = None
    ) -> Iterator[tuple[FileEntry, str]]:
        for entry in entries:
            if max_size is not None and entry.size > max_size:
                continue
            text = self.text(entry)
            if text is not None:
                yield entry, text

    def search(
        self, entry: FileEntry, pattern: re.Pattern[str], limit: int = 20
    ) -> list[tuple[int, str]]:
        """(line number, line) for lines matching pattern, 1-based."""
        text = self.text(entry)
        if not text:
            return []
        hits: list[tuple[int, str]] = []
        for match in pattern.finditer(text):
            line_no = text.count("\n", 0, match.start()) + 1
            if hits and hits[-1][0] == line_no:
                continue
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.start())
            hits.append((line_no, text[start : end if end != -1 else len(text)]))
            if len(hits) >= limit:
                break
        return hits


def excerpt(line: str) -> str:
    line = line.strip()
    return line if len(line) <= _EXCERPT_CHARS else line[: _EXCERPT_CHARS - 1] + "…"


def _resolve_root(path: Path) -> Path:
    if not path.exists():
        raise BadInputError(f"path does not exist: {path}")
    if not path.is_dir():
        raise BadInputError(f"not a folder (give the checkout's folder): {path}")
    try:
        resolved = path.resolve(strict=True)
        next(iter(resolved.iterdir()), None)
    except PermissionError as error:
        raise BadInputError(f"folder cannot be read: {path}") from error
    except (OSError, RuntimeError) as error:
        raise BadInputError(f"folder cannot be opened: {path} ({error})") from error
    return resolved


def build_inventory(
    path: Path,
    exclude: Iterable[str] = (),
    read_cap: int = DEFAULT_READ_CAP,
) -> Inventory:
    root = _resolve_root(path)
    listing = list_files(root)
    excluded = pathspec.GitIgnoreSpec.from_lines(list(exclude)) if exclude else None
    entries: list[FileEntry] = []
    absolute: dict[str, str] = {}
    listed = {rel for rel, _, _ in listing.files}
    tool_dirs = frozenset(d for manifest, d in TOOL_DEPENDENCY_DIRS.items() if manifest in listed)
    classify = PathClassifier(tool_dirs)
    reports: list[str] = []
    for rel, target, size in listing.files:
        if excluded is not None and excluded.match_file(rel):
            continue
        if may_be_report(rel) and is_report(target):
            reports.append(rel)
            continue
        kinds = classify(rel)
        entry = FileEntry(
            path=rel,
            size=size,
            language=language_of(rel),
            vendored=kinds.vendored,
            generated=kinds.generated,
            test=kinds.test,
            example=kinds.example,
            docs=kinds.docs,
        )
        entries.append(entry)
        absolute[rel] = target
    facts = git_facts(root) if listing.used_git else None
    inventory = Inventory(root=root, files=entries, git=facts, read_cap=read_cap)
    inventory.warnings.extend(listing.warnings)
    inventory.warnings.extend(f"{rel}: a dpgkit report, not read as evidence" for rel in reports)
    inventory._absolute = absolute
    inventory._by_path = {entry.path: entry for entry in entries}
    if not listing.used_git:
        inventory.warnings.append(
            "not a git checkout: files were listed by walking the folder (honouring .gitignore)"
        )
    if not entries:
        inventory.warnings.append("the folder holds no files to assess")
    return inventory


def data_share(inventory: Inventory) -> float:
    own = [entry for entry in inventory.own_files()]
    total = sum(entry.size for entry in own) or 1
    return sum(entry.size for entry in own if entry.suffix in DATA_EXTENSIONS) / total

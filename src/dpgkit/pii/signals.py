"""Product features and policies found by words: consent, erasure, uploads, messaging,
moderation, blocking, age gates in code; illegal content, moderation and underage rules in
documents; policy documents by file name. The words live in data/product_signals.yaml.

Each group of patterns is compiled into one alternation with a named group per signal,
so a file is read once and searched once whatever the number of signals.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from dpgkit.fastregex import compile_scanner
from dpgkit.inventory import FileEntry, Inventory
from dpgkit.inventory.classify import PROSE_SUFFIXES
from dpgkit.inventory.inventory import excerpt
from dpgkit.model import Location
from dpgkit.parsing import load_data_yaml
from dpgkit.scan import Scanned, Scanner, register, run_scan

_CODE_SUFFIXES = frozenset(
    {
        ".py",
        ".js",
        ".mjs",
        ".cjs",
        ".ts",
        ".tsx",
        ".jsx",
        ".vue",
        ".svelte",
        ".rb",
        ".erb",
        ".php",
        ".java",
        ".kt",
        ".cs",
        ".go",
        ".dart",
        ".swift",
        ".ex",
        ".exs",
        ".scala",
        ".html",
        ".htm",
        ".jinja",
        ".jinja2",
        ".j2",
        ".ejs",
        ".hbs",
        ".twig",
        ".haml",
        ".slim",
    }
)
_PAGE_SUFFIXES = frozenset(
    {
        ".md",
        ".markdown",
        ".rst",
        ".txt",
        ".adoc",
        ".html",
        ".htm",
        ".pdf",
        ".docx",
        ".odt",
        ".erb",
        ".jinja",
        ".jinja2",
        ".hbs",
        ".twig",
        ".vue",
        ".svelte",
        ".jsx",
        ".tsx",
        ".php",
        "",
    }
)
_MAX_FILE = 512 * 1024
_HITS_PER_SIGNAL = 8


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    line: int
    excerpt: str
    test: bool = False


@dataclass
class Signals:
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> list[Hit]:
        """Hits of one signal, the product's own files before tests."""
        return sorted(self.hits.get(name, []), key=lambda hit: (hit.test, hit.path, hit.line))

    def found(self, *names: str) -> list[str]:
        return [name for name in names if self.hits.get(name)]

    def label(self, name: str) -> str:
        return self.labels.get(name, name)


@cache
def _data() -> dict[str, Any]:
    text = (resources.files("dpgkit.data") / "product_signals.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = load_data_yaml(text)
    return data


@cache
def _combined(section: str) -> tuple[Any, dict[str, str]]:
    """One alternation, a named group per signal. Linear-time RE2 (dpgkit.fastregex): it
    runs over every code file, so no per-signal pre-check is needed."""
    groups = [
        f"(?P<{name}>{'|'.join(body['patterns'])})" for name, body in _data()[section].items()
    ]
    labels = {name: body["label"] for name, body in _data()[section].items()}
    return compile_scanner("|".join(groups), ignore_case=True), labels


_COMMENT = re.compile(r"^\s*(#|//|/\*|\*|<!--|--\s|\{#|\{\{!--)")
# Lines that define regular expressions describe features to look for, not features.
_PATTERN_DEFINITION = re.compile(r"\(\?[:P<=!i]|\\b|re\.compile\(")


def _not_code(line: str) -> bool:
    """Comment lines and pattern definitions: words there are not product features."""
    return bool(_COMMENT.match(line) or _PATTERN_DEFINITION.search(line))


def _minified(text: str) -> bool:
    return len(text) > 20_000 and len(text) / (text.count("\n") + 1) > 1000


# One file's hits by signal, in the order found (at most the cap of each signal).
FileSignals = tuple[tuple[str, tuple[Hit, ...]], ...]


def _scan_text(entry: FileEntry, text: str, section: str) -> FileSignals | None:
    """One file's signals (in a worker process when the pass runs on several)."""
    if not text or _minified(text):
        return None
    pattern, _labels = _combined(section)
    hits: dict[str, list[Hit]] = defaultdict(list)
    seen: set[tuple[str, int]] = set()
    for match in pattern.finditer(text):
        name = match.lastgroup
        # No file gives more than the cap: the merge caps again across files.
        if name is None or len(hits[name]) >= _HITS_PER_SIGNAL * 4:
            continue
        line = text.count("\n", 0, match.start()) + 1
        if (name, line) in seen:
            continue
        seen.add((name, line))
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        line_text = text[start : end if end != -1 else len(text)]
        if section == "code" and _not_code(line_text):
            continue
        hits[name].append(Hit(entry.path, line, excerpt(line_text), entry.test))
    return tuple((name, tuple(found)) for name, found in hits.items() if found) or None


def _merge(entries: Iterable[FileEntry], scanned: Scanned[FileSignals], section: str) -> Signals:
    """Files' hits in inventory order, each signal capped as one scan over them would."""
    _pattern, labels = _combined(section)
    by_path = scanned.by_path()
    hits: dict[str, list[Hit]] = defaultdict(list)
    for entry in entries:
        for name, found in by_path.get(entry.path, ()):
            room = _HITS_PER_SIGNAL * 4 - len(hits[name])
            hits[name] += found[: max(room, 0)]
    trimmed = {
        name: sorted(found, key=lambda hit: (hit.test, hit.path, hit.line))[:_HITS_PER_SIGNAL]
        for name, found in hits.items()
        if found
    }
    return Signals(trimmed, labels)


def _wants_code(entry: FileEntry) -> bool:
    # Test fixtures describe features; they do not implement them.
    return (
        entry.own and entry.suffix in _CODE_SUFFIXES and entry.size <= _MAX_FILE and not entry.test
    )


def _scan_code(entry: FileEntry, text: str) -> FileSignals | None:
    return _scan_text(entry, text, "code")


CODE_SIGNALS: Scanner[FileSignals] = register(
    Scanner("code signals", wants=_wants_code, scan=_scan_code, prepare=lambda: _combined("code"))
)


def code_signals(inventory: Inventory, scanned: Scanned[FileSignals] | None = None) -> Signals:
    if scanned is None:
        scanned = run_scan(inventory, [CODE_SIGNALS])[CODE_SIGNALS.name]
    return _merge(inventory.files, scanned, "code")


@cache
def _policy_kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (kind, re.compile(pattern, re.I)) for kind, pattern in _data()["policy_files"].items()
    )


def _policy_kinds_of(entry: FileEntry) -> list[str]:
    if entry.suffix not in _PAGE_SUFFIXES or entry.test:
        return []
    stem = entry.name.lower().rsplit(".", 1)[0] if "." in entry.name else entry.name.lower()
    return [kind for kind, pattern in _policy_kinds() if pattern.search(stem)]


def is_policy(entry: FileEntry) -> bool:
    """A policy document by its name (privacy, terms, content policy...)."""
    return entry.own and bool(_policy_kinds_of(entry))


def policy_files(inventory: Inventory) -> dict[str, list[FileEntry]]:
    """Policy documents by kind (privacy, terms, content_policy...), found by file name."""
    found: dict[str, list[FileEntry]] = defaultdict(list)
    for entry in inventory.own_files():
        for kind in _policy_kinds_of(entry):
            found[kind].append(entry)
    return {
        kind: sorted(entries, key=lambda e: (e.depth, e.path)) for kind, entries in found.items()
    }


def _wants_document(entry: FileEntry) -> bool:
    if not entry.own or entry.size > _MAX_FILE:
        return False
    prose = entry.suffix in PROSE_SUFFIXES and entry.suffix not in {".html", ".htm"}
    return prose or is_policy(entry)


def _scan_document(entry: FileEntry, text: str) -> FileSignals | None:
    return _scan_text(entry, text, "documents")


DOCUMENT_SIGNALS: Scanner[FileSignals] = register(
    Scanner(
        "document signals",
        wants=_wants_document,
        scan=_scan_document,
        prepare=lambda: _combined("documents"),
    )
)


def document_signals(inventory: Inventory, scanned: Scanned[FileSignals] | None = None) -> Signals:
    if scanned is None:
        scanned = run_scan(inventory, [DOCUMENT_SIGNALS])[DOCUMENT_SIGNALS.name]
    entries = [entry for entry in inventory.files if _wants_document(entry)]
    return _merge(entries, scanned, "documents")


def hit_locations(hits: list[Hit], limit: int = 5) -> list[Location]:
    return [Location(path=hit.path, line=hit.line, excerpt=hit.excerpt) for hit in hits[:limit]]

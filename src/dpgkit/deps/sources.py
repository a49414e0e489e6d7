"""Which files of a checkout are program code or configuration, and pattern search over them.

Several analyses (closed components, export features, standards) look for imports, API
hosts and settings in the project's own code; they share this list so that test trees,
documentation and lock files are treated the same way everywhere.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

import pathspec

from dpgkit.inventory.classify import LOCK_FILES

if TYPE_CHECKING:
    from dpgkit.inventory import FileEntry, Inventory

CODE_SUFFIXES = frozenset(
    {
        ".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".vue", ".svelte", ".php",
        ".rb", ".erb", ".java", ".kt", ".kts", ".scala", ".groovy", ".gradle", ".dart",
        ".go", ".rs", ".cs", ".fs", ".vb", ".ex", ".exs", ".swift", ".m", ".r", ".jl",
        ".html", ".htm", ".twig", ".blade", ".ejs", ".hbs", ".jinja", ".j2", ".cshtml",
        ".razor",
    }
)  # fmt: skip
CONFIG_SUFFIXES = frozenset(
    {
        ".json", ".yml", ".yaml", ".toml", ".ini", ".cfg", ".conf", ".properties",
        ".env", ".xml", ".plist", ".tf", ".config",
    }
)  # fmt: skip
_TEST_PARTS = {
    "test",
    "tests",
    "spec",
    "specs",
    "__tests__",
    "__mocks__",
    "e2e",
    "cypress",
    "fixtures",
    "testdata",
}
_TEST_NAME = re.compile(r"(^test_|_test\.|\.test\.|\.spec\.|Test\.|Tests\.|_spec\.)")
MAX_SCAN_BYTES = 1024 * 1024


def is_test_path(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return any(part.lower() in _TEST_PARTS for part in parts[:-1]) or bool(
        _TEST_NAME.search(parts[-1])
    )


def is_env_file(name: str) -> bool:
    lower = name.lower()
    return lower.startswith(".env") or lower in {"env.example", "env.sample", "example.env"}


def code_and_config(inventory: Inventory, include_tests: bool = False) -> list[FileEntry]:
    """The project's own code and configuration files, small enough to scan."""
    found = []
    for entry in inventory.own_files():
        if entry.size > MAX_SCAN_BYTES or entry.name in LOCK_FILES:
            continue
        if not include_tests and is_test_path(entry.path):
            continue
        if (
            entry.suffix in CODE_SUFFIXES
            or entry.suffix in CONFIG_SUFFIXES
            or is_env_file(entry.name)
        ):
            found.append(entry)
    return found


def code_files(inventory: Inventory) -> list[FileEntry]:
    return [entry for entry in code_and_config(inventory) if entry.suffix in CODE_SUFFIXES]


def scoped_pattern(pattern: str) -> str:
    """A pattern with a leading (?i) turned into a scoped group, so patterns can be joined."""
    if pattern.startswith("(?i)"):
        return f"(?i:{pattern[4:]})"
    return f"(?:{pattern})"


def union(patterns: Iterable[str]) -> re.Pattern[str] | None:
    parts = [scoped_pattern(pattern) for pattern in patterns]
    return re.compile("|".join(parts), re.MULTILINE) if parts else None


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    line: int
    text: str


def search_files(
    inventory: Inventory, entries: Iterable[FileEntry], pattern: re.Pattern[str], per_file: int = 3
) -> Iterator[Hit]:
    for entry in entries:
        for line_no, line in find_uses(inventory, entry, pattern, per_file):
            yield Hit(entry.path, line_no, line)


def match_paths(entries: Iterable[FileEntry], patterns: Iterable[str]) -> list[FileEntry]:
    """Entries matching gitignore-style patterns (``/CHANGELOG*``, ``.github/workflows/*.yml``).

    File names are filtered first with one compiled expression (the last segment of each
    pattern), so that the full pattern matcher only sees the few candidates: on a checkout
    of tens of thousands of files this is what keeps dozens of pattern lists cheap.
    """
    patterns = list(patterns)
    if not patterns:
        return []
    names = {pattern.rstrip("/").rsplit("/", 1)[-1] for pattern in patterns}
    prefilter = re.compile("|".join(fnmatch.translate(name) for name in names))
    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    return [
        entry for entry in entries if prefilter.match(entry.name) and spec.match_file(entry.path)
    ]


# A line holding regular-expression source (\b, \., \s, (?i) ...) defines a detector (in
# a linter's configuration, or in catalogs like dpgkit's own): it names a thing without
# using it, so it is not evidence of use.
_PATTERN_SOURCE = re.compile(r"\\[bsdwS.]|\(\?[imsx]")


def find_uses(
    inventory: Inventory, entry: FileEntry, pattern: re.Pattern[str], limit: int = 3
) -> list[tuple[int, str]]:
    """(line number, line) of matches, skipping lines that are pattern definitions."""
    hits = inventory.search(entry, pattern, limit * 4)
    return [(n, line) for n, line in hits if not _PATTERN_SOURCE.search(line)][:limit]

"""Gitignore-style path patterns matched against the inventory's files, many lists at once.

Analyses ask dozens of pattern lists (``/CHANGELOG*``, ``.github/workflows/*.yml``) of the
same files; `pathspec` gives the exact gitignore semantics, and this module keeps it from
being called once per file per list.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

import pathspec

from dpgkit.inventory.files import FileEntry

# Glob characters of a pattern's last segment, read as a superset over one name: the
# candidates are then checked with the pattern's own matcher, so widening is safe.
_GLOB_TOKEN = re.compile(r"\*+|\?|\[[^\]]*\]|\\.|.", re.DOTALL)


def _glob_fragment(name: str) -> str:
    """A regex matching at least every file name the gitignore segment ``name`` matches."""
    parts: list[str] = []
    for piece in _GLOB_TOKEN.findall(name):
        if piece.startswith("*"):
            parts.append(r"[^\x00]*")
        elif piece == "?" or (piece.startswith("[") and len(piece) > 1):
            parts.append(r"[^\x00]")
        elif piece.startswith("\\") and len(piece) == 2:
            # gitignore reads a backslash as an escape, fnmatch as itself: admit both.
            parts.append(r"(?:\\)?" + re.escape(piece[1]))
        else:
            parts.append(re.escape(piece))
    return "".join(parts)


class PathMatcher:
    """Gitignore-style pattern lists (``/CHANGELOG*``, ``.github/workflows/*.yml``) matched
    against one list of entries, many times over.

    Analyses ask dozens of pattern lists of the same files. The entries' names are joined
    once into one NUL-separated text, and each list's last segments become one expression
    searched over it (a C-level scan, wider than gitignore's own reading of the names), so
    a list no name can match costs one search, not a Python call per file; only the
    candidates meet the exact matchers: the patterns' own compiled expressions when the list
    holds no negation (what ``GitIgnoreSpec.match_file`` computes then, without its per-call
    overhead), else the spec itself.
    """

    def __init__(self, entries: Iterable[FileEntry]) -> None:
        self.entries: list[FileEntry] = list(entries)
        starts: list[int] = []
        position = 0
        for entry in self.entries:
            starts.append(position)
            position += len(entry.name) + 1
        self._starts = starts
        self._names = "\x00" + "\x00".join(entry.name for entry in self.entries) + "\x00"

    def match(self, patterns: Iterable[str], limit: int | None = None) -> list[FileEntry]:
        """The entries matching ``patterns``, in the entries' order (the first ``limit``).

        Patterns name files: an entry matches when its name is one that the last segment of
        a pattern names and the whole list matches its path (``docs/`` alone names no file).
        """
        patterns = list(patterns)
        if not patterns or not self.entries:
            return []
        names = sorted({pattern.rstrip("/").rsplit("/", 1)[-1].lstrip("!") for pattern in patterns})
        finder = re.compile(rf"\x00(?:{'|'.join(_glob_fragment(name) for name in names)})(?=\x00)")
        name_matches = _path_test(pathspec.GitIgnoreSpec.from_lines(names))
        path_matches = _path_test(pathspec.GitIgnoreSpec.from_lines(patterns))
        found: list[FileEntry] = []
        for hit in finder.finditer(self._names):
            entry = self.entries[bisect.bisect_left(self._starts, hit.start())]
            if name_matches(entry.name) and path_matches(entry.path):
                found.append(entry)
                if len(found) == limit:
                    break
        return found


def _path_test(spec: pathspec.GitIgnoreSpec) -> Callable[[str], bool]:
    """``spec.match_file``, through the patterns' own expressions when none negates."""
    active = [pattern for pattern in spec.patterns if pattern.include is not None]
    if any(not pattern.include for pattern in active):
        return spec.match_file
    expressions = [pattern.regex for pattern in active if pattern.regex is not None]
    return lambda path: any(expression.match(path) for expression in expressions)

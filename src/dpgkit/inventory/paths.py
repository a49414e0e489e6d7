"""Gitignore-style path patterns matched against the inventory's files, many lists at once.

Analyses ask dozens of pattern lists (``/CHANGELOG*``, ``.github/workflows/*.yml``) of the
same files; `pathspec` gives the exact gitignore semantics, and this module keeps it from
being called once per file per list.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

import pathspec

from dpgkit.inventory.files import FileEntry

# Glob characters of a pattern, read as a superset over one path: the candidates are then
# checked with the patterns' own matchers, so widening is safe.
_GLOB_TOKEN = re.compile(r"\*\*/|\*+|\?|\[[^\]]*\]|\\.|.", re.DOTALL)


def _glob_fragment(glob: str) -> str:
    """A regex matching at least every path (or path tail) the gitignore glob matches."""
    parts: list[str] = []
    for piece in _GLOB_TOKEN.findall(glob):
        if piece == "**/":  # zero or more directories
            parts.append(r"(?:[^\x00]*/)?")
        elif piece.startswith("*"):
            parts.append(r"[^\x00]*")
        elif piece == "?" or (piece.startswith("[") and len(piece) > 1):
            parts.append(r"[^\x00]")
        elif piece.startswith("\\") and len(piece) == 2:
            # gitignore reads a backslash as an escape, fnmatch as itself: admit both.
            parts.append(r"(?:\\)?" + re.escape(piece[1]))
        else:
            parts.append(re.escape(piece))
    return "".join(parts)


def _names_of(patterns: tuple[str, ...]) -> list[str]:
    """The last segments of a list's patterns: the file names it can include."""
    return sorted({pattern.rstrip("/").rsplit("/", 1)[-1].lstrip("!") for pattern in patterns})


@lru_cache(maxsize=512)
def _name_finder(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One expression over the NUL-separated names finding every name a pattern of the
    list names, or None when one of them names any file (a bare ``*``)."""
    names = _names_of(patterns)
    if any(name and not name.strip("*") for name in names):
        return None
    return re.compile(rf"\x00(?:{'|'.join(_glob_fragment(name) for name in names)})(?=\x00)")


@lru_cache(maxsize=512)
def _path_finder(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One expression over the NUL-separated paths finding every path a pattern of the list
    could include (negations only remove), or None when none includes.

    A pattern with a slash before its end is anchored at the root, one without names the
    path's last segment at any depth (gitignore's own rule), and what a pattern matches as a
    directory it matches below (``vendor/`` holds ``vendor/lib/CHANGELOG.md``)."""
    anchored: set[str] = set()
    floating: set[str] = set()
    for pattern in patterns:
        if pattern.startswith("!") or not pattern.strip("/"):
            continue
        glob = pattern.rstrip("/")
        deep = glob.startswith("**/")  # at any depth: found after any slash, no backtracking
        while glob.startswith("**/"):
            glob = glob[3:]
        if "/" in glob and not deep:
            anchored.add(_glob_fragment(glob.lstrip("/")))
        else:
            floating.add(_glob_fragment(glob))
    alternatives = [
        *([rf"\x00(?:{'|'.join(sorted(anchored))})"] if anchored else []),
        *([rf"[\x00/](?:{'|'.join(sorted(floating))})"] if floating else []),
    ]
    if not alternatives:
        return None
    return re.compile(rf"(?:{'|'.join(alternatives)})(?:/[^\x00]*)?(?=\x00)")


@lru_cache(maxsize=512)
def _exact_tests(patterns: tuple[str, ...]) -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """The exact checks of a list: its files' names, then their whole paths."""
    # pathspec's "simple" backend: its patterns' own expressions, which _path_test runs,
    # without also compiling the RE2 set the default backend builds for match_file.
    return (
        _path_test(pathspec.GitIgnoreSpec.from_lines(_names_of(patterns), backend="simple")),
        _path_test(pathspec.GitIgnoreSpec.from_lines(patterns, backend="simple")),
    )


class PathMatcher:
    """Gitignore-style pattern lists (``/CHANGELOG*``, ``.github/workflows/*.yml``) matched
    against one list of entries, many times over.

    Analyses ask dozens of pattern lists of the same files. The entries' names, and their
    paths, are joined once into NUL-separated texts; a list's last segments become one
    expression searched over the names (a C-level scan, wider than gitignore's own reading),
    or, when a last segment names any file (``.github/codeql/*``), the patterns themselves
    one expression over the paths, so a list no file can match costs one search, not a
    Python call per file; only the candidates meet the exact matchers: the patterns' own
    compiled expressions when the list holds no negation (what ``GitIgnoreSpec.match_file``
    computes then, without its per-call overhead), else the spec itself.
    """

    def __init__(self, entries: Iterable[FileEntry]) -> None:
        self.entries: list[FileEntry] = list(entries)
        self._name_starts, self._names = _joined(entry.name for entry in self.entries)
        self._path_starts: list[int] = []
        self._paths = ""  # joined on the first list that needs it

    def match(self, patterns: Iterable[str], limit: int | None = None) -> list[FileEntry]:
        """The entries matching ``patterns``, in the entries' order (the first ``limit``).

        Patterns name files: an entry matches when its name is one that the last segment of
        a pattern names and the whole list matches its path (``docs/`` alone names no file).
        """
        patterns = tuple(patterns)
        if not patterns or not self.entries:
            return []
        finder = _name_finder(patterns)
        starts, text = self._name_starts, self._names
        if finder is None:
            finder = _path_finder(patterns)
            if finder is None:
                return []
            if not self._paths:
                self._path_starts, self._paths = _joined(entry.path for entry in self.entries)
            starts, text = self._path_starts, self._paths
        found: list[FileEntry] = []
        exact = None  # compiled at the first candidate: most lists have none
        for hit in finder.finditer(text):
            # A hit starts at the NUL before its entry, or at a slash inside a path.
            entry = self.entries[bisect.bisect_right(starts, hit.start()) - 1]
            name_matches, path_matches = exact = exact or _exact_tests(patterns)
            if name_matches(entry.name) and path_matches(entry.path):
                found.append(entry)
                if len(found) == limit:
                    break
        return found


def _joined(texts: Iterable[str]) -> tuple[list[int], str]:
    """The texts joined with NULs around each, and where each one's leading NUL is."""
    starts: list[int] = []
    parts: list[str] = []
    position = 0
    for text in texts:
        starts.append(position)
        parts.append(text)
        position += len(text) + 1
    return starts, "\x00" + "\x00".join(parts) + "\x00"


def _path_test(spec: pathspec.GitIgnoreSpec) -> Callable[[str], bool]:
    """``spec.match_file``, through the patterns' own expressions when none negates."""
    active = [pattern for pattern in spec.patterns if pattern.include is not None]
    if any(not pattern.include for pattern in active):
        return spec.match_file
    expressions = [pattern.regex for pattern in active if pattern.regex is not None]
    return lambda path: any(expression.match(path) for expression in expressions)

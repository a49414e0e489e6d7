"""The inventory's path matcher finds exactly what the per-file gitignore check finds.

`PathMatcher` replaces a loop that asked `pathspec` about every file for every pattern list;
these tests compare it with that loop on generated trees and pattern lists (anchored and
floating patterns, ``*``, ``**``, ``?``, character classes, escapes, negations), and check
the inventory's `glob` on a real git checkout.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pathspec
import pytest

from dpgkit.inventory import FileEntry, build_inventory
from dpgkit.inventory.paths import PathMatcher

_DIRS = ["", "docs", "src/app", ".github/workflows", "vendor/lib", "a/b/c", "CHANGELOG.d"]
_NAMES = [
    "CHANGELOG.md", "CHANGES", "HISTORY.rst", "changelog.md", "README.md", "ci.yml",
    "release.yaml", "setup.py", "x.py", "x1.py", "xy.py", "Dockerfile", "a[1].txt",
    "openapi.json", "swagger.yaml", "*star*.txt", "LICENSE", ".editorconfig",
]  # fmt: skip
_PATTERNS = [
    "/CHANGELOG*", "/CHANGES*", "/HISTORY*", ".github/workflows/*.yml", "*.py", "x?.py",
    "x[0-9].py", "**/openapi.json", "docs/**", "src/**/*.py", "!x.py", "!/setup.py",
    "Dockerfile", "a\\[1].txt", "\\*star*.txt", "*", "/.editorconfig", "**", "vendor/",
    "*.y*ml", "[!a-z]*.md", ".github/workflows/*", "a/**/c/*", "**/b/*", "src/*",
    "/docs/*.md", "**/vendor/**", "CHANGELOG.d/", "a/b",
]  # fmt: skip


def _entry(path: str, vendored: bool = False) -> FileEntry:
    return FileEntry(path=path, size=1, language=None, vendored=vendored, generated=False)


def _per_file(entries: list[FileEntry], patterns: list[str]) -> list[FileEntry]:
    """The contract, file by file: the file's name is one a pattern's last segment names
    (patterns name files, not directories), and the whole list matches its path."""
    names = sorted({pattern.rstrip("/").rsplit("/", 1)[-1] for pattern in patterns})
    name_spec = pathspec.GitIgnoreSpec.from_lines(name.lstrip("!") for name in names)
    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    return [
        entry
        for entry in entries
        if name_spec.match_file(entry.name) and spec.match_file(entry.path)
    ]


def _tree(seed: int) -> list[FileEntry]:
    generator = random.Random(seed)
    paths = {
        f"{directory}/{name}".lstrip("/")
        for directory in _DIRS
        for name in _NAMES
        if generator.random() < 0.6
    }
    return [_entry(path) for path in sorted(paths)]


@pytest.mark.parametrize("seed", range(12))
def test_matcher_equals_the_per_file_check_on_generated_lists(seed: int) -> None:
    entries = _tree(seed)
    matcher = PathMatcher(entries)
    generator = random.Random(1000 + seed)
    for _ in range(40):
        patterns = generator.sample(_PATTERNS, generator.randint(1, 4))
        found = matcher.match(patterns)
        assert found == _per_file(entries, patterns), patterns


def test_each_pattern_alone() -> None:
    entries = _tree(99)
    matcher = PathMatcher(entries)
    for pattern in _PATTERNS:
        assert matcher.match([pattern]) == _per_file(entries, [pattern]), pattern


def test_limit_keeps_the_first_matches() -> None:
    entries = _tree(3)
    matcher = PathMatcher(entries)
    everything = matcher.match(["*.py", "*.md"])
    assert len(everything) > 5
    assert matcher.match(["*.py", "*.md"], limit=5) == everything[:5]
    assert matcher.match(["*.py", "*.md"], limit=len(everything) + 10) == everything


def test_a_negation_removes_what_an_earlier_pattern_added() -> None:
    entries = [_entry("setup.py"), _entry("src/x.py"), _entry("src/y.py")]
    found = PathMatcher(entries).match(["*.py", "!x.py"])
    assert [entry.path for entry in found] == ["setup.py", "src/y.py"]


def test_empty_inputs() -> None:
    assert PathMatcher([]).match(["*.py"]) == []
    assert PathMatcher([_entry("a.py")]).match([]) == []


def test_inventory_glob_on_a_checkout(repo_factory: Callable[..., Path]) -> None:
    root = repo_factory(
        {
            "CHANGELOG.md": "## 1.0.0\n",
            "docs/CHANGELOG.md": "nested, not at the top\n",
            ".github/workflows/ci.yml": "on: push\n",
            ".github/workflows/notes.txt": "not a workflow\n",
            "vendor/lib/CHANGELOG.md": "a vendored library's\n",
            "app/models.py": "x = 1\n",
        }
    )
    inventory = build_inventory(root)
    assert [e.path for e in inventory.glob("/CHANGELOG*")] == ["CHANGELOG.md"]
    assert [e.path for e in inventory.glob(".github/workflows/*.yml")] == [
        ".github/workflows/ci.yml"
    ]
    assert [e.path for e in inventory.glob("CHANGELOG*")] == ["CHANGELOG.md", "docs/CHANGELOG.md"]
    everything = [e.path for e in inventory.glob("CHANGELOG*", own_only=False)]
    assert "vendor/lib/CHANGELOG.md" in everything

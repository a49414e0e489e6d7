"""The pass over the file contents (dpgkit.scan): each file read once, every scanner fed,
results in inventory order and identical whatever the number of worker processes."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.assess import AssessOptions, assess
from dpgkit.inventory import FileEntry, build_inventory
from dpgkit.scan import Scanner, run_scan
from dpgkit.scan import engine as scan_engine
from tests.conftest import WATER_WATCH_README, git, mit_license

RepoFactory = Callable[..., Path]


def _words(entry: FileEntry, text: str) -> tuple[str, int] | None:
    """A module-level scanner function: workers receive it by reference."""
    count = len(re.findall(r"\bwell\b", text))
    return (entry.path, count) if count else None


def _lines(entry: FileEntry, text: str) -> int:
    return text.count("\n")


def _boom(entry: FileEntry, text: str) -> int:
    if entry.name == "bad.py":
        raise ValueError("a scanner bug")
    return 1


def _pid(entry: FileEntry, text: str) -> int:
    return os.getpid()


def _binary(entry: FileEntry) -> str:
    return f"binary {entry.path}"


WORDS = Scanner("test words", wants=lambda e: e.suffix == ".md", scan=_words)
LINES = Scanner("test lines", wants=lambda e: e.own, scan=_lines, on_binary=_binary)
GATED = Scanner("test gated", wants=lambda e: e.own, scan=_lines, gate=r"(?i)\bwell\b")
BOOM = Scanner("test boom", wants=lambda e: e.suffix == ".py", scan=_boom)
PIDS = Scanner("test pids", wants=lambda e: e.own, scan=_pid)


@pytest.fixture
def many_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small checkouts run in-process; these tests need the real worker processes."""
    monkeypatch.setattr(scan_engine, "_PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(scan_engine, "_PARALLEL_MIN_FILES", 0)
    monkeypatch.setattr(scan_engine, "_CHUNK_FILES", 3)


def test_each_file_is_read_once_and_feeds_every_scanner(repo_factory: RepoFactory) -> None:
    root = repo_factory(
        {
            "README.md": "# Wells\n\nA well map. Every well has a page.\n",
            "docs/guide.md": "No matching word here.\n",
            "src/app.py": "print('well')\n",
            "logo.bin": b"\x00\x01binary\x00",
            "node_modules/lib/index.js": "vendored\n",
        }
    )
    inventory = build_inventory(root)
    results = run_scan(inventory, [WORDS, LINES, GATED])
    assert [hit for _entry, hit in results["test words"].hits] == [("README.md", 2)]
    lines = {entry.path: hit for entry, hit in results["test lines"].hits}
    assert lines == {
        "README.md": 3,
        "docs/guide.md": 1,
        "logo.bin": "binary logo.bin",
        "src/app.py": 1,
    }
    # The gate holds back files without the word; the vendored file is wanted by nobody.
    assert [e.path for e, _ in results["test gated"].hits] == ["README.md", "src/app.py"]
    assert results["test lines"].texts == {"README.md", "docs/guide.md", "src/app.py"}
    own_text = sum(
        (root / path).stat().st_size for path in ("README.md", "docs/guide.md", "src/app.py")
    )
    # Each wanted file read once (the binary one only up to its first block).
    assert inventory.bytes_read == own_text + (root / "logo.bin").stat().st_size
    assert inventory.is_binary(inventory.get("logo.bin"))  # type: ignore[arg-type]


@pytest.mark.usefixtures("many_files")
def test_workers_give_the_same_results_in_the_same_order(repo_factory: RepoFactory) -> None:
    files: dict[str, str | bytes] = {
        f"pkg{index % 3}/mod{index}.md": "well\n" * (index % 4) + "text\n" for index in range(40)
    }
    files["pkg0/bad.py"] = "x = 1\n"
    files["pkg1/good.py"] = "y = 2\n"
    root = repo_factory(files)
    serial_inventory = build_inventory(root)
    serial = run_scan(serial_inventory, [WORDS, LINES, GATED, BOOM], jobs=1)
    parallel_inventory = build_inventory(root)
    progress: list[tuple[int, int]] = []
    parallel = run_scan(
        parallel_inventory,
        [WORDS, LINES, GATED, BOOM],
        jobs=4,
        progress=lambda done, total: progress.append((done, total)),
    )
    for name in serial:
        assert [(e.path, h) for e, h in serial[name].hits] == [
            (e.path, h) for e, h in parallel[name].hits
        ], name
    assert serial_inventory.bytes_read == parallel_inventory.bytes_read
    assert serial_inventory.warnings == parallel_inventory.warnings
    # A scanner's bug costs its result for that file, not the pass.
    assert [e.path for e, _ in parallel["test boom"].hits] == ["pkg1/good.py"]
    assert any("pkg0/bad.py: the test boom scan failed" in w for w in parallel_inventory.warnings)
    assert progress[-1] == (progress[-1][1], progress[-1][1]) and len(progress) > 1
    # Worker processes really did the reading (how the chunks fall between the two workers
    # is the scheduler's business: on a busy machine one worker may take them all).
    pids = {pid for _, pid in run_scan(build_inventory(root), [PIDS], jobs=2)["test pids"].hits}
    assert pids and os.getpid() not in pids and len(pids) <= 2


def test_files_are_never_read_outside_the_checkout(repo_factory: RepoFactory) -> None:
    root = repo_factory({"README.md": "# x\n"}, commit=False)
    (root / "LICENSE").symlink_to("/etc/passwd")
    (root / "inside.md").symlink_to(root / "README.md")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "links")
    inventory = build_inventory(root)
    results = run_scan(inventory, [LINES])
    assert {e.path for e, _ in results["test lines"].hits} == {"README.md", "inside.md"}
    # A path that left the checkout after listing is refused by the worker itself.
    chunk = scan_engine._ChunkScanner([LINES.worker_part()], inventory.read_cap, str(root))
    entry = inventory.get("README.md")
    assert entry is not None
    ((_, (binary, bytes_read, _, error), hits, _),) = chunk(
        [(0, entry, "/etc/passwd", (0,), False)]
    )
    assert error == "outside the checkout" and bytes_read == 0 and binary and hits == []


@pytest.mark.usefixtures("many_files")
def test_assessment_is_identical_with_one_or_four_workers(repo_factory: RepoFactory) -> None:
    """The whole assessment, JSON byte for byte (timings aside), whatever the workers."""
    files: dict[str, str | bytes] = {
        "README.md": WATER_WATCH_README,
        "LICENSE": mit_license("Water Watch contributors"),
        "requirements.txt": "django==5.0\nrequests==2.31\n",
        "app/models.py": (
            "from django.db import models\n\n"
            "class Volunteer(models.Model):\n"
            "    email = models.EmailField()\n"
            "    phone = models.CharField(max_length=20)\n"
        ),
        "app/settings.py": 'SECRET_KEY = "q8Zr4Kx1Vb7Nw2Tm9Lp3Hs6Jd0Fg5Ya"\nDEBUG = False\n',
        "api/openapi.yaml": (
            "openapi: 3.0.0\ninfo: {title: wells, version: '1'}\npaths: {}\n"
            "components:\n  schemas:\n    Well:\n      properties:\n"
            "        owner_name: {type: string}\n        location: {type: string}\n"
        ),
        "docs/privacy.md": "We follow the GDPR. Data can be exported as CSV.\n",
    }
    for index in range(30):
        files[f"app/views/view{index}.py"] = (
            f"# SPDX-License-Identifier: MIT\n# Copyright 2026 Water Watch\n"
            f"def view{index}(request):\n    return export_csv(request)\n"
        )
    root = repo_factory(files)

    def run(jobs: int) -> str:
        assessment = assess(root, AssessOptions(jobs=jobs))
        assessment.stats.seconds = 0.0
        return assessment.model_dump_json()

    serial = run(1)
    assert run(4) == serial
    assert "q8Zr4Kx1Vb7Nw2Tm9Lp3Hs6Jd0Fg5Ya" not in serial  # found, and redacted everywhere
    assert "app/settings.py" in serial

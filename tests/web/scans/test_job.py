"""The scan job on real git repositories served as file:// folders: stored once per commit,
changes from the previous scan, failures with their reason, hostile repositories harmless."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dpgkit.diff import diff_assessments
from dpgkit.model import Assessment
from dpgkit.standard import load_standard
from dpgkit.web.scans.jobs import JobOutcome, rewrite_url, run_scan_good
from dpgkit.web.scans.models import Scan, ScanStatus, VerdictChange
from tests.conftest import git
from tests.web.scans.conftest import REMOTE, head

pytestmark = pytest.mark.django_db
LINES = [spec.id for spec in load_standard().indicators]


@pytest.fixture(autouse=True)
def own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The job's temporary folders go here, so that a test can see that none is left."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_rewrite_takes_the_longest_prefix() -> None:
    rules = [["https://github.com/", "file:///a/"], ["https://github.com/org/", "file:///b/"]]
    assert rewrite_url("https://github.com/org/x", rules) == "file:///b/x"
    assert rewrite_url("https://github.com/other/x", rules) == "file:///a/other/x"
    assert rewrite_url("https://gitlab.com/x", rules) == "https://gitlab.com/x"


@pytest.mark.parametrize(
    ("recorded", "cloned"),
    [
        (
            "https://github.com/coronasafe/care/blob/master/LICENSE",
            "https://github.com/coronasafe/care",
        ),
        ("https://github.com/farmOS/farmOS/", "https://github.com/farmOS/farmOS"),
        ("https://github.com/o/r/tree/main/sub/dir", "https://github.com/o/r"),
        ("https://github.com/o/r?tab=readme#x", "https://github.com/o/r"),
        (
            "https://gitlab.com/our-sci/software/surveystack/",
            "https://gitlab.com/our-sci/software/surveystack",
        ),
        ("https://gitlab.com/g/sub/p/-/tree/main", "https://gitlab.com/g/sub/p"),
        ("https://codeberg.org/o/r/src/branch/main", "https://codeberg.org/o/r"),
        ("https://hg.example.org/hgweb/health/", "https://hg.example.org/hgweb/health"),
        ("  https://github.com/team-asr ", "https://github.com/team-asr"),
    ],
)
def test_repository_address_from_a_record(recorded: str, cloned: str) -> None:
    from dpgkit.web.scans.jobs import repository_url

    assert repository_url({"repositories": [{"name": "main", "url": recorded}]}) == cloned


def test_scan_is_stored_once_per_commit(
    make_good: Callable[..., Any], water: Path, served: Any, own_tempdir: Path
) -> None:
    good = make_good("water-watch", REMOTE + "water-watch")
    rewrites = served(water.parent)

    assert run_scan_good(good.pk, rewrites) == JobOutcome.DONE
    scan = Scan.objects.get(good=good)
    assert scan.status == ScanStatus.DONE and scan.failure_reason == ""
    assert scan.commit == head(water)
    assert scan.repository_url == REMOTE + "water-watch"
    assert list(scan.verdicts) == LINES and len(LINES) == 11
    assessment = Assessment.model_validate_json(scan.assessment_json)
    assert assessment.project.commit == scan.commit
    assert assessment.project.path == "."
    assert {r.id: r.verdict.value for r in assessment.indicators} == scan.verdicts
    assert (scan.met, scan.total, scan.overall) == (
        assessment.overall.met, assessment.overall.total, assessment.overall.verdict.value
    )  # fmt: skip
    assert scan.previous is None and scan.diff_json == ""
    assert not list(own_tempdir.iterdir()), "the clone is removed"

    # The same commit again: nothing new is stored, the check time moves.
    assert run_scan_good(good.pk, rewrites) == JobOutcome.UNCHANGED
    assert Scan.objects.filter(good=good).count() == 1
    assert not VerdictChange.objects.filter(good=good).exists()
    again = Scan.objects.get(good=good)
    assert again.assessment_json == scan.assessment_json
    assert again.checked_at > scan.checked_at
    assert not list(own_tempdir.iterdir())


def test_unchanged_remote_is_not_cloned_again(
    make_good: Callable[..., Any], water: Path, served: Any, settings: Any
) -> None:
    good = make_good("water-watch", REMOTE + "water-watch")
    rewrites = served(water.parent)
    assert run_scan_good(good.pk, rewrites) == JobOutcome.DONE
    # With a cap no clone could meet, the rescan still answers: git ls-remote saw the
    # stored commit, and nothing was downloaded.
    settings.REVIEW_CLONE_MAX_BYTES = 1
    assert run_scan_good(good.pk, rewrites) == JobOutcome.UNCHANGED
    assert Scan.objects.filter(good=good).count() == 1
    # A new commit is cloned (and here refused by the cap: a recorded failure).
    (water / "NEWS.md").write_text("# News\n")
    git(water, "add", "NEWS.md")
    git(water, "commit", "-q", "-m", "news")
    assert run_scan_good(good.pk, rewrites) == JobOutcome.FAILED
    assert "larger than 1 bytes" in Scan.objects.filter(good=good).order_by("-pk")[0].failure_reason


def test_new_commit_stores_the_changes_dpg_diff_finds(
    make_good: Callable[..., Any], water: Path, served: Any
) -> None:
    good = make_good("water-watch", REMOTE + "water-watch")
    rewrites = served(water.parent)
    assert run_scan_good(good.pk, rewrites) == JobOutcome.DONE
    first = Scan.objects.get(good=good)

    (water / "LICENSE").unlink()
    git(water, "commit", "-q", "-am", "drop the license")
    assert run_scan_good(good.pk, rewrites) == JobOutcome.DONE
    second = Scan.objects.filter(good=good).order_by("-pk").first()
    assert second is not None and second.commit == head(water) != first.commit
    assert second.previous == first

    expected = diff_assessments(
        Assessment.model_validate_json(first.assessment_json),
        Assessment.model_validate_json(second.assessment_json),
    )
    assert second.diff_json == expected.model_dump_json()
    changed = {item.id: item for item in expected.indicators if item.change != "unchanged"}
    stored = {change.indicator: change for change in second.changes.all()}
    assert set(stored) == set(changed) and "2" in stored
    assert stored["2"].change == "regressed"
    assert (stored["2"].old, stored["2"].new) == (first.verdicts["2"], second.verdicts["2"])
    assert stored["2"].good == good and stored["2"].at == second.finished_at


def test_missing_repository_is_a_recorded_failure(
    make_good: Callable[..., Any], tmp_path: Path, served: Any
) -> None:
    good = make_good("gone", REMOTE + "gone")
    rewrites = served(tmp_path / "remote")
    assert run_scan_good(good.pk, rewrites) == JobOutcome.FAILED
    scan = Scan.objects.get(good=good)
    assert scan.status == ScanStatus.FAILED and scan.commit == ""
    assert "git could not clone the repository: fatal:" in scan.failure_reason
    # The reason names the registry's address, not the folder it was rewritten to.
    assert REMOTE + "gone" in scan.failure_reason
    assert str(tmp_path) not in scan.failure_reason
    assert scan.assessment_json == "" and scan.verdicts == {}
    # The same failure again is not a new row.
    assert run_scan_good(good.pk, rewrites) == JobOutcome.UNCHANGED
    assert Scan.objects.filter(good=good).count() == 1


def test_only_allowed_schemes_are_cloned(
    make_good: Callable[..., Any], water: Path, settings: Any
) -> None:
    good = make_good("water-watch", "http://example.org/water-watch")
    assert run_scan_good(good.pk) == JobOutcome.FAILED
    assert "Only these kinds of address" in Scan.objects.get(good=good).failure_reason
    settings.REVIEW_CLONE_SCHEMES = ["https"]  # a public server: no file://
    local = make_good("local", water.as_uri())
    assert run_scan_good(local.pk) == JobOutcome.FAILED
    assert "https://" in Scan.objects.get(good=local).failure_reason


def test_goods_without_a_repository_are_skipped(make_good: Callable[..., Any]) -> None:
    good = make_good("no-code")
    assert run_scan_good(good.pk) == JobOutcome.SKIPPED
    assert run_scan_good(10**9) == JobOutcome.SKIPPED
    assert not Scan.objects.filter(good=good).exists()


def test_too_large_repository_is_refused(
    make_good: Callable[..., Any], repo_factory: Callable[..., Path], served: Any, settings: Any
) -> None:
    settings.REVIEW_CLONE_MAX_BYTES = 300_000
    repo = repo_factory(
        {"README.md": "# Big\n", "data.bin": os.urandom(1_000_000)}, name="remote/big"
    )
    good = make_good("big", REMOTE + "big")
    assert run_scan_good(good.pk, served(repo.parent)) == JobOutcome.FAILED
    assert "larger than 300000 bytes" in Scan.objects.get(good=good).failure_reason


def test_too_slow_repository_is_refused(
    make_good: Callable[..., Any], repo_factory: Callable[..., Path], served: Any, settings: Any
) -> None:
    """30 MB of incompressible data cannot be cloned (and checked: transfer.fsckObjects) within
    the first check of a time cap of 0 seconds (every 0.2 s)."""
    settings.REVIEW_CLONE_TIMEOUT_SECONDS = 0
    repo = repo_factory(
        {"README.md": "# Slow\n", "data.bin": os.urandom(30_000_000)}, name="remote/slow"
    )
    good = make_good("slow", REMOTE + "slow")
    assert run_scan_good(good.pk, served(repo.parent)) == JobOutcome.FAILED
    assert "Cloning took longer than 0 seconds" in Scan.objects.get(good=good).failure_reason


def hostile_home(tmp_path: Path) -> tuple[Path, Path]:
    """A HOME whose git configuration runs a hook on checkout and a smudge filter: what a
    worker machine's own configuration could do to a clone that honoured it."""
    marker = tmp_path / "ran"
    home = tmp_path / "hostile-home"
    hooks = home / "hooks"
    hooks.mkdir(parents=True)
    hook = hooks / "post-checkout"
    hook.write_text(f"#!/bin/sh\necho hook >> {marker}\n")
    hook.chmod(0o755)
    smudge = home / "smudge"
    smudge.write_text(f"#!/bin/sh\necho filter >> {marker}\nexec cat\n")
    smudge.chmod(0o755)
    (home / ".gitconfig").write_text(
        f"[core]\n\thooksPath = {hooks}\n"
        f'[filter "evil"]\n\tsmudge = {smudge}\n'
        '[protocol "file"]\n\tallow = always\n'
    )
    return home, marker


def test_hostile_repository_runs_nothing_and_reads_nothing_outside(
    make_good: Callable[..., Any],
    repo_factory: Callable[..., Path],
    tmp_path: Path,
    served: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("TOKEN-7f3a9c-outside-the-tree\n")
    inner = repo_factory(
        {"README.md": "# Inner\n", "inner.txt": "TOKEN-inner-submodule\n"}, name="inner"
    )
    files = {
        "README.md": "# Hostile\n\nA project.\n",
        ".gitattributes": "* filter=evil\n",
        ".gitmodules": f'[submodule "inner"]\n\tpath = inner\n\turl = {inner.as_uri()}\n',
    }
    repo = repo_factory(files, name="remote/hostile", commit=False)
    os.symlink(secret, repo / "leak.md")
    os.symlink("../../outside/secret.txt", repo / "relative-leak.txt")
    hooks = repo / ".git" / "hooks"
    (hooks / "post-checkout").write_text(f"#!/bin/sh\necho repo-hook >> {tmp_path / 'ran'}\n")
    (hooks / "post-checkout").chmod(0o755)
    git(repo, "add", "-A")
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{head(inner)},inner")
    git(repo, "commit", "-q", "-m", "hostile")

    home, marker = hostile_home(tmp_path)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    # The repository is really hostile: a plain clone under this configuration runs both.
    plain = subprocess.run(
        ["git", "clone", "-q", "--recurse-submodules", repo.as_uri(), str(tmp_path / "plain")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert plain.returncode == 0, plain.stderr
    assert "hook" in marker.read_text() and "filter" in marker.read_text()
    assert (tmp_path / "plain" / "inner" / "inner.txt").exists()
    marker.unlink()

    good = make_good("hostile", REMOTE + "hostile")
    assert run_scan_good(good.pk, served(repo.parent)) == JobOutcome.DONE
    assert not marker.exists(), "no hook or filter ran"
    scan = Scan.objects.get(good=good)
    assert "TOKEN-7f3a9c" not in scan.assessment_json
    assert "TOKEN-inner" not in scan.assessment_json
    assert list(scan.verdicts) == LINES


def test_hostile_checkout_has_no_symlink_submodule_or_hook(
    repo_factory: Callable[..., Path], tmp_path: Path
) -> None:
    from dpgkit.web.review.clone import head_commit, shallow_clone

    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-outside\n")
    inner = repo_factory({"inner.txt": "inner\n"}, name="inner")
    repo = repo_factory(
        {".gitmodules": f'[submodule "inner"]\n\tpath = inner\n\turl = {inner.as_uri()}\n'},
        name="hostile", commit=False,
    )  # fmt: skip
    os.symlink(secret, repo / "leak")
    git(repo, "add", "-A")
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{head(inner)},inner")
    git(repo, "commit", "-q", "-m", "hostile")

    checkout = tmp_path / "work" / "checkout"
    checkout.parent.mkdir()
    shallow_clone(repo.as_uri(), checkout, ["https", "file"], 10_000_000, 60)
    assert head_commit(checkout) == head(repo)
    leak = checkout / "leak"
    assert not leak.is_symlink() and leak.read_text() == str(secret)
    assert not (checkout / "inner" / "inner.txt").exists()

"""`dpg registry scan` and `dpg worker` as a user runs them: real processes on a fresh
database (SQLite; PostgreSQL when DPGKIT_TEST_DATABASE_URL is set), repositories served as
file:// through --url-rewrite, and an RQ worker on Redis."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.web.redis_databases import (
    REGISTRY_SCAN_KILLED_WORKER,
    REGISTRY_SCAN_WORKERS,
    redis_url,
)
from tests.web.review.conftest import WATER_FILES
from tests.web.scans.conftest import head

# Goods of the bundled snapshot, with their repositories on github.com.
GOOD = "aajeevika"  # https://github.com/undpindia/aajeevika
GONE = "aam-digital"  # its repository is not in the local folder: a failed scan
# Each test's own Redis database (tests.web.redis_databases): they may run at once.
REDIS_URL = redis_url(REGISTRY_SCAN_WORKERS)
KILLED_WORKER_REDIS_URL = redis_url(REGISTRY_SCAN_KILLED_WORKER)


def dpg(*args: str, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dpgkit", *args],
        capture_output=True, text=True, env=env, timeout=timeout,
    )  # fmt: skip


def base_env(tmp_path: Path, database_url: str, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "DPGKIT_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="dpgkit.web.settings.local",
        DATABASE_URL=database_url,
        DPGKIT_DATA_DIR=str(tmp_path / "data"),
        DPGKIT_CLONE_SCHEMES="https,file",
        COLUMNS="250",
        **extra,
    )
    return env


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[str]:
    """A database nobody has migrated: a PostgreSQL database of its own, or a SQLite file."""
    server = os.environ.get("DPGKIT_TEST_DATABASE_URL")
    if not server:
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    import psycopg

    name = f"dpgkit_scan_{uuid.uuid4().hex[:12]}"
    admin = urlunsplit(urlsplit(server)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def scans(database_url: str) -> list[dict[str, Any]]:
    sql = (
        'SELECT g.slug, s.status, s."commit", s.failure_reason, s.verdicts, s.assessment_json '
        "FROM scans_scan s JOIN registry_good g ON g.id = s.good_id ORDER BY g.slug, s.id"
    )
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            rows = connection.execute(sql).fetchall()
    else:
        import psycopg

        with psycopg.connect(database_url) as connection:
            rows = connection.execute(sql).fetchall()
    keys = ["slug", "status", "commit", "reason", "verdicts", "assessment"]
    result = [dict(zip(keys, row, strict=True)) for row in rows]
    for row in result:
        if isinstance(row["verdicts"], str):
            row["verdicts"] = json.loads(row["verdicts"])
    return result


@pytest.fixture
def mirror(repo_factory: Callable[..., Path], tmp_path: Path) -> tuple[Path, str]:
    """github.com as a local folder holding undpindia/aajeevika (and nothing else)."""
    repo = repo_factory(WATER_FILES, name="mirror/undpindia/aajeevika")
    return repo, f"https://github.com/={(tmp_path / 'mirror').as_uri()}/"


def test_scan_on_a_fresh_database_with_the_immediate_backend(
    tmp_path: Path, fresh_database: str, mirror: tuple[Path, str]
) -> None:
    repo, rewrite = mirror
    env = base_env(tmp_path, fresh_database, DPGKIT_TASKS_BACKEND="immediate")
    result = dpg("registry", "scan", GOOD, GONE, "--url-rewrite", rewrite, "--wait", env=env)
    assert result.returncode == 0, result.stderr
    assert "loaded the bundled registry snapshot" in result.stderr
    assert "queued 2 scans" in result.stderr
    stored = scans(fresh_database)
    assert [(row["slug"], row["status"]) for row in stored] == [(GOOD, "done"), (GONE, "failed")]
    assert stored[0]["commit"] == head(repo) and len(stored[0]["verdicts"]) == 11
    assert json.loads(stored[0]["assessment"])["project"]["commit"] == head(repo)
    assert "git could not clone" in stored[1]["reason"]
    assert head(repo)[:12] in result.stdout and "done" in result.stdout

    # Again: the same commit and the same failure store nothing new.
    again = dpg("registry", "scan", GOOD, GONE, "--url-rewrite", rewrite, "--wait", env=env)
    assert again.returncode == 0, again.stderr
    assert "unchanged" in again.stdout
    assert scans(fresh_database) == stored
    # --stale 1: both were checked just now, nothing is queued.
    stale = dpg("registry", "scan", GOOD, GONE, "--stale", "1", "--url-rewrite", rewrite, env=env)
    assert stale.returncode == 0, stale.stderr
    assert "queued 0 scans" in stale.stderr


def test_bad_usage_is_one_line(tmp_path: Path) -> None:
    env = base_env(tmp_path, f"sqlite:///{tmp_path / 'x.sqlite3'}")
    for args, message in [
        ((), "name goods to scan, or give --all or --stale DAYS"),
        (("x", "--url-rewrite", "nothing"), "--url-rewrite takes FROM=TO"),
        (("no-such-good",), "no good with the slug no-such-good"),
    ]:
        result = dpg("registry", "scan", *args, env=env)
        assert result.returncode == 2 and message in result.stderr, result.stderr
    worker = dpg("worker", "--burst", env={**env, "DPGKIT_TASKS_BACKEND": "immediate"})
    assert worker.returncode == 2 and "immediate" in worker.stderr


@pytest.mark.redis
def test_scans_on_rq_workers(tmp_path: Path, fresh_database: str, mirror: tuple[Path, str]) -> None:
    import redis

    queue = redis.Redis.from_url(REDIS_URL)
    queue.flushdb()
    repo, rewrite = mirror
    env = base_env(
        tmp_path, fresh_database, DPGKIT_TASKS_BACKEND="redis", DPGKIT_REDIS_URL=REDIS_URL
    )
    try:
        queued = dpg("registry", "scan", GOOD, GONE, "--url-rewrite", rewrite, env=env)
        assert queued.returncode == 0, queued.stderr
        assert "queued 2 scans" in queued.stderr
        assert scans(fresh_database) == []  # nothing runs until a worker takes the jobs
        worker = dpg("worker", "--burst", env=env)
        assert worker.returncode == 0, worker.stderr[-2000:]
        stored = scans(fresh_database)
        assert [(row["slug"], row["status"]) for row in stored] == [
            (GOOD, "done"), (GONE, "failed"),
        ]  # fmt: skip
        assert stored[0]["commit"] == head(repo) and len(stored[0]["verdicts"]) == 11

        # --wait with a worker running beside it: the job's result comes back.
        running = subprocess.Popen(
            [sys.executable, "-m", "dpgkit", "worker"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            waited = dpg("registry", "scan", GOOD, "--url-rewrite", rewrite, "--wait", env=env)
        finally:
            running.send_signal(signal.SIGTERM)
            running.wait(timeout=60)
        assert waited.returncode == 0, waited.stderr
        assert "unchanged" in waited.stdout
        assert scans(fresh_database) == stored
    finally:
        queue.flushdb()


@pytest.mark.redis
def test_killed_worker_leaves_no_row_and_the_scan_runs_again(
    tmp_path: Path, fresh_database: str, repo_factory: Callable[..., Path]
) -> None:
    """A real RQ worker SIGKILLed in the middle of a scan: no row at all (nothing is written
    before the end); queued again, the scan is stored exactly once."""
    import time

    import redis

    from tests.web.review.test_worker import big_repository

    queue = redis.Redis.from_url(KILLED_WORKER_REDIS_URL)
    queue.flushdb()
    repo = big_repository(
        lambda files, name: repo_factory(files, name="mirror/undpindia/aajeevika")
    )
    rewrite = f"https://github.com/={(tmp_path / 'mirror').as_uri()}/"
    scratch = tmp_path / "worker-tmp"
    scratch.mkdir()
    env = base_env(
        tmp_path, fresh_database, DPGKIT_TASKS_BACKEND="redis",
        DPGKIT_REDIS_URL=KILLED_WORKER_REDIS_URL, TMPDIR=str(scratch),
    )  # fmt: skip
    worker: subprocess.Popen[bytes] | None = None
    try:
        assert dpg("registry", "scan", GOOD, "--url-rewrite", rewrite, env=env).returncode == 0
        worker = subprocess.Popen(
            [sys.executable, "-m", "dpgkit", "worker"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(scratch.glob("dpgkit-registry-scan-*")):
            time.sleep(0.02)
        assert list(scratch.glob("dpgkit-registry-scan-*")), "the worker started the scan"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        assert worker.returncode == -signal.SIGKILL
        assert scans(fresh_database) == []

        # Queued again (the next `dpg registry scan`, e.g. --stale from cron): stored once,
        # however often the workers run.
        assert dpg("registry", "scan", GOOD, "--url-rewrite", rewrite, env=env).returncode == 0
        for _ in range(2):
            burst = dpg("worker", "--burst", env=env)
            assert burst.returncode == 0, burst.stderr[-2000:]
        stored = scans(fresh_database)
        assert [(row["slug"], row["status"], row["commit"]) for row in stored] == [
            (GOOD, "done", head(repo))
        ]
    finally:
        # A worker left running (the test failed before its kill) would take the jobs of
        # every later test on this Redis database.
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait(timeout=30)
        queue.flushdb()

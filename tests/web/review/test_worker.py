"""A real worker process — django-tasks-db's, or an RQ worker on Redis — killed with
SIGKILL in the middle of a scan.

The database must hold no half-written result (no assessment, no "scan done" audit entry or
notification); the scan, queued again, must then complete exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from dpgkit.web.review.models import AuditEntry, Notification, Status, Submission
from tests.web.redis_databases import REVIEW_WORKER, redis_url

# django_db sets up the test database; the test itself works in another thread, whose own
# connection commits, so that the worker process sees its rows (deleted at the end).
pytestmark = pytest.mark.django_db


def database_url() -> str:
    from django.db import connection

    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    host = config.get("HOST") or "127.0.0.1"
    port = config.get("PORT") or 5432
    return f"postgresql://{config['USER']}@{host}:{port}/{config['NAME']}"


# A Redis database of its own, so that the test never touches a real deployment's queues
# nor another test's (tests.web.redis_databases).
REDIS_URL = redis_url(REVIEW_WORKER)
WORKERS = {
    "database": ["db_worker", "--backend", "database", "--batch", "--no-startup-delay",
                 "--interval", "0.1", "--no-reload"],
    # SimpleWorker runs the job in the worker's own process (RQ's default forks a child that
    # would outlive a SIGKILLed parent), and --burst stops once the queue is empty.
    "redis": ["rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job",
              "--worker-class", "rq.worker.SimpleWorker"],
}  # fmt: skip


def start_worker(tmp_path: Path, backend: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dpgkit.web.settings.local",
        "DATABASE_URL": database_url(),
        "DPGKIT_DATA_DIR": str(tmp_path / "data"),
        "DPGKIT_CLONE_SCHEMES": "https,file",
        "DPGKIT_REDIS_URL": REDIS_URL,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [sys.executable, "-m", "dpgkit.web", *WORKERS[backend]]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


@pytest.fixture
def redis_queue(settings: Any) -> Any:
    """The RQ queue of the test's own Redis database, emptied before and after."""
    import django_rq

    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    queue = django_rq.get_queue("default")
    queue.connection.flushdb()
    yield queue
    queue.connection.flushdb()


def in_own_thread(body: Callable[[], None]) -> None:
    from django.db import connection

    def run() -> None:
        try:
            body()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result()


def big_repository(repo_factory: Callable[..., Path]) -> Path:
    """A project large enough that its scan lasts a few seconds."""
    from tests.web.review.conftest import WATER_FILES

    files: dict[str, str] = dict(WATER_FILES)
    body = "".join(f"def handler_{n}(value):\n    return value * {n}\n\n" for n in range(60))
    for index in range(150):
        files[f"app/module_{index // 50}/part_{index}.py"] = body
    return repo_factory(files, name="big-water")


def test_killed_worker_leaves_no_half_written_record(
    repo_factory: Callable[..., Path], tmp_path: Path
) -> None:
    repo = big_repository(repo_factory)
    in_own_thread(lambda: kill_and_rerun(repo, tmp_path, "database"))


@pytest.mark.redis
def test_killed_redis_worker_leaves_no_half_written_record(
    repo_factory: Callable[..., Path], tmp_path: Path, redis_queue: Any
) -> None:
    repo = big_repository(repo_factory)
    in_own_thread(lambda: kill_and_rerun(repo, tmp_path, "redis"))


def kill_and_rerun(repo: Path, tmp_path: Path, backend: str) -> None:
    from django_tasks_db.models import DBTaskResult

    owner = None
    try:
        owner = run_killed_worker(repo, tmp_path, backend)
    finally:
        DBTaskResult.objects.all().delete()
        if owner is not None:
            AuditEntry.objects.filter(submission__owner=owner).delete()
            owner.delete()


def run_killed_worker(repo: Path, tmp_path: Path, backend: str) -> Any:
    from django.contrib.auth.models import User

    from dpgkit.web.review.jobs import requeue_stale, scan_submission

    owner = User.objects.create_user("worker-owner", "owner@example.org", "x-password-1")
    submission = Submission.objects.create(
        owner=owner, name="big-water", slug="", source="repository",
        repository_url=repo.as_uri(), status=Status.QUEUED,
    )  # fmt: skip
    scan_submission.using(backend=backend).enqueue(submission.pk)

    worker = start_worker(tmp_path, backend)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        submission.refresh_from_db()
        if submission.status != Status.QUEUED:
            break
        time.sleep(0.02)
    assert submission.status == Status.ASSESSING, submission.job_error
    time.sleep(0.3)  # well inside the scan: cloning has started
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    assert worker.returncode == -signal.SIGKILL

    submission.refresh_from_db()
    assert submission.status == Status.ASSESSING
    assert submission.assessment_json is None
    assert submission.job_attempts == 1
    assert not AuditEntry.objects.filter(submission=submission, action="scan.done").exists()
    assert not Notification.objects.filter(submission=submission).exists()

    # Queued again (what `review_requeue` does on a schedule), a new worker finishes it once.
    assert requeue_stale(0, backend=backend) == [submission.pk]
    worker = start_worker(tmp_path, backend)
    output, _ = worker.communicate(timeout=240)
    assert worker.returncode == 0, output.decode()[-2000:]
    submission.refresh_from_db()
    assert submission.status == Status.DRAFT, submission.job_error
    assert submission.job_attempts == 2
    assert submission.assessment_json and '"Water Watch"' in submission.assessment_json
    assert AuditEntry.objects.filter(submission=submission, action="scan.done").count() == 1
    assert Notification.objects.filter(submission=submission, kind="scan_done").count() == 1
    # Running the job once more changes nothing: it is idempotent.
    from dpgkit.web.review.jobs import run_scan

    assert run_scan(submission.pk) == "skipped"
    return owner

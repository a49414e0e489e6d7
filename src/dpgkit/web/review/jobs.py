"""The background scan of a submitted repository, as a django-tasks task.

A job is idempotent: it claims the submission (QUEUED, or ASSESSING left by a dead worker
and re-queued by ``review_requeue``), works without touching the database (clone into a
temporary folder, assess, build nothing partial), then writes the result in ONE transaction
that also checks the claim still holds. A worker killed anywhere before that commit leaves
the submission as it was, apart from the claim, and the job can simply run again. Failures
that another try could fix (an unexpected error) are retried up to REVIEW_JOB_MAX_ATTEMPTS;
a repository that cannot be cloned or read fails at once with the reason.
"""

from __future__ import annotations

import logging
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskContext, task

from dpgkit.assess import assess
from dpgkit.errors import BadInputError
from dpgkit.model import Assessment
from dpgkit.web.activity.audit import record
from dpgkit.web.activity.notify import notify
from dpgkit.web.review.clone import CloneError, shallow_clone
from dpgkit.web.review.models import Status, Submission

log = logging.getLogger(__name__)


class JobOutcome:
    DONE = "done"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"


def scan_repository(url: str) -> Assessment:
    """Clone and assess; the temporary checkout is removed whatever happens."""
    with tempfile.TemporaryDirectory(prefix="dpgkit-scan-") as folder:
        checkout = Path(folder) / "checkout"
        shallow_clone(
            url,
            checkout,
            settings.REVIEW_CLONE_SCHEMES,
            settings.REVIEW_CLONE_MAX_BYTES,
            settings.REVIEW_CLONE_TIMEOUT_SECONDS,
        )
        assessment = assess(checkout)
    # The server's temporary path means nothing to the reader; the address does.
    assessment.project.path = "."
    assessment.project.repository_url = assessment.project.repository_url or url
    return assessment


def _claim(submission_id: int) -> Submission | None:
    with transaction.atomic():
        submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
        if submission is None or submission.status != Status.QUEUED:
            return None
        submission.status = Status.ASSESSING
        submission.job_attempts += 1
        submission.job_started_at = timezone.now()
        submission.save(update_fields=["status", "job_attempts", "job_started_at", "updated_at"])
        return submission


def _finish(submission: Submission, assessment: Assessment) -> bool:
    with transaction.atomic():
        current = Submission.objects.select_for_update().get(pk=submission.pk)
        if current.status != Status.ASSESSING or current.job_attempts != submission.job_attempts:
            return False  # re-queued meanwhile: that run owns the result
        current.assessment_json = assessment.model_dump_json()
        current.status = Status.DRAFT
        current.job_error = ""
        current.save()
        record(None, "scan.done", current, current, verdict=assessment.overall.verdict.value)
        notify(current.owner, "scan_done", current)
    return True


def _fail(submission: Submission, reason: str, retry: bool) -> None:
    with transaction.atomic():
        current = Submission.objects.select_for_update().get(pk=submission.pk)
        if current.status != Status.ASSESSING:
            return
        current.job_error = reason[:2000]
        current.status = Status.QUEUED if retry else Status.FAILED
        current.save(update_fields=["job_error", "status", "updated_at"])
        record(
            None, "scan.retry" if retry else "scan.failed", current, current, reason=reason[:500]
        )
        if not retry:
            notify(current.owner, "scan_failed", current)


def run_scan(submission_id: int, backend: str = "default") -> str:
    submission = _claim(submission_id)
    if submission is None:
        return JobOutcome.SKIPPED
    try:
        assessment = scan_repository(submission.repository_url)
    except (CloneError, BadInputError) as error:
        _fail(submission, str(error), retry=False)
        return JobOutcome.FAILED
    except Exception as error:
        log.exception("scan of submission %s failed", submission_id)
        retry = submission.job_attempts < settings.REVIEW_JOB_MAX_ATTEMPTS
        _fail(submission, f"{type(error).__name__}: {error}", retry=retry)
        if retry:
            enqueue_scan(submission_id, backend)
            return JobOutcome.RETRY
        return JobOutcome.FAILED
    return JobOutcome.DONE if _finish(submission, assessment) else JobOutcome.SKIPPED


@task(takes_context=True)
def scan_submission(context: TaskContext, submission_id: int) -> str:
    return run_scan(submission_id, context.task_result.backend)


def enqueue_scan(submission_id: int, backend: str = "default") -> None:
    """Queue the scan. Call it after the submission's row is committed (a worker in another
    process must see it); the immediate backend runs it right here."""
    scan_submission.using(backend=backend).enqueue(submission_id)


def requeue_stale(older_than_seconds: float, backend: str = "default") -> list[int]:
    """Submissions whose worker died (ASSESSING for too long) go back to the queue."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    requeued: list[int] = []
    for submission_id in Submission.objects.filter(
        status=Status.ASSESSING, job_started_at__lte=cutoff
    ).values_list("pk", flat=True):
        with transaction.atomic():
            updated = Submission.objects.filter(
                pk=submission_id, status=Status.ASSESSING, job_started_at__lte=cutoff
            ).update(status=Status.QUEUED, job_error="the worker stopped; queued again")
            if updated:
                record(None, "scan.requeued", Submission.objects.get(pk=submission_id))
                requeued.append(submission_id)
    for submission_id in requeued:
        enqueue_scan(submission_id, backend)
    return requeued

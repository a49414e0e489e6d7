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
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskContext, task

from dpgkit.assess import assess
from dpgkit.errors import BadInputError
from dpgkit.model import Assessment
from dpgkit.web.review import workflow
from dpgkit.web.review.clone import CloneError, configured_checkout
from dpgkit.web.review.models import Status, Submission

log = logging.getLogger(__name__)


class JobOutcome:
    DONE = "done"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"


def scan_repository(url: str) -> Assessment:
    """Clone and assess; the temporary checkout is removed whatever happens."""
    with configured_checkout(url, "dpgkit-scan-") as checkout:
        assessment = assess(checkout)
    # The server's temporary path means nothing to the reader; the address does.
    assessment.project.path = "."
    assessment.project.repository_url = assessment.project.repository_url or url
    return assessment


def run_scan(submission_id: int, backend: str = "default") -> str:
    submission = workflow.claim_scan(submission_id)
    if submission is None:
        return JobOutcome.SKIPPED
    try:
        assessment = scan_repository(submission.repository_url)
    except (CloneError, BadInputError) as error:
        workflow.fail_scan(submission, str(error), retry=False)
        return JobOutcome.FAILED
    except Exception as error:
        log.exception("scan of submission %s failed", submission_id)
        retry = submission.job_attempts < settings.REVIEW_JOB_MAX_ATTEMPTS
        workflow.fail_scan(submission, f"{type(error).__name__}: {error}", retry=retry)
        if retry:
            enqueue_scan(submission_id, backend)
            return JobOutcome.RETRY
        return JobOutcome.FAILED
    finished = workflow.finish_scan(
        submission, assessment.model_dump_json(), assessment.overall.verdict.value
    )
    return JobOutcome.DONE if finished else JobOutcome.SKIPPED


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
    for submission in Submission.objects.filter(
        status=Status.ASSESSING, job_started_at__lte=cutoff
    ):
        if workflow.requeue_scan(submission, cutoff):
            requeued.append(submission.pk)
    for submission_id in requeued:
        enqueue_scan(submission_id, backend)
    return requeued

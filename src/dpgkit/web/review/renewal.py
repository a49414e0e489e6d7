"""DPG status lasts REVIEW_RENEWAL_DAYS: remind owners before it ends, mark it expired after.

Run daily: ``python -m dpgkit.web review_renewals`` (cron or a systemd timer), or enqueue the
``renewals`` task. Both are idempotent: a reminder is sent once, an expiry is marked once.
A submission whose renewal was approved is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from dpgkit.diff import AssessmentDiff, diff_assessments
from dpgkit.web.activity.audit import record
from dpgkit.web.activity.notify import notify
from dpgkit.web.review import workflow
from dpgkit.web.review.models import Status, Submission
from dpgkit.web.review.records import PublishError, assessment_of, publish


@dataclass
class RenewalReport:
    reminded: list[int] = field(default_factory=list)
    expired: list[int] = field(default_factory=list)


def _current_approvals() -> list[Submission]:
    return list(
        Submission.objects.filter(status=Status.APPROVED, expires_at__isnull=False)
        .exclude(renewals__status=Status.APPROVED)
        .select_related("owner")
    )


def run_renewals(now: datetime | None = None) -> RenewalReport:
    now = now or timezone.now()
    report = RenewalReport()
    remind_from = now + timedelta(days=settings.REVIEW_REMINDER_DAYS)
    for submission in _current_approvals():
        assert submission.expires_at is not None
        if submission.expires_at <= now:
            with transaction.atomic():
                if not workflow.expire(submission):
                    continue
                try:
                    publish(submission, "archive")
                except PublishError as error:
                    record(
                        None, "renewal.publish_failed", submission, submission, reason=str(error)
                    )
            report.expired.append(submission.pk)
        elif submission.expires_at <= remind_from and submission.reminded_at is None:
            with transaction.atomic():
                if not Submission.objects.filter(pk=submission.pk, reminded_at__isnull=True).update(
                    reminded_at=now
                ):
                    continue
                record(None, "renewal.reminded", submission, submission)
                notify(submission.owner, "expiring", submission)
            report.reminded.append(submission.pk)
    return report


@task()
def renewals() -> dict[str, list[int]]:
    report = run_renewals()
    return {"reminded": report.reminded, "expired": report.expired}


def last_approved(submission: Submission) -> Submission | None:
    """The approved (or since expired) submission this one renews, following the chain."""
    for previous in submission.renewed():
        if previous.status in (Status.APPROVED, Status.EXPIRED):
            return previous
    return None


def renewal_diff(submission: Submission) -> AssessmentDiff | None:
    """What changed since the last approved assessment (both must be scans)."""
    previous = last_approved(submission)
    if previous is None:
        return None
    old, new = assessment_of(previous), assessment_of(submission)
    if old is None or new is None:
        return None
    return diff_assessments(old, new)

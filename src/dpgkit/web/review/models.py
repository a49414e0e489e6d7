"""A nomination under review, its 11 indicator lines, its thread, notifications, audit log.

Every model that two people may edit at once carries ``version``: a save names the version it
read and fails when another save came first (see ``locking.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The audit log and notifications are their own app (both accounts and review use them);
# named here too for the code that reads them next to submissions.
from dpgkit.web.activity.models import AuditEntry as AuditEntry
from dpgkit.web.activity.models import Notification as Notification


class Status(models.TextChoices):
    QUEUED = "queued", _("Waiting for the scan")
    ASSESSING = "assessing", _("Being scanned")
    FAILED = "failed", _("Scan failed")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CLARIFICATION = "clarification", _("Clarification requested")
    APPROVED = "approved", _("Digital public good")
    INELIGIBLE = "ineligible", _("Ineligible")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Source(models.TextChoices):
    NOMINATION = "nomination", _("Uploaded nomination records")
    ASSESSMENT = "assessment", _("Uploaded assessment")
    REPOSITORY = "repository", _("Repository scanned by the server")


EDITABLE = {Status.DRAFT, Status.CLARIFICATION}
UNDER_REVIEW = {Status.SUBMITTED, Status.IN_REVIEW, Status.CLARIFICATION}
DECIDED = {Status.APPROVED, Status.INELIGIBLE, Status.EXPIRED}


class Submission(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    name = models.CharField(max_length=300)
    slug = models.CharField(max_length=200, db_index=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    repository_url = models.CharField(max_length=2000, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, db_index=True)
    # The scan and the records as JSON text (None until there is one).
    assessment_json = models.TextField(null=True, blank=True)
    nominee_json = models.TextField(null=True, blank=True)
    screening_json = models.TextField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)  # "7.privacy_laws" -> value
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_submissions",
    )
    renewal_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="renewals"
    )
    job_attempts = models.PositiveIntegerField(default=0)
    job_error = models.TextField(blank=True)
    job_started_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        permissions = [
            ("review_submission", "Can review submissions"),
            ("decide_submission", "Can decide submissions"),
            ("assign_submission", "Can assign reviewers"),
        ]

    def __str__(self) -> str:
        return self.name

    def parsed(self, field: str) -> Any:
        text = getattr(self, field)
        return json.loads(text) if text else None

    def renewed(self) -> Iterator[Submission]:
        """The submissions this one renews, nearest first (``renewal_of``, then its own);
        a chain that loops back (edited by hand in the database) ends where it repeats."""
        previous, seen = self.renewal_of, {self.pk}
        while previous is not None and previous.pk not in seen:
            seen.add(previous.pk)
            yield previous
            previous = previous.renewal_of


class LineStatus(models.TextChoices):
    PENDING = "pending", _("Not reviewed yet")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    CLARIFICATION = "clarification", _("Clarification requested")


class IndicatorReview(models.Model):
    """The reviewer's finding on one of the Standard's 11 indicator lines (1..8, 9A, 9B, 9C)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="lines")
    indicator = models.CharField(max_length=4)
    status = models.CharField(max_length=20, choices=LineStatus.choices, default="pending")
    comment = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="review_line_once")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}/{self.indicator}"


class Message(models.Model):
    """One post in a submission's clarification thread."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    indicator = models.CharField(max_length=4, blank=True)
    body = models.TextField()
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [("moderate_message", "Can hide messages and handle reports")]

    def __str__(self) -> str:
        return f"message {self.pk}"


class AbuseReport(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["message", "reporter"], name="review_report_once")
        ]

    def __str__(self) -> str:
        return f"report {self.pk}"

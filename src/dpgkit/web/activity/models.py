"""The audit log and the in-app notifications.

Both point at a review submission by the model's label (``"review.Submission"``), never by an
import: the tables were review's and keep their names (migration 0001 moved only the models).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    """An in-app notice (also sent by e-mail); its words are chosen at display time, in the
    reader's language, from ``kind``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30)
    submission = models.ForeignKey(
        "review.Submission", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "review_notification"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class AuditEntry(models.Model):
    """Who did what, when: written in the same transaction as the change it describes."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)  # kept if the account goes
    action = models.CharField(max_length=60, db_index=True)
    submission = models.ForeignKey(
        "review.Submission", on_delete=models.SET_NULL, null=True, blank=True, related_name="audit"
    )
    target = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "review_auditentry"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

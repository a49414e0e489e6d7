"""A good's scan history and the verdict changes between consecutive scans.

``Scan`` is one assessment of a good's repository at one commit (status ``done``: the 11
verdicts and the full Assessment JSON), or one failed attempt (status ``failed``: the reason;
no commit when the clone itself failed). At most one ``done`` scan per (good, commit): a
rescan of an unchanged repository only moves ``checked_at``. ``VerdictChange`` rows are the
indicator lines whose verdict differs from the good's previous ``done`` scan, as ``dpg diff``
computes them (``dpgkit.diff``); the scan keeps that whole diff as JSON too.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from dpgkit.web.registry.models import Good


class ScanStatus(models.TextChoices):
    DONE = "done", _("Assessed")
    FAILED = "failed", _("Failed")


class Scan(models.Model):
    good = models.ForeignKey(Good, on_delete=models.CASCADE, related_name="scans")
    # The address as the registry records it (before any --url-rewrite).
    repository_url = models.CharField(max_length=2000)
    commit = models.CharField(max_length=64, blank=True, default="")
    status = models.CharField(max_length=10, choices=ScanStatus.choices)
    failure_reason = models.TextField(blank=True, default="")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(db_index=True)
    # The last time a scan found the repository in this state (same commit, or same failure).
    checked_at = models.DateTimeField(db_index=True)
    # Indicator id -> verdict value ("met", "not_met", ...), in the Standard's order.
    verdicts = models.JSONField(default=dict)
    overall = models.CharField(max_length=20, blank=True, default="")
    met = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveSmallIntegerField(default=0)
    assessment_json = models.TextField(blank=True, default="")
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # dpgkit.diff.AssessmentDiff against ``previous``, as JSON ("" for a first or failed scan).
    diff_json = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-finished_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["good", "commit"],
                condition=models.Q(status="done"),
                name="scans_scan_once_per_commit",
            )
        ]
        indexes = [models.Index(fields=["good", "-finished_at"], name="scans_scan_good_latest")]

    def __str__(self) -> str:
        return f"{self.good_id}@{self.commit[:12] or self.status}"


class VerdictChange(models.Model):
    """One indicator line whose verdict changed from the good's previous scan."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="changes")
    good = models.ForeignKey(Good, on_delete=models.CASCADE, related_name="verdict_changes")
    indicator = models.CharField(max_length=8)
    title = models.CharField(max_length=300)
    old = models.CharField(max_length=20, blank=True, default="")
    new = models.CharField(max_length=20, blank=True, default="")
    change = models.CharField(max_length=12)  # dpgkit.diff.Change: fixed, regressed, ...
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "good": self.good.slug,
            "indicator": self.indicator,
            "title": self.title,
            "old": self.old or None,
            "new": self.new or None,
            "change": self.change,
            "at": self.at.isoformat(),
            "commit": self.scan.commit,
        }

    def __str__(self) -> str:
        return f"{self.indicator}: {self.old} -> {self.new}"

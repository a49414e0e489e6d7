"""``{% scan_history good %}``: a good's latest scan (verdicts, date, commit, the report) and
its history, on the good's page."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from dpgkit.web.registry.models import Good
from dpgkit.web.review.words import change_label, indicator_title, verdict_label
from dpgkit.web.scans.models import ScanStatus

register = template.Library()
HISTORY_SIZE = 20


@register.inclusion_tag("scans/history.html")
def scan_history(good: Good) -> dict[str, Any]:
    history = list(good.scans.order_by("-finished_at", "-pk")[:HISTORY_SIZE])
    latest = next((scan for scan in history if scan.status == ScanStatus.DONE), None)
    lines = []
    changes: list[dict[str, str]] = []
    if latest is not None:
        lines = [
            {
                "id": key,
                "title": indicator_title(key),
                "verdict": value,
                "label": verdict_label(value),
            }
            for key, value in latest.verdicts.items()
        ]
        changes = [
            {
                "title": indicator_title(change.indicator, change.title),
                "change": change.change,
                "label": change_label(change.change),
                "old": verdict_label(change.old) or "—",
                "new": verdict_label(change.new) or "—",
            }
            for change in latest.changes.all()
        ]
    return {
        "good": good,
        "latest": latest,
        "latest_failed": history[0] if history and history[0].status == ScanStatus.FAILED else None,
        "lines": lines,
        "changes": changes,
        "history": history,
        "report_url": reverse("api:latest_assessment", args=[good.slug]),
    }

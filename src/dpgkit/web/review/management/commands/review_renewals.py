from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dpgkit.web.review.renewal import run_renewals


class Command(BaseCommand):
    help = "Remind owners whose DPG status expires soon; mark expired ones (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = run_renewals()
        self.stdout.write(f"reminded {len(report.reminded)}, expired {len(report.expired)}")

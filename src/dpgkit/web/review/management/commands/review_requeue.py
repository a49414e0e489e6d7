from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from dpgkit.web.review.jobs import requeue_stale


class Command(BaseCommand):
    help = "Queue again the scans whose worker stopped mid-job (run every few minutes)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--stale-after",
            type=float,
            default=900.0,
            help="Seconds a scan may run before it counts as abandoned (default 900).",
        )
        parser.add_argument("--backend", default="default", help="Task backend alias.")

    def handle(self, *args: Any, **options: Any) -> None:
        requeued = requeue_stale(options["stale_after"], options["backend"])
        self.stdout.write(f"queued again: {len(requeued)}")

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dpgkit.web.review.workflow import render_markdown, updated_document


class Command(BaseCommand):
    help = (
        "Print the review workflow's transition table (review/workflow.py) as a Mermaid "
        "diagram and a Markdown table; with --write, update it in docs/review.md."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--write",
            metavar="MARKDOWN",
            nargs="?",
            const="docs/review.md",
            help="Replace the generated block in this file (default docs/review.md).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["write"]:
            self.stdout.write(render_markdown(), ending="")
            return
        path = Path(options["write"])
        try:
            text = path.read_text(encoding="utf-8")
            path.write_text(updated_document(text), encoding="utf-8")
        except (OSError, ValueError) as error:
            raise CommandError(f"{path}: {error}") from error
        self.stdout.write(f"updated {path}")

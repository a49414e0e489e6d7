"""``dpg badge PATH|ASSESSMENT.json --out badge.svg``: the readiness badge for a README."""

from __future__ import annotations

from pathlib import Path

import typer

from dpgkit.cli.common import assessment_from, write_output
from dpgkit.errors import BadInputError


def badge_command(
    path: Path = typer.Argument(
        ..., help="The project's checkout (a folder), or an assessment saved with --format json."
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Where to write the SVG (default: stdout)."
    ),
    answers: Path | None = typer.Option(None, "--answers", "-a", help="Owner answers (YAML)."),
) -> None:
    """Write an SVG badge such as "DPG readiness 9/11" (indicator lines met or not applicable)."""
    if not path.exists():
        raise BadInputError(f"path does not exist: {path}")
    from dpgkit.reports.badge import badge_svg

    write_output(badge_svg(assessment_from(path, answers)), out)


def register(app: typer.Typer) -> None:
    app.command("badge")(badge_command)

"""``dpg diff OLD.json NEW.json``: what got fixed, what regressed, what is new."""

from __future__ import annotations

import io
import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from dpgkit.cli.common import read_assessment, stdout_console, write_output
from dpgkit.diff import AssessmentDiff, Change, diff_assessments
from dpgkit.errors import EXIT_NOT_ELIGIBLE, EXIT_OK
from dpgkit.model import Verdict
from dpgkit.reports.labels import VERDICT_LABELS

_SHOWN = (Change.FIXED, Change.IMPROVED, Change.REGRESSED, Change.NEW, Change.GONE, Change.CHANGED)
_STYLES = {
    Change.FIXED: "bold green",
    Change.IMPROVED: "green",
    Change.REGRESSED: "bold red",
    Change.NEW: "yellow",
    Change.GONE: "dim",
    Change.CHANGED: "cyan",
}


class DiffFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def _verdict(value: object) -> str:
    return VERDICT_LABELS[value] if isinstance(value, Verdict) else "—"


def _outcome(value: object) -> str:
    return str(getattr(value, "value", None) or "—").replace("_", " ")


def _headline(result: AssessmentDiff) -> str:
    delta = result.new.met - result.old.met
    sign = f"+{delta}" if delta > 0 else str(delta)
    return (
        f"{result.project}: DPG readiness {result.old.met}/{result.old.total} → "
        f"{result.new.met}/{result.new.total} ({sign}); "
        f"{result.count(Change.FIXED)} fixed, {result.count(Change.REGRESSED)} regressed, "
        f"{result.count(Change.NEW)} new"
    )


def _lines(result: AssessmentDiff) -> list[tuple[Change, str]]:
    lines: list[tuple[Change, str]] = []
    for change in _SHOWN:
        for item in result.indicators:
            if item.change is change:
                lines.append(
                    (
                        change,
                        f"indicator {item.id}. {item.title}: "
                        f"{_verdict(item.old)} → {_verdict(item.new)}",
                    )
                )
        for finding in result.findings:
            if finding.change is change:
                lines.append(
                    (
                        change,
                        f"finding {finding.probe} ({finding.indicator}): "
                        f"{_outcome(finding.old)} → {_outcome(finding.new)}: {finding.message}",
                    )
                )
    return lines


def render_text(result: AssessmentDiff, console: Console) -> None:
    console.print(Text(_headline(result), style="bold"), soft_wrap=True)
    lines = _lines(result)
    if not lines:
        console.print("Nothing changed.")
    for change, line in lines:
        console.print(Text(f"{change.value:>9}  {line}", style=_STYLES[change]), soft_wrap=True)


def render_markdown(result: AssessmentDiff) -> str:
    out = [f"**{_headline(result)}**", ""]
    lines = _lines(result)
    if not lines:
        out.append("Nothing changed.")
    out += [f"- **{change.value}** {line}" for change, line in lines]
    return "\n".join(out) + "\n"


def diff_command(
    old: Path = typer.Argument(..., help="The older assessment (dpg assess --format json)."),
    new: Path = typer.Argument(..., help="The newer assessment."),
    output_format: DiffFormat = typer.Option(
        DiffFormat.TEXT, "--format", "-f", help="text, json or markdown."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
    fail_on_regression: bool = typer.Option(
        False, "--fail-on-regression", help="Exit 1 when an indicator or finding regressed."
    ),
) -> None:
    """Show what changed between two assessments: fixed, regressed, new.

    Exit code 0, or 1 with --fail-on-regression when something regressed; 2 on bad input.
    """
    result = diff_assessments(read_assessment(old), read_assessment(new))
    if output_format is DiffFormat.JSON:
        payload = result.model_dump(mode="json")
        payload["summary"] = {change.value: result.count(change) for change in Change}
        write_output(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", output)
    elif output_format is DiffFormat.MARKDOWN:
        write_output(render_markdown(result), output)
    elif output is None:
        render_text(result, stdout_console())
    else:
        buffer = io.StringIO()
        render_text(result, Console(file=buffer, width=120, no_color=True))
        write_output(buffer.getvalue(), output)
    failed = fail_on_regression and result.regressed
    raise typer.Exit(EXIT_NOT_ELIGIBLE if failed else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("diff")(diff_command)

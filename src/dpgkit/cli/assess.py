"""``dpg assess PATH``: the main command."""

from __future__ import annotations

import io
import sys
import time
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from dpgkit.assess import AssessOptions, assess
from dpgkit.cli.common import checked_repository_url, stdout_console, write_output
from dpgkit.config import PROJECT_TYPES
from dpgkit.errors import EXIT_NOT_ELIGIBLE, EXIT_OK, BadInputError
from dpgkit.model import Assessment, OverallVerdict, Verdict
from dpgkit.reports import format_names, renderer_for
from dpgkit.scan import available_cores


class FailOn(StrEnum):
    NOT_ELIGIBLE = "not_eligible"
    NOT_MET = "not_met"
    NEEDS_ANSWER = "needs_answer"
    NEVER = "never"


def exit_code_for(assessment: Assessment, fail_on: FailOn) -> int:
    """The CI gate: which verdicts turn into exit code 1."""
    verdicts = {result.verdict for result in assessment.indicators}
    if fail_on is FailOn.NEVER:
        return EXIT_OK
    if fail_on is FailOn.NOT_MET:
        return EXIT_NOT_ELIGIBLE if Verdict.NOT_MET in verdicts else EXIT_OK
    if fail_on is FailOn.NEEDS_ANSWER:
        failing = {Verdict.NOT_MET, Verdict.NEEDS_ANSWER}
        return EXIT_NOT_ELIGIBLE if verdicts & failing else EXIT_OK
    eligible = assessment.overall.verdict is OverallVerdict.ELIGIBLE
    return EXIT_OK if eligible else EXIT_NOT_ELIGIBLE


# A run shorter than this shows no bar at all: it would only flicker.
_PROGRESS_DELAY = 1.0
_REFRESH_EVERY = 0.1


def run_assessment(path: Path, options: AssessOptions, show_progress: bool) -> Assessment:
    if not show_progress:
        return assess(path, options)
    # Imported only when a bar may be drawn (stderr a terminal).
    from rich.progress import BarColumn, Progress, TextColumn

    # No refresh thread (auto_refresh off): the scan pass forks worker processes, and a
    # thread writing to the terminal at that moment must not exist. The bar is drawn from
    # the hook, and only once the run has lasted a second.
    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,
    )
    task = bar.add_task("listing files", total=None)
    started = time.monotonic()
    shown = False
    last_refresh = 0.0

    def hook(step: str, done: int, total: int) -> None:
        nonlocal shown, last_refresh
        bar.update(task, description=step, completed=done, total=total)
        now = time.monotonic()
        if not shown and now - started >= _PROGRESS_DELAY:
            bar.start()
            shown = True
        if shown and now - last_refresh >= _REFRESH_EVERY:
            bar.refresh()
            last_refresh = now

    try:
        return assess(path, options, progress=hook)
    finally:
        if shown:
            bar.stop()


def _types(values: list[str]) -> list[str]:
    types = [part.strip() for value in values for part in value.split(",") if part.strip()]
    unknown = [t for t in types if t not in PROJECT_TYPES]
    if unknown:
        raise BadInputError(f"unknown --type {', '.join(unknown)}; use {', '.join(PROJECT_TYPES)}")
    return types


def assess_command(
    path: Path = typer.Argument(..., help="The project's checkout (a folder)."),
    answers: Path | None = typer.Option(None, "--answers", "-a", help="Owner answers (YAML)."),
    project_type: list[str] = typer.Option(
        [],
        "--type",
        "-t",
        help=f"Project type(s): {', '.join(PROJECT_TYPES)}. Repeat or comma-separate.",
    ),
    exclude: list[str] = typer.Option(
        [], "--exclude", help="Path patterns to leave out (gitignore syntax)."
    ),
    output_format: str = typer.Option(
        "terminal",
        "--format",
        "-f",
        help=f"Report format: {', '.join(['terminal', *format_names()])}.",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to this file."
    ),
    fail_on: FailOn = typer.Option(
        FailOn.NOT_ELIGIBLE, "--fail-on", help="Which verdicts make the exit code 1 (CI gate)."
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Show evidence for met indicators too."
    ),
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        min=1,
        help="Processes for reading and scanning files (default: every core available; 1: no extra processes).",
    ),
    repository_url: str | None = typer.Option(
        None,
        "--repository-url",
        help="The public repository (https://host/owner/name) when the checkout's remote is "
        "not it: evidence paths become links to files at the assessed commit.",
    ),
    interactive: bool = typer.Option(
        False,
        "--interactive",
        "-i",
        help="Ask the open questions, save the answers (to --answers or PATH/dpg-answers.yaml), then report.",
    ),
) -> None:
    """Assess a checkout against the DPG Standard and report each indicator with evidence.

    Exit code 0 when eligible (or the --fail-on gate passes), 1 when not, 2 on bad input.
    """
    formats = format_names()
    if output_format != "terminal" and output_format not in formats:
        choices = ", ".join(["terminal", *formats])
        raise BadInputError(f"unknown --format {output_format}; use one of {choices}")
    # --interactive creates the answers file, so it need not exist yet; without --answers it
    # uses PATH/dpg-answers.yaml, whose answers then count (and are not asked again).
    if interactive and answers is None and (path / "dpg-answers.yaml").is_file():
        answers = path / "dpg-answers.yaml"
    existing = answers if answers is None or not interactive or answers.exists() else None
    options = AssessOptions(
        answers_path=existing,
        types=_types(project_type),
        exclude=list(exclude),
        jobs=jobs or available_cores(),
        repository_url=checked_repository_url(repository_url),
    )
    assessment = run_assessment(path, options, show_progress=sys.stderr.isatty())
    if interactive:
        target = answers or path / "dpg-answers.yaml"
        assessment = _ask_and_reassess(path, assessment, options, target)
    if output_format == "terminal":
        from dpgkit.reports.terminal import print_terminal  # only this format needs it

        if output is None:
            print_terminal(assessment, stdout_console(), verbose)
        else:
            buffer = io.StringIO()
            print_terminal(assessment, Console(file=buffer, width=120, no_color=True), verbose)
            write_output(buffer.getvalue(), output)
    else:
        write_output(renderer_for(output_format)(assessment), output)
    raise typer.Exit(exit_code_for(assessment, fail_on))


def _ask_and_reassess(
    path: Path, assessment: Assessment, options: AssessOptions, target: Path
) -> Assessment:
    from dpgkit.answers_prompt import prompt_answers, save_answers

    console = Console(stderr=True, highlight=False)
    known = {
        answer.question: answer.value
        for indicator in assessment.indicators
        for answer in indicator.answers
    }
    given = prompt_answers(assessment, console, known)
    if not given:
        return assessment
    backup = save_answers(target, given, assessment.standard_version)
    console.print(f"Saved {len(given)} answer(s) to {target}")
    if backup is not None:
        console.print(f"Its earlier text, with the comments it held, is kept in {backup}")
    options.answers_path = target
    return run_assessment(path, options, show_progress=False)


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_command)

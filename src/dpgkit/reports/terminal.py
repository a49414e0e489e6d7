"""The terminal report: a table of the 11 indicator lines, then evidence and remediation."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from dpgkit.model import Assessment, OverallVerdict, Verdict
from dpgkit.reports.labels import (
    DECLARED,
    OUTCOME_SYMBOLS,
    VERDICT_LABELS,
    VERDICT_SYMBOLS,
    answer_text,
)

VERDICT_STYLES = {
    Verdict.MET: "bold green",
    Verdict.NOT_MET: "bold red",
    Verdict.NEEDS_ANSWER: "bold yellow",
    Verdict.NOT_APPLICABLE: "dim",
}


def _verdict_text(verdict: Verdict) -> Text:
    return Text(
        f"{VERDICT_SYMBOLS[verdict]} {VERDICT_LABELS[verdict]}", style=VERDICT_STYLES[verdict]
    )


def print_terminal(assessment: Assessment, console: Console, verbose: bool = False) -> None:
    project = assessment.project
    title = f"{project.name}" + (f" — {project.description}" if project.description else "")
    console.print(Text(title, style="bold"))
    console.print(
        Text(
            f"types: {', '.join(project.types)} · DPG Standard {assessment.standard_version}"
            + (f" · commit {project.commit[:10]}" if project.commit else ""),
            style="dim",
        )
    )
    table = Table(show_lines=False, expand=True)
    table.add_column("Indicator", ratio=3)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Summary", ratio=5)
    for result in assessment.indicators:
        table.add_row(f"{result.id}. {result.title}", _verdict_text(result.verdict), result.summary)
    console.print(table)

    for result in assessment.indicators:
        if result.verdict is Verdict.MET and not verbose:
            continue
        parts: list[Text] = []
        for finding in result.findings:
            parts.append(Text(f"{OUTCOME_SYMBOLS[finding.outcome]} {finding.message}"))
            for location in finding.locations[:5]:
                where = location.path + (f":{location.line}" if location.line else "")
                line = Text(f"    {where}", style="cyan")
                if location.excerpt:
                    line.append(f"  {location.excerpt}", style="dim")
                parts.append(line)
        for answer in result.answers:
            value = answer_text(answer.value)
            parts.append(Text(f"☑ {answer.question} ({DECLARED}): {value}", style="blue"))
        for text in result.remediation:
            parts.append(Text(f"→ {text}", style="yellow"))
        for question in result.questions:
            line = Text(f"❓ [{question.id}] {question.text}")
            if question.suggestion:
                line.append(f"\n     found: {question.suggestion}", style="green")
            parts.append(line)
        if parts:
            console.print(
                Panel(
                    Group(*parts),
                    title=Text(f"{result.id}. {result.title}: ").append_text(
                        _verdict_text(result.verdict)
                    ),
                    title_align="left",
                )
            )
    for warning in assessment.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    overall = assessment.overall
    if overall.verdict is OverallVerdict.ELIGIBLE:
        console.print(
            Text(f"Eligible: {overall.met}/{overall.total} indicators met.", style="bold green")
        )
    else:
        console.print(
            Text(
                f"Not eligible yet: {overall.met}/{overall.total} indicators met; "
                f"open: {', '.join(overall.blocking)}.",
                style="bold red",
            )
        )
    stats = assessment.stats
    console.print(
        Text(
            f"{stats.files} files, {stats.bytes_read:,} bytes read in {stats.seconds:.2f} s",
            style="dim",
        )
    )

"""``dpg nominate PATH --out DIR``: the nomination in the registry's own formats.

Writes ``nominees/<slug>.json`` (nominee record), ``digitalpublicgoods/<slug>.json``
(screening record), laid out like the registry's folders, and ``<slug>.provenance.json``
saying for each field whether it was declared by the owner or found in the checkout.
Exit 1 when required facts are missing (their questions are listed) or a record does not
validate against the registry's schema; ``--allow-incomplete`` writes missing facts as
"Unknown" instead.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.text import Text

from dpgkit.answers import Answers, load_answers
from dpgkit.cli.common import (
    assessment_from,
    checked_repository_url,
    stdout_console,
    write_output,
)
from dpgkit.config import load_config
from dpgkit.errors import EXIT_NOT_ELIGIBLE, EXIT_OK, BadInputError
from dpgkit.standard import load_standard

# The nomination builder and the registry's schemas are imported when the command runs,
# not with every `dpg` command.
if TYPE_CHECKING:
    from dpgkit.nomination import MissingFact, Nomination


def _answers_path(path: Path, answers: Path | None) -> Path | None:
    """The --answers file, else the one the project's configuration names."""
    if answers is not None or not path.is_dir():
        return answers
    config = load_config(path, [])
    return path / config.answers if config.answers else None


def _print_missing(console: Console, title: str, facts: list[MissingFact]) -> None:
    """Each fact with its answers-file key, the exact question and the registry field.

    Printed unwrapped (soft_wrap) so the question can be searched for and copied whole.
    """
    console.print(Text(f"{title} ({len(facts)}):", style="bold"), soft_wrap=True)
    for fact in facts:
        key = fact.question or "(to fix, not to answer)"
        console.print(
            Text(f"  {key}  → {fact.record} record {fact.field}", style="cyan"), soft_wrap=True
        )
        console.print(Text(f"      {fact.text}"), soft_wrap=True)


def _from_evidence(nomination: Nomination, fact: MissingFact) -> bool:
    """A required fact the records hold the scan's proposal for (the SDGs): see provenance."""
    from dpgkit.nomination import Source

    fields = nomination.provenance.fields.get(fact.record, {})
    return any(
        pointer.startswith(fact.field + "/") and source.source is Source.EVIDENCE
        for pointer, source in fields.items()
    )


def _sources_line(nomination: Nomination) -> Text:
    from dpgkit.nomination import Source

    counts = Counter(
        source.source
        for fields in nomination.provenance.fields.values()
        for source in fields.values()
    )
    parts = [
        f"{counts[Source.ANSWER]} declared by the owner",
        f"{counts[Source.EVIDENCE]} found in the checkout",
        f"{counts[Source.DEFAULT]} fixed by the format",
    ]
    if counts[Source.MISSING]:
        parts.append(f"{counts[Source.MISSING]} written as Unknown")
    return Text("Fields: " + ", ".join(parts) + ".")


def write_nomination(nomination: Nomination, out: Path) -> list[Path]:
    """Write both records and the provenance sidecar under out; return the files written."""
    from dpgkit.nomination import record_text
    from dpgkit.registry import RecordKind

    records = nomination.provenance.records
    written = [
        out / records[RecordKind.NOMINEE.value],
        out / records[RecordKind.SCREENING.value],
        out / f"{nomination.slug}.provenance.json",
    ]
    write_output(record_text(nomination.nominee), written[0])
    write_output(record_text(nomination.screening), written[1])
    provenance = nomination.provenance.model_dump(mode="json", exclude_none=True)
    write_output(json.dumps(provenance, indent=2, ensure_ascii=False) + "\n", written[2])
    return written


def schema_problems(nomination: Nomination) -> list[str]:
    from dpgkit.nomination import record_data
    from dpgkit.registry import RecordKind, record_errors

    problems = [
        f"nominee: {line}"
        for line in record_errors(RecordKind.NOMINEE, record_data(nomination.nominee))
    ]
    problems += [
        f"screening: {line}"
        for line in record_errors(RecordKind.SCREENING, record_data(nomination.screening))
    ]
    return problems


def nominate_command(
    path: Path = typer.Argument(
        ...,
        help="The project's checkout (a folder), or an assessment saved with --format json.",
    ),
    answers: Path | None = typer.Option(None, "--answers", "-a", help="Owner answers (YAML)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the records into."),
    allow_incomplete: bool = typer.Option(
        False, "--allow-incomplete", help='Write missing facts as "Unknown" instead of stopping.'
    ),
    repository_url: str | None = typer.Option(
        None,
        "--repository-url",
        help="The public repository (https://host/owner/name) when the checkout's remote is "
        "not it; evidence files are linked there at the assessed commit.",
    ),
) -> None:
    """Write the registry nomination: nominee and screening records, with provenance.

    Exit code 0 when written and valid, 1 when facts are missing (questions listed) or a
    record does not validate, 2 on bad input.
    """
    from dpgkit.nomination import NominationInputError, build_nomination

    if not path.exists():
        raise BadInputError(f"path does not exist: {path}")
    answers_path = _answers_path(path, answers)
    public_repository = checked_repository_url(repository_url)
    assessment = assessment_from(path, answers_path, repository_url=public_repository)
    standard = load_standard(assessment.standard_version)
    owner_answers = load_answers(answers_path, standard) if answers_path else Answers()
    try:
        nomination = build_nomination(assessment, owner_answers, standard, public_repository)
    except NominationInputError as error:
        raise BadInputError(f"answers: {error}") from None

    console = stdout_console()
    required = nomination.missing_required
    if required and not allow_incomplete:
        _print_missing(console, "Required facts still missing", required)
        console.print(
            "Answer them in the answers file (a template: dpg answers init PATH) and run again, "
            "or use --allow-incomplete to write them as Unknown.",
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_NOT_ELIGIBLE)

    written = write_nomination(nomination, out)
    for file in written:
        console.print(f"wrote {file}", highlight=False)
    console.print(_sources_line(nomination), soft_wrap=True)
    proposed = [fact for fact in required if _from_evidence(nomination, fact)]
    unknown = [fact for fact in required if fact not in proposed]
    if unknown:
        _print_missing(console, "Written as Unknown (required)", unknown)
    if proposed:
        _print_missing(console, "Written from the scan's proposal, to confirm (required)", proposed)
    if nomination.missing_recommended:
        _print_missing(console, "Recommended, not answered", nomination.missing_recommended)
    problems = schema_problems(nomination)
    if problems:
        error_console = Console(stderr=True, highlight=False)
        error_console.print("The records do not validate against the registry's schemas yet:")
        for problem in problems:
            error_console.print(f"  {problem}", markup=False)
        raise typer.Exit(EXIT_NOT_ELIGIBLE)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("nominate")(nominate_command)

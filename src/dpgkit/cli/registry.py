"""``dpg registry import|export``: move registry records in and out of the web app's database."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from dpgkit.cli.common import stdout_console
from dpgkit.cli.serve import configure_environment, setup_django
from dpgkit.errors import EXIT_NOT_ELIGIBLE, BadInputError
from dpgkit.fileio import write_atomically

registry_app = typer.Typer(
    help="Import and export the registry's nominee and screening records.", no_args_is_help=True
)


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    NDJSON = "ndjson"


@registry_app.command("import")
def import_command(
    path: Path = typer.Argument(
        ..., help="A registry folder (nominees/, digitalpublicgoods/) or an export file."
    ),
    database_url: str | None = typer.Option(
        None, "--database-url", help="Default: SQLite in the data folder."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List unchanged records too."),
) -> None:
    """Validate records against the registry's schemas and add or update them (idempotent).

    Exit code 0 when every record was accepted, 1 when some were rejected, 2 on bad input.
    """
    configure_environment(database_url, None)
    setup_django()
    from dpgkit.web.registry.bootstrap import migrate
    from dpgkit.web.registry.sources import read_source
    from dpgkit.web.registry.store import Status, import_items

    migrate()
    try:
        report = import_items(read_source(path))
    except (FileNotFoundError, ValueError) as error:
        raise BadInputError(str(error)) from None
    except OSError as error:
        raise BadInputError(f"cannot read {path} ({error.strerror})") from None
    console = stdout_console()
    table = Table("status", "kind", "id", "reason", title=f"import of {path}")
    for outcome in report.outcomes:
        if outcome.status is Status.UNCHANGED and not verbose:
            continue
        reason = "; ".join(outcome.reasons[:3]) + (" ..." if len(outcome.reasons) > 3 else "")
        table.add_row(outcome.status.value, outcome.kind, outcome.id, reason or outcome.origin)
    if table.row_count:
        console.print(table)
    counts = report.counts()
    console.print(
        ", ".join(f"{counts[status]} {status.value}" for status in Status), highlight=False
    )
    if report.rejected:
        raise typer.Exit(EXIT_NOT_ELIGIBLE)


@registry_app.command("export")
def export_command(
    format_: Format = typer.Option(Format.JSON, "--format", "-f", help="json, csv or ndjson."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="File to write (default: stdout)."
    ),
    database_url: str | None = typer.Option(
        None, "--database-url", help="Default: SQLite in the data folder."
    ),
) -> None:
    """Write every record (nominees, then screenings) in a format `dpg registry import` reads back."""
    configure_environment(database_url, None)
    setup_django()
    from dpgkit.web.registry.bootstrap import migrate
    from dpgkit.web.registry.export import ExportFormat, stream_export

    migrate()
    chunks = stream_export(ExportFormat(format_.value))
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    write_atomically(output, chunks)


def register(app: typer.Typer) -> None:
    app.add_typer(registry_app, name="registry")

"""``dpg registry import|export|scan`` and ``dpg worker``: the web app's records, and scans of
every registered good's repository on the configured task backend (docs/scale.md)."""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from dpgkit.cli.common import stdout_console
from dpgkit.cli.serve import configure_environment, prepare_database, setup_django
from dpgkit.errors import EXIT_NOT_ELIGIBLE, BadInputError
from dpgkit.fileio import write_atomically

if TYPE_CHECKING:
    from django_tasks import TaskResult

    from dpgkit.web.registry.models import Good

registry_app = typer.Typer(
    help="Import, export and scan the registry's records.", no_args_is_help=True
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


def parse_rewrites(values: list[str]) -> list[list[str]]:
    rewrites = []
    for value in values:
        old, sep, new = value.partition("=")
        if not sep or not old or not new:
            raise BadInputError(f"--url-rewrite takes FROM=TO, not {value!r}")
        rewrites.append([old, new])
    return rewrites


@registry_app.command("scan")
def scan_command(
    slugs: list[str] | None = typer.Argument(
        None, help="Goods to scan, by slug (or --all / --stale)."
    ),
    all_goods: bool = typer.Option(False, "--all", help="Every good with a repository URL."),
    stale: float | None = typer.Option(
        None,
        "--stale",
        min=0,
        help="Only goods not scanned for DAYS days (with no slug and no --all: among all goods).",
        metavar="DAYS",
    ),
    wait: bool = typer.Option(
        False, "--wait", help="Wait until every queued scan has finished and list the results."
    ),
    url_rewrite: list[str] = typer.Option(
        [],
        "--url-rewrite",
        help="FROM=TO: clone from TO where the registry says FROM (a mirror; repeatable).",
        metavar="FROM=TO",
    ),
    database_url: str | None = typer.Option(
        None, "--database-url", help="Default: SQLite in the data folder; env DATABASE_URL."
    ),
) -> None:
    """Queue one scan per good with a repository URL on the task backend (DPGKIT_TASKS_BACKEND:
    immediate runs them here; redis or database: `dpg worker` runs them, on any machine).

    A scan clones the repository read-only, assesses it and stores the result once per commit.
    """
    rewrites = parse_rewrites(url_rewrite)
    if not slugs and not all_goods and stale is None:
        raise BadInputError("name goods to scan, or give --all or --stale DAYS")
    configure_environment(database_url, None)
    setup_django()
    prepare_database()
    from django.utils import timezone

    from dpgkit.web.registry.models import Good
    from dpgkit.web.scans.jobs import enqueue_good, repository_url

    goods = Good.objects.order_by("slug")
    if slugs:
        goods = goods.filter(slug__in=slugs)
        unknown = sorted(set(slugs) - set(goods.values_list("slug", flat=True)))
        if unknown:
            raise BadInputError(f"no good with the slug {', '.join(unknown)}")
    if stale is not None:
        cutoff = timezone.now() - timedelta(days=stale)
        goods = goods.exclude(scans__checked_at__gte=cutoff)
    chosen = [good for good in goods.distinct() if repository_url(good.record)]
    if slugs and len(chosen) < len(set(slugs)) and stale is None:
        missing = sorted(set(slugs) - {good.slug for good in chosen})
        typer.echo(f"no repository URL in the record of {', '.join(missing)}", err=True)
    results = [(good, enqueue_good(good.pk, rewrites)) for good in chosen]
    typer.echo(f"queued {len(results)} scans", err=True)
    if wait:
        wait_for(results)


def wait_for(results: list[tuple[Good, TaskResult[str]]]) -> None:
    from django_tasks import TaskResultStatus

    from dpgkit.web.scans.jobs import latest_scan

    pending = [result for _good, result in results]
    while pending:
        for result in list(pending):
            if not result.is_finished:
                result.refresh()
            if result.is_finished:
                pending.remove(result)
        if pending:
            time.sleep(0.5)
    table = Table("good", "job", "scan", "commit", "met", "reason", title="registry scan")
    for good, result in results:
        scan = latest_scan(good)
        succeeded = result.status == TaskResultStatus.SUCCESSFUL
        table.add_row(
            good.slug,
            str(result.return_value) if succeeded else str(result.status),
            scan.status if scan else "—",
            scan.commit[:12] if scan else "",
            f"{scan.met}/{scan.total}" if scan and scan.total else "",
            scan.failure_reason[:120] if scan else "",
        )
    stdout_console().print(table)


def worker_command(
    burst: bool = typer.Option(False, "--burst", help="Stop once the queue is empty."),
    database_url: str | None = typer.Option(
        None, "--database-url", help="Default: SQLite in the data folder; env DATABASE_URL."
    ),
) -> None:
    """Run queued jobs (registry scans, submission scans) from the configured task backend:
    DPGKIT_TASKS_BACKEND=redis (RQ at DPGKIT_REDIS_URL) or database. Start one per core, on
    as many machines as share the database and Redis (docs/scale.md)."""
    configure_environment(database_url, None)
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    prepare_database()
    backend = str(getattr(settings, "TASKS", {}).get("default", {}).get("BACKEND", ""))
    if backend.endswith("RQBackend"):
        # SimpleWorker runs each job in this process: no fork per job, and a killed worker
        # leaves no orphan (its job is queued again by RQ's cleanup, and the job is idempotent).
        call_command(
            "rqworker",
            "default",
            job_class="django_tasks_rq.Job",
            worker_class="rq.worker.SimpleWorker",
            burst=burst,
        )
    elif backend.endswith("DatabaseBackend"):
        options: dict[str, object] = {"backend_name": "default", "reload": False}
        if burst:
            options.update(batch=True, startup_delay=False, interval=0.1)
        call_command("db_worker", **options)
    else:
        raise BadInputError(
            "the task backend is 'immediate': jobs run where they are queued; set "
            "DPGKIT_TASKS_BACKEND=redis or database to run them on workers"
        )


def register(app: typer.Typer) -> None:
    app.add_typer(registry_app, name="registry")
    app.command("worker")(worker_command)

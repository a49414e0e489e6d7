"""``dpg serve``: the public registry web application on this machine.

SQLite in the user data folder by default (created, migrated and filled with the bundled
registry snapshot on first start); PostgreSQL with --database-url or DATABASE_URL. Served by
waitress, a production WSGI server that also runs on Windows; docs/web.md shows gunicorn.
"""

from __future__ import annotations

import os

import typer

from dpgkit.errors import BadInputError

WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 - names, not a bind


def configure_environment(database_url: str | None, settings_module: str | None) -> None:
    """Point Django at the settings and database before it is imported."""
    if database_url:
        if not database_url.startswith(("postgres://", "postgresql://", "sqlite://")):
            raise BadInputError("--database-url must be a postgresql:// or sqlite:// URL")
        os.environ["DATABASE_URL"] = database_url
    if settings_module:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    try:
        import django  # noqa: F401
    except ImportError:
        raise BadInputError(
            "the web application needs its extra: pip install 'dpgkit[web]'"
        ) from None


def setup_django() -> None:
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    from dpgkit.web import setup

    try:
        setup()
    except ImproperlyConfigured as error:
        raise BadInputError(f"web settings: {error}") from None
    except DatabaseError as error:
        raise BadInputError(f"database: {str(error).splitlines()[0]}") from None


def prepare_database() -> None:
    from django.db import DatabaseError

    from dpgkit.web.registry.bootstrap import prepare

    try:
        report = prepare()
    except DatabaseError as error:
        raise BadInputError(f"database: {str(error).strip().splitlines()[0]}") from None
    if report is not None:
        added = sum(1 for outcome in report.outcomes if outcome.status.value == "added")
        typer.echo(f"loaded the bundled registry snapshot: {added} records", err=True)


def mail_destination() -> str:
    """Where the site's mail goes, in one line for the operator (after Django is set up)."""
    from django.conf import settings

    backend = str(settings.EMAIL_BACKEND)
    if backend.endswith("console.EmailBackend"):
        return (
            "mail (confirmation links, password resets, notifications) is printed here; "
            "set DJANGO_EMAIL_HOST to send it by SMTP (docs/review.md)"
        )
    if backend.endswith("smtp.EmailBackend"):
        return f"mail goes through SMTP at {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return f"mail goes to {backend}"


def site_url(host: str, port: int, allowed_hosts: list[str]) -> str:
    """The address notifications link to when DPGKIT_SITE_URL is not set: the first host
    name clients are told to use, else the address listened on, with the port served."""
    named = [name for name in allowed_hosts if name not in ("*", "") and not name.startswith(".")]
    if named:
        name = named[0]
    elif host in WILDCARD_HOSTS:
        name = "127.0.0.1"
    else:
        name = f"[{host}]" if ":" in host else host
    return f"http://{name}" + ("" if port == 80 else f":{port}")


def serve_command(
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    database_url: str | None = typer.Option(
        None,
        "--database-url",
        help="postgresql://user@host:5432/db (default: SQLite in the data folder; env DATABASE_URL).",
    ),
    allowed_hosts: list[str] = typer.Option(
        [], "--allowed-host", help="Host name clients use to reach the server (repeatable)."
    ),
    threads: int = typer.Option(8, "--threads", min=1, max=256, help="Worker threads."),
    settings_module: str | None = typer.Option(
        None, "--settings", help="Django settings module (default dpgkit.web.settings.local)."
    ),
) -> None:
    """Serve the public registry: search, filters, API, exports, in English, Russian and Kazakh."""
    configure_environment(database_url, settings_module)
    if allowed_hosts:
        os.environ["DJANGO_ALLOWED_HOSTS"] = ",".join(allowed_hosts)
    elif "DJANGO_ALLOWED_HOSTS" not in os.environ:
        names = ["localhost", "127.0.0.1", "[::1]"]
        if host in WILDCARD_HOSTS:
            typer.echo(
                "listening on every interface: pass --allowed-host NAME to restrict Host headers",
                err=True,
            )
            names = ["*"]
        elif host not in names:
            names.append(host)
        os.environ["DJANGO_ALLOWED_HOSTS"] = ",".join(names)
    if "DPGKIT_SITE_URL" not in os.environ:
        os.environ["DPGKIT_SITE_URL"] = site_url(host, port, allowed_hosts)
    setup_django()
    prepare_database()

    import waitress

    from dpgkit.web.wsgi import application

    shown = f"[{host}]" if ":" in host else host
    typer.echo(mail_destination(), err=True)
    typer.echo(
        "reviewers and administrators: dpg users add NAME --email ADDRESS --role reviewer",
        err=True,
    )
    typer.echo(
        f"links in notifications start with {os.environ['DPGKIT_SITE_URL']} (DPGKIT_SITE_URL)",
        err=True,
    )
    typer.echo(f"dpgkit registry on http://{shown}:{port}/ (Ctrl+C stops)", err=True)
    waitress.serve(application, host=host, port=port, threads=threads, ident="dpgkit", _quiet=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)

"""Web app fixtures: Django test settings (SQLite in memory, or PostgreSQL when
DPGKIT_TEST_DATABASE_URL is set), the real registry loaded once per session, a live server."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from typing import Any

import django
import pytest

# Set here rather than in the shared pytest configuration so that only these tests load
# Django; test modules import models at collection time, hence the early setup.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dpgkit.web.settings.test")
# Playwright's sync API keeps an event loop in the main thread; Django's ORM calls made there
# by the test code itself are still synchronous, so its async-safety check does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
django.setup()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The test database with the bundled registry snapshot (228 + 166 records), committed once;
    each test's changes are rolled back (pytest-django's ``db`` fixture)."""
    from dpgkit.web.registry.sources import bundled_snapshot
    from dpgkit.web.registry.store import import_items

    with django_db_blocker.unblock():
        report = import_items(bundled_snapshot())
        assert not report.rejected


@pytest.fixture
def client(db: None) -> Any:
    from django.test import Client

    return Client()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_url(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The WSGI app served by waitress in a thread, on the session's (committed) data."""
    import waitress
    from django.core.wsgi import get_wsgi_application

    port = free_port()
    server = waitress.create_server(get_wsgi_application(), host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    with django_db_blocker.unblock():
        thread.start()
        yield f"http://127.0.0.1:{port}"
        server.close()
        thread.join(timeout=5)


def using_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"

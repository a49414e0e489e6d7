"""First start of a fresh installation: migrate, load the bundled snapshot, collect static files."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

from dpgkit.web.registry.sources import bundled_snapshot
from dpgkit.web.registry.store import ImportReport, import_items, refresh_search_terms


def migrate() -> None:
    call_command("migrate", interactive=False, verbosity=0)


def load_snapshot_if_empty() -> ImportReport | None:
    """Fill an empty registry with the bundled snapshot; leave a populated one alone."""
    from dpgkit.web.registry.models import Good

    if Good.objects.exists():
        return None
    return import_items(bundled_snapshot())


def _static_fingerprint() -> str:
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in sorted(finder.list([]), key=lambda pair: pair[0]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static() -> None:
    """Collect static files when they changed (WhiteNoise serves them from STATIC_ROOT)."""
    if "Manifest" not in settings.STORAGES["staticfiles"]["BACKEND"]:
        return
    stamp = Path(settings.STATIC_ROOT) / ".dpgkit-static"
    fingerprint = _static_fingerprint()
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == fingerprint:
        return
    call_command("collectstatic", interactive=False, verbosity=0, clear=True, stdout=io.StringIO())
    stamp.write_text(fingerprint, encoding="utf-8")


def prepare() -> ImportReport | None:
    migrate()
    report = load_snapshot_if_empty()
    if report is None:
        # Translations may have changed since the records were stored (a new version).
        refresh_search_terms()
    collect_static()
    return report

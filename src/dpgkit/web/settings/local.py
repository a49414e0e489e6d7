"""``dpg serve`` on one machine or a local network: no debug pages, plain HTTP.

The secret key is generated on first start and kept in the data directory (mode 0600).
For a public deployment behind TLS use ``dpgkit.web.settings.prod``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from dpgkit.web.settings.base import *  # noqa: F403
from dpgkit.web.settings.base import DATA_DIR


def persistent_secret_key(path: Path) -> str:
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or persistent_secret_key(DATA_DIR / "secret_key")
DEBUG = False

"""The test suite: SQLite in memory, or PostgreSQL from ``DPGKIT_TEST_DATABASE_URL``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dpgkit.web.settings.base import *  # noqa: F403
from dpgkit.web.settings.base import STORAGES, database_config

DEBUG = False
SECRET_KEY = "test-only-not-secret-0b9f6a2c4d8e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b9c"  # noqa: S105
DATABASES = {
    "default": database_config(os.environ.get("DPGKIT_TEST_DATABASE_URL"), Path(":memory:"))
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory: the live server's threads and the browser tests' event loop then
    # all see the same database through their own connections.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"dpgkit-test-{os.getpid()}.sqlite3")
    }
ALLOWED_HOSTS = ["*"]
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = Path(tempfile.gettempdir()) / "dpgkit-test-static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Review app: jobs run in the request (the killed-worker test starts its own worker), clones of
# local file:// repositories built by the tests, a fast password hasher.
REVIEW_CLONE_SCHEMES = ["https", "file"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL: a reader's open transaction (a test's) does not block the live server's writes.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;"}

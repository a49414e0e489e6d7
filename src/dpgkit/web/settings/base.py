"""Settings shared by every environment. Environment variables override the defaults:

- ``DATABASE_URL``: any URL dj-database-url understands (``postgresql://user@host/db``);
  without it, SQLite in the data directory.
- ``DPGKIT_DATA_DIR``: where the SQLite database, the secret key and collected static files
  live (default: the user data directory, e.g. ``~/.local/share/dpgkit``).
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import dj_database_url
import platformdirs
from django.utils.translation import gettext_lazy as _

WEB_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    configured = os.environ.get("DPGKIT_DATA_DIR")
    return Path(configured) if configured else Path(platformdirs.user_data_dir("dpgkit"))


def database_config(url: str | None, sqlite_path: Path) -> dict[str, Any]:
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    if str(sqlite_path) != ":memory:":
        # SQLite creates the file, not its folder: a fresh machine has no data folder yet.
        # An unwritable folder is reported by SQLite when the database is first opened.
        with contextlib.suppress(OSError):
            sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(sqlite_path),
        # Keep each server thread's connection; WAL lets readers go on while an import writes.
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        },
    }


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DATA_DIR = data_dir()
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "ninja",
    "dpgkit.web.registry",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "dpgkit.web.urls"
WSGI_APPLICATION = "dpgkit.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "dpgkit.web.registry.context.site",
            ],
        },
    }
]

DATABASES = {
    "default": database_config(os.environ.get("DATABASE_URL"), DATA_DIR / "registry.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Page sizes of the list page and the API.
REGISTRY_PAGE_SIZE = 20
REGISTRY_API_MAX_PAGE_SIZE = 100

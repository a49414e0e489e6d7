"""Development: debug pages, static files straight from the apps (no collectstatic)."""

from __future__ import annotations

from dpgkit.web.settings.base import *  # noqa: F403
from dpgkit.web.settings.base import STORAGES

DEBUG = True
SECRET_KEY = "dev-only-not-secret-5f1c0e7a9b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d"  # noqa: S105
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

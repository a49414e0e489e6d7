"""The public registry web application (Django): browse, search, API, export, three languages.

Layout: ``settings/`` (base + dev/local/prod/test), ``registry/`` (the public registry app),
``data/`` (the bundled registry snapshot and SDG names). Further apps (accounts, review) sit
beside ``registry`` and are added to ``INSTALLED_APPS`` in ``settings/base.py``.
"""

from __future__ import annotations

import os

DEFAULT_SETTINGS = "dpgkit.web.settings.local"


def setup(settings_module: str | None = None) -> None:
    """Configure Django once for in-process use (CLI commands, benchmarks)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module or DEFAULT_SETTINGS)
    django.setup()

"""WSGI entry point for production servers: ``gunicorn dpgkit.web.wsgi`` or
``waitress-serve dpgkit.web.wsgi:application`` (set DJANGO_SETTINGS_MODULE, see docs/web.md)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from dpgkit.web import DEFAULT_SETTINGS

os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
application = get_wsgi_application()

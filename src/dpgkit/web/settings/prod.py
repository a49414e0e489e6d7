"""Production behind a TLS-terminating proxy. Passes ``python -m dpgkit.web check --deploy``.

Required: ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS``; usually ``DATABASE_URL`` too.
``DJANGO_SECURE_PROXY_SSL_HEADER=1`` trusts the proxy's ``X-Forwarded-Proto`` header.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from dpgkit.web.settings.base import *  # noqa: F403

DEBUG = False
try:
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
except KeyError:
    raise ImproperlyConfigured("production settings need DJANGO_SECRET_KEY") from None
if not os.environ.get("DJANGO_ALLOWED_HOSTS"):
    raise ImproperlyConfigured("production settings need DJANGO_ALLOWED_HOSTS")

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

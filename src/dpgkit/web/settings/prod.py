"""Production behind a TLS-terminating proxy. Passes ``python -m dpgkit.web check --deploy``.

Required: ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS``; usually ``DATABASE_URL`` too.
``DJANGO_SECURE_PROXY_SSL_HEADER=1`` trusts the proxy's ``X-Forwarded-Proto`` header.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from dpgkit.web.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("production settings need DJANGO_SECRET_KEY")
if not os.environ.get("DJANGO_ALLOWED_HOSTS"):
    raise ImproperlyConfigured("production settings need DJANGO_ALLOWED_HOSTS")

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The header only allows submission to the browsers' preload list; DJANGO_HSTS_PRELOAD=0 drops it.
SECURE_HSTS_PRELOAD = os.environ.get("DJANGO_HSTS_PRELOAD", "1") != "0"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

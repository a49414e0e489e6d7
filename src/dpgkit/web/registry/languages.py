"""Which language a visitor gets: the prefix of the page's address (/ru/, /kk/), else the
language they chose with the switcher (a cookie), else their browser's ``Accept-Language``.

English pages have no prefix, so Django alone would always answer ``/`` in English. The
middleware in ``middleware.py`` sends a visitor whose choice or browser prefers another
language to the same page under that language's prefix; the switcher's links go through
``choose_language``, which remembers the choice, so that choosing English sticks too.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path, get_language_from_request, override

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
# Paths that are the same in every language: no page to send a visitor to.
NEUTRAL_PREFIXES = ("/api/", "/export/", "/language/", settings.STATIC_URL)


def preferred_language(request: HttpRequest) -> str:
    """The switcher's remembered choice, else the best of Accept-Language, else English."""
    return get_language_from_request(request, check_path=False)


def is_unprefixed_page(path: str) -> bool:
    """A page address without a language prefix (English by default)."""
    return get_language_from_path(path) is None and not path.startswith(NEUTRAL_PREFIXES)


def page_in(path: str, language: str) -> str:
    """The same page in another language (the path itself when it is no page). The path is
    resolved in its own language: Django matches only the active language's prefix."""
    with override(get_language_from_path(path) or settings.LANGUAGE_CODE):
        return translate_url(path, language)


def safe_next(request: HttpRequest, target: str | None) -> str:
    """A local address to go back to (never another site), else the list page's root."""
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return "/"


def localised_next(request: HttpRequest, target: str | None, language: str) -> str:
    """``target`` (with its query) as the page in ``language``."""
    parts = urlsplit(safe_next(request, target))
    url = page_in(parts.path or "/", language)
    return f"{url}?{parts.query}" if parts.query else url

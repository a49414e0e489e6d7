"""Error pages in the site's own look and the visitor's language.

Django renders 404 and 403 with the request (so ``base.html`` has its context) but 500 and
400 without it; these views render all of them with the request. A failure while rendering
the styled 500 page (the database may be what failed) falls back to a short page with the
same translated words and no database access.
"""

from __future__ import annotations

import logging

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseServerError,
)
from django.template import loader
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _render(request: HttpRequest, template: str, context: dict[str, object] | None = None) -> str:
    return loader.render_to_string(template, context or {}, request=request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseBadRequest(_render(request, "400.html"))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseForbidden(_render(request, "403.html"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token (cookies blocked, or an old page): 403."""
    return HttpResponseForbidden(_render(request, "403.html", {"csrf_failed": True}))


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return HttpResponseServerError(_render(request, "500.html"))
    except Exception:
        logger.exception("the styled 500 page could not be rendered")
    title = escape(_("Server error"))
    text = escape(_("Something went wrong on our side. Please try again later."))
    language = escape(get_language() or "en")
    return HttpResponseServerError(
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main>"
        "</body></html>"
    )

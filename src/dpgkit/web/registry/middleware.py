"""Middleware of the registry site: HEAD on the API, and the visitor's language at
unprefixed (English) pages.

HEAD on the API: what GET would answer, without the body (RFC 9110, 9.3.2).

Django Ninja routes an operation to the methods it declares, and declaring HEAD beside GET
would give the OpenAPI document two operations with one operationId. HEAD is implied by GET
for every client, so it is answered here for every ``/api/`` path instead, and left out of the
document; a 405's ``Allow`` names it beside GET. Pages do the same through ``require_safe``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers

from dpgkit.web.registry.languages import is_unprefixed_page, page_in, preferred_language

API_PREFIX = "/api/"


class ApiHeadMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method != "HEAD":
            return _head_allowed(self.get_response(request))
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            response.streaming_content = []  # type: ignore[attr-defined]
        else:
            length = len(response.content)  # type: ignore[attr-defined]
            response.content = b""  # type: ignore[attr-defined]
            response["Content-Length"] = str(length)
        return response


def _head_allowed(response: HttpResponseBase) -> HttpResponseBase:
    """A refused method's answer lists HEAD wherever it lists GET (answered above)."""
    if response.status_code == 405 and response.has_header("Allow"):
        methods = [method.strip() for method in response["Allow"].split(",") if method.strip()]
        if "GET" in methods and "HEAD" not in methods:
            response["Allow"] = ", ".join([*methods, "HEAD"])
    return response


class PreferredLanguageMiddleware:
    """A page without a language prefix, asked for by someone who prefers Russian or Kazakh
    (their switcher choice, else their browser's Accept-Language), is answered with a
    redirect to the same page under that language's prefix. Addresses that are no page (an
    unknown path) are answered in that language where they are. Goes after LocaleMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_unprefixed_page(request.path_info):
            return self.get_response(request)
        language = preferred_language(request)
        if language != settings.LANGUAGE_CODE:
            target = page_in(request.path, language)
            if request.method in ("GET", "HEAD") and target != request.path:
                query = request.META.get("QUERY_STRING", "")
                redirect = HttpResponseRedirect(f"{target}?{query}" if query else target)
                patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
                return redirect
            if target == request.path:  # no page here: say so in their language
                translation.activate(language)
                request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

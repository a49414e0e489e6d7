"""HEAD on the API: what GET would answer, without the body (RFC 9110, 9.3.2).

Django Ninja routes an operation to the methods it declares, and declaring HEAD beside GET
would give the OpenAPI document two operations with one operationId. HEAD is implied by GET
for every client, so it is answered here for every ``/api/`` path instead, and left out of the
document. Pages do the same through ``require_safe``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

API_PREFIX = "/api/"


class ApiHeadMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "HEAD" or not request.path.startswith(API_PREFIX):
            return self.get_response(request)
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

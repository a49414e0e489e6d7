"""The one place a refused transition becomes a page: 409, with the page to go back to."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dpgkit.web.review.workflow import Conflict, back_page


class WorkflowConflicts:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Conflict):
            return None
        back = back_page(exception.submission, request.user)
        return render(request, "review/conflict.html", {"back": back}, status=409)

"""The permission matrix: every route, every role, exactly the expected answer.

LOGIN means a redirect to the sign-in page. A refused request (LOGIN, 403, 404, 409) must
also change nothing: the audit log, which records every change, stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dpgkit.web.review.models import (
    AuditEntry,
    IndicatorReview,
    LineStatus,
    Message,
    Source,
    Status,
    Submission,
)

LOGIN = "login"
ROLES = ["anonymous", "applicant", "other", "reviewer", "admin", "suspended"]

# (route, method, url template, data) -> expected answer per role, in ROLES order.
MATRIX: list[tuple[str, str, str, dict[str, Any], list[Any]]] = [
    ("registry", "get", "/", {}, [200, 200, 200, 200, 200, 200]),
    ("conduct", "get", "/code-of-conduct/", {}, [200, 200, 200, 200, 200, 200]),
    ("home", "get", "/home/", {}, [LOGIN, 302, 302, 302, 302, LOGIN]),
    ("mine", "get", "/nominations/", {}, [LOGIN, 200, 200, 403, 200, LOGIN]),
    ("start", "get", "/nominations/new/", {}, [LOGIN, 200, 200, 403, 200, LOGIN]),
    ("detail", "get", "/nominations/{s}/", {}, [LOGIN, 200, 404, 302, 302, LOGIN]),
    (
        "answers",
        "post",
        "/nominations/{s}/answers/",
        {"version": 1},
        [LOGIN, 409, 404, 403, 404, LOGIN],
    ),
    (
        "submit",
        "post",
        "/nominations/{s}/submit/",
        {"version": 1},
        [LOGIN, 409, 404, 403, 404, LOGIN],
    ),
    ("retry", "post", "/nominations/{s}/retry/", {}, [LOGIN, 302, 404, 403, 404, LOGIN]),
    (
        "withdraw",
        "post",
        "/nominations/{s}/withdraw/",
        {"version": 1},
        [LOGIN, 409, 404, 403, 404, LOGIN],
    ),
    (
        "message",
        "post",
        "/nominations/{s}/messages/",
        {"body": "hello"},
        [LOGIN, 302, 404, 302, 302, LOGIN],
    ),
    (
        "report",
        "post",
        "/messages/{m}/report/",
        {"reason": "rude"},
        [LOGIN, 302, 404, 302, 302, LOGIN],
    ),
    ("queue", "get", "/review/", {}, [LOGIN, 403, 403, 200, 200, LOGIN]),
    ("review", "get", "/review/{s}/", {}, [LOGIN, 403, 403, 200, 200, LOGIN]),
    ("assign", "post", "/review/{s}/assign/", {"version": 1}, [LOGIN, 403, 403, 409, 302, LOGIN]),
    (
        "line",
        "post",
        "/review/{s}/lines/1/",
        {"line-1-status": "met", "line-1-version": 1},
        [LOGIN, 403, 403, 302, 302, LOGIN],
    ),
    (
        "decide",
        "post",
        "/review/{s}/decide/",
        {"decision": "approved", "version": 1},
        [LOGIN, 403, 403, 302, 302, LOGIN],
    ),
    ("moderation", "get", "/moderation/", {}, [LOGIN, 403, 403, 403, 200, LOGIN]),
    ("hide", "post", "/moderation/messages/{m}/hide/", {}, [LOGIN, 403, 403, 403, 302, LOGIN]),
    (
        "suspend",
        "post",
        "/moderation/users/{u}/suspend/",
        {"reason": "abuse"},
        [LOGIN, 403, 403, 403, 302, LOGIN],
    ),
    ("audit", "get", "/audit/", {}, [LOGIN, 403, 403, 403, 200, LOGIN]),
    ("notifications", "get", "/notifications/", {}, [LOGIN, 200, 200, 200, 200, LOGIN]),
]
CASES = [
    pytest.param(route, method, url, data, role, expected[index], id=f"{route}-{role}")
    for route, method, url, data, expected in MATRIX
    for index, role in enumerate(ROLES)
]
CHANGES = {
    "answers",
    "submit",
    "message",
    "report",
    "assign",
    "line",
    "decide",
    "hide",
    "suspend",
    "retry",
    "withdraw",
}


@pytest.fixture
def under_review(people: dict[str, Any]) -> Submission:
    """A nomination in review, assigned to "reviewer", every line met, one message."""
    from tests.web.review.test_uploads import valid_records

    nominee, screening = valid_records()
    submission = Submission.objects.create(
        owner=people["applicant"],
        name=nominee["name"],
        slug="matrix-project",
        source=Source.NOMINATION,
        status=Status.IN_REVIEW,
        reviewer=people["reviewer"],
        nominee_json=__import__("json").dumps(nominee),
        screening_json=__import__("json").dumps(screening),
    )
    for line in ["1", "2", "3", "4", "5", "6", "7", "8", "9A", "9B", "9C"]:
        IndicatorReview.objects.create(submission=submission, indicator=line, status=LineStatus.MET)
    Message.objects.create(submission=submission, author=people["reviewer"], body="A question.")
    return submission


@pytest.mark.parametrize(("route", "method", "url", "data", "role", "expected"), CASES)
def test_permission_matrix(
    route: str,
    method: str,
    url: str,
    data: dict[str, Any],
    role: str,
    expected: Any,
    people: dict[str, Any],
    under_review: Submission,
    client_for: Callable[..., Any],
) -> None:
    client = client_for(None if role == "anonymous" else people[role])
    message = under_review.messages.get()
    target = url.format(s=under_review.pk, m=message.pk, u=people["other"].pk)
    before = AuditEntry.objects.count()
    response = getattr(client, method)(target, data)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == expected, response.content.decode()[:500]
        if expected == 302:
            assert not response["Location"].startswith("/accounts/login/")
    changed = AuditEntry.objects.count() != before
    allowed = expected in (200, 302) and route in CHANGES and route != "retry"
    assert changed == allowed, AuditEntry.objects.values_list("action", flat=True)[:3]

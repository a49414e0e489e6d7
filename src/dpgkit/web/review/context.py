"""Template context for every page: what the signed-in user may open, unread notices."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from dpgkit.web.accounts.roles import AUDIT, MODERATE, REVIEW, SUBMIT


def review(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def nav() -> dict[str, Any]:
        return {
            "submit": user.has_perm(SUBMIT),
            "review": user.has_perm(REVIEW),
            "moderate": user.has_perm(MODERATE),
            "audit": user.has_perm(AUDIT),
            "unread": user.notifications.filter(read_at__isnull=True).count(),
        }

    return {"review_nav": nav}

"""Roles are Django groups holding permissions; views check permissions, never group names.

- applicants: every confirmed account; start and follow their own nominations.
- reviewers: see the queue, review indicator lines, ask for clarification, decide.
- administrators: all of that, plus assign reviewers, moderate threads, suspend accounts and
  read the audit log.

A suspended account is made inactive (``is_active=False``): Django's authentication then
refuses its password and drops its open sessions, so it has exactly what anonymous has.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


class Role(StrEnum):
    APPLICANT = "applicants"
    REVIEWER = "reviewers"
    ADMINISTRATOR = "administrators"


SUBMIT = "review.add_submission"
REVIEW = "review.review_submission"
DECIDE = "review.decide_submission"
ASSIGN = "review.assign_submission"
MODERATE = "review.moderate_message"
AUDIT = "activity.view_auditentry"
SUSPEND = "accounts.suspend_user"

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.APPLICANT: [SUBMIT],
    Role.REVIEWER: [REVIEW, DECIDE],
    Role.ADMINISTRATOR: [SUBMIT, REVIEW, DECIDE, ASSIGN, MODERATE, AUDIT, SUSPEND],
}


def ensure_groups(**_: Any) -> None:
    """Create the role groups with their permissions (run after every migrate)."""
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = []
        for name in names:
            app_label, codename = name.split(".", 1)
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                wanted.append(permission)
        group.permissions.set(wanted)


def add_role(user: Any, role: Role) -> None:
    ensure_groups()
    user.groups.add(Group.objects.get(name=role.value))


View = TypeVar("View", bound=Callable[..., HttpResponse])


def permission_required(permission: str | None = None) -> Callable[[View], View]:
    """Anonymous (and suspended) visitors go to the login page; signed-in users without the
    permission get 403. ``None`` asks only for a signed-in, active account."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if isinstance(user, AnonymousUser) or not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if permission is not None and not user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorate

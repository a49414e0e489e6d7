"""Accounts made by whoever runs the server (``dpg users``): reviewers and administrators.

Sign-up on the site only ever makes applicants; the review side needs people the operator
trusts, so they are created (or promoted) from the command line. An account made here is
active at once: the operator vouches for its e-mail address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from dpgkit.web.accounts.models import Profile
from dpgkit.web.accounts.roles import Role, add_role
from dpgkit.web.activity.audit import record


class AccountError(ValueError):
    """A request the operator must change (the message says what)."""


@dataclass(frozen=True)
class AccountSummary:
    username: str
    email: str
    roles: list[str]
    state: str  # active, unconfirmed, suspended, inactive


def _messages(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def create_account(username: str, email: str, password: str, roles: list[Role]) -> User:
    """A confirmed, active account with the given roles; Django's password validators apply."""
    username = username.strip()
    email = email.strip()
    if not username:
        raise AccountError("the username is empty")
    try:
        User.username_validator(username)
        validate_email(email)
    except ValidationError as error:
        raise AccountError(_messages(error)) from None
    if User.objects.filter(username=username).exists():
        raise AccountError(f"{username} exists already; give it roles with `dpg users grant`")
    if User.objects.filter(email__iexact=email).exists():
        raise AccountError(f"an account with the address {email} exists already")
    candidate = User(username=username, email=email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise AccountError(f"password refused: {_messages(error)}") from None
    with transaction.atomic():
        user = User.objects.create_user(username, email, password, is_active=True)
        Profile.objects.create(user=user, email_confirmed_at=timezone.now())
        for role in roles:
            add_role(user, role)
        record(None, "account.created", target=user, roles=[role.value for role in roles])
    return user


def grant_roles(username: str, roles: list[Role]) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise AccountError(f"no account named {username}")
    with transaction.atomic():
        for role in roles:
            add_role(user, role)
        record(None, "account.roles_granted", target=user, roles=[role.value for role in roles])
    return user


def accounts() -> list[AccountSummary]:
    summaries = []
    for user in User.objects.order_by("username").prefetch_related("groups"):
        profile = Profile.objects.filter(user=user).first()
        if profile is not None and profile.suspended:
            state = "suspended"
        elif user.is_active:
            state = "active"
        elif profile is not None and profile.email_confirmed_at is None:
            state = "unconfirmed"
        else:
            state = "inactive"
        roles = sorted(group.name for group in user.groups.all())
        summaries.append(AccountSummary(user.get_username(), user.email, roles, state))
    return summaries

"""Sign-up with e-mail confirmation; login, logout and password reset are Django's views.

Mail goes out only once the transaction that created the account has committed
(``transaction.on_commit``): a rolled-back sign-up sends nothing, and a slow mail server
never holds a database transaction open.
"""

from __future__ import annotations

from django.contrib.auth import login
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dpgkit.web.accounts.forms import ResendForm, SignUpForm
from dpgkit.web.accounts.models import Profile
from dpgkit.web.accounts.roles import Role, add_role
from dpgkit.web.accounts.tokens import confirmation_token
from dpgkit.web.activity.audit import record


def send_confirmation(request: HttpRequest, user: User) -> None:
    """Mail the confirmation link after the current transaction commits."""
    link = request.build_absolute_uri(
        reverse(
            "accounts:confirm",
            args=[urlsafe_base64_encode(force_bytes(user.pk)), confirmation_token.make_token(user)],
        )
    )
    body = render_to_string("accounts/confirm_email.txt", {"user": user, "link": link})
    subject = _("Confirm your e-mail address")
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            Profile.objects.create(user=user)
            record(user, "account.created", target=user)
            send_confirmation(request, user)
        return redirect("accounts:signup_done")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/signup.html", {"form": form}, status=status)


@require_GET
def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_done.html")


@require_http_methods(["GET", "POST"])
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    """A new confirmation link for an account still waiting for one. The answer is the same
    whether or not such an account exists, so the page reveals no addresses."""
    form = ResendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        waiting = User.objects.filter(
            email__iexact=form.cleaned_data["email"],
            is_active=False,
            profile__email_confirmed_at__isnull=True,
            profile__suspended_at__isnull=True,
        ).first()
        if waiting is not None:
            with transaction.atomic():
                record(waiting, "account.confirmation_resent", target=waiting)
                send_confirmation(request, waiting)
        return render(request, "accounts/signup_done.html", {"resent": True})
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/resend_confirmation.html", {"form": form}, status=status)


def confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    profile = Profile.objects.filter(user=user).first() if user is not None else None
    valid = (
        user is not None
        and profile is not None
        and not profile.suspended
        and confirmation_token.check_token(user, token)
    )
    if not valid or user is None or profile is None:
        return render(request, "accounts/confirm_failed.html", status=400)
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        profile.email_confirmed_at = timezone.now()
        profile.save(update_fields=["email_confirmed_at"])
        add_role(user, Role.APPLICANT)
        record(user, "account.confirmed", target=user)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("review:mine")

"""Sign-up with e-mail confirmation; login, logout and password reset are Django's views."""

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
from django.views.decorators.http import require_http_methods

from dpgkit.web.accounts.forms import SignUpForm
from dpgkit.web.accounts.models import Profile
from dpgkit.web.accounts.roles import Role, add_role
from dpgkit.web.accounts.tokens import confirmation_token
from dpgkit.web.review.audit import record


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            Profile.objects.create(user=user)
            record(user, "account.created", target=user)
        link = request.build_absolute_uri(
            reverse(
                "accounts:confirm",
                args=[
                    urlsafe_base64_encode(force_bytes(user.pk)),
                    confirmation_token.make_token(user),
                ],
            )
        )
        body = render_to_string("accounts/confirm_email.txt", {"user": user, "link": link})
        send_mail(_("Confirm your e-mail address"), body, None, [user.email])
        return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_done.html")


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

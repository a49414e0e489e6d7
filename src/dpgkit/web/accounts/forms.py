from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class SignUpForm(UserCreationForm[User]):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send a link to this address to confirm it."),
        max_length=254,
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.email = self.cleaned_data["email"]
        user.is_active = False  # until the e-mail address is confirmed
        if commit:
            user.save()
        return user


def unconfirmed_account(username: str, password: str) -> User | None:
    """The account these credentials open if only its e-mail confirmation is missing.

    Django refuses inactive accounts with the same words as a wrong password; a newcomer who
    has not opened the confirmation link yet deserves to be told. Only the right password
    reveals it, and a suspended account (also inactive) is not told apart from a wrong one.
    """
    user = User.objects.filter(username=username, is_active=False).select_related("profile").first()
    if user is None or not user.check_password(password):
        return None
    profile = getattr(user, "profile", None)
    if profile is None or profile.email_confirmed_at is not None or profile.suspended:
        return None
    return user


class SignInForm(AuthenticationForm):
    error_messages = {  # noqa: RUF012 - Django declares it on the class
        **AuthenticationForm.error_messages,
        "unconfirmed": _(
            "Confirm your e-mail address first: open the link we sent to it when you signed up."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unconfirmed: User | None = None

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            # A login locked by django-axes must not learn whether the password was right.
            if self.request is not None and getattr(self.request, "axes_locked_out", False):
                raise
            user = unconfirmed_account(
                self.cleaned_data.get("username") or "", self.cleaned_data.get("password") or ""
            )
            if user is None:
                raise
            self.unconfirmed = user
            raise ValidationError(self.error_messages["unconfirmed"], code="unconfirmed") from None


class ResendForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)

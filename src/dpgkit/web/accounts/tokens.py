"""E-mail confirmation links: Django's signed, expiring password-reset token with its own salt.

The hash covers ``is_active``, so a link stops working once the account is confirmed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class ConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "dpgkit.web.accounts.tokens.ConfirmationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{user.pk}{user.password}{user.is_active}{user.email}{timestamp}"


confirmation_token = ConfirmationTokenGenerator()

"""What Django's user does not hold: e-mail confirmation and suspension."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspended_reason = models.TextField(blank=True)
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        permissions = [("suspend_user", "Can suspend and restore accounts")]

    @property
    def suspended(self) -> bool:
        return self.suspended_at is not None

    def __str__(self) -> str:
        return f"profile of {self.user_id}"

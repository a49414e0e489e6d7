from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "dpgkit.web.review"
    label = "review"
    verbose_name = _("Review")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dpgkit.web.accounts.roles import ensure_groups

        # After this app's permissions exist (auth creates them on the same signal, earlier).
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="dpgkit-review-groups")

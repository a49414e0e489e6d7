from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScansConfig(AppConfig):
    name = "dpgkit.web.scans"
    label = "scans"
    verbose_name = _("Repository scans")
    default_auto_field = "django.db.models.BigAutoField"

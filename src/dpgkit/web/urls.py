"""Top-level URLs: the API and exports (language-neutral), pages under /, /ru/ and /kk/."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from dpgkit.web.registry import views
from dpgkit.web.registry.api import api

urlpatterns = [
    path("api/", api.urls),
    path("export/dpg-registry.<str:format_name>", views.export, name="export"),
    *i18n_patterns(
        path("", include("dpgkit.web.registry.urls")),
        path("accounts/", include("dpgkit.web.accounts.urls")),
        path("", include("dpgkit.web.review.urls")),
        prefix_default_language=False,
    ),
]

"""Top-level URLs: the API, exports and the language switcher (language-neutral), pages
under /, /ru/ and /kk/; error pages styled and translated (``dpgkit.web.errors``)."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from dpgkit.web.registry import views
from dpgkit.web.registry.api import api
from dpgkit.web.scans import api as scans_api  # noqa: F401 - mounts the scans on the API
from dpgkit.web.scans.feeds import ChangesFeed

urlpatterns = [
    path("api/", api.urls),
    path("feeds/changes.atom", ChangesFeed(), name="changes_feed"),
    path("export/dpg-registry.<str:format_name>", views.export, name="export"),
    # The language switcher: remembers the choice, then shows the page in that language.
    path("language/<str:code>/", views.choose_language, name="choose_language"),
    *i18n_patterns(
        path("", include("dpgkit.web.registry.urls")),
        path("accounts/", include("dpgkit.web.accounts.urls")),
        path("", include("dpgkit.web.review.urls")),
        path("", include("dpgkit.web.scans.urls")),
        prefix_default_language=False,
    ),
]

handler400 = "dpgkit.web.errors.bad_request"
handler403 = "dpgkit.web.errors.permission_denied"
handler500 = "dpgkit.web.errors.server_error"

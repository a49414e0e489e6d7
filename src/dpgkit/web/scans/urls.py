"""Pages of the scans app (mounted under the language prefix by dpgkit.web.urls)."""

from __future__ import annotations

from django.urls import path

from dpgkit.web.scans import views

app_name = "scans"
urlpatterns = [path("scans/", views.overview, name="overview")]

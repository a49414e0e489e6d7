"""Pages of the registry app (mounted under the language prefix by dpgkit.web.urls)."""

from __future__ import annotations

from django.urls import path

from dpgkit.web.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.goods_list, name="goods"),
    path("goods/<str:slug>/", views.good_detail, name="good"),
]

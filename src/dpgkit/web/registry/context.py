"""Template context for every page: language switcher links and export links."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info

from dpgkit.web.registry.export import ExportFormat


def site(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    query = request.META.get("QUERY_STRING", "")
    languages = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        url = f"{url}?{query}" if query else url
        languages.append(
            {
                "code": code,
                "name_local": get_language_info(code)["name_local"],
                "url": url,
                # The switcher's link remembers the choice on the way (registry.languages).
                "choose_url": reverse("choose_language", args=[code])
                + "?"
                + urlencode({"next": url}),
                "current": code == current,
            }
        )
    return {
        "languages": languages,
        "export_links": [
            (fmt.value.upper(), reverse("export", args=[fmt.value])) for fmt in ExportFormat
        ],
    }

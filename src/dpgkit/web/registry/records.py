"""Records shaped for output: the registry's static API shape and our API's summaries."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

from dpgkit.web.registry.models import Good


def with_id(slug: str, record_json: str) -> str:
    """The static API's record shape, ``{"id": slug, ...record}``, spliced without re-encoding."""
    body = record_json.strip()
    inner = body[1:].lstrip()
    separator = "" if inner.startswith("}") else ","
    return f'{{"id":{json.dumps(slug)}{separator}{inner}'


def json_array(items: list[str]) -> str:
    return "[" + ",".join(items) + "]"


def merged_record(good: Good) -> dict[str, Any]:
    """A nominee record merged with its screening answers (the static API's /dpg/<id>)."""
    merged: dict[str, Any] = {"id": good.slug, **good.record}
    screening = getattr(good, "screening", None)
    if screening is not None:
        merged.update({key: value for key, value in screening.record.items() if key != "name"})
    return merged


def summary(good: Good) -> dict[str, Any]:
    record = good.record
    # Links are language-neutral (the default language has no URL prefix).
    with override(settings.LANGUAGE_CODE):
        html_url = reverse("registry:good", args=[good.slug])
        api_url = reverse("api:good", args=[good.slug])
    return {
        "id": good.slug,
        "name": good.name,
        "aliases": [str(a) for a in record.get("aliases", []) if str(a).strip()],
        "description": good.description,
        "website": good.website,
        "stage": good.stage,
        "types": [str(t) for t in record.get("type", [])],
        "licenses": [str(item.get("spdx", "")) for item in record.get("license", [])],
        "sdgs": [int(item["SDGNumber"]) for item in record.get("SDGs", []) if "SDGNumber" in item],
        "sectors": [str(s) for s in record.get("sectors", [])],
        "html_url": html_url,
        "api_url": api_url,
    }

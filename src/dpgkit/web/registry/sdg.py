"""Names of the 17 Sustainable Development Goals in the interface languages (bundled data)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from django.utils.translation import get_language

FALLBACK_LANGUAGE = "en"


@cache
def _goals() -> dict[str, dict[str, dict[str, str]]]:
    text = (resources.files("dpgkit.web") / "data" / "sdg-goals.json").read_text("utf-8")
    goals: dict[str, dict[str, dict[str, str]]] = json.loads(text)
    return goals


def _entry(number: int | str, language: str | None) -> dict[str, str] | None:
    by_language = _goals().get(str(number))
    if by_language is None:
        return None
    code = (language or get_language() or FALLBACK_LANGUAGE).split("-")[0]
    return by_language.get(code) or by_language[FALLBACK_LANGUAGE]


def sdg_short_name(number: int | str, language: str | None = None) -> str:
    """'Quality education' for 4, in the active language; the number itself if unknown."""
    entry = _entry(number, language)
    return entry["short"] if entry else str(number)


def sdg_title(number: int | str, language: str | None = None) -> str:
    entry = _entry(number, language)
    return entry["title"] if entry else ""

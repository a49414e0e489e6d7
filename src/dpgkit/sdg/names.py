"""The names of the 17 goals and the texts of their targets in English, Russian and Kazakh.

One copy, ``data/goals.json`` (built by tools/build_sdg_model.py from the UN texts, with
upstream typos corrected there), read by the classifier, the reports (through the probes'
wording) and the registry web app alike. Loading it needs no numpy.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("en", "ru", "kk")
FALLBACK = "en"


@cache
def goals_data() -> dict[str, Any]:
    """{"goals": {"4": {"ru": {"short", "title"}}}, "targets": {"4.1": {"ru": ...}}, "target_order"}."""
    text = (resources.files("dpgkit.sdg") / "data" / "goals.json").read_text("utf-8")
    data: dict[str, Any] = _composed(json.loads(text))
    return data


def _composed(value: Any) -> Any:
    """Strings in NFC: the UN's Russian texts spell й as и and a combining breve, which a
    text cut short for display ("…устойчивый…") turns into и."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: _composed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_composed(item) for item in value]
    return value


def _block(goal: int | str, language: str | None) -> dict[str, str] | None:
    by_language: dict[str, dict[str, str]] | None = goals_data()["goals"].get(str(goal))
    if by_language is None:
        return None
    code = (language or FALLBACK).split("-")[0].lower()
    return by_language.get(code) or by_language.get(FALLBACK)


def goal_short(goal: int | str, language: str | None = None) -> str:
    """ "Quality education" for 4 (in Russian or Kazakh when asked); "" for no such goal."""
    block = _block(goal, language)
    return block.get("short") or block.get("title", "") if block else ""


def goal_title(goal: int | str, language: str | None = None) -> str:
    """The goal's full title ("Ensure inclusive and equitable quality education …")."""
    block = _block(goal, language)
    return block.get("title", "") if block else ""


def target_text(target: str, language: str | None = None) -> str:
    texts: dict[str, str] = goals_data()["targets"].get(target, {})
    code = (language or FALLBACK).split("-")[0].lower()
    return texts.get(code) or texts.get(FALLBACK, "")

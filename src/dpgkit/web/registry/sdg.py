"""Names of the 17 Sustainable Development Goals in the interface languages.

The one copy of the names is the SDG classifier's (``dpgkit.sdg.names``, data/goals.json):
the web app shows the names the classifier, the CLI and the reports print.
"""

from __future__ import annotations

from django.utils.translation import get_language

from dpgkit.sdg import names

FALLBACK_LANGUAGE = "en"


def _language(language: str | None) -> str:
    return (language or get_language() or FALLBACK_LANGUAGE).split("-")[0]


def sdg_short_name(number: int | str, language: str | None = None) -> str:
    """'Quality education' for 4, in the active language; the number itself if unknown."""
    return names.goal_short(number, _language(language)) or str(number)


def sdg_title(number: int | str, language: str | None = None) -> str:
    return names.goal_title(number, _language(language))

"""The assessment's own words as review pages show them, in the page's language: indicator
titles, verdicts, finding outcomes, the kinds of change between two assessments and the
Standard's questions (``standard_strings``). The scan's prose (summaries, findings) stays
English and is marked ``lang="en"``."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dpgkit.web.registry.screening import INDICATOR_TITLES

VERDICT_LABELS: dict[str, Promise] = {
    "met": pgettext_lazy("verdict", "Met"),
    "not_met": pgettext_lazy("verdict", "Not met"),
    "needs_answer": pgettext_lazy("verdict", "Needs an answer"),
    "not_applicable": pgettext_lazy("verdict", "Not applicable"),
    "eligible": pgettext_lazy("verdict", "Eligible"),
    "not_eligible": pgettext_lazy("verdict", "Not eligible"),
}
OUTCOME_LABELS: dict[str, Promise] = {
    "pass": pgettext_lazy("finding", "Pass"),
    "fail": pgettext_lazy("finding", "Fail"),
    "not_applicable": pgettext_lazy("finding", "Not applicable"),
    "unknown": pgettext_lazy("finding", "Unknown"),
}
CHANGE_LABELS: dict[str, Promise] = {
    "fixed": _("fixed"),
    "improved": _("improved"),
    "regressed": _("regressed"),
    "new": _("new"),
    "gone": _("gone"),
    "changed": _("changed"),
    "unchanged": _("unchanged"),
}


def indicator_title(indicator: str, fallback: str = "") -> str:
    title = INDICATOR_TITLES.get(indicator)
    return str(title) if title is not None else fallback or indicator


def verdict_label(verdict: object) -> str:
    value = str(getattr(verdict, "value", verdict) or "")
    return str(VERDICT_LABELS.get(value, value))


def outcome_label(outcome: object) -> str:
    value = str(getattr(outcome, "value", outcome) or "")
    return str(OUTCOME_LABELS.get(value, value))


def change_label(change: object) -> str:
    value = str(getattr(change, "value", change) or "")
    return str(CHANGE_LABELS.get(value, value))


def question_label(text: object) -> SafeString:
    """A question of the Standard in the page's language; in English, marked lang="en", when
    the catalogs do not have it (another version of the Standard, a question of the scan's)."""
    question = str(text or "")
    core = question.rstrip().rstrip(":")
    translated = gettext(core) if core else core
    if translated != core or (get_language() or "en").startswith("en"):
        return format_html("{}{}", translated, question[len(core) :])
    return format_html('<span lang="en">{}</span>', question)

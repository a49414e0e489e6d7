"""Template helpers for record content, which is untrusted text."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template

from dpgkit.web.registry.sdg import sdg_short_name

register = template.Library()


@register.filter
def http_url(value: object) -> str:
    """The value if it is an http(s) URL, else "": record URLs must never become
    ``javascript:`` or ``data:`` links (escaping alone does not stop those)."""
    text = str(value or "").strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    return text if scheme in ("http", "https") and len(text) <= 2000 else ""


@register.filter
def sdg_name(number: object) -> str:
    """The goal's short name in the page's language ("Quality education" for 4)."""
    return sdg_short_name(str(number))

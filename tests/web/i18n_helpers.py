"""Finding English left on a translated page: text that reads the same as on the English page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Words that are the same in every language of the site (names, formats, the brand).
SAME_IN_EVERY_LANGUAGE = {
    "English", "OpenAPI", "JSON", "CSV", "NDJSON", "API", "SPDX", "DPG", "ID", "Atom",
}  # fmt: skip
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Identifiers read the same in every language: web addresses, SPDX ids (AGPL-3.0), file names.
_IDENTIFIER = re.compile(r"^(?:https?://\S+|[A-Za-z0-9._+/-]*[0-9._/-][A-Za-z0-9._+/-]*)$")


class _Text(HTMLParser):
    """Visible text segments, skipping scripts, styles and elements marked lang="en"."""

    def __init__(self) -> None:
        super().__init__()
        self.segments: list[str] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        marked_english = values.get("lang") == "en" and tag != "html"
        skipped = tag in ("script", "style") or marked_english or self._skip
        if skipped and tag not in _VOID:
            self._skip.append(tag)
        for name in ("placeholder", "aria-label", "title", "alt"):
            if values.get(name) and not self._skip:
                self.segments.append(str(values[name]))

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.segments.append(" ".join(data.split()))


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


def text_segments(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.segments


def english_leftovers(
    english_html: str, translated_html: str, allowed: frozenset[str] | set[str] = frozenset()
) -> list[str]:
    """Segments of the translated page that read exactly as on the English page and hold
    English words: strings nobody translated."""
    english = set(text_segments(english_html))
    left = []
    for segment in text_segments(translated_html):
        if segment not in english or segment in allowed or _IDENTIFIER.match(segment):
            continue
        words = [w for w in _LATIN_WORD.findall(segment) if w not in SAME_IN_EVERY_LANGUAGE]
        if words:
            left.append(segment)
    return left

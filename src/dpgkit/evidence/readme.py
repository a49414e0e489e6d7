"""What a README or docs page says about itself: its headings, its length in words, and
whether a heading is about installing or using the project. Markdown, RST and AsciiDoc.
"""

from __future__ import annotations

import re

MIN_WORDS = 150
_MARKUP = re.compile(r"```.*?```|<[^>]+>|!\[[^\]]*\]\([^)]*\)|\[!\[.*?\)\]\(.*?\)", re.DOTALL)
_WORD = re.compile(r"\w+")
# Markdown ATX headings, setext headings (a line underlined by = or -), AsciiDoc headings
# and reStructuredText titles (a line underlined by punctuation).
_HEADING = re.compile(r"^(?:#{1,6}\s+(?P<atx>.+?)\s*#*|=+\s+(?P<adoc>.+))$")
_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
_UNDERLINE_FIRST = frozenset("=-~^\"'`#*+")

INSTALL = re.compile(
    r"install|setup|set up|set-up|getting started|get started|quick ?start|deploy|build"
    r"|requirements|prerequisites|установк|развертыван|развёртыван|начало работы|орнат|іске қосу",
    re.IGNORECASE,
)
USAGE = re.compile(
    r"usage|using|how to use|run|running|start|example|configur|tutorial|guide"
    r"|использован|запуск|пайдалан|қолдан",
    re.IGNORECASE,
)


def headings(text: str) -> list[tuple[int, str]]:
    """(line number, heading text) for the headings of a Markdown, RST or AsciiDoc text."""
    found: list[tuple[int, str]] = []
    lines = text.splitlines()
    in_code = False
    last = len(lines) - 1
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("```"):
            in_code = not in_code
            continue
        if in_code or not stripped:
            continue
        # The first character rules out most lines before an expression is tried.
        match = _HEADING.match(stripped) if stripped[0] in "#=" else None
        if match:
            found.append((index + 1, (match.group("atx") or match.group("adoc") or "").strip()))
        elif index < last and lines[index + 1][:1] in _UNDERLINE_FIRST:
            underline = lines[index + 1]
            if _UNDERLINE.match(underline) and len(underline.strip()) >= min(len(stripped), 3):
                found.append((index + 1, stripped))
    return found


def word_count(text: str) -> int:
    return len(_WORD.findall(_MARKUP.sub(" ", text)))

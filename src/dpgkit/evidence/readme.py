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
    for index, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        match = _HEADING.match(line.strip())
        if match:
            found.append((index + 1, (match.group("atx") or match.group("adoc") or "").strip()))
        elif (
            index + 1 < len(lines)
            and line.strip()
            and _UNDERLINE.match(lines[index + 1])
            and len(lines[index + 1].strip()) >= min(len(line.strip()), 3)
        ):
            found.append((index + 1, line.strip()))
    return found


def word_count(text: str) -> int:
    return len(_WORD.findall(_MARKUP.sub(" ", text)))

"""License text to comparable words: the normalisation careful license matchers agree on.

The same function runs on the SPDX texts when the index is built and on project files when
they are identified, so whatever it removes (copyright lines, markup, list numbering, URLs,
title lines) is removed on both sides. It keeps the line number of every word, so a match
can point at the lines it covers.

Hand-written because no maintained Python library does this: the SPDX matching guidelines
describe the rules (case, punctuation, bullets, equivalent words, copyright notices) but
ship no code, and the matchers that follow them (licensee, askalono) are Ruby and Rust.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Longest text we normalise: the longest SPDX text is about 90 kB; a "LICENSE" of 50 MB is
# not a license, and its head tells as much as the whole.
MAX_CHARS = 512 * 1024

_HTML_TAG = re.compile(r"<[^<>\n]{0,300}>")
_HTML_ENTITY = re.compile(r"&(?:[a-z]{2,8}|#\d{1,5});", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)")
_MARKDOWN_REF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_URL = re.compile(r"(?:https?|ftp)://[^\s<>()\"']+|www\.[^\s<>()\"']+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_RULE_LINE = re.compile(r"^\s*(?:[-=_*#~+.]\s*){3,}$")
# Bullets and numbering at the start of a line: "-", "*", "•", "1.", "1.2.", "(a)", "iv)", "§ 3".
_LIST_MARKER = re.compile(
    r"^\s*(?:[-*+•·◦‣▪>]+|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivxlc]{1,5})[.):]|"
    r"\((?:\d{1,3}|[a-z]|[ivxlc]{1,5})\)|§+\s*\d[\d.]*|#{1,6})(?=\s|$)",
    re.IGNORECASE,
)
# Parenthesised markers inside a line survive reflowing: "(a)", "(iv)", "(2)".
_INLINE_MARKER = re.compile(r"\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)", re.IGNORECASE)
# A copyright statement ("Copyright (c) 2024 Foo", "© Foo", "Copyright Foo Ltd"), not a
# license sentence that starts with the word ("copyright notice appear in all copies").
_COPYRIGHT_LINE = re.compile(
    r"^\s*(?:copyright(?:\s*(?:\(c\)|©|\d{4}|by\b|:)|\s+(?!(?:notices?|holders?|owners?|laws?|and|"
    r"protection|statements?|licen[cs]\w*|act|or|in|the|of|to|is|for|interests?|status|"
    r"permission|rights?|treaties|infringement|claims?)\b)\w)|\(c\)\s*\d|©|"
    r"all rights reserved|spdx-filecopyrighttext)",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"[*_`~]{1,3}")
_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")
# Scripts written without spaces (Chinese, Japanese, Korean) count one character as a word,
# so re-wrapping lines cannot change their words.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_WORD = re.compile(rf"\d+(?:\.\d+)+|[{_CJK}]|[^\W_{_CJK}]+")
_SENTENCE_END = re.compile(r"[.;:]\s+(?=[A-Z])")
# A heading that names a license and ends there: "The MIT License (MIT)", "Apache License,
# Version 2.0", "ISC License:". A sentence that mentions a license is not a title.
_TITLE = re.compile(
    r"^\W*(?:the\s+)?[\w.,'’/+\- ]{0,60}?\b(?:licen[cs]e|agreement)\b"
    r"(?:\s*(?:,?\s*v(?:ersion)?\.?\s*[\d.]+|\([^()]{0,40}\)|:))*\s*$",
    re.IGNORECASE,
)

# British and American spellings and other words the SPDX guidelines treat as equal.
EQUIVALENT_WORDS: dict[str, str] = {
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "licencing": "licensing",
    "licencee": "licensee",
    "licencor": "licensor",
    "acknowledgment": "acknowledgement",
    "acknowledgments": "acknowledgements",
    "analogue": "analog",
    "analyse": "analyze",
    "artefact": "artifact",
    "artefacts": "artifacts",
    "authorisation": "authorization",
    "authorised": "authorized",
    "authorise": "authorize",
    "calibre": "caliber",
    "cancelled": "canceled",
    "catalogue": "catalog",
    "categorise": "categorize",
    "centre": "center",
    "characterise": "characterize",
    "colour": "color",
    "emphasised": "emphasized",
    "favour": "favor",
    "favourite": "favorite",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "honour": "honor",
    "initialise": "initialize",
    "judgement": "judgment",
    "labelling": "labeling",
    "labour": "labor",
    "maximise": "maximize",
    "minimise": "minimize",
    "modelled": "modeled",
    "modelling": "modeling",
    "offence": "offense",
    "optimise": "optimize",
    "organisation": "organization",
    "organisations": "organizations",
    "organise": "organize",
    "practise": "practice",
    "programme": "program",
    "programmes": "programs",
    "realise": "realize",
    "recognise": "recognize",
    "signalling": "signaling",
    "summarise": "summarize",
    "utilisation": "utilization",
    "utilise": "utilize",
    "whilst": "while",
    "wilful": "willful",
    "sublicence": "sublicense",
}
# (trigger substring, pattern, replacement) on lower-cased lines.
_EQUIVALENT_PHRASES = (
    ("sub", re.compile(r"\bsub[-\s]+licen[cs]"), "sublicens"),
    ("non", re.compile(r"\bnon[-\s]+commercial"), "noncommercial"),
    ("copyright", re.compile(r"\bcopyright\s+(?:owners?|holders?)\b"), "copyright holder"),
    ("cent", re.compile(r"\bper\s+cent\b"), "percent"),
    ("&", re.compile(r"&"), " and "),
)


@dataclass(frozen=True, slots=True)
class Words:
    """Normalised words of a text and the (1-based) line each word came from."""

    words: list[str]
    lines: list[int]

    def __len__(self) -> int:
        return len(self.words)


def _clean_line(line: str) -> str:
    # Each pattern only runs when its trigger character is on the line: normalising is most
    # of the matcher's time, and most lines hold plain words.
    if "](" in line:
        line = _MARKDOWN_LINK.sub(r" \1 ", line)
    if "://" in line or "www." in line:
        line = _URL.sub(" ", line)
    if "@" in line:
        line = _EMAIL.sub(" ", line)
    if "<" in line:
        line = _HTML_TAG.sub(" ", line)
    if "&" in line and ";" in line:
        line = _HTML_ENTITY.sub(" ", line)
    for _ in range(3):  # "1. (a) - text": several markers in a row
        stripped = _LIST_MARKER.sub("", line, count=1)
        if stripped == line:
            break
        line = stripped
    if "*" in line or "_" in line or "`" in line or "~" in line:
        line = _EMPHASIS.sub(" ", line)
    line = _drop_copyright(line)
    return _INLINE_MARKER.sub(" ", line) if "(" in line else line


def _drop_copyright(line: str) -> str:
    """Remove copyright statements at the start of a line, keeping license words after them.

    A re-wrapped file can join "Copyright 2004 Foo Inc. Permission to use..." into one line.
    """
    for _ in range(4):
        if not _COPYRIGHT_LINE.match(line):
            return line
        end = _SENTENCE_END.search(line)
        if end is None or len(line[end.end() :].split()) < 3:
            return "" if len(line.split()) <= 40 else line
        line = line[end.end() :]
    return line


def _is_title(line: str) -> bool:
    """A short heading naming a license ("MIT License", "The Apache License"), not a sentence."""
    return len(line.split()) <= 10 and bool(_TITLE.match(line))


def title_line(text: str) -> tuple[int, str] | None:
    """The heading ``normalize`` drops, with its line number: the first line with text, when
    it is a short title naming a license ("Foundation Center Public License v. 1.0")."""
    for number, raw in enumerate(text[:MAX_CHARS].splitlines(), start=1):
        if _RULE_LINE.match(raw) or _MARKDOWN_REF.match(raw):
            continue
        line = _clean_line(unicodedata.normalize("NFKC", raw))
        if line.strip():
            return (number, " ".join(line.split())) if _is_title(line) else None
    return None


def normalize(text: str) -> Words:
    """Words of a license text, lower-cased, with markup, numbering and copyright lines removed."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    words: list[str] = []
    lines: list[int] = []
    seen_text = False
    for number, raw in enumerate(text.split("\n"), start=1):
        if _RULE_LINE.match(raw) or _MARKDOWN_REF.match(raw):
            continue
        line = _clean_line(raw)
        if not line.strip():
            continue
        if not seen_text:
            seen_text = True
            if _is_title(line):
                continue
        line = line.lower()
        if "'" in line or "’" in line:
            line = _APOSTROPHE.sub("", line)
        for trigger, pattern, replacement in _EQUIVALENT_PHRASES:
            if trigger in line:
                line = pattern.sub(replacement, line)
        for word in _WORD.findall(line):
            words.append(EQUIVALENT_WORDS.get(word, word))
            lines.append(number)
    return Words(words, lines)

"""License statements in prose: standard notices and short references, as projects write them.

Full license texts are the matcher's job (``matcher.py``). Projects more often *state* their
license: the GNU notice ("… either version 3 of the License, or (at your option) any later
version"), the Apache-2.0 or MPL-2.0 short notice, Creative Commons' "This work is licensed
under a Creative Commons Attribution-ShareAlike 4.0 International License", or a reference
("released under the MIT license", "under the terms of GPL-3.0+"). This module reads those
statements from any text: a LICENSE file that holds no full text, a README, a web page, a
JSX footer, a file header.

Markup is masked with spaces of the same length (Markdown links and emphasis, HTML tags,
JSX string glue, comment markers), so a match's offsets are offsets in the original text
and give its line. The patterns are few and standard; names go through ``name_to_spdx``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dpgkit.licenses.names import name_to_spdx

MAX_CHARS = 256 * 1024


@dataclass(frozen=True)
class Statement:
    """One license statement: ``notice`` (a standard notice) or ``reference`` (a name after
    "licensed under"). ``own`` when the sentence speaks of the work itself ("This work is
    licensed…", "This program is free software…"), not of a part or a dependency."""

    spdx: str
    kind: str
    start: int
    end: int
    text: str
    own: bool = False


# -- masking markup, keeping offsets -------------------------------------------------------
_MD_LINK = re.compile(r"(!?\[)([^\]\n]{0,300})(\]\([^)\n]{0,500}\)|\]\[[^\]\n]{0,100}\])")
_HTML_TAG = re.compile(r"<[^<>]{0,500}>")
_ENTITY = re.compile(r"&(?:[a-z]{2,8}|#\d{1,5});", re.I)
_JSX_GLUE = re.compile(r"\{\s*(?:\"\s*\"|'\s*'|`\s*`)\s*\}")
_COMMENT_MARK = re.compile(r"(?m)^[ \t]*(?:/\*+|\*+/?|//+|#+|--+|;+|%+|<!--|\(\*|rem\b|dnl\b)")
_NOISE = re.compile(r"[*_`\[\]{}|>]|-->|\*/")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def mask(text: str) -> str:
    """The text with markup replaced by spaces: same length, same line breaks."""
    if "[" in text:
        text = _MD_LINK.sub(
            lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(3)), text
        )
    if "<" in text:
        text = _HTML_TAG.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    if "&" in text:
        text = _ENTITY.sub(_blank, text)
    if "{" in text:
        text = _JSX_GLUE.sub(_blank, text)
    text = _COMMENT_MARK.sub(_blank, text)
    return _NOISE.sub(_blank, text)


# -- patterns ------------------------------------------------------------------------------
_GNU = re.compile(
    r"(?P<family>gnu\s+(?:(?:affero|lesser|library)\s+)?general\s+public\s+licen[cs]e|gnu\s+[al]?gpl)"
    r"[^.]{0,120}?\bv(?:ersion|\.)?\s*(?P<version>[123](?:\.[01])?)\b"
    r"(?:[^.;]{0,80}?(?P<later>or\s+\(?\s*at\s+your\s+option\s*\)?\s*,?\s+any\s+later\s+version"
    r"|or\s+(?:any\s+)?later))?",
    re.I,
)
_FIXED_NOTICES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"(?:licen[cs]ed|licen[cs]es\s+this\s+file\s+to\s+you)\s+under\s+the\s+apache\s+"
            r"licen[cs]e,?\s+version\s+2\.0",
            re.I,
        ),
        "Apache-2.0",
    ),
    (
        re.compile(
            r"subject\s+to\s+the\s+terms\s+of\s+the\s+mozilla\s+public\s+licen[cs]e,?\s+"
            r"v(?:ersion|\.)?\s*2\.0",
            re.I,
        ),
        "MPL-2.0",
    ),
    (
        re.compile(r"eclipse\s+public\s+licen[cs]e,?\s+(?:v(?:ersion|\.)?\s*)?2\.0", re.I),
        "EPL-2.0",
    ),
    (
        re.compile(r"european\s+union\s+public\s+licen[cs]e,?\s+(?:v(?:ersion|\.)?\s*)?1\.2", re.I),
        "EUPL-1.2",
    ),
)
_FIXED_WORDS = ("apache", "mozilla", "eclipse", "european union")
# "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International", "CC BY-SA 4.0".
_CC = re.compile(
    r"(?:creative\s+commons\s+attribution|\bcc[\s-]+by)"
    r"(?P<parts>(?:[\s-]+(?:non-?\s?commercial|nc|share-?\s?alike|sa|no-?\s?deriv(?:ative)?s?|nd)\b)*)"
    r"(?:\s+licen[cs]e)?,?[\s-]+(?:v(?:ersion)?\.?\s*)?(?P<version>[1-4]\.0|2\.5)\b",
    re.I,
)
_CC0 = re.compile(
    r"\bcc0(?:[\s-]+1\.0)?\b|creative\s+commons\s+zero|public\s+domain\s+dedication", re.I
)
# "licensed under X", "released under the X license", "under the terms of X": found from the
# word "under" (a literal the regex engine finds fast), the verb checked before it.
_GRANT = re.compile(
    r"under\s+(?P<terms>(?:the\s+)?terms\s+(?:and\s+conditions\s+)?of\s+)?(?:(?:the|an?)\s+)?"
    r"(?:terms\s+of\s+(?:the\s+)?)?(?P<name>(?:[^\n.;:!?]|\.(?=\d)){1,120})",
    re.I,
)
_GRANT_VERB = re.compile(
    r"(?:licen[cs]ed|released|distributed|redistribute|available|published|provided|covered|"
    r"offered|shared|use|modify|copy|made|contributed|submitted)\s+(?:it\s+|them\s+)?$",
    re.I,
)
_GRANT_CUT = re.compile(
    r"\s+(?:licen[cs]e|licen[cs]ing|terms|as\s+published|which|that|see|for)\b", re.I
)
_WORK = (
    r"(?:work|project|program|programme|software|library|code|source\s+code|repository|repo|"
    r"content|contents|material|materials|documentation|docs|site|website|book|course|curriculum|"
    r"handbook|guide|standard|specification|data|dataset|data\s+set|model|app|application|"
    r"package|tool|toolkit|solution|platform|text|page)s?"
)
# The sentence before "licensed under" names the work itself: "This work is", "Content on this
# site is", "you may use it", a statement that opens its sentence, "is free software".
_OWN_SUBJECT = re.compile(
    rf"\b(?:this|the|our|its|all)\s+(?:[\w-]+\s+){{0,3}}?{_WORK}(?:\s*\([^)]*\))?"
    r"(?:\s+(?:is|are|will\s+be|has\s+been|have\s+been|was|were|can\s+be|may\s+be))?"
    r"(?:\s+(?:also|hereby|now|all|freely))?\s*$"
    r"|\bfree\s+software\b|\bunless\s+otherwise\b|\bexcept\s+where\s+otherwise\b"
    r"|\bpermitted\b|\bpermission\b|\byou\s+(?:can|may|are\s+free\s+to)\b",
    re.I,
)
_MAX_NAME_WORDS = 10
# What leads into a notice that names its license: "This work is licensed under a …".
_LEAD = re.compile(
    r"(?:licen[cs]ed|released|distributed|available|published|provided|shared|covered)\s+"
    r"under(?:\s+the\s+terms\s+of)?(?:\s+(?:a|an|the))?\s*$",
    re.I,
)


def _lead_start(masked: str, start: int) -> int:
    """Where "licensed under a" begins before a notice that names its license (markup masked
    as spaces may lie between), else ``start``."""
    before = masked[max(0, start - 400) : start].rstrip()
    tail = before[-60:]
    lead = _LEAD.search(tail)
    return (
        start - (len(masked[max(0, start - 400) : start]) - len(before)) - len(tail) + lead.start()
        if lead
        else start
    )


def _own(masked: str, start: int) -> bool:
    """Whether the sentence before ``start`` names the work itself as what is licensed."""
    window = masked[max(0, start - 300) : start]
    cut = max(window.rfind(mark) for mark in (". ", ".\n", "\n\n", ":", ";"))
    before = " ".join(window[cut + 1 :].split())
    if not before or (len(before.split()) <= 3 and re.search(r"\b(?:is|are)$", before)):
        return True  # "Licensed under …" opens the sentence; "Kolibri is licensed under …"
    return bool(_OWN_SUBJECT.search(before))


def _gnu(match: re.Match[str]) -> str | None:
    family_words = " ".join(match.group("family").lower().split())
    if family_words.startswith("gnu") and family_words.split()[-1].endswith("gpl"):
        family = {"agpl": "AGPL", "lgpl": "LGPL"}.get(family_words.split()[-1], "GPL")
    else:
        family = {"affero": "AGPL", "lesser": "LGPL", "library": "LGPL"}.get(
            family_words.split()[1], "GPL"
        )
    version = match.group("version")
    version = version if "." in version else f"{version}.0"
    known = {
        "GPL": {"1.0", "2.0", "3.0"},
        "LGPL": {"2.0", "2.1", "3.0"},
        "AGPL": {"1.0", "3.0"},
    }
    if version not in known[family]:
        return None
    return f"{family}-{version}-{'or-later' if match.group('later') else 'only'}"


def _cc(match: re.Match[str]) -> str | None:
    parts = re.sub(r"[\s-]", "", match.group("parts").lower())
    nc = "nc" in parts or "noncommercial" in parts
    sa = "sa" in parts or "sharealike" in parts
    nd = "nd" in parts or "noderiv" in parts
    if sa and nd:
        return None
    version = match.group("version")
    spdx = "CC-BY" + ("-NC" if nc else "") + ("-SA" if sa else "") + ("-ND" if nd else "")
    return f"{spdx}-{version}"


@lru_cache(maxsize=4096)
def _grant_name(name: str) -> str | None:
    """The license a grant names: the longest leading run of words that is a license name."""
    name = _GRANT_CUT.split(name, maxsplit=1)[0]
    words = name.replace(",", " , ").split()[:_MAX_NAME_WORDS]
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size]).strip(" ,()")
        if not candidate or candidate.lower() in {"the", "a", "an", "this", "same", "its"}:
            continue
        spdx = name_to_spdx(candidate)
        if spdx:
            return spdx
    return None


def _overlaps(found: list[Statement], start: int, end: int) -> bool:
    return any(item.start < end and start < item.end for item in found)


# A word each pattern below needs (or, "cc" with "by", a part of it): masking only turns
# characters into spaces, so a text without any of them in its raw form holds no statement
# and is not masked at all.
_KEY_WORDS = ("gnu", "apache", "mozilla", "eclipse", "european", "commons", "public", "under")


def _may_state(lowered: str) -> bool:
    return any(word in lowered for word in _KEY_WORDS) or (
        "cc" in lowered and ("by" in lowered or "cc0" in lowered)
    )


def statements(text: str) -> list[Statement]:
    """Every license notice and reference in ``text``, in order of appearance."""
    text = text[:MAX_CHARS]
    if not _may_state(text.lower()):
        return []
    masked = mask(text)
    lowered = masked.lower()
    found: list[Statement] = []

    def add(
        spdx: str | None,
        kind: str,
        match: re.Match[str],
        own: bool | None = None,
        start: int | None = None,
    ) -> None:
        start = match.start() if start is None else start
        if spdx is None or _overlaps(found, start, match.end()):
            return
        mine = _own(masked, _lead_start(masked, start)) if own is None else own
        excerpt = " ".join(masked[start : match.end()].split())
        found.append(Statement(spdx, kind, start, match.end(), excerpt[:200], mine))

    # Each pattern runs only when its key word is in the text: most texts hold none.
    if "gnu" in lowered:
        for match in _GNU.finditer(masked):
            add(_gnu(match), "notice", match, own=True)
    for (pattern, spdx), word in zip(_FIXED_NOTICES, _FIXED_WORDS, strict=True):
        if word in lowered:
            for match in pattern.finditer(masked):
                add(spdx, "notice", match, own=True)
    if "commons" in lowered or re.search(r"\bcc[\s-]+by", lowered):
        for match in _CC.finditer(masked):
            add(_cc(match), "notice", match)
    if "cc0" in lowered or "public domain" in lowered or "commons zero" in lowered:
        for match in _CC0.finditer(masked):
            add("CC0-1.0", "reference", match)
    if "under" in lowered:
        for match in _GRANT.finditer(masked):
            start = match.start()
            if start and masked[start - 1].isalnum():
                continue
            verb = _GRANT_VERB.search(masked[max(0, start - 30) : start])
            if verb or match.group("terms"):
                begin = start - min(start, 30) + verb.start() if verb else start
                add(_grant_name(match.group("name")), "reference", match, start=begin)
    return sorted(found, key=lambda item: item.start)


def line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1

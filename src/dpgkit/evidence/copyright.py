"""Copyright statements: the one place that says what a copyright line looks like.

Used by the license header scan (which statements a file carries) and by the ownership
analysis (whom they name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

COPYRIGHT = re.compile(
    r"(?:SPDX-FileCopyrightText:\s*)?(?:Copyright\s*(?:\(c\)|©)?|©|\(c\)\s*(?=\d))\s*"
    r"(?:\(c\)|©)?\s*(?:\d{4}(?:\s*[-–,]\s*(?:\d{4}|present))*\s*,?\s*)?(?:by\s+)?(?P<name>[^\n]{2,120})",
    re.I,
)
STATEMENT_START = re.compile(
    r"^[\s#/*;!<>%'\"-]*(?:SPDX-FileCopyrightText:|Copyright\b|©|\(c\))", re.I
)
# Organisations whose copyright is on the text of the licenses they publish (every GPL
# file says "Copyright (C) 2007 Free Software Foundation, Inc."): never a project's owner
# when found inside a license file.
LICENSE_STEWARD = re.compile(
    r"free software foundation|creative commons corporation|open source initiative", re.I
)


# A license's own prose that starts a line with the word: the GPL's '"Copyright" also means
# copyright-like laws' and its wrapped 'copyright on the Program, and are irrevocable'. A
# statement is written "Copyright", or has a year or a sign; a quoted word or a lower-case
# "copyright" with neither is a definition or a sentence, naming nobody.
_LICENSE_PROSE = re.compile(
    r"""^[\s#/*;!<>%-]*(?:["'“](?i:copyright)["'”]|copyright\b(?![^\n]*(?:\d{4}|©|\([cC]\))))"""
)


def copyright_lines(text: str, max_lines: int = 400) -> Iterable[tuple[int, str, str]]:
    """(line number, name, statement) for each copyright statement that starts its line.

    "the copyright line and a pointer ..." in a license's how-to-apply appendix, or any
    prose mentioning copyright, names nobody; nor does a license steward's own copyright.
    """
    for number, line in enumerate(text.splitlines()[:max_lines], start=1):
        if "copyright" not in line.lower() and "©" not in line:
            continue
        if not STATEMENT_START.match(line) or _LICENSE_PROSE.match(line):
            continue
        for match in COPYRIGHT.finditer(line):
            if LICENSE_STEWARD.search(match.group("name")):
                continue
            yield number, match.group("name"), line.strip()


# What may precede a statement on its line (comment markers) and close it (comment ends).
_LEADING_MARKERS = " \t#/*;!<>%'\"-"
_COMMENT_END = re.compile(r"\s*(?:\*/|-->|\*\)|\"\"\"|''')\s*$")


def header_statements(line: str) -> Iterable[str]:
    """The copyright statements of one line of a file header, comment markers removed.

    A statement starts its line (after comment markers): "copyright" in the middle of prose
    ("... or copyright lines)") names nobody.
    """
    # Statements start with a letter, a sign or "(", never a marker: the one that starts
    # the line starts where the markers end (a later one has words before it).
    start = len(line) - len(line.lstrip(_LEADING_MARKERS))
    match = COPYRIGHT.match(line, start)
    if match:
        yield " ".join(_COMMENT_END.sub("", match.group(0)).split())

"""A code file's notice words come from its comment lines only, whatever shortcut picks them.

`_notice_text` finds a head's comment lines with one multi-line expression when "\n" (or
"\r\n") is its only line break, and line by line otherwise; this compares it with the
per-line expression alone on generated heads, with every line break str.splitlines knows.
"""

from __future__ import annotations

import random

from dpgkit.licenses.declarations import _COMMENT, _COMMENT_START, _notice_text

_STARTS = [
    "", " ", "\t", "  ", "\u00a0", "\u2003", "\x1c", "/*", "*", "//", "#", "--", "-", ";", "%",
    "<!--", "<", "rem ", "REM ", "Rem\t", "remark", "(*", "(", "r", "x", "'", '"', "\u0130",
]  # fmt: skip
_BODIES = ["Licensed under the MIT License", "", "x = 1", "SPDX", "license: GPL-3.0", "é"]
_BREAKS = ["\n"] * 6 + ["\r\n"] * 3 + ["\r", "\x0b", "\x0c", "\x85", "\u2028", "\n\n"]


def _reference(head: str, code: bool = True) -> str:
    lines = [line for line in head.splitlines() if not code or _COMMENT_START.match(line)]
    return " ".join(_COMMENT.sub("", line) for line in lines).lower()


def _head(generator: random.Random) -> str:
    lines = [
        generator.choice(_STARTS) + generator.choice(_STARTS) + generator.choice(_BODIES)
        for _ in range(generator.randint(0, 8))
    ]
    head = "".join(line + generator.choice(_BREAKS) for line in lines)
    return head if generator.random() < 0.5 else head.rstrip("\r\n")


def test_comment_lines_are_the_ones_the_expression_picks() -> None:
    generator = random.Random(5)
    for _ in range(6000):
        head = _head(generator)
        assert _notice_text(head, "Python") == _reference(head), repr(head)


def test_prose_lines_are_the_ones_splitlines_gives() -> None:
    generator = random.Random(6)
    for _ in range(6000):
        head = _head(generator)
        assert _notice_text(head, "Markdown") == _reference(head, code=False), repr(head)


def test_prose_keeps_every_line() -> None:
    head = "Licensed under the MIT License\nx = 1"
    assert _notice_text(head, "Markdown") == _notice_text(head, None)
    assert "x = 1" in _notice_text(head, "Markdown")
    assert "x = 1" not in _notice_text(head, "Python")

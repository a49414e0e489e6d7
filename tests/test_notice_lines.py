"""A code file's notice words come from its comment lines only, whatever shortcut picks them.

`_notice_text` rules lines out by their first character before running the comment
expression; this compares it with the expression alone on generated heads.
"""

from __future__ import annotations

import random

from dpgkit.licenses.declarations import _COMMENT, _COMMENT_START, _notice_text

_STARTS = [
    "", " ", "\t", "  ", "\u00a0", "\u2003", "\x1c", "/*", "*", "//", "#", "--", "-", ";", "%",
    "<!--", "<", "rem ", "REM ", "Rem\t", "remark", "(*", "(", "r", "x", "'", '"', "\u0130",
]  # fmt: skip
_BODIES = ["Licensed under the MIT License", "", "x = 1", "SPDX", "license: GPL-3.0", "é"]


def _reference(head: str) -> str:
    lines = [line for line in head.splitlines() if _COMMENT_START.match(line)]
    return " ".join(_COMMENT.sub("", line) for line in lines).lower()


def test_comment_lines_are_the_ones_the_expression_picks() -> None:
    generator = random.Random(5)
    for _ in range(3000):
        head = "\n".join(
            generator.choice(_STARTS) + generator.choice(_STARTS) + generator.choice(_BODIES)
            for _ in range(generator.randint(0, 8))
        )
        assert _notice_text(head, "Python") == _reference(head), repr(head)


def test_prose_keeps_every_line() -> None:
    head = "Licensed under the MIT License\nx = 1"
    assert _notice_text(head, "Markdown") == _notice_text(head, None)
    assert "x = 1" in _notice_text(head, "Markdown")
    assert "x = 1" not in _notice_text(head, "Python")

"""Copyright lines in file heads: the shortcuts find what the plain line-by-line reading finds.

`header_statements` tries one match where a line's comment markers end, and
`_header_copyrights` visits only the lines of an ASCII head that hold "copyright" or "(c)";
both are compared with the reading they replace (every match on every line; every line of
the head, `_header_copyrights_by_lines`, which other heads still go through) on generated
heads: comment markers, prose mentions, signs, Unicode, every line break str.splitlines
knows.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from dpgkit.evidence.copyright import _COMMENT_END, _LEADING_MARKERS, COPYRIGHT, header_statements
from dpgkit.licenses.declarations import _header_copyrights, _header_copyrights_by_lines

_MARKERS = ["", " ", "\t", "# ", "// ", " * ", "/*", "<!-- ", "-- ", ";", "%", "'", '"', "(", "x "]
_BODIES = [
    "Copyright 2021 Accessible Kazakhstan",
    "copyright (c) 2019-2024 The Authors",
    "(c) 2020 Ministry of Health */",
    "© 2022 Example Org -->",
    "SPDX-FileCopyrightText: 2023 Jane Doe",
    "must retain the above copyright notice, this list of conditions",
    "Copyright",
    "COPYRIGHT HOLDERS AND CONTRIBUTORS",
    "(C) 1999 Someone",
    "copyrİght 2020 dotted",
    "x = 1  # copyright 2020 inline",
    "",
    "plain words",
]
_BREAKS = ["\n"] * 6 + ["\r\n"] * 3 + ["\r", "\x0c", "\x85", "\u2028"]


def _statements_before(line: str) -> Iterator[str]:
    for match in COPYRIGHT.finditer(line):
        if line[: match.start()].strip(_LEADING_MARKERS):
            continue
        yield " ".join(_COMMENT_END.sub("", match.group(0)).split())


def _line(generator: random.Random) -> str:
    return "".join(generator.choice(_MARKERS) for _ in range(generator.randint(0, 2))) + (
        generator.choice(_BODIES)
    )


def test_one_match_where_the_markers_end_is_every_statement() -> None:
    generator = random.Random(11)
    for _ in range(5000):
        line = _line(generator) + generator.choice(["", " ", "; ", " and "]) + _line(generator)
        assert list(header_statements(line)) == list(_statements_before(line)), repr(line)


def test_only_the_lines_with_the_words_are_read() -> None:
    generator = random.Random(12)
    for _ in range(4000):
        head = "".join(
            _line(generator) + generator.choice(_BREAKS) for _ in range(generator.randint(0, 10))
        )
        for prose in (True, False):
            by_lines = _header_copyrights_by_lines(head, prose)
            assert _header_copyrights(head, prose) == by_lines, repr(head)

"""Whether a word found on a line is a use of the thing it names or only a mention of it.

Detectors that search code, configuration and manifests for a product name ("firebase",
"google-analytics") find it in comments as often as in imports, and comments often say the
opposite of a use: "# no Firebase: self-hosted CouchDB instead". A comment is never a
dependency or a feature, and a negated mention in prose is evidence against the thing.
"""

from __future__ import annotations

import re

# Markers that open a comment, in the languages and configuration formats scanned.
# (C and Objective-C directives such as #import <Firebase/Firebase.h> are code, not comments.)
_LINE_COMMENT = re.compile(
    r"^\s*(?:#(?!(?:import|include|define|if|ifdef|ifndef|pragma|region|endregion)\b)|"
    r"//|/\*|\*(?:\s|/|$)|<!--|--\s|;|\{#|\{\{!--)"
)
# A comment that starts after code on the same line: "key = 1  # not firebase".
_TRAILING_COMMENT = re.compile(r"(?:^|\s)(?:#|//|<!--)\s")
# Words that deny what follows them within the same clause.
_NEGATION = re.compile(
    r"\b(?:no|not|never|without|cannot|can['’]t|won['’]t|instead\s+of|rather\s+than|neither|nor|"
    r"(?:do|does|did|is|are|was|were|has|have|should|must|can|could|would|will)(?:n['’]t|\s+not)|"
    r"avoids?|avoiding|removed?|removes|dropp?(?:ed|s)?|replaced?|replaces|free\s+of|"
    r"no\s+longer|non-)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]]|\bbut\b|\bhowever\b", re.I)
_NEGATION_REACH = 60  # characters before the name that a negation can govern


def is_comment_line(line: str) -> bool:
    """The whole line is a comment (or a doc-comment continuation)."""
    return bool(_LINE_COMMENT.match(line))


def in_comment(line: str, column: int) -> bool:
    """The text at ``column`` sits inside a comment: a comment line or a trailing comment."""
    if is_comment_line(line):
        return True
    trailing = _TRAILING_COMMENT.search(line)
    return trailing is not None and trailing.start() < column


def negated(line: str, column: int) -> bool:
    """A negation governs the text at ``column``: "not uses of Firebase", "without S3"."""
    before = line[max(0, column - _NEGATION_REACH) : column]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return _NEGATION.search(before) is not None


def first_use(line: str, pattern: re.Pattern[str], prose: bool = False) -> re.Match[str] | None:
    """The first match of ``pattern`` on ``line`` that is a use, not a mention: outside
    comments and, in prose, not governed by a negation. (In code a negation is logic,
    ``if not firebase_enabled``, and the line still uses the thing.)"""
    for match in pattern.finditer(line):
        if in_comment(line, match.start()):
            continue
        if prose and negated(line, match.start()):
            continue
        return match
    return None

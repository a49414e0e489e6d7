"""Linear-time regular expressions for scans over every file of a checkout.

Python's ``re`` backtracks and tries every branch of an alternation at every position: a
scan with a few hundred case-insensitive alternatives reads about 250 KB/s, which turns a
20,000-file checkout into minutes. RE2 (Google's engine, via the ``google-re2`` package)
compiles the same patterns into an automaton and runs in time linear in the text, a
thousand times faster here. Patterns RE2 cannot run (look-arounds, back-references) fall
back to ``re`` so no detector is lost; tests assert the shipped ones all compile in RE2.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

try:  # pragma: no branch - the dependency is declared; the fallback keeps odd installs working
    import re2 as _re2
except ImportError:  # pragma: no cover
    _re2 = None


def _re2_options(ignore_case: bool) -> Any:
    options = _re2.Options()
    options.log_errors = False  # a fallback is expected, not an error worth a log line
    options.case_sensitive = not ignore_case
    options.max_mem = 64 << 20  # large alternations need more than RE2's 8 MB default
    return options


class _Utf8:
    """The UTF-8 bytes of the text last asked about, kept (by identity) for the next caller.

    RE2 runs on bytes: its wrapper encodes a str at every call. The pass over the files
    gives each text to several RE2 sets in turn (the scan's gates, the code scanners'
    anchors, the secret gates); they share one encoding instead of making one each
    (~15 µs for a 7 KB text that is not ASCII).
    """

    def __init__(self) -> None:
        self._text: str | None = None
        self._bytes = b""

    def __call__(self, text: str) -> bytes:
        if self._text is not text:
            self._text, self._bytes = text, text.encode("utf-8")
        return self._bytes


# For RE2 calls whose answer holds no offsets (a set's Match): offsets into the bytes
# would not be offsets into the text once it holds a non-ASCII character.
utf8 = _Utf8()


class _Lowered:
    """``text.lower()`` of the text last asked about, kept (by identity) for the next
    caller: the code scanners of the pass look for their anchors in the same lower-cased
    text of a file, and most files need it from none of them."""

    def __init__(self) -> None:
        self._text: str | None = None
        self._lower = ""

    def __call__(self, text: str) -> str:
        if self._text is not text:
            self._text, self._lower = text, text.lower()
        return self._lower


lowered = _Lowered()


@cache
def compile_scanner(pattern: str, ignore_case: bool = False) -> Any:
    """A compiled pattern with ``search``/``finditer``/``lastgroup`` like ``re``'s."""
    if _re2 is not None:
        try:
            return _re2.compile(pattern, options=_re2_options(ignore_case))
        except _re2.error:
            pass
    return re.compile(pattern, re.IGNORECASE if ignore_case else 0)


def is_linear(compiled: Any) -> bool:
    """True when the pattern runs on RE2 (used by tests of the shipped detectors)."""
    return not isinstance(compiled, re.Pattern)


# --- gates: an RE2 pattern matching wherever a Python pattern can match -----------------
# Python's classes are Unicode (\w holds "é", \s holds U+00A0) and RE2's are ASCII; a gate
# must never say "no match" where Python would find one, so it widens them to the Unicode
# classes Python uses, drops what RE2 cannot run (look-arounds, \b: dropping a zero-width
# condition only admits more), and leaves negated classes alone (ASCII-only exclusions
# already exclude less).
_WORD = r"\pL\pN_"
_SPACE = r"\t-\r\x1c-\x20\x85\pZ"
_DIGIT = r"\p{Nd}"
_WIDEN_IN_CLASS = {"w": _WORD, "s": _SPACE, "d": _DIGIT}
# Python's IGNORECASE also matches these with ASCII letters (re/_casefix and simple
# lower-casing: "İ".lower() is "i" to the regex engine); RE2's case folding lacks the two
# Turkish i's.
_PYTHON_EXTRA_CASES = {"i": "İı", "k": "K", "s": "ſ"}
_FLAGS_GROUP = re.compile(r"\(\?[a-zA-Z-]*[:)]")
_COUNTED = re.compile(r"\{(\d*),(\d*)\}|\{\d+\}")
# A gate that starts with "anything of a class, any number of times" matches wherever the
# rest does: that start is dropped (it costs the automaton states at every position).
_LEADING_STAR = re.compile(
    r"^(\(\?[a-zA-Z]+\))?(?:\[(?:\\.|[^\]\\])*\]|\\[a-zA-Z]|[^\\()\[])\*(?!\?)"
)


def _group_end(pattern: str, start: int) -> int:
    """Index just past the group opening at pattern[start] ('(')."""
    depth, index, in_class = 0, start, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern.startswith("[^]", index) or pattern.startswith("[]", index):
                index += 2 if pattern[index + 1] == "]" else 3
                continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(pattern)


def gate_source(pattern: str) -> str:
    """An RE2-compatible pattern matching wherever ``pattern`` (Python syntax) matches.

    A superset: the gate may open on text where the pattern then finds nothing, never the
    reverse. Capturing groups become non-capturing; a back-reference makes no gate (the
    caller then always runs the pattern).
    """
    ignore_case = bool(re.match(r"\(\?[a-zA-Z]*i[a-zA-Z]*\)", pattern))
    out: list[str] = []
    index, in_class, negated = 0, False, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            escaped = pattern[index + 1 : index + 2]
            if escaped.isdigit() and escaped != "0":
                raise ValueError("back-references have no gate")
            if in_class:
                widened = _WIDEN_IN_CLASS.get(escaped)
                out.append(widened if widened is not None and not negated else "\\" + escaped)
            elif escaped in _WIDEN_IN_CLASS:
                out.append(f"[{_WIDEN_IN_CLASS[escaped]}]")
            elif escaped in ("b", "B"):
                pass  # a word boundary is zero-width: without it, more matches
            elif escaped == "Z":
                out.append(r"\z")
            else:
                out.append("\\" + escaped)
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            out.append(char)
            index += 1
            continue
        if char == "[":
            in_class = True
            negated = pattern.startswith("[^", index)
            opening = "[^" if negated else "["
            out.append(opening)
            index += len(opening)
            if pattern.startswith("]", index):  # a literal ] first in a class
                out.append(r"\]")
                index += 1
            continue
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), index):
            index = _group_end(pattern, index)  # a look-around is zero-width: dropped
            continue
        if pattern.startswith("(?P<", index):
            index = pattern.index(">", index) + 1
            out.append("(?:")
            continue
        if pattern.startswith("(?P=", index):
            raise ValueError("back-references have no gate")
        if char == "(" and not pattern.startswith("(?", index):
            out.append("(?:")
            index += 1
            continue
        flags = _FLAGS_GROUP.match(pattern, index)
        if flags is not None:  # (?i) (?im) (?: (?-i: ... : copied as they are
            out.append(flags.group(0))
            index = flags.end()
            continue
        counted = _COUNTED.match(pattern, index)
        if counted is not None:  # {0,60} -> *, {16,400} -> {16,}: more matches, far fewer states
            low = counted.group(1)
            if low is None:  # {m}: exact, kept
                out.append(counted.group(0))
            else:
                out.append("*" if low in ("", "0") else f"{{{low},}}")
            index = counted.end()
            continue
        if ignore_case and char.lower() in _PYTHON_EXTRA_CASES:
            out.append(f"[{char.lower()}{char.upper()}{_PYTHON_EXTRA_CASES[char.lower()]}]")
            index += 1
            continue
        out.append(char)
        index += 1
    return _LEADING_STAR.sub(lambda match: match.group(1) or "", "".join(out), count=1)


def compile_gate(pattern: str) -> Any | None:
    """The RE2 gate of a Python pattern, or None when it has none (it must always run)."""
    try:
        compiled = compile_scanner(gate_source(pattern))
    except (ValueError, re.error):
        return None
    return compiled if is_linear(compiled) else None


def literal_source(word: str, ignore_case: bool = True) -> str:
    """RE2 source for a literal matched as Python's IGNORECASE matches it."""
    parts = []
    for char in word:
        extra = _PYTHON_EXTRA_CASES.get(char.lower(), "") if ignore_case else ""
        if ignore_case and char.isalpha():
            parts.append(f"[{char.lower()}{char.upper()}{extra}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)

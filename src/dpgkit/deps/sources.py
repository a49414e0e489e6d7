"""Which files of a checkout are program code or configuration, and pattern search over them.

Several analyses (closed components, export features, standards) look for imports, API
hosts and settings in the project's own code; they share this list so that test trees,
documentation and lock files are treated the same way everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ahocorasick

from dpgkit.fastregex import compile_scanner, is_linear, lowered, utf8

try:  # pragma: no branch - the dependency is declared; the fallback keeps odd installs working
    import re2 as _re2
except ImportError:  # pragma: no cover
    _re2 = None
from dpgkit.inventory.classify import LOCK_FILES

if TYPE_CHECKING:
    from dpgkit.inventory import FileEntry, Inventory

CODE_SUFFIXES = frozenset(
    {
        ".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".vue", ".svelte", ".php",
        ".rb", ".erb", ".java", ".kt", ".kts", ".scala", ".groovy", ".gradle", ".dart",
        ".go", ".rs", ".cs", ".fs", ".vb", ".ex", ".exs", ".swift", ".m", ".r", ".jl",
        ".html", ".htm", ".twig", ".blade", ".ejs", ".hbs", ".jinja", ".j2", ".cshtml",
        ".razor",
    }
)  # fmt: skip
CONFIG_SUFFIXES = frozenset(
    {
        ".json", ".yml", ".yaml", ".toml", ".ini", ".cfg", ".conf", ".properties",
        ".env", ".xml", ".plist", ".tf", ".config",
    }
)  # fmt: skip
MAX_SCAN_BYTES = 1024 * 1024


def is_env_file(name: str) -> bool:
    lower = name.lower()
    return lower.startswith(".env") or lower in {"env.example", "env.sample", "example.env"}


def is_code_or_config(entry: FileEntry, include_tests: bool = False) -> bool:
    """One of the project's own code or configuration files, small enough to scan."""
    if not entry.own or entry.size > MAX_SCAN_BYTES or entry.name in LOCK_FILES:
        return False
    if not include_tests and entry.test:
        return False
    return (
        entry.suffix in CODE_SUFFIXES or entry.suffix in CONFIG_SUFFIXES or is_env_file(entry.name)
    )


def code_and_config(inventory: Inventory, include_tests: bool = False) -> list[FileEntry]:
    """The project's own code and configuration files, small enough to scan."""
    return [entry for entry in inventory.files if is_code_or_config(entry, include_tests)]


def code_files(inventory: Inventory) -> list[FileEntry]:
    return [entry for entry in code_and_config(inventory) if entry.suffix in CODE_SUFFIXES]


def scoped_pattern(pattern: str) -> str:
    """A pattern with a leading (?i) turned into a scoped group, so patterns can be joined."""
    if pattern.startswith("(?i)"):
        return f"(?i:{pattern[4:]})"
    return f"(?:{pattern})"


def union(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for many; linear-time RE2 (dpgkit.fastregex), as it runs over every file."""
    parts = [scoped_pattern(pattern) for pattern in patterns]
    return compile_scanner("(?m)" + "|".join(parts)) if parts else None


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    line: int
    text: str


def search_files(
    inventory: Inventory, entries: Iterable[FileEntry], detector: Detector, per_file: int = 3
) -> Iterator[Hit]:
    if detector.regex is None:
        return
    for entry in entries:
        text = inventory.text(entry)
        if not text:
            continue
        # One linear-time RE2 pass (dpgkit.fastregex) settles most files at once.
        if detector.regex.search(text) is None:
            continue
        for line_no, line in detector.uses(text, None, per_file):
            yield Hit(entry.path, line_no, line)


def first_uses(detector: Detector, text: str, per_file: int = 1) -> list[tuple[int, str]]:
    """What ``search_files`` finds in one text: (line number, line) of the first uses."""
    if detector.regex is None or not text or detector.regex.search(text) is None:
        return []
    return detector.uses(text, None, per_file)


# A line holding regular-expression source (\b, \., \s, (?i) ...) defines a detector (in
# a linter's configuration, or in catalogs like dpgkit's own): it names a thing without
# using it, so it is not evidence of use.
_PATTERN_SOURCE = re.compile(r"\\[bsdwS.]|\(\?[imsx]")


def find_uses(
    inventory: Inventory, entry: FileEntry, pattern: re.Pattern[str], limit: int = 3
) -> list[tuple[int, str]]:
    """(line number, line) of matches, skipping lines that are pattern definitions."""
    hits = inventory.search(entry, pattern, limit * 4)
    return [(n, line) for n, line in hits if not _PATTERN_SOURCE.search(line)][:limit]


# --- literal prefilter ------------------------------------------------------------------
# Python's re engine tries every alternative at every position, so a union of a hundred
# detector patterns runs at about 1 MB/s. Most patterns contain a literal that any match
# must contain ("googleapis", "FIREBASE_"); checking those with str.__contains__ (a fast C
# search) rules out nearly every file before a regex runs. Hand-written because no
# well-kept library extracts required literals from Python regexes.
_ESCAPED_LITERAL = set(".()/+-:@#$&[]{}|?*^\"'=<>!,;%~")
_MIN_ANCHOR = 3
# Words on most lines of most programs make useless anchors; a rarer literal is preferred.
_COMMON = frozenset(
    {"import", "from", "require", "package", "export", "function", "return", "config",
     "class", "def", "const", "data", "http", "https", "true", "false", "null", "self",
     "this", "type", "name", "value", "default"}
)  # fmt: skip


def _anchor_score(literal: str) -> int:
    stripped = literal.strip().lower()
    return 0 if stripped in _COMMON or len(stripped) < _MIN_ANCHOR else len(stripped)


def _branches(pattern: str) -> list[str]:
    """Top-level alternatives of a pattern (not splitting inside groups or classes)."""
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts


def _required_literal(branch: str) -> list[str] | None:
    """Literals one of which every match of this branch contains: the longest literal
    outside groups, else the alternatives of a mandatory group (``(map|tile)_provider``)."""
    best, run, depth, index, in_class = "", "", 0, 0, False
    groups: list[tuple[int, int]] = []  # spans of top-level groups that are not optional
    group_start = 0

    def close(run: str, quantified: bool) -> None:
        nonlocal best
        if quantified and run:
            run = run[:-1]  # the last character is optional or repeated
        if _anchor_score(run) > _anchor_score(best):
            best = run

    while index < len(branch):
        char = branch[index]
        following = branch[index + 1] if index + 1 < len(branch) else ""
        if in_class:
            in_class = char != "]"
            index += 1
            continue
        if char == "\\":
            escaped = branch[index + 1 : index + 2]
            after = branch[index + 2 : index + 3]
            if depth == 0 and escaped in _ESCAPED_LITERAL:
                run += escaped
                if after and after in "?*{":
                    close(run, True)
                    run = ""
            else:
                close(run, False)
                run = ""
            index += 2
            continue
        if char == "{":  # a {m,n} quantifier: its digits are not text
            close(run, False)
            run = ""
            closing = branch.find("}", index)
            index = len(branch) if closing == -1 else closing + 1
            continue
        if char == "[":
            close(run, False)
            run, in_class = "", True
        elif char == "(":
            close(run, False)
            if depth == 0:
                group_start = index
            run, depth = "", depth + 1
        elif char == ")":
            depth -= 1
            if depth == 0 and not (following and following in "?*{"):
                groups.append((group_start, index))
        elif depth == 0 and (char.isalnum() or char in "_-/:@#=<>\"',;%~ "):
            run += char
            if following and following in "?*{":
                close(run, True)
                run = ""
        else:
            close(run, False)
            run = ""
        index += 1
    close(run, False)
    if _anchor_score(best):
        return [best]
    options = []
    for start, end in groups:
        inner = branch[start + 1 : end]
        if inner.startswith(("?=", "?!", "?<")):
            continue
        inner = re.sub(r"^\?[a-zA-Z]*:", "", inner)  # (?:...) and (?i:...)
        found = required_literals(inner)
        if found:
            options.append(found)
    # The most selective group: the one whose weakest literal is strongest.
    if options:
        return max(options, key=lambda found: min(map(_anchor_score, found)))
    return [best] if len(best.strip()) >= _MIN_ANCHOR else None


def required_literals(pattern: str) -> list[str] | None:
    """Lower-cased literals one of which any match contains; None when there is none."""
    body = pattern[4:] if pattern.startswith("(?i)") else pattern
    anchors = []
    for branch in _branches(body):
        literals = _required_literal(branch)
        if literals is None:
            return None
        anchors += [literal.lower() for literal in literals]
    return anchors


# Assertions that can hold at a line's start or end and not at the same place in the whole
# text (or the reverse): look-arounds, and anchors at the start or end of the text.
_TEXT_ASSERTION = re.compile(r"\(\?<?[=!]|\\[AZzG]")


class Detector:
    """A regex with a literal prefilter: ``matches(text, lower)`` runs the regex only when
    one of its required literals is in the (lower-cased) text."""

    def __init__(self, patterns: Iterable[str]) -> None:
        patterns = list(patterns)
        self.regex = union(patterns)
        # A match in one line is a match in the whole text when no pattern asserts
        # anything the two see differently: "^" and "$" are multi-line, and "\b" sees the
        # newline around a line as the line's own ends. Then one linear-time search of the
        # text settles a file with no use before any anchor is looked for line by line.
        # (Hand-written: anchors such as "file" or "map" hold on hundreds of lines of a
        # Django project where the regex matches none: ~0.15 s on a 3,600-file project.)
        self.text_first = not any(_TEXT_ASSERTION.search(pattern) for pattern in patterns)
        anchors: list[str] = []
        self.always = False
        for pattern in patterns:
            found = required_literals(pattern)
            if found is None:
                self.always = True
            else:
                anchors += found
        self.anchors = tuple(dict.fromkeys(anchors))
        # Whether the regex matches anywhere, asked of the text's UTF-8 bytes shared by the
        # pass (the RE2 wrapper encodes a str at every call) when RE2 runs it.
        regex = self.regex
        if regex is not None and is_linear(regex):
            linear: Any = regex  # an RE2 pattern, which searches bytes as well
            self._found_in: Callable[[str], bool] = lambda text: (
                linear.search(utf8(text)) is not None
            )
        elif regex is not None:
            self._found_in = lambda text: regex.search(text) is not None

    def uses(self, text: str, lower: str | None = None, limit: int = 3) -> list[tuple[int, str]]:
        """(line number, line) of matches that are uses, not pattern definitions.

        The regex runs only on the lines that hold an anchor: detector patterns are
        line-local, and a regex over a few lines costs nothing next to one over the file.
        ``lower`` is ``text.lower()``, computed here (once per text) when not given.
        """
        if self.regex is None:
            return []
        # No match in the whole text: no use in any of its lines, whichever way is read.
        if self.text_first and not self._found_in(text):
            return []
        lower = lowered(text) if lower is None else lower
        if self.always or len(lower) != len(text):  # lower() changed offsets: no shortcut
            return _uses_in_text(text, self.regex, limit)
        starts: set[int] = set()
        for anchor in self.anchors:
            position = lower.find(anchor)
            while position != -1 and len(starts) < 10_000:
                start = text.rfind("\n", 0, position) + 1
                end = text.find("\n", position)
                starts.add(start)
                if end == -1:
                    break
                position = lower.find(anchor, end + 1)
        hits: list[tuple[int, str]] = []
        for start in sorted(starts):
            end = text.find("\n", start)
            line = text[start : end if end != -1 else len(text)]
            if self.regex.search(line) and not _PATTERN_SOURCE.search(line):
                hits.append((text.count("\n", 0, start) + 1, line))
                if len(hits) >= limit:
                    break
        return hits


def _uses_in_text(text: str, pattern: re.Pattern[str], limit: int) -> list[tuple[int, str]]:
    hits: list[tuple[int, str]] = []
    for match in pattern.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        line = text[start : end if end != -1 else len(text)]
        if not _PATTERN_SOURCE.search(line):
            number = text.count("\n", 0, start) + 1
            if not hits or hits[-1][0] != number:
                hits.append((number, line))
        if len(hits) >= limit:
            break
    return hits


class AnchorIndex:
    """Which of many detectors may match a text, found in one pass over it.

    The anchors of every detector go into one RE2 set (a literal alternation per
    detector), so a lower-cased text is scanned once for all of them and the set says
    which detectors hold an anchor, without a Python step per occurrence. pyahocorasick
    (one automaton, every occurrence) serves where RE2 is missing.
    """

    def __init__(self, detectors: dict[str, Detector]) -> None:
        self.always = {key for key, d in detectors.items() if d.always and d.regex is not None}
        self.keys = sorted(
            key
            for key, d in detectors.items()
            if d.regex is not None and not d.always and d.anchors
        )
        self.set: Any = None
        self.automaton: Any = None
        if not self.keys:
            return
        if _re2 is not None:
            options = _re2.Options()
            options.log_errors = False
            options.max_mem = 256 << 20
            self.set = _re2.Set.SearchSet(options)
            for key in self.keys:
                self.set.Add("|".join(re.escape(anchor) for anchor in detectors[key].anchors))
            self.set.Compile()
            return
        owners: dict[str, set[str]] = {}  # pragma: no cover - google-re2 is a dependency
        for key in self.keys:
            for anchor in detectors[key].anchors:
                owners.setdefault(anchor, set()).add(key)
        self.automaton = ahocorasick.Automaton()
        for anchor, keys in owners.items():
            self.automaton.add_word(anchor, frozenset(keys))
        self.automaton.make_automaton()

    def uses(
        self,
        detectors: dict[str, Detector],
        text: str,
        limit: int,
        lower: str | None = None,
        candidates: set[str] | None = None,
    ) -> list[tuple[str, list[tuple[int, str]]]]:
        """(key, uses) for each detector with a use in text, keys in sorted order.

        ``lower`` is ``text.lower()`` when the caller has it already; ``candidates`` what
        ``candidates(lower)`` answers, when the caller has it already (SharedAnchors).
        """
        if candidates is None:
            lower = lowered(text) if lower is None else lower
            candidates = self.candidates(lower)
        found = []
        for key in sorted(candidates):
            hits = detectors[key].uses(text, lower, limit)
            if hits:
                found.append((key, hits))
        return found

    def candidates(self, lower: str) -> set[str]:
        found = set(self.always)
        if self.set is not None:
            found.update(self.keys[index] for index in self.set.Match(lower) or ())
        elif self.automaton is not None:  # pragma: no cover - google-re2 is a dependency
            for _end, keys in self.automaton.iter(lower):
                found |= keys
        return found


class SharedAnchors:
    """The anchors of several detector families in one RE2 set: one search of a text
    answers every family's ``AnchorIndex.candidates`` at once.

    The code scanners of the pass (closed components, provider switches, standards in
    code, export features) each searched every code file for their own anchors, about
    20 µs a file each on 8 KB files; one set over all of them costs about as much as one.
    A family is registered at import with a function giving its detectors; the set is
    built on first use, in whichever process scans. The answer for the text last asked
    about is kept (by identity: the scanners of a file are fed the same str object), so
    the second family asking about a file costs nothing.

    The answer is exactly ``AnchorIndex(detectors).candidates(text.lower())``: an ASCII
    text is searched case-insensitively as it is (``lower()`` changes only A-Z there, and
    RE2's case folding of an ASCII letter adds only non-ASCII characters), any other text
    through ``lower()`` with the anchors as they are, as AnchorIndex does.
    """

    def __init__(self) -> None:
        self._families: dict[str, Callable[[], dict[str, Detector]]] = {}
        self._indexes: dict[str, AnchorIndex] | None = None
        self._owners: list[tuple[str, str]] = []  # set index -> (family, detector key)
        self._folded: Any = None  # (?i) anchors, for ASCII texts as they are
        self._exact: Any = None  # anchors as they are, for lower-cased texts
        self._text: str | None = None
        self._answer: dict[str, set[str]] = {}

    def family(self, name: str, detectors: Callable[[], dict[str, Detector]]) -> None:
        if name in self._families:
            raise ValueError(f"two anchor families are named {name}")
        self._families[name] = detectors
        self._indexes = None  # built again, with this family, on next use

    def _build(self) -> dict[str, AnchorIndex]:
        indexes: dict[str, AnchorIndex] = {}
        self._owners, patterns = [], []
        for name, family in self._families.items():
            detectors = family()
            index = indexes[name] = AnchorIndex(detectors)
            for key in index.keys:
                self._owners.append((name, key))
                patterns.append("|".join(re.escape(anchor) for anchor in detectors[key].anchors))
        self._folded = self._exact = None
        if patterns and _re2 is not None:
            self._folded = _anchor_set(patterns, fold=True)
            self._exact = _anchor_set(patterns, fold=False)
        self._indexes = indexes
        self._text = None
        return indexes

    def prepare(self) -> None:
        """Build the set now (before worker processes are forked, so they share it)."""
        if self._indexes is None:
            self._build()

    def candidates(self, name: str, text: str) -> set[str]:
        """What ``AnchorIndex(family's detectors).candidates(text.lower())`` answers."""
        if self._text is not text or self._indexes is None:
            self._answer_for(text)
        return self._answer[name]

    def _answer_for(self, text: str) -> None:
        indexes = self._indexes if self._indexes is not None else self._build()
        self._text = text
        if self._folded is None:  # pragma: no cover - google-re2 is a dependency
            lower = lowered(text)
            self._answer = {name: index.candidates(lower) for name, index in indexes.items()}
            return
        if text.isascii():
            matched = self._folded.Match(utf8(text)) or ()  # one encoding shared by the pass
        else:
            matched = self._exact.Match(lowered(text)) or ()
        answer = {name: set(index.always) for name, index in indexes.items()}
        for position in matched:
            name, key = self._owners[position]
            answer[name].add(key)
        self._answer = answer


def _anchor_set(patterns: list[str], fold: bool) -> Any:
    options = _re2.Options()
    options.log_errors = False
    options.max_mem = 256 << 20
    options.case_sensitive = not fold
    compiled = _re2.Set.SearchSet(options)
    for pattern in patterns:
        compiled.Add(pattern)
    compiled.Compile()
    return compiled


# The families of the code scanners register here (deps.closed, deps.signals, standards).
SHARED_ANCHORS = SharedAnchors()

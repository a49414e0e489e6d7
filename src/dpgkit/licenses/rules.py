"""License notices, references and tags from ScanCode's rules, found word for word in a text.

``tools/build_license_rules.py`` compiles ScanCode's license rules (CC-BY-4.0, nexB Inc. and
others; see NOTICE) into ``data/rules-index.json.gz``: each rule flagged notice, reference or
tag that names one license with an SPDX id, normalised like license texts (``normalize``).
A text holds a rule when the rule's words occur in it in a row; the longest rules win and do
not overlap. The index loads on first use only: a file with a full license text or a
statement ``statements.py`` reads never needs it.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dpgkit.licenses.normalize import Words, normalize

RULES_FILE = "rules-index.json.gz"
FORMAT = 1
MIN_WORDS = 3  # shorter rules are names, which names.py reads
MAX_WORDS = 80
_KEY = 3  # a rule is looked up by its first words


@dataclass(frozen=True)
class Rule:
    words: tuple[str, ...]
    spdx: str
    kind: str  # notice, reference or tag


@dataclass(frozen=True)
class RuleMatch:
    spdx: str
    kind: str
    start_line: int
    end_line: int
    length: int  # words


_FIRST = "dpgkitfirstline"  # a first line that is no title, so the text's own first line stays


def _text_words(text: str) -> Words:
    """A text's normalised words; its first line is kept even when it reads like a title
    ("Licensed under the MIT License" is a reference, not a heading to drop)."""
    words = normalize(f"{_FIRST}\n{text}")
    return Words(words.words[1:], [line - 1 for line in words.lines[1:]])


def rule_words(text: str) -> list[str]:
    return _text_words(text).words


@dataclass
class RulesIndex:
    by_key: dict[tuple[str, ...], list[Rule]]
    count: int
    source: dict[str, str]


@cache
def load_rules() -> RulesIndex:
    raw = json.loads(
        gzip.decompress((resources.files("dpgkit.licenses") / "data" / RULES_FILE).read_bytes())
    )
    if raw.get("format") != FORMAT:
        raise ValueError(f"license rules format {raw.get('format')!r}, expected {FORMAT}")
    by_key: dict[tuple[str, ...], list[Rule]] = {}
    for text, spdx, kind in raw["rules"]:
        words = tuple(text.split())
        by_key.setdefault(words[:_KEY], []).append(Rule(words, spdx, kind))
    for rules in by_key.values():
        rules.sort(key=lambda rule: -len(rule.words))
    return RulesIndex(by_key, len(raw["rules"]), raw.get("source", {}))


def find_rules(text: str) -> list[RuleMatch]:
    """The rules ``text`` holds word for word, longest first without overlaps, in text order."""
    words = _text_words(text)
    if len(words.words) < MIN_WORDS:
        return []
    index = load_rules()
    found: list[tuple[int, int, Rule]] = []
    sequence = words.words
    for start in range(len(sequence) - MIN_WORDS + 1):
        for rule in index.by_key.get(tuple(sequence[start : start + _KEY]), ()):
            end = start + len(rule.words)
            if tuple(sequence[start:end]) == rule.words:
                found.append((start, end, rule))
                break  # the longest rule starting here
    found.sort(key=lambda item: (-(item[1] - item[0]), item[0]))
    kept: list[tuple[int, int, Rule]] = []
    for start, end, rule in found:
        if all(end <= other_start or other_end <= start for other_start, other_end, _ in kept):
            kept.append((start, end, rule))
    kept.sort(key=lambda item: item[0])
    return [
        RuleMatch(rule.spdx, rule.kind, words.lines[start], words.lines[end - 1], end - start)
        for start, end, rule in kept
    ]

"""The Aurora Universities Network's SDG search queries, evaluated on a text.

Aurora publishes one boolean query per goal in Scopus syntax ("renewable energy" W/3
"share", OR, AND, AND NOT, wildcards). No Python library evaluates Scopus queries on a
plain text, so this module parses the subset Aurora uses (at build time, into a small
JSON tree) and evaluates it over word positions (at run time).

Tree nodes: ``["t", [pattern, ...]]`` a phrase (a pattern ending in ``*`` is a prefix),
``["or", a, b, ...]``, ``["and", a, b, ...]``, ``["not", a, b]`` (a AND NOT b) and
``["w", n, a, b]`` (a within n words of b).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from typing import Any

Node = list[Any]
_TOKEN = re.compile(r'"[^"]*"|\(|\)|W/\d+|PRE/\d+|AND\s+NOT|AND|OR|\S+')
_WORD = re.compile(r"\w+(?:['’]\w+)?")


class QuerySyntaxError(ValueError):
    pass


def _words(phrase: str) -> list[str]:
    return [part.lower() for part in re.findall(r"[\w*'’-]+", phrase)]


def parse_query(text: str) -> Node:
    """Parse one Aurora query line (Scopus syntax) into a tree; raises QuerySyntaxError."""
    tokens: list[str] = _TOKEN.findall(text)
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        if position >= len(tokens):
            raise QuerySyntaxError("unexpected end of query")
        position += 1
        return tokens[position - 1]

    def atom() -> Node:
        word = take()
        if word == "(":
            node = expression()
            if take() != ")":
                raise QuerySyntaxError("missing )")
            return node
        if word.startswith('"'):
            patterns = []
            for phrase_word in _words(word.strip('"')):
                # Scopus treats hyphens as spaces inside phrases.
                pieces = phrase_word.replace("-", " ").split()
                patterns += [piece for piece in pieces if piece.strip("*")]
            return ["t", patterns]
        raise QuerySyntaxError(f"unexpected {word!r}")

    def proximity() -> Node:
        node = atom()
        while (token := peek()) is not None and (token.startswith(("W/", "PRE/"))):
            take()
            node = ["w", int(token.split("/")[1]), node, atom()]
        return node

    def conjunction() -> Node:
        node = proximity()
        while (token := peek()) is not None and token.startswith("AND"):
            take()
            other = proximity()
            node = ["not", node, other] if "NOT" in token else ["and", node, other]
        return node

    def expression() -> Node:
        node = conjunction()
        while peek() == "OR":
            take()
            node = ["or", node, conjunction()]
        return node

    tree = expression()
    if position != len(tokens):
        raise QuerySyntaxError(f"unexpected {tokens[position]!r}")
    return tree


class WordIndex:
    """Positions of each word of a text, and prefix look-ups over them."""

    def __init__(self, text: str) -> None:
        self.positions: dict[str, list[int]] = defaultdict(list)
        for index, match in enumerate(_WORD.finditer(text.lower())):
            self.positions[match.group().replace("’", "'")].append(index)
        self._sorted = sorted(self.positions)
        self._prefix_cache: dict[str, list[int]] = {}

    def find(self, pattern: str) -> list[int]:
        if not pattern.endswith("*"):
            return self.positions.get(pattern, [])
        cached = self._prefix_cache.get(pattern)
        if cached is None:
            # The words starting with the stem sit together in sorted order.
            stem = pattern.rstrip("*")
            start = bisect_left(self._sorted, stem)
            hits: list[int] = []
            for word in self._sorted[start:]:
                if not word.startswith(stem):
                    break
                hits += self.positions[word]
            cached = self._prefix_cache[pattern] = sorted(hits)
        return cached


def evaluate(node: Node, index: WordIndex) -> set[int]:
    """Word positions where the query matches (empty set: no match)."""
    kind = node[0]
    if kind == "t":
        patterns: list[str] = node[1]
        if not patterns:
            return set()
        starts = set(index.find(patterns[0]))
        for offset, pattern in enumerate(patterns[1:], start=1):
            if not starts:
                break
            following = set(index.find(pattern))
            starts = {start for start in starts if start + offset in following}
        return starts
    if kind == "or":
        found: set[int] = set()
        for child in node[1:]:
            found |= evaluate(child, index)
        return found
    if kind == "and":
        parts = []
        for child in node[1:]:
            part = evaluate(child, index)
            if not part:
                return set()
            parts.append(part)
        return set().union(*parts)
    if kind == "not":
        left = evaluate(node[1], index)
        return left if left and not evaluate(node[2], index) else set()
    if kind == "w":
        distance = int(node[1])
        left = evaluate(node[2], index)
        right = evaluate(node[3], index) if left else set()
        if not right:
            return set()
        # Phrases span a few words; allow for it as Scopus counts from either end.
        slack = distance + 3
        near_left = {a for a in left if any(abs(a - b) <= slack for b in right)}
        near_right = {b for b in right if any(abs(a - b) <= slack for a in near_left)}
        return near_left | near_right
    raise QuerySyntaxError(f"unknown node {kind!r}")


def _first_patterns(node: Node, found: set[str]) -> None:
    """The first pattern of every phrase under node."""
    if node[0] == "t":
        if node[1]:
            found.add(node[1][0])
        return
    for child in node[1:]:
        if isinstance(child, list):
            _first_patterns(child, found)


class QuerySet:
    """Query lines, evaluated on a text only when they can match it.

    A phrase matches only where its first pattern finds a word, and a query (or, and,
    and not, within) matches only where one of its phrases does. So the queries worth
    evaluating on a text are those with a phrase whose first pattern is one of the text's
    words, or the stem of one (for a prefix pattern): a look-up of each word and of its
    prefixes in an inverted map. The other queries would evaluate to the empty set.
    (Hand-written: evaluating all 378 lines on each of the ~100 texts and passages of a
    large project cost about 0.2 s; most lines share no word with a given text.)
    """

    def __init__(self, queries: list[Node]) -> None:
        self.queries = queries
        exact: defaultdict[str, list[int]] = defaultdict(list)
        stems: defaultdict[str, list[int]] = defaultdict(list)
        for number, query in enumerate(queries):
            patterns: set[str] = set()
            _first_patterns(query, patterns)
            for pattern in patterns:
                if pattern.endswith("*"):
                    stems[pattern.rstrip("*")].append(number)
                else:
                    exact[pattern].append(number)
        self._exact = dict(exact)
        self._stems = dict(stems)
        self._stem_lengths = sorted({len(stem) for stem in stems})

    def candidates(self, index: WordIndex) -> list[int]:
        """Numbers of the queries that may match the indexed text, in order."""
        found: set[int] = set()
        exact, stems, lengths = self._exact, self._stems, self._stem_lengths
        for word in index.positions:
            numbers = exact.get(word)
            if numbers:
                found.update(numbers)
            for length in lengths:
                if length > len(word):
                    break
                numbers = stems.get(word[:length])
                if numbers:
                    found.update(numbers)
        return sorted(found)

    def matching(self, index: WordIndex) -> list[int]:
        """Numbers of the queries that match the indexed text, in order."""
        queries = self.queries
        return [number for number in self.candidates(index) if evaluate(queries[number], index)]


def matching_lines(queries: list[Node], text: str) -> list[int]:
    """Indexes of the query lines that match the text."""
    return QuerySet(queries).matching(WordIndex(text))

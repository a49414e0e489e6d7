"""Identify the license text(s) in a file: exact fast path, anchor pre-filter, Dice score.

1. The normalised text equal to a template is an exact match (score 1.0).
2. Otherwise the rare word triples ("anchors") the text shares with each template pick a
   few candidates, and each is scored by the Sørensen–Dice coefficient over word triples.
3. A file holding several licenses one after another is split: the candidate that explains
   most of the text is located (its densest run of shared triples), and what lies before and
   after it is identified in turn.

4. A text that is a license's text edited into another license is *modified*, not that
   license: its title names a license that is not the matched one (no distinctive word of
   the matched license's names) and its body uses the new name where the original does not ("Foundation Center Public
   License" over an edited MPL-2.0). Such a match keeps the original's id for reference
   and carries the title in ``modified``; callers do not report it as the original.

Near twins (MIT / MIT-0 / X11, BSD-2 / BSD-3 / BSD-4, GPL / LGPL / AGPL) differ by whole
clauses, which Dice over triples weighs; texts that are equal once normalised are reported
under one preferred id with their twins listed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from dpgkit.licenses.index import SHINGLE, LicenseIndex, Shingle, Template, load_index, shingles
from dpgkit.licenses.normalize import Words, normalize, title_line

MIN_WORDS = 8  # fewer normalised words than this is a name at most, never a license text
ACCEPT = 0.75  # lowest Dice score reported as a match
FAST_ACCEPT = 0.95  # a whole-file score this high needs no splitting
MIN_TEMPLATE_PRESENT = 0.5  # share of a template's triples a file must hold to be a candidate
MIN_ANCHOR_SHARE = 0.15
MAX_CANDIDATES = 24
MAX_PARTS = 12


@dataclass(frozen=True)
class LicenseMatch:
    spdx: str  # preferred SPDX id of the matched text
    name: str
    score: float  # Dice coefficient, 1.0 for an exact match
    start_line: int
    end_line: int
    method: str  # exact, dice or name
    twins: tuple[str, ...] = field(default=())  # other ids with the same normalised text
    modified: str = ""  # the title of a license edited from this one ("" when it is this one)

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {
            "spdx": self.spdx,
            "name": self.name,
            "score": self.score,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "method": self.method,
        }
        if self.modified:
            found["modified"] = self.modified
        return found


def _dice(shared: int, left: int, right: int) -> float:
    return 2.0 * shared / (left + right) if left + right else 0.0


def _candidates(index: LicenseIndex, distinct: set[Shingle]) -> list[Template]:
    hits: Counter[int] = Counter()
    for shingle in distinct:
        for template in index.anchors.get(shingle, ()):
            hits[template.number] += 1
    ranked = sorted(
        (count / max(1, len(index.templates[number].anchors)), number)
        for number, count in hits.items()
    )
    ranked.reverse()
    return [
        index.templates[number]
        for share, number in ranked[:MAX_CANDIDATES]
        if share >= MIN_ANCHOR_SHARE
    ]


def _densest_run(sequence: list[Shingle], template: Template) -> tuple[int, int] | None:
    """[first, last] positions of the longest stretch of the input that follows the template.

    A stretch ends at a long gap without shared triples, or where the input jumps back in
    the template's own order: a second, related license (GPL after LGPL) starts there.
    """
    order = template.positions
    length = len(order)
    gap = max(30, length // 10)
    jump_back = max(40, length // 8)
    best = (0, 0, 0)  # hits, first, last
    count = start = previous = 0
    furthest = -1
    backwards = 0  # consecutive hits far behind the furthest point: one stray triple is noise
    for position, shingle in enumerate(sequence):
        where = order.get(shingle)
        if where is None:
            continue
        # Triples repeated in the template say nothing about order (where == -1).
        behind = 0 <= where < furthest - jump_back
        backwards = backwards + 1 if behind else 0
        if count and (position - previous > gap or backwards >= 3):
            if count > best[0]:
                best = (count, start, previous)
            count, furthest, backwards = 0, -1, 0
        if not count:
            start = position
        count += 1
        previous = position
        if where >= 0 and not behind and (furthest < 0 or where <= furthest + 2 * jump_back):
            furthest = max(furthest, where)
    if count > best[0]:
        best = (count, start, previous)
    return (best[1], best[2]) if best[0] else None


@dataclass
class _Part:
    template: Template
    score: float
    start: int  # word positions, end exclusive
    end: int


def _match_range(
    index: LicenseIndex, words: list[str], lo: int, hi: int, parts: list[_Part]
) -> None:
    if hi - lo < MIN_WORDS or len(parts) >= MAX_PARTS:
        return
    sequence = shingles(words[lo:hi])
    distinct = set(sequence)
    scored: list[tuple[float, int, Template]] = []
    for template in _candidates(index, distinct):
        shared = len(distinct & template.shingles)
        if shared < MIN_TEMPLATE_PRESENT * len(template.shingles):
            continue
        scored.append((_dice(shared, len(distinct), len(template.shingles)), shared, template))
    if not scored:
        return
    scored.sort(key=lambda item: (item[0], item[1], -item[2].number), reverse=True)
    best_dice, _shared, best = scored[0]
    unexplained = len(distinct) - _shared
    if best_dice >= FAST_ACCEPT and unexplained <= max(MIN_WORDS, 0.02 * len(distinct)):
        run = _densest_run(sequence, best)
        first, last = run if run else (0, len(sequence) - 1)
        parts.append(_Part(best, best_dice, lo + first, lo + last + SHINGLE))
        return
    # Split: score each candidate on its own densest run, keep the one explaining most.
    chosen: tuple[float, float, int, int, Template] | None = None
    for _dice_whole, _shared_whole, template in scored[:8]:
        run = _densest_run(sequence, template)
        if run is None:
            continue
        first, last = run
        span = set(sequence[first : last + 1])
        shared = len(span & template.shingles)
        dice = _dice(shared, len(span), len(template.shingles))
        weight = shared * dice * dice
        if dice >= ACCEPT and (chosen is None or weight > chosen[0]):
            chosen = (weight, dice, first, last, template)
    if chosen is None:
        return
    _weight, dice, first, last, template = chosen
    start, end = lo + first, lo + last + SHINGLE
    parts.append(_Part(template, dice, start, end))
    _match_range(index, words, lo, start, parts)
    _match_range(index, words, end, hi, parts)


def _to_match(index: LicenseIndex, words: Words, part: _Part, method: str) -> LicenseMatch:
    return LicenseMatch(
        spdx=part.template.spdx,
        name=index.name(part.template.spdx),
        score=round(part.score, 4),
        start_line=words.lines[part.start] if words.lines else 1,
        end_line=words.lines[part.end - 1] if words.lines else 1,
        method=method,
        twins=part.template.ids[1:],
    )


def identify_words(words: Words, index: LicenseIndex | None = None) -> list[LicenseMatch]:
    index = index or load_index()
    if len(words) < SHINGLE:
        return []
    exact = index.exact.get(" ".join(words.words))
    if exact is not None:
        return [_to_match(index, words, _Part(exact, 1.0, 0, len(words)), "exact")]
    if len(words) < MIN_WORDS:
        return []
    parts: list[_Part] = []
    _match_range(index, words.words, 0, len(words), parts)
    parts.sort(key=lambda part: part.start)
    return [_to_match(index, words, part, "dice") for part in parts]


# Words of license names that say nothing about which license it is.
_GENERIC_NAME_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "for",
        "to",
        "with",
        "by",
        "on",
        "in",
        "version",
        "v",
        "only",
        "later",
        "public",
        "general",
        "license",
        "licence",
        "licenses",
        "agreement",
        "terms",
        "conditions",
        "software",
        "source",
        "open",
        "free",
        "documentation",
        "international",
        "generic",
        "unported",
        "exception",
        "clause",
        "new",
        "revised",
        "simplified",
        "no",
    ]
)


def _name_words(name: str) -> set[str]:
    return {
        word
        for word in re.findall(r"[a-z][a-z0-9]*", name.lower())
        if word not in _GENERIC_NAME_WORDS and len(word) > 1
    }


def modified_title(text: str, words: Words, match: LicenseMatch, index: LicenseIndex) -> str | None:
    """The title of ``text`` when it names another license than ``match`` and the matched
    body uses that name: the license was edited into a new one. None otherwise."""
    if match.method == "exact":
        return None
    title = title_line(text)
    if title is None or title[0] > match.start_line:
        return None
    title_words = _name_words(title[1])
    if not title_words:
        return None
    known: set[str] = set()
    for spdx in (match.spdx, *match.twins):
        known |= _name_words(index.name(spdx)) | _name_words(spdx.replace("-", " "))
    if title_words & known:
        return None
    body = {
        word
        for word, line in zip(words.words, words.lines, strict=True)
        if match.start_line <= line <= match.end_line
    }
    # Words the original's own text holds are no sign of an edit (Pixar's text says "Modified").
    for template in index.templates:
        if match.spdx in template.ids:
            body -= set(template.words)
    return title[1] if title_words & body else None


def identify_text(text: str, index: LicenseIndex | None = None) -> list[LicenseMatch]:
    """Every license text found in ``text``, in order of appearance; a text edited into
    another license carries that license's title in ``modified``."""
    index = index or load_index()
    words = normalize(text)
    matches = identify_words(words, index)
    found = []
    for match in matches:
        title = modified_title(text, words, match, index)
        found.append(replace(match, modified=title) if title else match)
    return found

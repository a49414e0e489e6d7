"""The records an entity belongs to, read from its model's declaration: a Django
``submission = models.ForeignKey(Submission, ...)``, a Rails ``belongs_to :case``, a
Laravel ``belongsTo(Ticket::class)``, a JPA ``@ManyToOne ... private Patient patient;``.

The personal-data readers leave relations out (they hold no personal data themselves), but
who reads a message or a comment often shows only there: a message that belongs to a case
is written to the case worker, a comment that belongs to a post is read by the public.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dpgkit.inventory import Inventory
from dpgkit.pii.classify import normalise
from dpgkit.pii.fields import DataField

# The relation declarations, as one alternation in this order (leftmost match first, and
# at one position the earlier branch). Python's re tries every branch at every character
# of a text, so the branches are searched apart and merged (``_relation_matches``): those
# at a line's start from the line breaks (a literal the engine jumps to), the others from
# their first words.
_LINE_START = re.compile(
    # Django and SQLAlchemy: name = models.ForeignKey(...), name = relationship("Target")
    r"\n\s*(\w+)\s*(?::[^=\n]+)?=\s*(?:models\.|db\.)?(?:ForeignKey|OneToOneField|ParentalKey|"
    r"relationship|ReferenceField)\s*\("
    # Rails: belongs_to :name
    r"|\n\s*belongs_to\s+:(\w+)"
)
_ANYWHERE = re.compile(
    # Laravel: function name() { return $this->belongsTo(...)
    r"function\s+(\w+)\s*\(\s*\)[^{\n]*\{\s*return\s+\$this->(?:belongsTo|morphTo)\b"
    # JPA/Hibernate: a field after @ManyToOne or @OneToOne
    r"|@(?:ManyToOne|OneToOne)\b[^;]{0,300}?\s(\w+)\s*;"
    # Sequelize: belongsTo(models.Target)
    r"|belongsTo\(\s*(?:models\.)?(\w+)"
    # Django migrations: ("name", models.ForeignKey(...))
    r"|\(\s*[\"'](\w+)[\"']\s*,\s*(?:django\.db\.)?(?:models\.)?(?:ForeignKey|OneToOneField)\("
)
# Every match holds one of these words (the expressions are case-sensitive): a text with
# none of them is not searched.
_RELATION_WORDS = (
    "ForeignKey",
    "OneToOne",
    "ParentalKey",
    "relationship",
    "ReferenceField",
    "belongs_to",
    "belongsTo",
    "morphTo",
    "ManyToOne",
)


def _relation_matches(text: str) -> Iterator[str]:
    """The related name of each match, as ``finditer`` of the whole alternation (with
    "^" at line starts) gives them: the leftmost match, a line-start branch first at a tie,
    the next search from where it ended. A line-start match is found from the line break
    before it, in the text with one put in front, so its start there is its start in text.
    """
    padded = "\n" + text
    position = 0
    line = _LINE_START.search(padded, position)
    anywhere = _ANYWHERE.search(text, position)
    while line is not None or anywhere is not None:
        if line is not None and (anywhere is None or line.start() <= anywhere.start()):
            match, end = line, line.end() - 1
        else:
            assert anywhere is not None
            match, end = anywhere, anywhere.end()
        name = next((group for group in match.groups() if group), None)
        if name:
            yield name
        position = end
        if line is not None and line.start() < position:
            line = _LINE_START.search(padded, position)
        if anywhere is not None and anywhere.start() < position:
            anywhere = _ANYWHERE.search(text, position)


@lru_cache(maxsize=32)
def _relation_names(text: str) -> tuple[str, ...]:
    """The related names found in text, normalised, in order (kept for the next entity:
    the entities of one models module ask about the same file, and their windows
    overlap)."""
    if not any(word in text for word in _RELATION_WORDS):
        return ()
    return tuple(normalise(name) for name in _relation_matches(text))


@lru_cache(maxsize=8)
def _lines(text: str) -> tuple[str, ...]:
    """text.splitlines(), kept for the next entity: a models module declares many."""
    return tuple(text.splitlines())


_CLASS_START = re.compile(r"^\s*(?:class|model|@Entity|create_table|Schema::create)\b", re.M)
_WINDOW_LINES = 120


def _window(lines: tuple[str, ...], line: int) -> str:
    """From the declaration just above a field to the next declaration below it."""
    first = line - 1
    start = first
    while start > 0 and first - start < 40 and not _CLASS_START.match(lines[start]):
        start -= 1
    end = min(len(lines), first + _WINDOW_LINES)
    for index in range(first + 1, end):
        if _CLASS_START.match(lines[index]):
            end = index
            break
    return "\n".join(lines[start:end])


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _model_files(inventory: Inventory, entity: str) -> list[str]:
    """The model class file of a table (Rails app/models/comment.rb for "comments")."""
    stem = _singular(normalise(entity))
    return [
        entry.path
        for entry in inventory.named(stem, stem.replace("_", ""))
        if "model" in entry.parent.lower() or "entit" in entry.parent.lower()
    ][:2]


def relations(inventory: Inventory, fields: list[DataField]) -> list[str]:
    """Normalised names of the records an entity belongs to (``case``, ``submission``),
    from each file that declares it (a model, its migration, a table's model class)."""
    found: list[str] = []
    for path in _model_files(inventory, fields[0].entity) if fields else []:
        text = inventory.text(path)
        found += _relation_names((text or "")[:50_000])
    places = {field.path: field.line for field in reversed(fields) if field.line is not None}
    for path, line in list(places.items())[:3]:
        entry = inventory.get(path)
        text = inventory.text(entry) if entry is not None else None
        if not text or line is None:
            continue
        lines = _lines(text)
        if line > len(lines):
            continue
        found += _relation_names(_window(lines, line))
    return list(dict.fromkeys(found))

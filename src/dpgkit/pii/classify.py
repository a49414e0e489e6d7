"""Which fields hold personal data, and of which category: a classifier over field names,
declared types and the entity a field belongs to. The words live in categories.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from dpgkit.parsing import load_data_yaml
from dpgkit.pii.fields import DataField

_FORM_SOURCES = frozenset({"HTML form", "ODK XForm", "XLSForm"})


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str
    registry: str
    special: bool
    names: re.Pattern[str] | None
    person: re.Pattern[str] | None
    types: re.Pattern[str] | None
    types_person: re.Pattern[str] | None
    excluded: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Classified:
    field: DataField
    category: Category


_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_ACRONYM = re.compile(r"([A-Z]+)([A-Z][a-z])")
_SEPARATORS = re.compile(r"[\W_]+")


# Memoised: a project's models, migrations, forms and schemas repeat the same few thousand
# names (a large Django project asks for ~12,000 normalisations of ~3,000 names).
@lru_cache(maxsize=16_384)
def normalise(name: str) -> str:
    """dateOfBirth, DATE-OF-BIRTH, date of birth -> date_of_birth (any script)."""
    name = _CAMEL.sub(r"\1_\2", name)
    name = _ACRONYM.sub(r"\1_\2", name)
    return _SEPARATORS.sub("_", name.lower()).strip("_")


def _words(pattern: str | None) -> re.Pattern[str] | None:
    if not pattern:
        return None
    compact = re.sub(r"\s+", "", pattern)
    return re.compile(rf"(?:^|_)(?:{compact})(?:_|$)")


def _whole(pattern: str | None) -> re.Pattern[str] | None:
    if not pattern:
        return None
    compact = re.sub(r"\s+", "", pattern)
    return re.compile(rf"^(?:{compact})$", re.IGNORECASE)


@cache
def _data() -> tuple[re.Pattern[str], tuple[Category, ...]]:
    raw = load_data_yaml(
        (resources.files("dpgkit.pii") / "categories.yaml").read_text(encoding="utf-8")
    )
    person = _words(raw["person_entities"])
    assert person is not None
    categories = tuple(
        Category(
            id=key,
            label=body["label"],
            registry=body["registry"],
            special=bool(body.get("special", False)),
            names=_words(body.get("names")),
            person=_words(body.get("person")),
            types=_whole(body.get("types")),
            types_person=_whole(body.get("types_person")),
            excluded=_words(body.get("not")),
        )
        for key, body in raw["categories"].items()
    )
    return person, categories


def categories() -> tuple[Category, ...]:
    return _data()[1]


def is_person_entity(field: DataField) -> bool:
    if field.source in _FORM_SOURCES:
        return True
    return _data()[0].search(normalise(field.entity)) is not None


def classify(field: DataField) -> Category | None:
    """The personal-data category of a field, or None when it holds none we know."""
    name = normalise(field.name)
    declared = (field.type or "").split("(")[0].strip()
    return _classify(name, declared, is_person_entity(field))


# Memoised on what decides it: migrations and forms repeat the same fields many times.
@lru_cache(maxsize=16_384)
def _classify(name: str, declared: str, person: bool) -> Category | None:
    for category in categories():
        if category.excluded is not None and category.excluded.search(name):
            continue
        if category.names is not None and category.names.search(name):
            return category
        if person and category.person is not None and category.person.search(name):
            return category
        if declared and category.types is not None and category.types.match(declared):
            return category
        if (
            person
            and declared
            and category.types_person is not None
            and category.types_person.match(declared)
        ):
            return category
    return None


def classify_all(fields: list[DataField]) -> list[Classified]:
    found = []
    for field in fields:
        category = classify(field)
        if category is not None:
            found.append(Classified(field, category))
    return found

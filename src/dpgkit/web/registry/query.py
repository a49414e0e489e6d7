"""Search, filters and sorting of goods: one implementation behind the list page and the API.

Full-text search uses PostgreSQL's tsvector (a generated, GIN-indexed column weighting name over
aliases over description over the translated names of the record's SDGs, sectors and types;
migrations 0002 and 0003) with prefix matching of every word, and Russian stems for the
translated names. On SQLite the fallback requires every word to occur in the case-folded name +
aliases + description or in the translated names, and ranks exact and leading name matches
first, which is sound for registries of this size.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL

from dpgkit.web.registry.models import Facet, FacetKind, Good, Screening, Stage
from dpgkit.web.registry.vocabulary import country_code

MAX_QUERY_WORDS = 12
MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+", re.UNICODE)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NAME = "name"
    NAME_DESC = "-name"
    UPDATED = "-updated"


@dataclass
class GoodsQuery:
    q: str = ""
    sdg: str = ""
    type: str = ""
    license: str = ""
    stage: str = ""
    sector: str = ""
    country: str = ""
    sort: Sort = Sort.RELEVANCE
    facet_filters: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.q = " ".join(self.q.split())[:MAX_QUERY_LENGTH]
        self.facet_filters = {
            FacetKind.SDG: self.sdg,
            FacetKind.TYPE: self.type,
            FacetKind.LICENSE: self.license,
            FacetKind.SECTOR: self.sector,
            FacetKind.COUNTRY: self.country,
        }

    @classmethod
    def from_params(cls, params: Any) -> GoodsQuery:
        """From a QueryDict or dict of strings; unknown sort values fall back to the default."""

        def get(name: str) -> str:
            value = params.get(name) or ""
            # PostgreSQL text cannot hold NUL; no record value contains one either.
            return str(value).replace("\x00", "").strip()[:MAX_QUERY_LENGTH]

        try:
            sort = Sort(get("sort") or Sort.RELEVANCE)
        except ValueError:
            sort = Sort.RELEVANCE
        return cls(
            q=get("q"),
            sdg=get("sdg"),
            type=get("type"),
            license=get("license"),
            stage=get("stage"),
            sector=get("sector"),
            country=get("country"),
            sort=sort,
        )

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.q.casefold())[:MAX_QUERY_WORDS]

    def active_filters(self) -> dict[str, str]:
        active = {kind: value for kind, value in self.facet_filters.items() if value}
        if self.stage:
            active["stage"] = self.stage
        return active


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def search_goods(query: GoodsQuery) -> QuerySet[Good]:
    goods = Good.objects.all()
    if query.stage:
        goods = goods.filter(stage=query.stage)
    for kind, value in query.facet_filters.items():
        if value:
            # A country is every spelling the records use for it ("VietNam", "Vietnam").
            values = country_spellings(value) if kind == FacetKind.COUNTRY else [value]
            goods = goods.filter(
                pk__in=Facet.objects.filter(kind=kind, value__in=values).values("good_id")
            )
    words = query.words
    if words:
        goods = (
            _postgres_search(goods, words)
            if uses_postgres_search()
            else _fallback_search(goods, words)
        )
    return _sorted(goods, query.sort, searching=bool(words))


def _postgres_search(goods: QuerySet[Good], words: list[str]) -> QuerySet[Good]:
    # Each word matches as a prefix of any word ('simple') or by its Russian stem (the
    # translated SDG, sector and type names; migration 0003); every word must match. Words
    # are \w+ only, so ':*' is the only tsquery syntax added; words go in as parameters.
    per_word = "(to_tsquery('simple', %s) || plainto_tsquery('russian', %s))"
    tsquery = " && ".join([per_word] * len(words))
    params: list[str] = []
    for word in words:
        params.extend([f"{word}:*", word])
    # The SQL text is one constant fragment repeated; every value is a parameter.
    matches = RawSQL(  # noqa: S611
        f"registry_good.search_tsv @@ ({tsquery})", tuple(params), output_field=BooleanField()
    )
    return goods.filter(matches).annotate(
        rank=RawSQL(  # noqa: S611
            f"ts_rank(registry_good.search_tsv, {tsquery})",
            tuple(params),
            output_field=FloatField(),
        )
    )


def _fallback_search(goods: QuerySet[Good], words: list[str]) -> QuerySet[Good]:
    # Both columns are case-folded by Python when stored, and so are the words: SQLite's own
    # LIKE folds ASCII letters only, so Cyrillic matches in any case this way too. A Russian
    # word matches by its stem, as PostgreSQL's 'russian' configuration does («здоровья»
    # finds «здоровье»).
    for word in words:
        part = russian_stem(word)
        goods = goods.filter(Q(search_document__contains=part) | Q(search_terms__contains=part))
    phrase = " ".join(words)
    return goods.annotate(
        rank=Case(
            When(sort_name=phrase, then=Value(4)),
            When(sort_name__startswith=phrase, then=Value(3)),
            When(sort_name__contains=words[0], then=Value(2)),
            When(aliases_text__icontains=words[0], then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def russian_stem(word: str) -> str:
    """The Snowball Russian stem of a Cyrillic word when it is a prefix of the word and keeps
    three letters or more (so matching it finds every form); the word itself otherwise."""
    if not CYRILLIC.search(word):
        return word
    stem: str = _russian_stemmer().stemWord(word)
    return stem if len(stem) >= 3 and word.startswith(stem) else word


@lru_cache(maxsize=1)
def _russian_stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("russian")


def _sorted(goods: QuerySet[Good], sort: Sort, searching: bool) -> QuerySet[Good]:
    if sort is Sort.RELEVANCE and searching:
        return goods.order_by(F("rank").desc(), "sort_name", "slug")
    if sort is Sort.NAME_DESC:
        return goods.order_by("-sort_name", "-slug")
    if sort is Sort.UPDATED:
        return goods.order_by("-updated_at", "sort_name", "slug")
    return goods.order_by("sort_name", "slug")


def registry_version() -> str:
    """Changes whenever a record is added, changed or removed (cache key of derived data)."""
    goods = Good.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
    screenings = Screening.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
    return f"{goods['n']}:{goods['latest']}:{screenings['n']}:{screenings['latest']}"


def _version_key(name: str) -> str:
    return f"registry:{name}:" + hashlib.sha256(registry_version().encode()).hexdigest()


def facet_options() -> dict[str, list[tuple[str, int]]]:
    """Every facet value with the number of goods that have it, per kind (cached per version:
    the filter lists change only when records do, and grouping every facet row per request
    is the dearest part of the list page). A country written several ways is listed once,
    under its most used spelling, with the goods of every spelling."""
    key = _version_key("facets")
    cached: dict[str, list[tuple[str, int]]] | None = cache.get(key)
    if cached is None:
        cached = _facet_options()
        cached[FacetKind.COUNTRY.value] = _merged_countries(cached[FacetKind.COUNTRY.value])
        cache.set(key, cached, timeout=3600)
    return cached


def _country_groups() -> dict[str, list[str]]:
    """Each stored country value -> every stored value naming the same country (ISO code)."""
    key = _version_key("countries")
    cached: dict[str, list[str]] | None = cache.get(key)
    if cached is None:
        values = Facet.objects.filter(kind=FacetKind.COUNTRY).values_list("value", flat=True)
        by_code: dict[str, list[str]] = {}
        for value in sorted(set(values)):
            by_code.setdefault(country_code(value) or f"?{value}", []).append(value)
        cached = {value: group for group in by_code.values() for value in group}
        cache.set(key, cached, timeout=3600)
    return cached


def country_spellings(value: str) -> list[str]:
    """The stored values that name the same country as ``value`` (itself when none does)."""
    groups = _country_groups()
    if value in groups:
        return groups[value]
    code = country_code(value)
    same = sorted({v for v, group in groups.items() if code and country_code(v) == code})
    return same or [value]


def _merged_countries(values: list[tuple[str, int]]) -> list[tuple[str, int]]:
    groups = _country_groups()
    counts = dict(values)
    merged: list[tuple[str, int]] = []
    seen: set[str] = set()
    for value, count in values:
        group = groups.get(value, [value])
        if value in seen:
            continue
        seen.update(group)
        if len(group) == 1:
            merged.append((value, count))
            continue
        shown = min(group, key=lambda spelling: (-counts.get(spelling, 0), spelling))
        goods = Facet.objects.filter(kind=FacetKind.COUNTRY, value__in=group)
        merged.append((shown, goods.values("good_id").distinct().count()))
    merged.sort(key=lambda item: item[0].casefold())
    return merged


def _facet_options() -> dict[str, list[tuple[str, int]]]:
    options: dict[str, list[tuple[str, int]]] = {kind.value: [] for kind in FacetKind}
    rows = Facet.objects.values("kind", "value").annotate(goods=Count("good_id")).order_by()
    for row in rows:
        options[row["kind"]].append((row["value"], row["goods"]))
    for kind, values in options.items():
        if kind == FacetKind.SDG:
            values.sort(key=lambda item: int(item[0]) if item[0].isdigit() else 99)
        else:
            values.sort(key=lambda item: item[0].casefold())
    return options


def stage_options() -> list[tuple[str, int]]:
    counts = dict(Good.objects.values_list("stage").annotate(n=Count("pk")).order_by())
    return [(stage.value, counts[stage.value]) for stage in Stage if counts.get(stage.value)]

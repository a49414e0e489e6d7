"""Write records into the database: validated, idempotent, reported one by one.

``import_items`` is the one door records come in by (the CLI import, the bundled snapshot on
first start, and later the review app publishing a decision): each entry is checked against
the registry's JSON Schema, compared by content hash, and added, changed or left unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils import timezone

from dpgkit.registry import RecordKind, record_errors
from dpgkit.web.registry.models import Facet, FacetKind, Good, Screening
from dpgkit.web.registry.sources import (
    SLUG,
    Entry,
    EntryKind,
    Item,
    Rejection,
    canonical_json,
    record_text,
)
from dpgkit.web.registry.vocabulary import search_terms


class Status(StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Outcome:
    kind: str
    id: str
    status: Status
    origin: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def counts(self) -> Counter[Status]:
        return Counter(outcome.status for outcome in self.outcomes)

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status is Status.REJECTED]


def sha256(record: Any) -> str:
    return hashlib.sha256(canonical_json(record).encode("utf-8")).hexdigest()


def entry_problems(entry: Entry) -> list[str]:
    if not SLUG.match(entry.id):
        return [f"id {entry.id[:80]!r} is not a registry slug ([a-z0-9.-])"]
    kind = RecordKind.NOMINEE if entry.kind is EntryKind.NOMINEE else RecordKind.SCREENING
    return record_errors(kind, entry.record)


def import_items(items: Iterable[Item]) -> ImportReport:
    """Import every entry in one transaction; rejections are reported, never raised.

    Content hashes of what is stored are read once up front, so unchanged records cost no
    query; links between screenings and goods and the facet rows are rebuilt in bulk at the
    end, for the records that changed.
    """
    report = ImportReport()
    seen: set[tuple[str, str]] = set()
    with transaction.atomic():
        goods = {
            slug: (pk, digest)
            for slug, pk, digest in Good.objects.values_list("slug", "pk", "record_sha256")
        }
        screenings = {
            slug: (pk, digest)
            for slug, pk, digest in Screening.objects.values_list("slug", "pk", "record_sha256")
        }
        touched: set[str] = set()
        for item in items:
            if isinstance(item, Rejection):
                report.outcomes.append(
                    Outcome(item.kind, item.id, Status.REJECTED, item.origin, item.reasons)
                )
                continue
            key = (item.kind.value, item.id)
            problems = ["duplicate id in this import"] if key in seen else entry_problems(item)
            if problems:
                report.outcomes.append(
                    Outcome(item.kind, item.id, Status.REJECTED, item.origin, problems)
                )
                continue
            seen.add(key)
            if item.kind is EntryKind.NOMINEE:
                status = _save_nominee(item.id, item.record, goods.get(item.id))
            else:
                status = _save_screening(item.id, item.record, screenings.get(item.id))
            if status is not Status.UNCHANGED:
                touched.add(item.id)
            report.outcomes.append(Outcome(item.kind, item.id, status, item.origin))
        if touched:
            _link_and_index(sorted(touched))
    return report


def _save_nominee(slug: str, record: dict[str, Any], stored: tuple[int, str] | None) -> Status:
    digest = sha256(record)
    if stored is not None and stored[1] == digest:
        return Status.UNCHANGED
    name = str(record.get("name", ""))
    aliases = [str(alias) for alias in record.get("aliases", []) if str(alias).strip()]
    description = str(record.get("description", ""))
    Good(
        pk=stored[0] if stored else None,
        slug=slug,
        name=name,
        sort_name=name.casefold().strip(),
        description=description,
        website=str(record.get("website", "")),
        stage=str(record.get("stage", "")),
        aliases_text=" ".join(aliases),
        search_document=" ".join([name, *aliases, description]).casefold(),
        search_terms=search_terms(record),
        record_json=record_text(record),
        record_sha256=digest,
    ).save(force_insert=stored is None)
    return Status.ADDED if stored is None else Status.CHANGED


def _save_screening(slug: str, record: dict[str, Any], stored: tuple[int, str] | None) -> Status:
    digest = sha256(record)
    if stored is not None and stored[1] == digest:
        return Status.UNCHANGED
    if stored is None:
        Screening.objects.create(slug=slug, record_json=record_text(record), record_sha256=digest)
        return Status.ADDED
    Screening.objects.filter(pk=stored[0]).update(
        record_json=record_text(record), record_sha256=digest, updated_at=timezone.now()
    )
    return Status.CHANGED


def _chunks(values: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _link_and_index(slugs: list[str]) -> None:
    """Link screenings to the goods of the same slug and rebuild those goods' facet rows."""
    for chunk in _chunks(slugs):
        goods = list(Good.objects.filter(slug__in=chunk).only("pk", "slug", "record_json"))
        good_ids = {good.slug: good.pk for good in goods}
        linked = list(Screening.objects.filter(slug__in=chunk).only("pk", "slug", "record_json"))
        for screening in linked:
            screening.good_id = good_ids.get(screening.slug)
        Screening.objects.bulk_update(linked, ["good"])
        # Goods whose screening was not part of this import keep theirs for the country facets.
        screening_text = {s.slug: s.record_json for s in linked}
        missing = [good.slug for good in goods if good.slug not in screening_text]
        screening_text.update(
            Screening.objects.filter(slug__in=missing).values_list("slug", "record_json")
        )
        Facet.objects.filter(good_id__in=good_ids.values()).delete()
        rows = []
        for good in goods:
            text = screening_text.get(good.slug)
            screening_record = json.loads(text) if text else None
            for kind, value in sorted(facet_values(good.record, screening_record)):
                rows.append(Facet(good_id=good.pk, kind=kind, value=value))
        Facet.objects.bulk_create(rows, batch_size=1000)


def upsert_nominee(slug: str, record: dict[str, Any]) -> Status:
    """Add or update one nominee record (validated); for callers publishing a single record."""
    return _single(Entry(EntryKind.NOMINEE, slug, record, "upsert"))


def upsert_screening(slug: str, record: dict[str, Any]) -> Status:
    return _single(Entry(EntryKind.SCREENING, slug, record, "upsert"))


def _single(entry: Entry) -> Status:
    outcome = import_items([entry]).outcomes[0]
    if outcome.status is Status.REJECTED:
        raise ValueError("; ".join(outcome.reasons))
    return outcome.status


def facet_values(nominee: dict[str, Any], screening: dict[str, Any] | None) -> set[tuple[str, str]]:
    values: set[tuple[str, str]] = set()
    for sdg in nominee.get("SDGs", []):
        if isinstance(sdg, dict) and "SDGNumber" in sdg:
            values.add((FacetKind.SDG, str(int(sdg["SDGNumber"]))))
    values.update((FacetKind.TYPE, str(kind)) for kind in nominee.get("type", []))
    for license_ in nominee.get("license", []):
        if isinstance(license_, dict) and license_.get("spdx"):
            values.add((FacetKind.LICENSE, str(license_["spdx"])))
    values.update((FacetKind.SECTOR, str(sector)) for sector in nominee.get("sectors", []))
    locations = (screening or {}).get("locations") or {}
    for country in locations.get("deploymentCountries") or []:
        if isinstance(country, str) and country.strip():
            values.add((FacetKind.COUNTRY, country.strip()[:300]))
    return values


def refresh_search_terms() -> int:
    """Recompute every good's translated search terms (after the translations changed);
    only rows whose terms differ are written. Returns how many were."""
    changed = []
    for good in Good.objects.only("pk", "record_json", "search_terms").iterator():
        terms = search_terms(good.record)
        if terms != good.search_terms:
            good.search_terms = terms
            changed.append(good)
    Good.objects.bulk_update(changed, ["search_terms"], batch_size=500)
    return len(changed)

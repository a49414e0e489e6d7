"""Write records into the database: validated, idempotent, reported one by one.

``import_items`` is the one door records come in by (the CLI import, the bundled snapshot on
first start, and later the review app publishing a decision): each entry is checked against
the registry's JSON Schema, compared by content hash, and added, changed or left unchanged.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import transaction

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
    """Import every entry in one transaction; rejections are reported, never raised."""
    report = ImportReport()
    seen: set[tuple[str, str]] = set()
    with transaction.atomic():
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
                status = upsert_nominee(item.id, item.record)
            else:
                status = upsert_screening(item.id, item.record)
            report.outcomes.append(Outcome(item.kind, item.id, status, item.origin))
    return report


def upsert_nominee(slug: str, record: dict[str, Any]) -> Status:
    digest = sha256(record)
    good = Good.objects.filter(slug=slug).first()
    if good is not None and good.record_sha256 == digest:
        return Status.UNCHANGED
    status = Status.ADDED if good is None else Status.CHANGED
    good = good or Good(slug=slug)
    name = str(record.get("name", ""))
    aliases = [str(alias) for alias in record.get("aliases", []) if str(alias).strip()]
    description = str(record.get("description", ""))
    good.name = name
    good.sort_name = name.casefold().strip()
    good.description = description
    good.website = str(record.get("website", ""))
    good.stage = str(record.get("stage", ""))
    good.aliases_text = " ".join(aliases)
    good.search_document = " ".join([name, *aliases, description]).casefold()
    good.record_json = record_text(record)
    good.record_sha256 = digest
    good.save()
    Screening.objects.filter(slug=slug, good__isnull=True).update(good=good)
    refresh_facets(good)
    return status


def upsert_screening(slug: str, record: dict[str, Any]) -> Status:
    digest = sha256(record)
    screening = Screening.objects.filter(slug=slug).first()
    if screening is not None and screening.record_sha256 == digest:
        return Status.UNCHANGED
    status = Status.ADDED if screening is None else Status.CHANGED
    screening = screening or Screening(slug=slug)
    screening.record_json = record_text(record)
    screening.record_sha256 = digest
    screening.good = Good.objects.filter(slug=slug).first()
    screening.save()
    if screening.good is not None:
        refresh_facets(screening.good)
    return status


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


def refresh_facets(good: Good) -> None:
    screening = Screening.objects.filter(good=good).first()
    wanted = facet_values(good.record, screening.record if screening else None)
    have = {(facet.kind, facet.value): facet.pk for facet in good.facets.all()}
    stale = [pk for key, pk in have.items() if key not in wanted]
    if stale:
        Facet.objects.filter(pk__in=stale).delete()
    Facet.objects.bulk_create(
        Facet(good=good, kind=kind, value=value) for kind, value in wanted - set(have)
    )

"""Bulk export of every record as JSON, NDJSON or CSV (the site's download links and the CLI).

Every format carries ``kind``, ``id`` and the full ``record``, so any export can be imported
again (``dpg registry import FILE``); CSV adds flat columns (name, stage, licenses, SDGs...)
for spreadsheets, with lists joined by "; ".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from dpgkit.web.registry.models import Good, Screening


class ExportFormat(StrEnum):
    JSON = "json"
    NDJSON = "ndjson"
    CSV = "csv"


CONTENT_TYPES = {
    ExportFormat.JSON: "application/json",
    ExportFormat.NDJSON: "application/x-ndjson",
    ExportFormat.CSV: "text/csv; charset=utf-8",
}
CSV_COLUMNS = [
    "kind",
    "id",
    "name",
    "stage",
    "type",
    "licenses",
    "sdgs",
    "sectors",
    "deployment_countries",
    "website",
    "description",
    "record",
]


def export_rows() -> Iterator[tuple[str, str, str]]:
    """(kind, id, record JSON text): nominees by id, then screenings by id."""
    for slug, text in Good.objects.order_by("slug").values_list("slug", "record_json").iterator():
        yield "nominee", slug, text
    for slug, text in (
        Screening.objects.order_by("slug").values_list("slug", "record_json").iterator()
    ):
        yield "screening", slug, text


def _entry_json(kind: str, slug: str, text: str) -> str:
    # The stored record text is valid compact JSON already: splice it in without re-encoding.
    return f'{{"kind":{json.dumps(kind)},"id":{json.dumps(slug)},"record":{text}}}'


def stream_export(format_: ExportFormat) -> Iterator[str]:
    if format_ is ExportFormat.NDJSON:
        for row in export_rows():
            yield _entry_json(*row) + "\n"
    elif format_ is ExportFormat.JSON:
        yield "["
        for index, row in enumerate(export_rows()):
            yield ("," if index else "") + "\n" + _entry_json(*row)
        yield "\n]\n"
    else:
        yield from _stream_csv()


def _joined(values: list[Any]) -> str:
    return "; ".join(str(value) for value in values if str(value).strip())


def spreadsheet_safe(text: str) -> str:
    """Defuse formula injection: spreadsheets run a cell that starts with = + - @ as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_row(kind: str, slug: str, text: str, countries: list[str]) -> list[str]:
    record = json.loads(text)
    if kind == "screening":
        return [kind, slug, spreadsheet_safe(str(record.get("name", ""))), *[""] * 8, text]
    flat = [
        str(record.get("name", "")),
        str(record.get("stage", "")),
        _joined(record.get("type", [])),
        _joined([item.get("spdx", "") for item in record.get("license", [])]),
        _joined([item.get("SDGNumber", "") for item in record.get("SDGs", [])]),
        _joined(record.get("sectors", [])),
        _joined(countries),
        str(record.get("website", "")),
        str(record.get("description", "")),
    ]
    return [kind, slug, *(spreadsheet_safe(value) for value in flat), text]


def _deployment_countries() -> dict[str, list[str]]:
    countries: dict[str, list[str]] = {}
    for slug, text in Screening.objects.values_list("slug", "record_json").iterator():
        locations = json.loads(text).get("locations") or {}
        countries[slug] = [str(c) for c in locations.get("deploymentCountries") or []]
    return countries


def _stream_csv() -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    countries = _deployment_countries()
    for kind, slug, text in export_rows():
        writer.writerow(
            csv_row(kind, slug, text, countries.get(slug, []) if kind == "nominee" else [])
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()

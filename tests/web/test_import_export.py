"""Import and export against the real registry records: validation, idempotence, round trips."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dpgkit.web.registry.export import ExportFormat, stream_export
from dpgkit.web.registry.models import Facet, Good, Screening
from dpgkit.web.registry.sources import bundled_snapshot, read_source
from dpgkit.web.registry.store import Status, import_items

pytestmark = pytest.mark.django_db


def source_records(registry: Path) -> dict[tuple[str, str], object]:
    records: dict[tuple[str, str], object] = {}
    for kind, folder in (("nominee", "nominees"), ("screening", "digitalpublicgoods")):
        for path in (registry / folder).glob("*.json"):
            records[(kind, path.stem)] = json.loads(path.read_text(encoding="utf-8"))
    return records


def empty_database() -> None:
    Screening.objects.all().delete()
    Good.objects.all().delete()


def export_text(format_: ExportFormat) -> str:
    return "".join(stream_export(format_))


def parse_export(format_: ExportFormat, text: str) -> dict[tuple[str, str], object]:
    if format_ is ExportFormat.JSON:
        entries = json.loads(text)
    elif format_ is ExportFormat.NDJSON:
        entries = [json.loads(line) for line in text.splitlines()]
    else:
        entries = [
            {"kind": row["kind"], "id": row["id"], "record": json.loads(row["record"])}
            for row in csv.DictReader(io.StringIO(text))
        ]
    return {(entry["kind"], entry["id"]): entry["record"] for entry in entries}


def test_importing_the_registry_folder_accepts_every_record_and_is_idempotent(
    shared_dir: Path,
) -> None:
    registry = shared_dir / "dpga" / "registry"
    empty_database()
    first = import_items(read_source(registry))
    assert first.counts() == {Status.ADDED: 228 + 166}
    assert Good.objects.count() == 228
    assert Screening.objects.count() == 166
    # Two screenings have no nominee record: kept, not linked.
    assert Screening.objects.filter(good__isnull=True).count() == 2
    second = import_items(read_source(registry))
    assert second.counts() == {Status.UNCHANGED: 228 + 166}


def test_bundled_snapshot_holds_every_registry_record_unchanged(shared_dir: Path) -> None:
    expected = source_records(shared_dir / "dpga" / "registry")
    bundled = {(item.kind.value, item.id): item.record for item in bundled_snapshot()}  # type: ignore[union-attr]
    assert bundled == expected


@pytest.mark.parametrize("format_", list(ExportFormat))
def test_export_round_trips_every_record(
    format_: ExportFormat, shared_dir: Path, tmp_path: Path
) -> None:
    expected = source_records(shared_dir / "dpga" / "registry")
    text = export_text(format_)
    assert parse_export(format_, text) == expected
    # Import the export into an empty registry: everything comes back, and exports again the same.
    export_file = tmp_path / f"registry.{format_.value}"
    export_file.write_text(text, encoding="utf-8")
    empty_database()
    report = import_items(read_source(export_file))
    assert report.counts() == {Status.ADDED: len(expected)}
    assert export_text(format_) == text


def test_changed_record_is_reported_and_its_facets_follow(tmp_path: Path) -> None:
    good = Good.objects.get(slug="aam-digital")
    record = good.record
    record["SDGs"] = [{"SDGNumber": 14, "evidenceText": "Oceans"}]
    record["license"] = [{"spdx": "MIT", "licenseURL": "https://example.org/LICENSE"}]
    (tmp_path / "nominees").mkdir()
    (tmp_path / "nominees" / "aam-digital.json").write_text(json.dumps(record), encoding="utf-8")
    report = import_items(read_source(tmp_path))
    assert [(o.id, o.status) for o in report.outcomes] == [("aam-digital", Status.CHANGED)]
    facets = set(Facet.objects.filter(good=good).values_list("kind", "value"))
    assert ("sdg", "14") in facets and ("sdg", "1") not in facets
    assert ("license", "MIT") in facets and ("license", "GPL-3.0") not in facets
    # Deployment countries come from the screening record and survive the nominee change.
    assert ("country", "India") in facets


def test_bad_files_are_rejected_with_reasons_and_good_ones_still_imported(tmp_path: Path) -> None:
    nominees = tmp_path / "nominees"
    screenings = tmp_path / "digitalpublicgoods"
    nominees.mkdir()
    screenings.mkdir()
    valid = {
        "name": "Good Example",
        "description": "An example",
        "license": [{"spdx": "MIT", "licenseURL": "https://example.org/LICENSE"}],
        "SDGs": [{"SDGNumber": 4}],
        "type": ["software"],
        "organizations": [{"name": "Example Org", "org_type": "owner"}],
        "stage": "nominee",
    }
    (nominees / "good-example.json").write_text(json.dumps(valid), encoding="utf-8")
    (nominees / "broken.json").write_text('{"name": "Broken",', encoding="utf-8")
    (nominees / "binary.json").write_bytes(b"\xff\xfe\x00garbage\x9c")
    (nominees / "no-license.json").write_text(
        json.dumps({k: v for k, v in valid.items() if k != "license"}), encoding="utf-8"
    )
    (nominees / "bad-stage.json").write_text(
        json.dumps({**valid, "stage": "approved"}), encoding="utf-8"
    )
    (nominees / "Bad Name!.json").write_text(json.dumps(valid), encoding="utf-8")
    (nominees / "array.json").write_text("[1, 2, 3]", encoding="utf-8")
    (nominees / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (screenings / "good-example.json").write_text('{"name": "Good Example"}', encoding="utf-8")
    report = import_items(read_source(tmp_path))
    by_id = {o.id: o for o in report.outcomes if o.kind == "nominee"}
    assert by_id["good-example"].status is Status.ADDED
    rejected = {o.id: " ".join(o.reasons) for o in report.rejected if o.kind == "nominee"}
    assert "malformed JSON" in rejected["broken"]
    assert "not UTF-8" in rejected["binary"]
    assert "license" in rejected["no-license"] and "required" in rejected["no-license"]
    assert "approved" in rejected["bad-stage"]
    assert "slug" in rejected["Bad Name!"]
    assert "object" in rejected["array"]
    assert rejected["deep"]
    # The screening record lacks its required answers.
    screening_outcomes = [o for o in report.outcomes if o.kind == "screening"]
    assert screening_outcomes[0].status is Status.REJECTED
    assert "clearOwnership" in " ".join(screening_outcomes[0].reasons)
    assert Good.objects.filter(slug="good-example").exists()


def test_unreadable_sources_raise_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(read_source(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError):
        list(read_source(tmp_path))  # a folder without nominees/ or digitalpublicgoods/
    bad = tmp_path / "export.json"
    bad.write_text('{"not": "a list"}', encoding="utf-8")
    with pytest.raises(ValueError, match="array"):
        list(read_source(bad))
    other = tmp_path / "export.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="expected"):
        list(read_source(other))


def test_export_rows_with_bad_kind_or_json_are_rejected(tmp_path: Path) -> None:
    export = tmp_path / "bad.ndjson"
    export.write_text(
        '{"kind": "planet", "id": "x", "record": {}}\nnot json\n{"kind": "nominee", "record": {}}\n',
        encoding="utf-8",
    )
    report = import_items(read_source(export))
    assert report.counts() == {Status.REJECTED: 3}
    reasons = [" ".join(o.reasons) for o in report.rejected]
    assert "unknown kind" in reasons[0]
    assert "malformed JSON" in reasons[1]
    assert "missing id" in reasons[2]


def test_csv_export_defuses_spreadsheet_formulas(tmp_path: Path) -> None:
    good = Good.objects.get(slug="aam-digital")
    record = good.record
    record["description"] = '=HYPERLINK("https://evil.example","click")'
    (tmp_path / "nominees").mkdir()
    (tmp_path / "nominees" / "aam-digital.json").write_text(json.dumps(record), encoding="utf-8")
    import_items(read_source(tmp_path))
    rows = {
        (row["kind"], row["id"]): row
        for row in csv.DictReader(io.StringIO(export_text(ExportFormat.CSV)))
    }
    row = rows[("nominee", "aam-digital")]
    assert row["description"].startswith("'=")
    assert row["deployment_countries"].startswith("India")
    # The record column stays exact, so the CSV still round-trips.
    assert json.loads(row["record"])["description"] == record["description"]

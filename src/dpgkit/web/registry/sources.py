"""Where records come from: a registry checkout folder or one of our export files.

A registry folder holds ``nominees/<id>.json`` and ``digitalpublicgoods/<id>.json`` (the
screening records); the id is the file's slug. Export files (``.json``, ``.ndjson``, ``.csv``)
hold ``{"kind", "id", "record"}`` entries as written by ``dpg registry export``. Whatever cannot
be read becomes a rejection with a one-line reason; nothing here raises on bad content.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from dpgkit.parsing import ParseError, load_json

MAX_RECORD_BYTES = 2_000_000
MAX_EXPORT_BYTES = 500_000_000
SLUG = re.compile(r"^[a-z0-9][a-z0-9.-]{0,199}$")
FOLDERS = {"nominee": "nominees", "screening": "digitalpublicgoods"}


class EntryKind(StrEnum):
    NOMINEE = "nominee"
    SCREENING = "screening"


@dataclass(frozen=True)
class Entry:
    kind: EntryKind
    id: str
    record: Any
    origin: str  # where it came from, for messages


@dataclass(frozen=True)
class Rejection:
    kind: str
    id: str
    origin: str
    reasons: list[str] = field(default_factory=list)


Item = Entry | Rejection


def read_source(path: Path) -> Iterator[Item]:
    """Every entry (or rejection) found at a registry folder or an export file."""
    if path.is_dir():
        yield from _read_folder(path)
    elif path.is_file():
        yield from _read_export(path)
    else:
        raise FileNotFoundError(f"{path} is neither a registry folder nor an export file")


def bundled_snapshot() -> Iterator[Item]:
    """The registry snapshot shipped in the package (dpgkit/web/data)."""
    data = resources.files("dpgkit.web") / "data" / "registry-snapshot.json.gz"
    text = gzip.decompress(data.read_bytes()).decode("utf-8")
    yield from _entries_from_json(text, "bundled snapshot")


def _read_folder(root: Path) -> Iterator[Item]:
    found = False
    for kind, folder in FOLDERS.items():
        directory = root / folder
        if not directory.is_dir():
            continue
        found = True
        for file in sorted(directory.iterdir()):
            if file.suffix != ".json":
                continue
            origin = f"{folder}/{file.name}"
            if file.is_symlink() or not file.is_file():
                yield Rejection(kind, file.stem, origin, ["not a regular file"])
                continue
            yield _read_record_file(EntryKind(kind), file, origin)
    if not found:
        raise FileNotFoundError(f"{root} has neither nominees/ nor digitalpublicgoods/")


def _read_record_file(kind: EntryKind, file: Path, origin: str) -> Item:
    if file.stat().st_size > MAX_RECORD_BYTES:
        return Rejection(kind, file.stem, origin, [f"larger than {MAX_RECORD_BYTES} bytes"])
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return Rejection(kind, file.stem, origin, ["not UTF-8 text"])
    try:
        record = load_json(text)
    except ParseError as error:
        return Rejection(kind, file.stem, origin, [f"malformed JSON: {error}"])
    return Entry(kind, file.stem, record, origin)


def _read_export(file: Path) -> Iterator[Item]:
    if file.stat().st_size > MAX_EXPORT_BYTES:
        raise ValueError(f"{file} is larger than {MAX_EXPORT_BYTES} bytes")
    raw = file.read_bytes()
    if file.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{file} is not UTF-8 text") from None
    name = file.name.removesuffix(".gz")
    if name.endswith(".ndjson"):
        yield from _entries_from_ndjson(text, file.name)
    elif name.endswith(".csv"):
        yield from _entries_from_csv(text, file.name)
    elif name.endswith(".json"):
        yield from _entries_from_json(text, file.name)
    else:
        raise ValueError(f"{file}: expected a .json, .ndjson or .csv export")


def _entries_from_json(text: str, origin: str) -> Iterator[Item]:
    try:
        document = load_json(text)
    except ParseError as error:
        raise ValueError(f"{origin}: malformed JSON: {error}") from None
    if not isinstance(document, list):
        raise ValueError(f"{origin}: expected a JSON array of export entries")
    for index, item in enumerate(document, start=1):
        yield _entry_from_object(item, f"{origin} item {index}")


def _entries_from_ndjson(text: str, origin: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin} line {number}"
        try:
            item = load_json(line)
        except ParseError as error:
            yield Rejection("?", "?", where, [f"malformed JSON: {error}"])
            continue
        yield _entry_from_object(item, where)


def _entries_from_csv(text: str, origin: str) -> Iterator[Item]:
    csv.field_size_limit(MAX_RECORD_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or not {"kind", "id", "record"} <= set(reader.fieldnames):
        raise ValueError(f"{origin}: expected the columns kind, id and record")
    for number, row in enumerate(reader, start=2):
        where = f"{origin} row {number}"
        try:
            record = load_json(row.get("record") or "")
        except ParseError as error:
            yield Rejection(
                row.get("kind") or "?", row.get("id") or "?", where, [f"malformed JSON: {error}"]
            )
            continue
        yield _entry_from_object(
            {"kind": row.get("kind"), "id": row.get("id"), "record": record}, where
        )


def _entry_from_object(item: Any, origin: str) -> Item:
    if not isinstance(item, dict):
        return Rejection("?", "?", origin, ["expected an object with kind, id and record"])
    kind, slug, record = item.get("kind"), item.get("id"), item.get("record")
    if kind not in {k.value for k in EntryKind}:
        return Rejection(str(kind), str(slug), origin, [f"unknown kind {kind!r}"])
    if not isinstance(slug, str):
        return Rejection(str(kind), "?", origin, ["missing id"])
    return Entry(EntryKind(kind), slug, record, origin)


def canonical_json(record: Any) -> str:
    """Key-sorted compact JSON: two records with equal content hash the same."""
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def record_text(record: Any) -> str:
    """The record as stored and served: its own key order, compact, UTF-8."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))

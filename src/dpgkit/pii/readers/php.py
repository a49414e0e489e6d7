"""Laravel migrations: Schema::create / Schema::table blocks and $table->type('name')."""

from __future__ import annotations

import re

from dpgkit.inventory import FileEntry
from dpgkit.pii.fields import DataField, FileReader, ReadResult

_HINT = re.compile(r"Schema::(?:create|table)")
_SCHEMA = re.compile(r"Schema::(?:create|table)\s*\(\s*['\"](?P<table>\w+)['\"]")
_COLUMN = re.compile(r"\$table->(?P<type>\w+)\s*\(\s*['\"](?P<name>\w+)['\"]")
_NOT_COLUMNS = {
    "foreign",
    "index",
    "unique",
    "primary",
    "dropColumn",
    "dropIndex",
    "dropForeign",
    "dropUnique",
    "renameColumn",
    "foreignId",
    "foreignIdFor",
    "morphs",
    "spatialIndex",
}


def _parse_laravel(entry: FileEntry, text: str, result: ReadResult) -> None:
    table: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if match := _SCHEMA.search(line):
            table = match.group("table")
        for column in _COLUMN.finditer(line):
            if table and column.group("type") not in _NOT_COLUMNS:
                result.fields.append(
                    DataField(
                        table,
                        column.group("name"),
                        entry.path,
                        number,
                        "Laravel migration",
                        column.group("type"),
                    )
                )


LARAVEL = FileReader("laravel", frozenset({".php"}), _parse_laravel, _HINT)

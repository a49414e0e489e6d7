"""Laravel migrations: Schema::create / Schema::table blocks and $table->type('name')."""

from __future__ import annotations

import re

from dpgkit.inventory import Inventory
from dpgkit.pii.fields import DataField, ReadResult, candidate_files, model_text

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


def read_laravel_migrations(inventory: Inventory) -> ReadResult:
    result = ReadResult()
    for entry in candidate_files(inventory, ".php"):
        text = model_text(inventory, entry, result, _HINT)
        if text is None:
            continue
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
    return result

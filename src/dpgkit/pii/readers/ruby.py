"""Rails: db/schema.rb, migrations, Active Storage attachments and Mongoid fields.

Ruby is read by patterns, line by line: the DSL is regular and running Ruby is not an option.
"""

from __future__ import annotations

import re

from dpgkit.inventory import FileEntry
from dpgkit.pii.fields import DataField, FileReader, ReadResult

_HINT = re.compile(r"create_table|add_column|has_(?:one|many)_attached|field\s+:|mount_uploader")
_CREATE = re.compile(r"^\s*create_table\s*\(?\s*[:\"']?(?P<table>\w+)")
_CHANGE = re.compile(r"^\s*change_table\s*\(?\s*[:\"']?(?P<table>\w+)")
_COLUMN = re.compile(r"^\s*t\.(?P<type>\w+)\s*\(?\s*[:\"'](?P<name>\w+)")
_ADD_COLUMN = re.compile(
    r"^\s*add_column\s*\(?\s*[:\"']?(?P<table>\w+)[\"']?\s*,\s*[:\"'](?P<name>\w+)[\"']?\s*,\s*[:\"']?(?P<type>\w+)"
)
_CLASS = re.compile(r"^\s*class\s+(?P<name>[A-Z]\w*)")
_ATTACHED = re.compile(
    r"^\s*(?P<type>has_one_attached|has_many_attached|mount_uploaders?)\s+:(?P<name>\w+)"
)
_MONGOID = re.compile(r"^\s*field\s+:(?P<name>\w+)(?:\s*,\s*type:\s*(?P<type>\w+))?")
_NOT_COLUMNS = {
    "index",
    "timestamps",
    "references",
    "belongs_to",
    "foreign_key",
    "check_constraint",
}


def _parse_rails(entry: FileEntry, text: str, result: ReadResult) -> None:
    table: str | None = None
    klass: str | None = None
    migration = "migrate" in entry.path
    source = "Rails migration" if migration else "Rails schema"
    for number, line in enumerate(text.splitlines(), 1):
        if match := _CREATE.match(line) or _CHANGE.match(line):
            table = match.group("table")
        elif (match := _COLUMN.match(line)) and table:
            if match.group("type") not in _NOT_COLUMNS:
                result.fields.append(
                    DataField(
                        table,
                        match.group("name"),
                        entry.path,
                        number,
                        source,
                        match.group("type"),
                    )
                )
        elif match := _ADD_COLUMN.match(line):
            result.fields.append(
                DataField(
                    match.group("table"),
                    match.group("name"),
                    entry.path,
                    number,
                    source,
                    match.group("type"),
                )
            )
        elif match := _CLASS.match(line):
            klass = match.group("name")
        elif (match := _ATTACHED.match(line) or _MONGOID.match(line)) and klass:
            kind = match.group("type") or "field"
            label = "Rails model" if "attached" in kind or "uploader" in kind else "Mongoid model"
            result.fields.append(
                DataField(klass, match.group("name"), entry.path, number, label, kind)
            )


RAILS = FileReader("rails", frozenset({".rb"}), _parse_rails, _HINT)

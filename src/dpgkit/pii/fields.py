"""What the data-model readers produce: fields of entities, with where they are declared."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dpgkit.inventory import FileEntry, Inventory


@dataclass(frozen=True, slots=True)
class DataField:
    """One field of a data model, table, schema, API type or form."""

    entity: str  # model, table, type or form name
    name: str
    path: str
    line: int | None
    source: str  # "Django model", "SQL table", "OpenAPI schema", ...
    type: str | None = None  # declared type: EmailField, varchar(255), ImageField
    stored: bool = True  # persisted by the product (ORM, DDL, migrations)
    exposed: bool = False  # shown to clients by an API description (OpenAPI, GraphQL)


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A model file that could not be read: personal data in it may be missed."""

    path: str
    message: str


@dataclass
class ReadResult:
    fields: list[DataField] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    files_read: int = 0

    def extend(self, other: ReadResult) -> None:
        self.fields.extend(other.fields)
        self.problems.extend(other.problems)
        self.files_read += other.files_read


# A source file this large, or with lines this long on average, is generated or minified:
# it is not read as a model, and the owner is told.
MAX_MODEL_BYTES = 1024 * 1024
_MINIFIED_LINE = 1000


def candidate_files(inventory: Inventory, *suffixes: str) -> list[FileEntry]:
    """The project's own, non-test files with one of suffixes."""
    return [e for e in inventory.with_suffix(*suffixes) if not e.test]


_MODEL_PATH = re.compile(r"model|migrat|schema|entit|db/|database|\.prisma$|\.sql$|\.graphql", re.I)


def model_text(
    inventory: Inventory, entry: FileEntry, result: ReadResult, hint: re.Pattern[str] | None = None
) -> str | None:
    """The text of a model file, or None (binary, huge, minified, or without ``hint``).

    A file that looks like a model by its path, but cannot be read, is noted as a problem:
    personal data in it may be missed, and the owner should know.
    """
    model_like = _MODEL_PATH.search(entry.path) is not None
    if entry.size > MAX_MODEL_BYTES:
        if model_like:
            result.problems.append(
                ReadProblem(entry.path, f"{entry.size:,} bytes: too large to read as a data model")
            )
        return None
    text = inventory.text(entry)
    if text is None:
        if model_like:
            result.problems.append(ReadProblem(entry.path, "binary content in a source file"))
        return None
    if hint is not None and not hint.search(text):
        return None
    lines = text.count("\n") + 1
    if len(text) > 20_000 and len(text) / lines > _MINIFIED_LINE:
        result.problems.append(ReadProblem(entry.path, "minified: not read as a data model"))
        return None
    result.files_read += 1
    return text


def line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1

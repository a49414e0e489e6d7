"""What the data-model readers produce: fields of entities, with where they are declared."""

from __future__ import annotations

import re
from collections.abc import Callable
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


@dataclass(frozen=True)
class FileReader:
    """One family of model files: which files, the words they must hold, how one is read.

    ``parse`` is a pure module-level function of one file, so the pass over the files
    (dpgkit.scan) can run it in any process.
    """

    name: str
    suffixes: frozenset[str]
    parse: Callable[[FileEntry, str, ReadResult], None]
    hint: re.Pattern[str] | None = None
    skip_over: int | None = None  # larger files are left out without a word
    not_named: frozenset[str] = frozenset()  # lower-case names that are never models

    def wants(self, entry: FileEntry) -> bool:
        """The project's own, non-test files with one of the suffixes."""
        return (
            entry.suffix in self.suffixes
            and entry.own
            and not entry.test
            and (self.skip_over is None or entry.size <= self.skip_over)
            and entry.name.lower() not in self.not_named
        )


_MODEL_PATH = re.compile(r"model|migrat|schema|entit|db/|database|\.prisma$|\.sql$|\.graphql", re.I)


def model_like(entry: FileEntry) -> bool:
    return _MODEL_PATH.search(entry.path) is not None


def too_large(entry: FileEntry, result: ReadResult) -> bool:
    """Files too large to read as models are never read, and noted when they look like one."""
    if entry.size <= MAX_MODEL_BYTES:
        return False
    if model_like(entry):
        result.problems.append(
            ReadProblem(entry.path, f"{entry.size:,} bytes: too large to read as a data model")
        )
    return True


def unreadable(entry: FileEntry, result: ReadResult) -> None:
    """A wanted file that turned out binary (or could not be read)."""
    if model_like(entry):
        result.problems.append(ReadProblem(entry.path, "binary content in a source file"))


def read_model_file(reader: FileReader, entry: FileEntry, text: str) -> ReadResult:
    """One file read by one reader: its fields, or why it was not read."""
    result = ReadResult()
    checked = model_text_of(entry, text, result, reader.hint)
    if checked is not None:
        reader.parse(entry, checked, result)
    return result


def read_files(inventory: Inventory, reader: FileReader) -> ReadResult:
    """Every file of one reader, read through the inventory (one reader, one process)."""
    result = ReadResult()
    for entry in inventory.files:
        if not reader.wants(entry) or too_large(entry, result):
            continue
        text = inventory.text(entry)
        if text is None:
            unreadable(entry, result)
            continue
        result.extend(read_model_file(reader, entry, text))
    return result


def model_text_of(
    entry: FileEntry, text: str, result: ReadResult, hint: re.Pattern[str] | None = None
) -> str | None:
    """The text of a model file, or None (minified, or without ``hint``).

    A minified file is noted as a problem: personal data in it may be missed, and the
    owner should know.
    """
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

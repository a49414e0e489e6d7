"""Data-model readers: each turns one family of schema sources into DataFields.

A reader never raises for bad input: what it cannot read becomes a ReadProblem. Model files
are read on the pass over the files (dpgkit.scan): the ``data models`` scanner gives each
file to the readers that want it, and results come back in the readers' order, each
reader's files in inventory order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from dpgkit.inventory import FileEntry, Inventory
from dpgkit.pii.fields import (
    MAX_MODEL_BYTES,
    FileReader,
    ReadProblem,
    ReadResult,
    read_model_file,
    too_large,
    unreadable,
)
from dpgkit.pii.readers.forms import FORMS
from dpgkit.pii.readers.graphql import GRAPHQL
from dpgkit.pii.readers.javascript import JAVASCRIPT, PRISMA
from dpgkit.pii.readers.php import LARAVEL
from dpgkit.pii.readers.python_models import PYTHON_MODELS
from dpgkit.pii.readers.ruby import RAILS
from dpgkit.pii.readers.schemas import API_SCHEMAS
from dpgkit.pii.readers.sql import SQL
from dpgkit.scan import Scanned, Scanner, register, run_scan

log = logging.getLogger(__name__)

READERS: tuple[FileReader, ...] = (
    PYTHON_MODELS,
    RAILS,
    LARAVEL,
    PRISMA,
    JAVASCRIPT,
    SQL,
    API_SCHEMAS,
    GRAPHQL,
    *FORMS,
)
# What one file gave: (reader index, its result) for each reader that found something.
FileModels = tuple[tuple[int, ReadResult], ...]


# Every reader wants files of its suffixes only: one set look-up settles most files
# (this runs on every file of the checkout when the pass is planned).
_SUFFIXES = frozenset().union(*(reader.suffixes for reader in READERS))


def _wanted(entry: FileEntry) -> bool:
    return (
        entry.suffix in _SUFFIXES
        and entry.size <= MAX_MODEL_BYTES
        and any(reader.wants(entry) for reader in READERS)
    )


def _read(entry: FileEntry, text: str) -> FileModels | None:
    found: list[tuple[int, ReadResult]] = []
    for index, reader in enumerate(READERS):
        if not reader.wants(entry):
            continue
        try:
            result = read_model_file(reader, entry, text)
        except Exception as error:  # a reader bug must not cost the other readers
            log.debug("data-model reader %s failed on %s", reader.name, entry.path, exc_info=True)
            result = ReadResult(
                problems=[
                    ReadProblem(entry.path, f"{reader.name} reader failed ({type(error).__name__})")
                ]
            )
        if result.fields or result.problems or result.files_read:
            found.append((index, result))
    return tuple(found) or None


def _binary(entry: FileEntry) -> FileModels | None:
    found: list[tuple[int, ReadResult]] = []
    for index, reader in enumerate(READERS):
        if reader.wants(entry):
            result = ReadResult()
            unreadable(entry, result)
            if result.problems:
                found.append((index, result))
    return tuple(found) or None


MODELS: Scanner[FileModels] = register(
    Scanner("data models", wants=_wanted, scan=_read, on_binary=_binary)
)


def assemble(entries: Iterable[FileEntry], scanned: Scanned[FileModels]) -> ReadResult:
    """Every field of every data model in entries, in the readers' order."""
    by_path = scanned.by_path()
    files = list(entries)
    combined = ReadResult()
    for index, reader in enumerate(READERS):
        for entry in files:
            if not reader.wants(entry) or too_large(entry, combined):
                continue
            for reader_index, result in by_path.get(entry.path, ()):
                if reader_index == index:
                    combined.extend(result)
    return combined


def read_data_models(
    inventory: Inventory, scanned: Scanned[FileModels] | None = None
) -> ReadResult:
    """Every field of every data model the readers recognise in the checkout."""
    if scanned is None:
        scanned = run_scan(inventory, [MODELS])[MODELS.name]
    return assemble(inventory.files, scanned)

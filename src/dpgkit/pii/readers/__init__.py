"""Data-model readers: each turns one family of schema sources into DataFields.

A reader never raises for bad input: what it cannot read becomes a ReadProblem.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from dpgkit.inventory import Inventory
from dpgkit.pii.fields import ReadProblem, ReadResult
from dpgkit.pii.readers.forms import read_forms
from dpgkit.pii.readers.graphql import read_graphql
from dpgkit.pii.readers.javascript import read_javascript_models, read_prisma
from dpgkit.pii.readers.php import read_laravel_migrations
from dpgkit.pii.readers.python_models import read_python_models
from dpgkit.pii.readers.ruby import read_rails_models
from dpgkit.pii.readers.schemas import read_api_schemas
from dpgkit.pii.readers.sql import read_sql

log = logging.getLogger(__name__)

Reader = Callable[[Inventory], ReadResult]
READERS: dict[str, Reader] = {
    "python": read_python_models,
    "rails": read_rails_models,
    "laravel": read_laravel_migrations,
    "prisma": read_prisma,
    "javascript": read_javascript_models,
    "sql": read_sql,
    "api schemas": read_api_schemas,
    "graphql": read_graphql,
    "forms": read_forms,
}


def read_data_models(inventory: Inventory) -> ReadResult:
    """Every field of every data model the readers recognise in the checkout."""
    combined = ReadResult()
    for name, reader in READERS.items():
        try:
            combined.extend(reader(inventory))
        except Exception as error:  # a reader bug must not cost the other readers
            log.debug("data-model reader %s failed", name, exc_info=True)
            combined.problems.append(
                ReadProblem("-", f"{name} reader failed ({type(error).__name__})")
            )
    return combined

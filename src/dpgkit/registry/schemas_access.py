"""Access to the shipped registry schemas, record validation and the registry's file-name rule."""

from __future__ import annotations

import json
import re
import unicodedata
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft7Validator


class RecordKind(StrEnum):
    NOMINEE = "nominee"
    SCREENING = "screening"


@cache
def load_schema(kind: RecordKind) -> dict[str, Any]:
    text = (resources.files("dpgkit.registry") / "schemas" / f"{kind.value}-schema.json").read_text(
        encoding="utf-8"
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(kind: RecordKind) -> Draft7Validator:
    from jsonschema import Draft7Validator  # imported when a record is first validated

    return Draft7Validator(load_schema(kind))


def record_errors(kind: RecordKind, record: Any) -> list[str]:
    """Every schema violation of a record, as 'path: message' lines (empty when valid)."""
    errors = sorted(_validator(kind).iter_errors(record), key=lambda error: list(error.path))
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(top level)'}: {error.message}"
        for error in errors
    ]


def registry_slug(name: str) -> str:
    """The registry's file name for a record: kebab case, NFD-normalised, lowercase, [a-z0-9-.] only."""
    normalised = unicodedata.normalize("NFD", name)
    ascii_only = normalised.encode("ascii", "ignore").decode("ascii").lower()
    kebab = re.sub(r"[\s_]+", "-", ascii_only.strip())
    cleaned = re.sub(r"[^a-z0-9.-]", "", kebab)
    return re.sub(r"-{2,}", "-", cleaned).strip("-")

"""GraphQL schema files: fields of object and input types (what the API exposes)."""

from __future__ import annotations

import re

from dpgkit.inventory import FileEntry
from dpgkit.pii.fields import DataField, FileReader, ReadResult, line_of

_TYPE = re.compile(
    r"^\s*(?:extend\s+)?(?P<kind>type|input|interface)\s+(?P<name>\w+)[^{\n]{0,300}\{", re.M
)
_FIELD = re.compile(
    r"^\s*(?P<name>[A-Za-z_]\w*)\s*(?:\([^)]{0,500}\))?\s*:\s*(?P<type>[\w\[\]!]+)", re.M
)


def _parse_graphql(entry: FileEntry, text: str, result: ReadResult) -> None:
    for declared in _TYPE.finditer(text):
        if declared.group("name") in {"Query", "Mutation", "Subscription"}:
            continue
        closing = text.find("}", declared.end())
        end = closing if closing != -1 else len(text)
        for field in _FIELD.finditer(text, declared.end(), end):
            result.fields.append(
                DataField(
                    declared.group("name"),
                    field.group("name"),
                    entry.path,
                    line_of(text, field.start("name")),
                    "GraphQL type",
                    field.group("type"),
                    stored=False,
                    exposed=True,
                )
            )


GRAPHQL = FileReader("graphql", frozenset({".graphql", ".gql", ".graphqls"}), _parse_graphql, None)

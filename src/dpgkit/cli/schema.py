"""``dpg schema``: the published JSON Schemas of our contracts."""

from __future__ import annotations

import json
from enum import StrEnum

import typer

from dpgkit.answers import answers_schema
from dpgkit.model import assessment_json_schema
from dpgkit.standard import load_standard


class SchemaName(StrEnum):
    ASSESSMENT = "assessment"
    ANSWERS = "answers"


def schema_command(
    name: SchemaName = typer.Argument(SchemaName.ASSESSMENT, help="assessment or answers"),
) -> None:
    """Print the JSON Schema of the assessment JSON (default) or of the answers file."""
    schema = (
        assessment_json_schema()
        if name is SchemaName.ASSESSMENT
        else answers_schema(load_standard())
    )
    print(json.dumps(schema, indent=2))


def register(app: typer.Typer) -> None:
    app.command("schema")(schema_command)

"""The owner's answers: what code cannot tell, declared in a YAML file.

The file is validated against a JSON Schema generated from the Standard data, so the
questions and the schema can never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpgkit.errors import AnswersError
from dpgkit.fileio import read_user_text
from dpgkit.parsing import ParseError, load_yaml
from dpgkit.standard import QuestionSpec, Standard

_ANSWERS_CAP = 2 * 1024 * 1024
YES_NO = ["Yes", "No"]


def _value_schema(question: QuestionSpec) -> dict[str, Any]:
    text = {"type": "string", "maxLength": 20000}
    if question.kind == "yes_no":
        return {"type": "string", "enum": YES_NO}
    if question.kind == "list":
        return {"anyOf": [{"type": "array", "items": text, "maxItems": 200}, text]}
    return text


def answers_schema(standard: Standard) -> dict[str, Any]:
    indicators: dict[str, Any] = {}
    for spec in standard.indicators:
        indicators[spec.id] = {
            # null: a block whose questions are all still commented out in the template
            "type": ["object", "null"],
            "description": spec.title,
            "additionalProperties": False,
            "properties": {
                q.id: {**_value_schema(q), "description": q.text} for q in spec.questions
            },
        }
    general = {
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": {
            q.id: {**_value_schema(q), "description": q.text} for q in standard.general_questions
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://dpgkit.org/schema/answers-{standard.version}.json",
        "title": "dpgkit owner answers",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "standard_version": {"type": "string"},
            "general": general,
            "indicators": {
                "type": "object",
                "additionalProperties": False,
                "properties": indicators,
            },
        },
    }


@dataclass
class Answers:
    values: dict[str, Any] = field(default_factory=dict)  # "7.privacy_laws" -> value
    source: str | None = None

    def get(self, question_id: str) -> Any:
        return self.values.get(question_id)

    def answered(self, question_id: str) -> bool:
        value = self.values.get(question_id)
        if value is None:
            return False
        if isinstance(value, str):
            return bool(value.strip())
        if isinstance(value, list):
            return any(str(item).strip() for item in value)
        return True


def parse_answers(data: Any, standard: Standard, source: str) -> Answers:
    if data is None:
        return Answers(source=source)
    import jsonschema  # imported when an answers file is first read, not by every run

    try:
        jsonschema.validate(data, answers_schema(standard))
    except jsonschema.ValidationError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "top level"
        raise AnswersError(f"{source}: {where}: {error.message}") from None
    values: dict[str, Any] = {}
    for key, value in (data.get("general") or {}).items():
        values[f"general.{key}"] = value
    for indicator_id, block in (data.get("indicators") or {}).items():
        for key, value in (block or {}).items():
            values[f"{indicator_id}.{key}"] = value
    return Answers(values=values, source=source)


def load_answers(path: Path, standard: Standard) -> Answers:
    text = read_user_text(path, _ANSWERS_CAP, "answers file", AnswersError)
    try:
        data = load_yaml(text)
    except ParseError as error:
        raise AnswersError(f"answers file is not valid YAML: {path}: {error}") from None
    return parse_answers(data, standard, str(path))

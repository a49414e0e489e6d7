"""Options and helpers shared by several commands."""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console

from dpgkit.assess import AssessOptions, assess
from dpgkit.errors import BadInputError
from dpgkit.fileio import read_user_text, write_atomically
from dpgkit.model import Assessment
from dpgkit.parsing import ParseError, load_json
from dpgkit.redact import redact_text


def write_output(text: str, output: Path | None) -> None:
    """Write to a file (created atomically) or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomically(output, [text])


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


_ASSESSMENT_CAP = 64 * 1024 * 1024


def read_assessment(path: Path) -> Assessment:
    """An assessment saved with ``dpg assess --format json``; one-line errors for bad files."""
    text = read_user_text(path, _ASSESSMENT_CAP, "assessment file")
    try:
        data = load_json(text)
    except ParseError as error:
        raise BadInputError(f"{path}: not valid JSON ({error})") from None
    try:
        return Assessment.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = "/".join(str(part) for part in first["loc"]) or "top level"
        raise BadInputError(f"{path}: not a dpgkit assessment ({where}: {first['msg']})") from None


def checked_repository_url(value: str | None) -> str | None:
    """--repository-url as given, once we know links can be built from it."""
    if value is None or not value.strip():
        return None
    from dpgkit.nomination.links import web_url  # the nomination package, only when asked

    if web_url(value) is None:
        raise BadInputError(
            f"--repository-url {redact_text(value)!r} is not a public repository address "
            "(use https://host/owner/name)"
        )
    return value.strip()


def assessment_from(
    path: Path,
    answers: Path | None = None,
    types: list[str] | None = None,
    repository_url: str | None = None,
) -> Assessment:
    """Assess a checkout folder, or read a saved assessment JSON file."""
    if path.is_file():
        return read_assessment(path)
    options = AssessOptions(
        answers_path=answers, types=list(types or []), repository_url=repository_url
    )
    return assess(path, options)

"""``dpg license identify FILE...`` and ``dpg licenses``: the license matcher and the approved list."""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from dpgkit.cli.common import stdout_console
from dpgkit.errors import BadInputError
from dpgkit.inventory.decode import decode_bytes
from dpgkit.inventory.inventory import DEFAULT_READ_CAP
from dpgkit.licenses.declarations import Declaration, identify_license_text
from dpgkit.licenses.expressions import parse_expression
from dpgkit.licenses.index import load_index
from dpgkit.licenses.rules import find_rules
from dpgkit.licenses.statements import line_of, statements
from dpgkit.standard import load_standard

_SNIFF = 8192


class IdentifyFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _read(path: Path) -> str | None:
    """A file's text (first bytes only, like the inventory), None for binary; BadInputError if missing."""
    if not path.is_file():
        raise BadInputError(f"not a file: {path}")
    try:
        with path.open("rb") as handle:
            data = handle.read(DEFAULT_READ_CAP)
    except OSError as error:
        raise BadInputError(f"cannot read {path} ({error.strerror or error})") from None
    if b"\x00" in data[:_SNIFF]:
        return None
    return decode_bytes(data)[0]


def identify_file(path: Path) -> dict[str, object]:
    """What a license file holds, read as the assessment reads a project's license file: full
    texts, else an SPDX tag or a title over a fragment, a standard notice or reference (a grant
    after "All rights reserved" included), a license's bare name; ``kind`` and ``note`` say
    when it is not a full text (``modified`` for a license text edited into another)."""
    text = _read(path)
    if text is None:
        return {"path": str(path), "spdx": None, "score": 0.0, "name": None, "note": "binary file"}
    return identify_license(text, str(path))


def identify_license(text: str, path: str = "") -> dict[str, object]:
    """``dpg license identify``'s answer for one text (see ``identify_file``)."""
    result: dict[str, object] = {"path": path, "spdx": None, "score": 0.0, "name": None}
    if not text.strip():
        result["note"] = "empty file"
        return result
    declared = Declaration(source="file", path=path, line=None, raw="", spdx=None)
    identify_license_text(text, declared)
    index = load_index()
    if declared.spdx:
        # The full GNU text does not say "only" or "or later": the file's own notice does.
        for key in declared.stated:
            only = key.replace("-or-later", "-only")
            if key.endswith("-or-later") and only not in declared.stated:
                declared.spdx = re.sub(rf"\b{re.escape(only)}\b", key, declared.spdx)
        result["spdx"] = declared.spdx
        result["score"] = declared.score
        keys = parse_expression(declared.spdx).keys or [declared.spdx]
        result["name"] = "; ".join(dict.fromkeys(index.name(key) for key in keys))
        if declared.source != "file":
            result["method"] = declared.source
    if declared.matches:
        result["parts"] = [match.as_dict() for match in declared.matches]
    if declared.kind:
        result["kind"] = declared.kind
    if declared.problem:
        result["note"] = f"the file {declared.problem}"
    if declared.kind == "stated" and "ScanCode rule" in (declared.problem or ""):
        result["statements"] = [
            {"spdx": item.spdx, "kind": item.kind, "line": item.start_line, "source": "rule"}
            for item in find_rules(text)
        ]
    elif declared.kind == "stated":
        result["statements"] = [
            {
                "spdx": item.spdx,
                "kind": item.kind,
                "line": line_of(text, item.start),
                "text": item.text,
            }
            for item in statements(text)
        ]
    return result


def identify_command(
    files: list[Path] = typer.Argument(..., help="License files to identify."),
    output_format: IdentifyFormat = typer.Option(IdentifyFormat.TEXT, "--format", "-f"),
) -> None:
    """Identify the SPDX license(s) each file holds, with the match score."""
    results = [identify_file(path) for path in files]
    if output_format is IdentifyFormat.JSON:
        print(json.dumps(results, indent=2))
        return
    console = stdout_console()
    table = Table("file", "SPDX", "score", "license")
    for item in results:
        table.add_row(
            str(item["path"]),
            str(item["spdx"] or "—"),
            f"{item['score']:.3f}" if item["spdx"] else "",
            str(item["name"] or item.get("note") or "no license text recognised"),
        )
    console.print(table)


def licenses_command(
    output_format: IdentifyFormat = typer.Option(IdentifyFormat.TEXT, "--format", "-f"),
) -> None:
    """List the licenses the DPG Standard approves, by category."""
    standard = load_standard()
    by_category: dict[str, list[dict[str, str]]] = {}
    for entry in sorted(standard.licenses.values(), key=lambda item: item.spdx.lower()):
        for category in entry.categories:
            by_category.setdefault(category, []).append({"spdx": entry.spdx, "name": entry.name})
    if output_format is IdentifyFormat.JSON:
        print(
            json.dumps({"standard_version": standard.version, "categories": by_category}, indent=2)
        )
        return
    console = stdout_console()
    for category in sorted(by_category):
        table = Table("SPDX", "name", title=f"{category} ({len(by_category[category])})")
        for item in by_category[category]:
            table.add_row(item["spdx"], item["name"])
        console.print(table)


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Identify license texts.", no_args_is_help=True)
    group.command("identify")(identify_command)
    app.add_typer(group, name="license")
    app.command("licenses")(licenses_command)

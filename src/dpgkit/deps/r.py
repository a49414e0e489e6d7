"""R: the DESCRIPTION file of a package (Debian control format: fields and continuation lines)."""

from __future__ import annotations

import re

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl
from dpgkit.parsing import ParseError

_FIELD = re.compile(r"^([A-Za-z][\w.@-]*):\s?(.*)$")
_ENTRY = re.compile(r"^\s*([A-Za-z][\w.]*)\s*(?:\(([^)]*)\))?\s*$")
_FIELDS = {
    "Depends": Scope.RUNTIME,
    "Imports": Scope.RUNTIME,
    "LinkingTo": Scope.BUILD,
    "Suggests": Scope.OPTIONAL,
    "Enhances": Scope.OPTIONAL,
}


def _fields(text: str) -> dict[str, tuple[str, int]]:
    fields: dict[str, tuple[str, int]] = {}
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if line[0] in " \t" and current:
            value, start = fields[current]
            fields[current] = (value + " " + line.strip(), start)
            continue
        match = _FIELD.match(line)
        if not match:
            raise ParseError(f"line {number} is neither a field nor a continuation")
        current = match.group(1)
        fields[current] = (match.group(2), number)
    return fields


def parse_description(source: ManifestSource) -> list[Dependency]:
    fields = _fields(source.text)
    if "Package" not in fields:
        raise ParseError("DESCRIPTION has no Package field")
    found: list[Dependency] = []
    for field_name, scope in _FIELDS.items():
        if field_name not in fields:
            continue
        value, line = fields[field_name]
        for item in value.split(","):
            match = _ENTRY.match(item)
            if not match or match.group(1) == "R":
                continue
            name = match.group(1)
            found.append(
                Dependency(
                    ecosystem="cran",
                    name=name,
                    purl=make_purl("cran", name),
                    scope=scope,
                    path=source.path,
                    line=source.line_of(name, start=0) or line,
                    constraint=(match.group(2) or "").strip() or None,
                )
            )
    return found

"""Dart and Flutter: pubspec.yaml `dependencies` and `dev_dependencies`."""

from __future__ import annotations

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl
from dpgkit.parsing import ParseError, load_yaml


def parse_pubspec(source: ManifestSource) -> list[Dependency]:
    data = load_yaml(source.text)
    if not isinstance(data, dict):
        raise ParseError("pubspec.yaml is not a mapping")
    found: list[Dependency] = []
    for section, scope in (
        ("dependencies", Scope.RUNTIME),
        ("dev_dependencies", Scope.DEVELOPMENT),
    ):
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        for key, spec in table.items():
            name = str(key)
            if isinstance(spec, dict) and ("sdk" in spec or "path" in spec):
                continue  # the Flutter SDK itself, or a package of this repository
            constraint = spec if isinstance(spec, str) else None
            if isinstance(spec, dict) and isinstance(spec.get("version"), str):
                constraint = spec["version"]
            version = constraint if constraint and constraint[:1].isdigit() else None
            found.append(
                Dependency(
                    ecosystem="pub",
                    name=name,
                    purl=make_purl("pub", name, version),
                    scope=scope,
                    path=source.path,
                    line=source.line_of(f"\n  {name}:", f"{name}:"),
                    constraint=constraint,
                    version=version,
                )
            )
    return found

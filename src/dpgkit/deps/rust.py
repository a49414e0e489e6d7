"""Rust: Cargo.toml dependency tables, including target-specific and workspace ones."""

from __future__ import annotations

from typing import Any

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl
from dpgkit.parsing import load_toml

_TABLES = (
    ("dependencies", Scope.RUNTIME),
    ("dev-dependencies", Scope.DEVELOPMENT),
    ("build-dependencies", Scope.BUILD),
)


def _table(table: Any, source: ManifestSource, scope: Scope) -> list[Dependency]:
    found: list[Dependency] = []
    if not isinstance(table, dict):
        return found
    for key, spec in table.items():
        name = str(key)
        constraint = spec if isinstance(spec, str) else None
        this_scope = scope
        if isinstance(spec, dict):
            if "path" in spec and "version" not in spec:
                continue  # a crate of this workspace
            name = spec["package"] if isinstance(spec.get("package"), str) else name
            constraint = spec["version"] if isinstance(spec.get("version"), str) else None
            if spec.get("optional") is True and scope is Scope.RUNTIME:
                this_scope = Scope.OPTIONAL
        version = constraint.lstrip("=") if constraint and constraint.startswith("=") else None
        found.append(
            Dependency(
                ecosystem="cargo",
                name=name,
                purl=make_purl("cargo", name, version),
                scope=this_scope,
                path=source.path,
                line=source.line_of(f"\n{key} ", f"\n{key}=", f"{key}."),
                constraint=constraint,
                version=version,
            )
        )
    return found


def parse_cargo_toml(source: ManifestSource) -> list[Dependency]:
    data = load_toml(source.text)
    found: list[Dependency] = []
    for table, scope in _TABLES:
        found += _table(data.get(table), source, scope)
    targets = data.get("target")
    if isinstance(targets, dict):
        for target in targets.values():
            if isinstance(target, dict):
                for table, scope in _TABLES:
                    found += _table(target.get(table), source, scope)
    workspace = data.get("workspace")
    if isinstance(workspace, dict):
        found += _table(workspace.get("dependencies"), source, Scope.RUNTIME)
    return found

"""Python manifests: requirements files (with -r includes), pyproject.toml, Pipfile, setup.cfg."""

from __future__ import annotations

import configparser
import posixpath
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl
from dpgkit.inventory.manifests import manifest_toml
from dpgkit.parsing import ParseError, load_toml

# Extras and groups whose name says they are for developers, not for running the product.
DEV_GROUP = re.compile(r"dev|test|lint|doc|type|check|ci|bench|format|style|qa", re.IGNORECASE)
_INCLUDE = re.compile(r"^(?:-r|--requirement)(?:\s+|=)(\S+)")
_SKIP_OPTION = re.compile(r"^-{1,2}[a-zA-Z]")
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9._-]+)")
_MAX_INCLUDE_DEPTH = 10


def _requirement(
    spec: str,
    source: ManifestSource,
    scope: Scope,
    path: str | None = None,
    line: int | None = None,
) -> Dependency | None:
    spec = spec.strip()
    if not spec:
        return None
    try:
        requirement = Requirement(spec)
    except InvalidRequirement:
        egg = _EGG.search(spec)
        if not egg:
            return None
        requirement = Requirement(egg.group(1))
    pinned = [s.version for s in requirement.specifier if s.operator in {"==", "==="}]
    version = pinned[0] if len(pinned) == 1 and "*" not in pinned[0] else None
    constraint = str(requirement.specifier) or None
    return Dependency(
        ecosystem="pypi",
        name=requirement.name,
        purl=make_purl("pypi", requirement.name, version),
        scope=scope,
        path=path or source.path,
        line=line if line is not None else source.line_of(spec, requirement.name),
        constraint=constraint,
        version=version,
    )


def requirements_scope(path: str) -> Scope:
    name = posixpath.basename(path)
    folder = posixpath.basename(posixpath.dirname(path))
    return (
        Scope.DEVELOPMENT if DEV_GROUP.search(name) or DEV_GROUP.search(folder) else Scope.RUNTIME
    )


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines with backslash continuations joined and comments removed, with their first line."""
    buffer: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw)
        if not buffer:
            start = number
        if line.endswith("\\"):
            buffer.append(line[:-1])
            continue
        buffer.append(line)
        yield start, " ".join(buffer).strip()
        buffer = []
    if buffer:
        yield start, " ".join(buffer).strip()


def parse_requirements(source: ManifestSource) -> list[Dependency]:
    found: list[Dependency] = []
    visited = {source.path}
    scope = requirements_scope(source.path)

    def walk(path: str, text: str, depth: int) -> None:
        for number, line in _logical_lines(text):
            if not line:
                continue
            include = _INCLUDE.match(line)
            if include:
                target = posixpath.normpath(
                    posixpath.join(posixpath.dirname(path), include.group(1))
                )
                # Only files inside the checkout: no absolute paths, nothing above the root.
                if target.startswith(("/", "../")) or target == ".." or target in visited:
                    continue
                if depth >= _MAX_INCLUDE_DEPTH:
                    continue
                visited.add(target)
                included = source.read(target)
                if included is not None:
                    walk(target, included, depth + 1)
                continue
            if _SKIP_OPTION.match(line) and not line.startswith(("-e", "--editable")):
                continue
            spec = re.sub(r"^(-e|--editable)\s+", "", line)
            dep = _requirement(spec, source, scope, path=path, line=number)
            if dep is not None:
                found.append(dep)

    walk(source.path, source.text, 0)
    return found


def _group_scope(name: str) -> Scope:
    return Scope.DEVELOPMENT if DEV_GROUP.search(name) else Scope.OPTIONAL


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _poetry_table(table: Any, source: ManifestSource, scope: Scope) -> Iterator[Dependency]:
    if not isinstance(table, dict):
        return
    for name, spec in table.items():
        if not isinstance(name, str) or name.lower() == "python":
            continue
        constraint = spec if isinstance(spec, str) else None
        optional = False
        if isinstance(spec, dict):
            constraint = spec.get("version") if isinstance(spec.get("version"), str) else None
            optional = bool(spec.get("optional"))
        version = constraint if constraint and re.fullmatch(r"\d[\w.]*", constraint) else None
        yield Dependency(
            ecosystem="pypi",
            name=name,
            purl=make_purl("pypi", name, version),
            scope=Scope.OPTIONAL if optional and scope is Scope.RUNTIME else scope,
            path=source.path,
            line=source.line_of(f"\n{name} ", f"\n{name}=", f'"{name}"', name),
            constraint=constraint,
            version=version,
        )


def parse_pyproject(source: ManifestSource) -> list[Dependency]:
    data = manifest_toml(source.text)  # parsed once for every reader of the manifest
    found: list[Dependency] = []

    def add(specs: Any, scope: Scope) -> None:
        for spec in _strings(specs):
            dep = _requirement(spec, source, scope)
            if dep is not None:
                found.append(dep)

    project = data.get("project")
    if isinstance(project, dict):
        add(project.get("dependencies"), Scope.RUNTIME)
        extras = project.get("optional-dependencies")
        if isinstance(extras, dict):
            for extra, specs in extras.items():
                add(specs, _group_scope(str(extra)))
    groups = data.get("dependency-groups")  # PEP 735
    if isinstance(groups, dict):
        for specs in groups.values():
            add(specs, Scope.DEVELOPMENT)
    build = data.get("build-system")
    if isinstance(build, dict):
        add(build.get("requires"), Scope.BUILD)
    tool: dict[str, Any] = data["tool"] if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry")
    if isinstance(poetry, dict):
        found += _poetry_table(poetry.get("dependencies"), source, Scope.RUNTIME)
        found += _poetry_table(poetry.get("dev-dependencies"), source, Scope.DEVELOPMENT)
        poetry_groups = poetry.get("group")
        if isinstance(poetry_groups, dict):
            for name, group in poetry_groups.items():
                if isinstance(group, dict):
                    scope = Scope.DEVELOPMENT if DEV_GROUP.search(str(name)) else Scope.OPTIONAL
                    found += _poetry_table(group.get("dependencies"), source, scope)
    uv = tool.get("uv")
    if isinstance(uv, dict):
        add(uv.get("dev-dependencies"), Scope.DEVELOPMENT)
    return found


def parse_pipfile(source: ManifestSource) -> list[Dependency]:
    data = load_toml(source.text)
    found: list[Dependency] = []
    for table, scope in (("packages", Scope.RUNTIME), ("dev-packages", Scope.DEVELOPMENT)):
        found += _poetry_table(data.get(table), source, scope)
    # Pipfile writes "*" for "any version".
    return [replace(dep, constraint=None) if dep.constraint == "*" else dep for dep in found]


def parse_setup_cfg(source: ManifestSource) -> list[Dependency]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(source.text, source=source.path)
    except configparser.Error as error:
        raise ParseError(str(error).splitlines()[0]) from None
    found: list[Dependency] = []

    def add(value: str, scope: Scope) -> None:
        for line in value.splitlines():
            dep = _requirement(line.split("#", 1)[0], source, scope)
            if dep is not None:
                found.append(dep)

    if parser.has_section("options"):
        add(parser.get("options", "install_requires", fallback=""), Scope.RUNTIME)
        add(parser.get("options", "tests_require", fallback=""), Scope.DEVELOPMENT)
        add(parser.get("options", "setup_requires", fallback=""), Scope.BUILD)
    if parser.has_section("options.extras_require"):
        for extra, value in parser.items("options.extras_require"):
            add(value, _group_scope(extra))
    return found

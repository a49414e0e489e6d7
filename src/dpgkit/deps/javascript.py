"""JavaScript manifests: package.json, and package-lock.json, yarn.lock, pnpm-lock.yaml."""

from __future__ import annotations

import re
from typing import Any

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl
from dpgkit.inventory.manifests import manifest_json
from dpgkit.parsing import ParseError, load_json, load_yaml

_SECTIONS = (
    ("dependencies", Scope.RUNTIME),
    ("peerDependencies", Scope.OPTIONAL),
    ("optionalDependencies", Scope.OPTIONAL),
    ("devDependencies", Scope.DEVELOPMENT),
)
_EXACT = re.compile(r"v?\d+\.\d+\.\d+(?:[-+][\w.-]+)?")


def _object(text: str, what: str) -> dict[str, Any]:
    data = load_json(text)
    if not isinstance(data, dict):
        raise ParseError(f"{what} is not a JSON object")
    return data


def parse_package_json(source: ManifestSource) -> list[Dependency]:
    # Parsed once for every reader of the manifest (facts, licenses, ownership, here).
    data = manifest_json(source.text)
    if not isinstance(data, dict):
        raise ParseError("package.json is not a JSON object")
    found: list[Dependency] = []
    for section, scope in _SECTIONS:
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        anchor = source.text.find(f'"{section}"')
        for name, constraint in table.items():
            if not isinstance(name, str) or not name:
                continue
            spec = constraint if isinstance(constraint, str) else None
            version = spec if spec and _EXACT.fullmatch(spec) else None
            found.append(
                Dependency(
                    ecosystem="npm",
                    name=name,
                    purl=make_purl("npm", name, version),
                    scope=scope,
                    path=source.path,
                    line=source.line_of(f'"{name}"', start=max(anchor, 0)),
                    constraint=spec,
                    version=version,
                )
            )
    return found


def _locked(source: ManifestSource, name: str, version: Any, dev: bool) -> Dependency | None:
    if not name or not isinstance(version, str) or not _EXACT.fullmatch(version):
        return None
    return Dependency(
        ecosystem="npm",
        name=name,
        purl=make_purl("npm", name, version),
        scope=Scope.DEVELOPMENT if dev else Scope.RUNTIME,
        path=source.path,
        line=None,
        version=version,
        direct=False,
    )


def parse_package_lock(source: ManifestSource) -> list[Dependency]:
    data = _object(source.text, "package-lock.json")
    found: list[Dependency] = []
    packages = data.get("packages")
    if isinstance(packages, dict):  # lockfileVersion 2 and 3
        for key, body in packages.items():
            if not isinstance(key, str) or "node_modules/" not in key or not isinstance(body, dict):
                continue
            name = key.rsplit("node_modules/", 1)[1]
            dep = _locked(source, name, body.get("version"), bool(body.get("dev")))
            if dep:
                found.append(dep)
        return found
    legacy = data.get("dependencies")  # lockfileVersion 1
    if isinstance(legacy, dict):
        for name, body in legacy.items():
            if isinstance(body, dict):
                dep = _locked(source, str(name), body.get("version"), bool(body.get("dev")))
                if dep:
                    found.append(dep)
    return found


# yarn.lock v1 is its own format (neither YAML nor JSON): a header line of quoted
# "name@range" selectors ending in ':' then an indented `version "x.y.z"` line.
_YARN_HEADER = re.compile(r'^"?(@?[^@\s"]+)@[^\n]*:\s*$')
_YARN_VERSION = re.compile(r'^\s+version:?\s+"?([^"\s]+)"?\s*$')


def parse_yarn_lock(source: ManifestSource) -> list[Dependency]:
    found: list[Dependency] = []
    current: str | None = None
    for line in source.text.splitlines():
        if not line or line.startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            header = _YARN_HEADER.match(line)
            current = header.group(1) if header else None
            if current == "__metadata":
                current = None
            continue
        if current:
            version = _YARN_VERSION.match(line)
            if version:
                dep = _locked(source, current, version.group(1), dev=False)
                if dep:
                    found.append(dep)
                current = None
    if not found and source.text.strip() and "version" not in source.text:
        raise ParseError("no yarn.lock entries found")
    return found


_PNPM_KEY = re.compile(r"^/?(@?[^@/]+(?:/[^@/]+)?)[@/](\d[^()_/]*)")


def parse_pnpm_lock(source: ManifestSource) -> list[Dependency]:
    data = load_yaml(source.text)
    if not isinstance(data, dict):
        raise ParseError("pnpm-lock.yaml is not a mapping")
    found: list[Dependency] = []
    packages = data.get("packages")
    if isinstance(packages, dict):
        for key, body in packages.items():
            match = _PNPM_KEY.match(str(key))
            if not match:
                continue
            dev = isinstance(body, dict) and bool(body.get("dev"))
            dep = _locked(source, match.group(1), match.group(2), dev)
            if dep:
                found.append(dep)
    return found

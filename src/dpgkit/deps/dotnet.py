""".NET: PackageReference items of project files, packages.config, central package versions."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl
from dpgkit.parsing import load_xml


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _value(element: Element, name: str) -> str | None:
    if element.get(name):
        return element.get(name)
    for child in element:
        if _local(child.tag) == name and child.text:
            return child.text.strip()
    return None


def _dependency(source: ManifestSource, name: str, version: str | None, scope: Scope) -> Dependency:
    exact = version if version and version[:1].isdigit() and "*" not in version else None
    return Dependency(
        ecosystem="nuget",
        name=name,
        purl=make_purl("nuget", name, exact),
        scope=scope,
        path=source.path,
        line=source.line_of(f'"{name}"'),
        constraint=version,
        version=exact,
    )


def parse_project_file(source: ManifestSource) -> list[Dependency]:
    """*.csproj / *.fsproj / *.vbproj and Directory.Packages.props."""
    root = load_xml(source.text)
    found: list[Dependency] = []
    for element in root.iter():
        kind = _local(element.tag)
        if kind not in {"PackageReference", "PackageVersion", "GlobalPackageReference"}:
            continue
        name = element.get("Include") or element.get("Update")
        if not name:
            continue
        private = (_value(element, "PrivateAssets") or "").lower() == "all"
        scope = Scope.DEVELOPMENT if private or kind == "GlobalPackageReference" else Scope.RUNTIME
        found.append(_dependency(source, name, _value(element, "Version"), scope))
    return found


def parse_packages_config(source: ManifestSource) -> list[Dependency]:
    root = load_xml(source.text)
    found: list[Dependency] = []
    for element in root.iter():
        if _local(element.tag) != "package" or not element.get("id"):
            continue
        dev = (element.get("developmentDependency") or "").lower() == "true"
        found.append(
            _dependency(
                source,
                str(element.get("id")),
                element.get("version"),
                Scope.DEVELOPMENT if dev else Scope.RUNTIME,
            )
        )
    return found

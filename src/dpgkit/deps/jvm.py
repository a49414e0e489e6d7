"""Java and Kotlin: Maven pom.xml, Gradle build scripts and version catalogs.

Gradle build scripts are programs (Groovy or Kotlin). No Python library reads them
without running Gradle, and we never run project code, so they are read with a small
tokenizer that knows only comments and string literals, then declarations are matched
token by token: `implementation "g:a:v"`, `api("g:a:v")`, `testImplementation group: 'g',
name: 'a', version: 'v'`. Anything built at run time (string concatenation, variables)
is recorded as written, with no version.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl
from dpgkit.parsing import ParseError, load_toml, load_xml

_MAVEN_SCOPES = {
    "test": Scope.DEVELOPMENT,
    "provided": Scope.RUNTIME,
    "runtime": Scope.RUNTIME,
    "compile": Scope.RUNTIME,
    "system": Scope.RUNTIME,
    "import": Scope.RUNTIME,
}
_PROPERTY = re.compile(r"\$\{([^}]{1,200})\}")


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def _child(element: Element, name: str) -> Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _child_text(element: Element, name: str) -> str | None:
    child = _child(element, name)
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


def _children(element: Element | None, name: str) -> list[Element]:
    return [] if element is None else [c for c in element if _local(c.tag) == name]


def _maven(
    source: ManifestSource,
    name: str,
    scope: Scope,
    line: int | None,
    constraint: str | None,
    version: str | None,
) -> Dependency:
    """A Maven coordinate ("group:artifact") as found in a POM, a Gradle script or a catalog."""
    return Dependency(
        ecosystem="maven",
        name=name,
        purl=make_purl("maven", name, version),
        scope=scope,
        path=source.path,
        line=line,
        constraint=constraint,
        version=version,
    )


def parse_pom(source: ManifestSource) -> list[Dependency]:
    root = load_xml(source.text)
    if _local(root.tag) != "project":
        raise ParseError("pom.xml has no <project> root")
    properties: dict[str, str] = {}
    props = _child(root, "properties")
    if props is not None:
        for prop in props:
            if prop.text:
                properties[_local(prop.tag)] = prop.text.strip()
    project_version = _child_text(root, "version")
    if project_version:
        properties.setdefault("project.version", project_version)

    def resolve(value: str | None) -> str | None:
        if value is None:
            return None
        resolved = _PROPERTY.sub(lambda m: properties.get(m.group(1), m.group(0)), value)
        return None if "${" in resolved else resolved

    found: list[Dependency] = []

    def add(element: Element, scope: Scope | None) -> None:
        group = _child_text(element, "groupId") or "org.apache.maven.plugins"
        artifact = _child_text(element, "artifactId")
        if not artifact:
            return
        written = _child_text(element, "version")
        version = resolve(written)
        if scope is None:
            scope = _MAVEN_SCOPES.get(
                (_child_text(element, "scope") or "compile").lower(), Scope.RUNTIME
            )
            if (
                _child_text(element, "optional") or ""
            ).lower() == "true" and scope is Scope.RUNTIME:
                scope = Scope.OPTIONAL
        found.append(
            _maven(
                source,
                f"{group}:{artifact}",
                scope,
                source.line_of(f"<artifactId>{artifact}</artifactId>"),
                written,
                version,
            )
        )

    containers = [root, *_children(_child(root, "profiles"), "profile")]
    for container in containers:
        for dependency in _children(_child(container, "dependencies"), "dependency"):
            add(dependency, None)
        build = _child(container, "build")
        if build is not None:
            for plugin in _children(_child(build, "plugins"), "plugin"):
                add(plugin, Scope.BUILD)
    return found


# --- Gradle -------------------------------------------------------------------------

_CONFIGURATIONS: dict[str, Scope] = {
    "implementation": Scope.RUNTIME,
    "api": Scope.RUNTIME,
    "compile": Scope.RUNTIME,
    "runtimeOnly": Scope.RUNTIME,
    "runtime": Scope.RUNTIME,
    "compileOnly": Scope.BUILD,
    "annotationProcessor": Scope.BUILD,
    "kapt": Scope.BUILD,
    "ksp": Scope.BUILD,
    "classpath": Scope.BUILD,
    "coreLibraryDesugaring": Scope.BUILD,
    "debugImplementation": Scope.DEVELOPMENT,
    "testImplementation": Scope.DEVELOPMENT,
    "testCompile": Scope.DEVELOPMENT,
    "testRuntimeOnly": Scope.DEVELOPMENT,
    "testCompileOnly": Scope.DEVELOPMENT,
    "androidTestImplementation": Scope.DEVELOPMENT,
    "testAnnotationProcessor": Scope.DEVELOPMENT,
    "releaseImplementation": Scope.RUNTIME,
}
_WRAPPERS = {"platform", "enforcedPlatform", "project", "files", "fileTree"}
_COORDINATE = re.compile(r"^([\w.\-]+):([\w.\-]+)(?::([^:@\s]+))?(?:[:@][\w.\-]+)?$")
_IDENT = re.compile(r"[A-Za-z_][\w]*")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "ident", "string", "punct"
    value: str
    line: int
    interpolated: bool = False


def tokenize(text: str) -> Iterator[Token]:
    """Identifiers, string literals and punctuation; comments dropped. Linear time."""
    index, line, size = 0, 1, len(text)
    while index < size:
        char = text[index]
        if char == "\n":
            line += 1
            index += 1
        elif char in " \t\r":
            index += 1
        elif text.startswith("//", index):
            end = text.find("\n", index)
            index = size if end == -1 else end
        elif text.startswith("/*", index):
            end = text.find("*/", index + 2)
            end = size if end == -1 else end + 2
            line += text.count("\n", index, end)
            index = end
        elif char in "\"'":
            quote = text[index : index + 3] if text.startswith(char * 3, index) else char
            start = index + len(quote)
            cursor = start
            while cursor < size:
                if text[cursor] == "\\" and len(quote) == 1:
                    cursor += 2
                    continue
                if text.startswith(quote, cursor) or (len(quote) == 1 and text[cursor] == "\n"):
                    break
                cursor += 1
            value = text[start:cursor]
            yield Token("string", value, line, interpolated="$" in value and char == '"')
            line += value.count("\n")
            index = cursor + (len(quote) if text.startswith(quote, cursor) else 0)
        else:
            ident = _IDENT.match(text, index)
            if ident:
                yield Token("ident", ident.group(0), line)
                index = ident.end()
            else:
                yield Token("punct", char, line)
                index += 1


def _named_arguments(tokens: list[Token], start: int) -> tuple[dict[str, str], int]:
    """`group: 'g', name: 'a', version: 'v'` (Groovy map notation) from tokens[start:]."""
    values: dict[str, str] = {}
    index = start
    while index + 2 < len(tokens):
        key, colon, value = tokens[index], tokens[index + 1], tokens[index + 2]
        if key.kind != "ident" or colon.value not in {":", "="} or value.kind != "string":
            break
        values[key.value] = value.value
        index += 3
        if index < len(tokens) and tokens[index].value == ",":
            index += 1
    return values, index


def parse_gradle(source: ManifestSource) -> list[Dependency]:
    tokens = list(tokenize(source.text))
    found: list[Dependency] = []
    for index, token in enumerate(tokens):
        if token.kind != "ident" or token.value not in _CONFIGURATIONS:
            continue
        if index and tokens[index - 1].value == ".":
            continue  # configurations.implementation, not a declaration
        scope = _CONFIGURATIONS[token.value]
        cursor = index + 1
        # Skip "(" and wrappers such as platform( ... ).
        while cursor < len(tokens) and (
            tokens[cursor].value == "("
            or (tokens[cursor].kind == "ident" and tokens[cursor].value in _WRAPPERS)
        ):
            if tokens[cursor].value in {"project", "files", "fileTree"}:
                cursor = len(tokens)  # a local module or file, not a package
                break
            cursor += 1
        if cursor >= len(tokens):
            continue
        target = tokens[cursor]
        if target.kind == "string":
            match = _COORDINATE.match(target.value.strip())
            if not match:
                continue
            group, artifact, version = match.groups()
            written = version
        elif target.kind == "ident":
            named, _ = _named_arguments(tokens, cursor)
            if "name" not in named:
                continue
            group, artifact = named.get("group", ""), named["name"]
            written = version = named.get("version")
        else:
            continue
        if not group or not artifact:
            continue
        if version and ("$" in version or "+" in version or "[" in version):
            version = None
        found.append(_maven(source, f"{group}:{artifact}", scope, target.line, written, version))
    return found


def parse_version_catalog(source: ManifestSource) -> list[Dependency]:
    """gradle/libs.versions.toml: the [libraries] a Gradle build may use."""
    data = load_toml(source.text)
    versions = data.get("versions") if isinstance(data.get("versions"), dict) else {}
    libraries = data.get("libraries")
    found: list[Dependency] = []
    if not isinstance(libraries, dict):
        return found
    for alias, spec in libraries.items():
        group = artifact = version = None
        if isinstance(spec, str):
            match = _COORDINATE.match(spec)
            if match:
                group, artifact, version = match.groups()
        elif isinstance(spec, dict):
            module = spec.get("module")
            if isinstance(module, str) and ":" in module:
                group, artifact = module.split(":", 1)
            else:
                group, artifact = spec.get("group"), spec.get("name")
            ref = spec.get("version")
            if isinstance(ref, str):
                version = ref
            elif isinstance(ref, dict) and isinstance(versions, dict):
                named = versions.get(str(ref.get("ref")))
                version = named if isinstance(named, str) else None
        if not isinstance(group, str) or not isinstance(artifact, str):
            continue
        scope = (
            Scope.DEVELOPMENT if re.search(r"test|junit|mock", str(alias), re.I) else Scope.RUNTIME
        )
        line = source.line_of(f"{alias} ", f"{alias}=")
        found.append(_maven(source, f"{group}:{artifact}", scope, line, version, version))
    return found

"""Container images: Dockerfile/Containerfile `FROM` lines and compose files' `image:` keys."""

from __future__ import annotations

import re

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl
from dpgkit.parsing import ParseError, load_yaml

_FROM = re.compile(r"^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?", re.IGNORECASE)
_ARG = re.compile(r"^\s*ARG\s+(\w+)=(\S+)", re.IGNORECASE)


def split_image(reference: str) -> tuple[str, str | None, str | None]:
    """(repository without registry, tag or digest, registry) of an image reference."""
    digest = None
    if "@" in reference:
        reference, digest = reference.split("@", 1)
    tag = None
    last = reference.rsplit("/", 1)[-1]
    if ":" in last:
        reference, tag = reference.rsplit(":", 1)
    parts = reference.split("/")
    registry = None
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        registry = parts.pop(0)
    return "/".join(parts), digest or tag, registry


def image_dependency(source: ManifestSource, reference: str, line: int | None) -> Dependency:
    repository, version, registry = split_image(reference)
    full = f"{registry}/{repository}" if registry else repository
    variable = "$" in reference
    return Dependency(
        ecosystem="docker",
        name=full,
        purl=make_purl(
            "docker",
            repository,
            None if variable else version,
            repository_url=registry or "",
        ),
        scope=Scope.RUNTIME,
        path=source.path,
        line=line,
        constraint=version,
        version=None if variable else version,
    )


def parse_dockerfile(source: ManifestSource) -> list[Dependency]:
    found: list[Dependency] = []
    stages: set[str] = set()
    arguments: dict[str, str] = {}
    saw_from = False
    for number, line in enumerate(source.text.splitlines(), start=1):
        argument = _ARG.match(line)
        if argument and not saw_from:
            arguments[argument.group(1)] = argument.group(2).strip("\"'")
            continue
        match = _FROM.match(line)
        if not match:
            continue
        saw_from = True
        reference, alias = match.group(1), match.group(2)
        if alias:
            stages.add(alias.lower())
        # Defaults of global ARGs stand in for ${VAR}: what an unconfigured build uses.
        reference = re.sub(
            r"\$\{?(\w+)\}?", lambda m: arguments.get(m.group(1), m.group(0)), reference
        )
        if reference.lower() == "scratch" or reference.lower() in stages - {(alias or "").lower()}:
            continue
        found.append(image_dependency(source, reference, number))
    if not saw_from:
        raise ParseError("no FROM instruction: the base image is unknown")
    return found


def parse_compose(source: ManifestSource) -> list[Dependency]:
    data = load_yaml(source.text)
    if not isinstance(data, dict):
        raise ParseError("compose file is not a mapping")
    services = data.get("services")
    if services is None and "version" not in data:
        services = data  # compose v1: services at the top level
    found: list[Dependency] = []
    if not isinstance(services, dict):
        return found
    for body in services.values():
        if isinstance(body, dict) and isinstance(body.get("image"), str):
            image = body["image"]
            line = source.line_of(f"image: {image}", image)
            dep = image_dependency(source, image, line)
            found.append(dep)
    return found

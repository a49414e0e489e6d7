"""What a dependency is, and the report of every dependency of a checkout.

Each dependency is named by a package URL (https://github.com/package-url/purl-spec) so
that other probes, the nomination and an SBOM speak of the same thing across ecosystems.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from packageurl import PackageURL


class Scope(StrEnum):
    """Why the project needs a dependency; only ``runtime`` ones ship with the product."""

    RUNTIME = "runtime"
    OPTIONAL = "optional"  # an extra, a peer or an optional dependency: the product runs without it
    DEVELOPMENT = "development"  # tests, linters, documentation, local tooling
    BUILD = "build"  # needed to build, not to run (build-system requires, build plugins)


@dataclass(frozen=True, slots=True)
class Dependency:
    ecosystem: str  # the package URL type: pypi, npm, maven, golang, cargo, docker ...
    name: str  # as the ecosystem writes it: "@angular/core", "com.google:guava", "django"
    purl: str  # the package URL, with the exact version when one is pinned
    scope: Scope
    path: str  # the manifest that declares it
    line: int | None = None
    constraint: str | None = None  # the version requirement as written (">=5.2", "^2.1")
    version: str | None = None  # the exact version, when pinned or locked
    direct: bool = True  # False for entries only found in a lock file

    @property
    def runtime(self) -> bool:
        return self.scope is Scope.RUNTIME


@dataclass(frozen=True, slots=True)
class ManifestProblem:
    """A manifest that could not be read in full; the message is one line."""

    path: str
    message: str


@dataclass
class DependencyReport:
    dependencies: list[Dependency] = field(default_factory=list)
    manifests: list[str] = field(default_factory=list)  # paths read successfully
    problems: list[ManifestProblem] = field(default_factory=list)

    def direct(self) -> list[Dependency]:
        return [dep for dep in self.dependencies if dep.direct]

    def runtime(self) -> list[Dependency]:
        return [dep for dep in self.dependencies if dep.direct and dep.scope is Scope.RUNTIME]

    def development(self) -> list[Dependency]:
        return [dep for dep in self.dependencies if dep.direct and dep.scope is Scope.DEVELOPMENT]

    def ecosystems(self) -> dict[str, int]:
        """Direct dependencies per ecosystem, most first."""
        return dict(Counter(dep.ecosystem for dep in self.direct()).most_common())

    def named(self, ecosystem: str, name: str) -> list[Dependency]:
        """Every entry for a package, direct declarations first, then lock-file entries."""
        key = normalise_name(ecosystem, name)
        found = [
            dep
            for dep in self.dependencies
            if dep.ecosystem == ecosystem and normalise_name(ecosystem, dep.name) == key
        ]
        return sorted(found, key=lambda dep: not dep.direct)

    def locked_version(self, dependency: Dependency) -> str | None:
        """The exact version of a dependency: pinned in its manifest, else from a lock file."""
        if dependency.version:
            return dependency.version
        for other in self.named(dependency.ecosystem, dependency.name):
            if other.version:
                return other.version
        return None

    def has_lock_file(self) -> bool:
        return any(not dep.direct for dep in self.dependencies)


# Memoised: a name is normalised for every catalog it is compared with.
@lru_cache(maxsize=65_536)
def normalise_name(ecosystem: str, name: str) -> str:
    """Names compared the way each ecosystem compares them (PEP 503 for Python)."""
    if ecosystem == "pypi":
        return re.sub(r"[-_.]+", "-", name).lower()
    if ecosystem in {"npm", "golang", "cargo", "maven", "composer", "gem", "hex", "pub", "cran"}:
        return name if ecosystem in {"golang", "cran"} else name.lower()
    return name.lower()


def make_purl(ecosystem: str, name: str, version: str | None = None, **qualifiers: str) -> str:
    """A package URL for ``name`` in ``ecosystem``; namespace split as the purl spec says."""
    namespace: str | None = None
    short = name
    if ecosystem == "npm" and name.startswith("@") and "/" in name:
        namespace, short = name.split("/", 1)
    elif ecosystem == "maven" and ":" in name:
        namespace, short = name.split(":", 1)
    elif ecosystem in {"golang", "composer", "docker", "github"} and "/" in name:
        namespace, short = name.rsplit("/", 1)
    try:
        purl = PackageURL(
            type=ecosystem,
            namespace=namespace,
            name=short,
            version=version or None,
            qualifiers={key: value for key, value in qualifiers.items() if value} or None,
        )
    except ValueError:
        # A name the purl spec refuses (empty, odd characters): keep the text, say what it is.
        return f"pkg:{ecosystem}/{short}"
    return str(purl.to_string())


@dataclass
class ManifestSource:
    """One manifest handed to a parser: its text, and a way to read its includes."""

    path: str
    text: str
    # Reads another file of the checkout by its path (requirements -r includes); None if absent.
    read: Callable[[str], str | None] = field(default=lambda _path: None)

    def line_of(self, *needles: str, start: int = 0) -> int | None:
        """1-based line of the first needle found in the text (structured parsers lose lines)."""
        for needle in needles:
            if not needle:
                continue
            index = self.text.find(needle, start)
            if index != -1:
                lead = len(needle) - len(needle.lstrip("\n"))  # "\nname =" anchors a line start
                return self.text.count("\n", 0, index + lead) + 1
        return None


def first_major(constraint: str | None) -> int | None:
    """The first major version number a constraint names ("^2.3" -> 2, ">=1.13 <3" -> 1).

    Hand-written because version ranges differ per ecosystem (npm, PEP 440, Maven); we
    only need the lowest major a project asks for, e.g. to tell Mapbox GL JS 1.x (open)
    from 2.x (proprietary).
    """
    if not constraint:
        return None
    match = re.search(r"(?<![\w.])v?(\d{1,6})(?:\.|\b)", constraint)
    return int(match.group(1)) if match else None


def dedupe(dependencies: Iterable[Dependency]) -> list[Dependency]:
    seen: set[tuple[str, str, str, str, bool]] = set()
    unique = []
    for dep in dependencies:
        key = (
            dep.ecosystem,
            normalise_name(dep.ecosystem, dep.name),
            dep.path,
            dep.scope,
            dep.direct,
        )
        if key not in seen:
            seen.add(key)
            unique.append(dep)
    return unique

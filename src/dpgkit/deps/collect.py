"""Find every manifest of a checkout and hand it to its ecosystem's parser.

A manifest that cannot be read in full (malformed, hostile, too large) becomes a
ManifestProblem with a one-line message: the rest of the inventory still stands.
"""

from __future__ import annotations

import fnmatch
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from dpgkit.deps import (
    dart,
    docker,
    dotnet,
    elixir,
    go,
    javascript,
    jvm,
    php,
    python,
    r,
    ruby,
    rust,
)
from dpgkit.deps.model import Dependency, DependencyReport, ManifestProblem, ManifestSource, dedupe
from dpgkit.parsing import ParseError

if TYPE_CHECKING:
    from dpgkit.analysis.context import ProbeContext
    from dpgkit.inventory import FileEntry, Inventory

log = logging.getLogger(__name__)

Parser = Callable[[ManifestSource], list[Dependency]]


@dataclass(frozen=True, slots=True)
class ManifestKind:
    ecosystem: str  # a human name, for reports
    patterns: tuple[str, ...]  # fnmatch patterns on the file name (case-sensitive)
    parser: Parser
    lock: bool = False  # lock files are generated: read even though not "own"


MANIFEST_KINDS: tuple[ManifestKind, ...] = (
    ManifestKind(
        "Python",
        ("requirements*.txt", "requirements*.in", "*-requirements.txt", "*_requirements.txt"),
        python.parse_requirements,
    ),
    ManifestKind("Python", ("pyproject.toml",), python.parse_pyproject),
    ManifestKind("Python", ("Pipfile",), python.parse_pipfile),
    ManifestKind("Python", ("setup.cfg",), python.parse_setup_cfg),
    ManifestKind("JavaScript", ("package.json",), javascript.parse_package_json),
    ManifestKind("JavaScript", ("package-lock.json",), javascript.parse_package_lock, lock=True),
    ManifestKind("JavaScript", ("yarn.lock",), javascript.parse_yarn_lock, lock=True),
    ManifestKind("JavaScript", ("pnpm-lock.yaml",), javascript.parse_pnpm_lock, lock=True),
    ManifestKind("Java", ("pom.xml",), jvm.parse_pom),
    ManifestKind("Java/Kotlin", ("build.gradle", "build.gradle.kts"), jvm.parse_gradle),
    ManifestKind("Java/Kotlin", ("libs.versions.toml",), jvm.parse_version_catalog),
    ManifestKind("Go", ("go.mod",), go.parse_go_mod),
    ManifestKind("Rust", ("Cargo.toml",), rust.parse_cargo_toml),
    ManifestKind("PHP", ("composer.json",), php.parse_composer_json),
    ManifestKind("Ruby", ("Gemfile", "gems.rb"), ruby.parse_gemfile),
    ManifestKind("Ruby", ("*.gemspec",), ruby.parse_gemspec),
    ManifestKind("Elixir", ("mix.exs",), elixir.parse_mix_exs),
    ManifestKind(
        ".NET",
        ("*.csproj", "*.fsproj", "*.vbproj", "Directory.Packages.props"),
        dotnet.parse_project_file,
    ),
    ManifestKind(".NET", ("packages.config",), dotnet.parse_packages_config),
    ManifestKind("R", ("DESCRIPTION",), r.parse_description),
    ManifestKind("Dart", ("pubspec.yaml",), dart.parse_pubspec),
    ManifestKind(
        "Docker",
        ("Dockerfile", "Containerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile"),
        docker.parse_dockerfile,
    ),
    ManifestKind(
        "Docker",
        (
            "docker-compose*.yml",
            "docker-compose*.yaml",
            "compose.yml",
            "compose.yaml",
            "compose.*.yml",
            "compose.*.yaml",
        ),
        docker.parse_compose,
    ),
)
# A manifest bigger than this is not parsed: the inventory reads at most its first
# megabytes, and a truncated JSON or XML document cannot be parsed honestly anyway.
MAX_MANIFEST_BYTES = 2 * 1024 * 1024
MAX_MANIFESTS = 2000


_REQUIREMENTS_FOLDER = ManifestKind("Python", (), python.parse_requirements)


@cache
def _kind_names() -> re.Pattern[str]:
    """Every kind's name patterns as one expression, a group per kind in MANIFEST_KINDS'
    order: the first kind whose pattern matches the whole name wins, as a loop would."""
    return re.compile(
        "|".join(
            f"(?P<k{index}>{'|'.join(fnmatch.translate(p) for p in kind.patterns)})"
            for index, kind in enumerate(MANIFEST_KINDS)
        )
    )


def kind_of(entry: FileEntry) -> ManifestKind | None:
    folder = entry.parent.rsplit("/", 1)[-1]
    if folder.startswith("requirements") and entry.suffix in {".txt", ".in"}:
        return _REQUIREMENTS_FOLDER  # requirements/base.txt, requirements/dev.txt ...
    match = _kind_names().match(entry.name)
    return MANIFEST_KINDS[int(match.lastgroup[1:])] if match and match.lastgroup else None


def manifests(inventory: Inventory) -> list[tuple[FileEntry, ManifestKind]]:
    """Every manifest of the project itself (vendored trees skipped; lock files kept)."""
    found = []
    for entry in inventory.files:
        if entry.vendored:
            continue
        kind = kind_of(entry)
        if kind is None or (not entry.own and not kind.lock):
            continue
        found.append((entry, kind))
    return found


def collect_dependencies(inventory: Inventory) -> DependencyReport:
    report = DependencyReport()
    found: list[Dependency] = []

    def read(path: str) -> str | None:
        entry = inventory.get(path)
        if entry is None or entry.size > MAX_MANIFEST_BYTES:
            return None
        return inventory.text(entry)

    candidates = manifests(inventory)
    if len(candidates) > MAX_MANIFESTS:
        report.problems.append(
            ManifestProblem(
                "", f"{len(candidates)} manifests found; only the first {MAX_MANIFESTS} were read"
            )
        )
        candidates = candidates[:MAX_MANIFESTS]
    for entry, kind in candidates:
        if entry.size > MAX_MANIFEST_BYTES:
            report.problems.append(
                ManifestProblem(
                    entry.path,
                    f"{entry.size / 1_048_576:.0f} MB, larger than the {MAX_MANIFEST_BYTES // 1_048_576} MB "
                    "read for a manifest: skipped",
                )
            )
            continue
        text = inventory.text(entry)
        if text is None:
            report.problems.append(ManifestProblem(entry.path, "binary or unreadable: skipped"))
            continue
        try:
            found += kind.parser(ManifestSource(entry.path, text, read))
        except ParseError as error:
            report.problems.append(ManifestProblem(entry.path, f"not valid: {error}"))
            continue
        except (ValueError, TypeError, KeyError, IndexError, RecursionError) as error:
            # A parser bug on odd input must cost one manifest, not the whole inventory.
            log.debug("parser for %s failed", entry.path, exc_info=True)
            report.problems.append(
                ManifestProblem(entry.path, f"could not be read ({type(error).__name__})")
            )
            continue
        report.manifests.append(entry.path)
    report.dependencies = dedupe(found)
    return report


def dependency_report(ctx: ProbeContext) -> DependencyReport:
    """The shared analysis: ``ctx.derive(dependency_report)`` computes it once per assessment."""
    return collect_dependencies(ctx.inventory)

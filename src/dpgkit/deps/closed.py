"""Closed components in a checkout, and the evidence that open alternatives can replace them.

The catalog is data (``dpgkit/data/closed_components.yaml``); this module matches it
against the dependency inventory, the project's code and configuration, its file names
and its documentation.
"""

from __future__ import annotations

import fnmatch
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from dpgkit.deps.collect import dependency_report
from dpgkit.deps.model import Dependency, DependencyReport, Scope, first_major, normalise_name
from dpgkit.deps.sources import (
    SHARED_ANCHORS,
    AnchorIndex,
    Detector,
    code_and_config,
    code_files,
    is_code_or_config,
    search_files,
)
from dpgkit.evidence.mentions import first_use
from dpgkit.inventory import FileEntry
from dpgkit.inventory.classify import DOC_SUFFIXES
from dpgkit.model import Location
from dpgkit.parsing import load_data_yaml
from dpgkit.scan import Scanned, Scanner, register

if TYPE_CHECKING:
    from dpgkit.analysis.context import ProbeContext
    from dpgkit.inventory import Inventory


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    alternatives: tuple[str, ...]
    alternative_packages: dict[str, tuple[str, ...]]
    switches: tuple[str, ...]
    auxiliary: bool = False  # observes or styles the product; the code runs without it


@dataclass(frozen=True)
class Component:
    id: str
    name: str
    vendor: str
    category: str
    packages: dict[str, tuple[str, ...]]
    code: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    min_major: int | None = None
    platform: bool = False


@dataclass(frozen=True)
class Catalog:
    version: str
    categories: dict[str, Category]
    components: tuple[Component, ...]


def _patterns(raw: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        return {}
    return {str(kind): tuple(str(name) for name in names or ()) for kind, names in raw.items()}


@cache
def load_catalog() -> Catalog:
    text = (resources.files("dpgkit.data") / "closed_components.yaml").read_text(encoding="utf-8")
    data = load_data_yaml(text)
    categories = {
        key: Category(
            id=key,
            title=body["title"],
            alternatives=tuple(body.get("alternatives") or ()),
            alternative_packages=_patterns(body.get("alternative_packages")),
            switches=tuple(body.get("switches") or ()),
            auxiliary=bool(body.get("auxiliary", False)),
        )
        for key, body in data["categories"].items()
    }
    components = tuple(
        Component(
            id=body["id"],
            name=body["name"],
            vendor=str(body.get("vendor", "")),
            category=body["category"],
            packages=_patterns(body.get("packages")),
            code=tuple(body.get("code") or ()),
            files=tuple(body.get("files") or ()),
            min_major=body.get("min_major"),
            platform=bool(body.get("platform", False)),
        )
        for body in data["components"]
    )
    return Catalog(version=str(data["version"]), categories=categories, components=components)


_GLOB_CHARACTERS = frozenset("*?[")


@lru_cache(maxsize=4096)
def _names_matcher(ecosystem: str, patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """fnmatchcase against each normalised pattern, built once (the catalogs' lists are
    matched against every dependency of a lock file: thousands). Most patterns are plain
    names, which fnmatchcase matches only by equality: they are a set, and only the
    patterns with glob characters become an expression (compiling one per list costs more
    than all the lookups of a run)."""
    names = [normalise_name(ecosystem, pattern) for pattern in patterns]
    plain = frozenset(name for name in names if _GLOB_CHARACTERS.isdisjoint(name))
    globs = [name for name in names if name not in plain]
    if not globs:
        return plain.__contains__
    expression = re.compile("|".join(fnmatch.translate(name) for name in globs)).match
    return lambda name: name in plain or expression(name) is not None


def package_matches(patterns: dict[str, tuple[str, ...]], dep: Dependency) -> bool:
    names = patterns.get(dep.ecosystem)
    if not names:
        return False
    name = normalise_name(dep.ecosystem, dep.name)
    return _names_matcher(dep.ecosystem, tuple(names))(name)


@dataclass
class FoundComponent:
    component: Component
    dependencies: list[Dependency] = field(default_factory=list)
    code: list[Location] = field(default_factory=list)
    code_files: set[str] = field(default_factory=set)
    files: list[Location] = field(default_factory=list)
    # Evidence an open alternative can replace it: all of it, and the notes that say which.
    alternatives: list[Location] = field(default_factory=list)
    alternative_notes: list[str] = field(default_factory=list)
    # Of that evidence, what is wired into the code (an open package beside it, a provider
    # setting) rather than only named in the documentation.
    wired: list[str] = field(default_factory=list)
    # Whether the product cannot run without it: True (proven), False (proven not), None
    # (unclear: a question for the owner), with the reason. Set by ``judge_mandatory``.
    mandatory: bool | None = None
    mandatory_reason: str = ""

    @property
    def scopes(self) -> set[Scope]:
        return {dep.scope for dep in self.dependencies}

    @property
    def shipped(self) -> bool:
        """Shipped with the product: a runtime dependency, or used by its own (non-test) code."""
        return Scope.RUNTIME in self.scopes or bool(self.code) or bool(self.files)

    @property
    def optional_only(self) -> bool:
        return not self.shipped and Scope.OPTIONAL in self.scopes

    @property
    def locations(self) -> list[Location]:
        deps = [
            Location(path=d.path, line=d.line, excerpt=f"{d.name} {d.constraint or ''}".strip())
            for d in self.dependencies
        ]
        return deps + self.code + self.files


@dataclass
class ClosedReport:
    catalog_version: str
    found: list[FoundComponent]
    source_files: int  # own program files, to judge how much of the code a component touches

    def shipped(self) -> list[FoundComponent]:
        return [item for item in self.found if item.shipped]

    def core_threshold(self) -> int:
        return max(3, round(self.source_files * 0.2))

    def core(self) -> list[FoundComponent]:
        """Components the product cannot run without (``mandatory`` proven True)."""
        return [item for item in self.found if item.mandatory is True]

    def unclear(self) -> list[FoundComponent]:
        return [item for item in self.found if item.mandatory is None]

    def replaceable(self) -> list[FoundComponent]:
        """Shipped, and shown not to be mandatory (an open alternative wired in, telemetry)."""
        return [item for item in self.shipped() if item.mandatory is False]

    @property
    def mandatory(self) -> bool | None:
        """Does a closed component restrict the product more than its license? True when one
        is proven mandatory, False when none is found or each is shown replaceable or not
        needed to run, None when the role of one is unclear (the owner is asked)."""
        if self.core():
            return True
        if self.unclear():
            return None
        return False


def _product_dependency(inventory: Inventory, dep: Dependency) -> bool:
    """Declared by the product, not by a sample, a demo or a test fixture beside it."""
    entry = inventory.get(dep.path)
    return entry is None or not (entry.example or entry.test)


def _match_dependencies(
    catalog: Catalog, inventory: Inventory, deps: DependencyReport
) -> dict[str, FoundComponent]:
    found: dict[str, FoundComponent] = {}
    for dep in deps.direct():
        if not _product_dependency(inventory, dep):
            continue
        for component in catalog.components:
            if not package_matches(component.packages, dep):
                continue
            if component.min_major is not None:
                major = first_major(deps.locked_version(dep) or dep.constraint)
                if major is None or major < component.min_major:
                    break  # an open release line (Mapbox GL JS 1.x): not closed
            found.setdefault(component.id, FoundComponent(component)).dependencies.append(dep)
            break  # each dependency belongs to its most specific component (listed first)
    return found


Uses = tuple[tuple[int, str], ...]  # (line number, line)


@dataclass(frozen=True, slots=True)
class FileUses:
    """One code file's uses of closed components and of providers' switches."""

    components: tuple[tuple[str, Uses], ...]  # component id -> its first two uses
    switches: tuple[tuple[str, Uses], ...]  # category id -> the first switch


@cache
def _code_detectors() -> tuple[dict[str, Detector], AnchorIndex, dict[str, Detector], AnchorIndex]:
    catalog = load_catalog()
    components = {c.id: Detector(c.code) for c in catalog.components if c.code}
    switches = {key: Detector(c.switches) for key, c in catalog.categories.items() if c.switches}
    return components, AnchorIndex(components), switches, AnchorIndex(switches)


def _scan_code(entry: FileEntry, text: str) -> FileUses | None:
    """Run in the pass over the files (dpgkit.scan), possibly in a worker process."""
    if not text:
        return None
    components, index, switches, switch_index = _code_detectors()
    # One search of the text for the anchors of every code scanner (SharedAnchors).
    candidates = SHARED_ANCHORS.candidates(_COMPONENTS, text)
    switch_candidates = SHARED_ANCHORS.candidates(_SWITCHES, text)
    if not candidates and not switch_candidates:
        return None
    # Lower-cased only if a detector's regex matches the text (fastregex.lowered).
    used = index.uses(components, text, 2, None, candidates)
    switched = switch_index.uses(switches, text, 1, None, switch_candidates)
    if not used and not switched:
        return None
    return FileUses(
        tuple((key, tuple(hits)) for key, hits in used),
        tuple((key, tuple(hits)) for key, hits in switched),
    )


def _prepare_code() -> None:
    _code_detectors()
    SHARED_ANCHORS.prepare()  # every family's detectors, this module's among them


_COMPONENTS, _SWITCHES = "closed components", "provider switches"
SHARED_ANCHORS.family(_COMPONENTS, lambda: _code_detectors()[0])
SHARED_ANCHORS.family(_SWITCHES, lambda: _code_detectors()[2])
CLOSED_CODE: Scanner[FileUses] = register(
    Scanner(
        "closed components",
        wants=is_code_or_config,
        scan=_scan_code,
        prepare=_prepare_code,
    )
)


def _match_code(
    catalog: Catalog,
    inventory: Inventory,
    found: dict[str, FoundComponent],
    scanned: Scanned[FileUses],
) -> None:
    by_id = {c.id: c for c in catalog.components}
    detectors = _code_detectors()[0]
    by_path = scanned.by_path()
    for entry in code_and_config(inventory):
        uses = by_path.get(entry.path)
        for component_id, found_hits in uses.components if uses else ():
            detector = detectors.get(component_id)
            # A comment names a component without using it ("# FIREBASE_KEY is gone").
            hits = [
                (n, line)
                for n, line in found_hits
                if detector is None
                or detector.regex is None
                or first_use(line, detector.regex) is not None
            ]
            if not hits:
                continue
            item = found.setdefault(component_id, FoundComponent(by_id[component_id]))
            item.code_files.add(entry.path)
            if len(item.code) < 8:
                item.code += [
                    Location(path=entry.path, line=n, excerpt=line.strip()[:160])
                    for n, line in hits
                ]


def _match_files(catalog: Catalog, inventory: Inventory, found: dict[str, FoundComponent]) -> None:
    for component in catalog.components:
        if not component.files:
            continue
        # One expression per component: fnmatchcase on each pattern, in one call.
        names = re.compile("|".join(fnmatch.translate(pattern) for pattern in component.files))
        for entry in inventory.own_files():
            if names.match(entry.name):
                item = found.setdefault(component.id, FoundComponent(component))
                if len(item.files) < 8:
                    item.files.append(Location(path=entry.path))


def _documentation(inventory: Inventory) -> list[str]:
    paths = [e.path for e in inventory.named("readme", top_only=True)]
    paths += [e.path for e in inventory.own_files() if e.docs and e.suffix in DOC_SUFFIXES][:200]
    return paths


def _alternatives(
    catalog: Catalog,
    inventory: Inventory,
    deps: DependencyReport,
    found: dict[str, FoundComponent],
    scanned: Scanned[FileUses],
) -> None:
    categories = {item.component.category for item in found.values()}
    scan = code_and_config(inventory)
    by_path = scanned.by_path()
    docs = _documentation(inventory)
    for category_id in categories:
        category = catalog.categories[category_id]
        evidence: list[Location] = []
        notes: list[str] = []
        wired: list[str] = []
        for dep in deps.direct():
            if dep.scope in (Scope.RUNTIME, Scope.OPTIONAL) and package_matches(
                category.alternative_packages, dep
            ):
                evidence.append(
                    Location(
                        path=dep.path,
                        line=dep.line,
                        excerpt=f"{dep.name} {dep.constraint or ''}".strip(),
                    )
                )
                notes.append(f"the open package {dep.name} is also a dependency")
                wired.append(notes[-1])
        switch_detectors = _code_detectors()[2]
        if Detector(category.switches).regex is not None:
            detector = switch_detectors.get(category_id)
            for entry in scan:
                uses = by_path.get(entry.path)
                switch = dict(uses.switches).get(category_id) if uses else None
                if not switch:
                    continue
                line_no, line = switch[0]
                regex = detector.regex if detector is not None else None
                if regex is not None and first_use(line, regex) is None:
                    continue  # a commented-out setting selects nothing
                evidence.append(Location(path=entry.path, line=line_no, excerpt=line.strip()[:160]))
                notes.append(f"a provider setting in {entry.path}")
                wired.append(notes[-1])
                if len(evidence) >= 12:
                    break
        names = Detector(re.escape(name.split(" (")[0]) for name in category.alternatives)
        if names.regex is not None:
            for hit in search_files(
                inventory, [e for p in docs if (e := inventory.get(p))], names, per_file=1
            ):
                if first_use(hit.text, names.regex, prose=True) is None:
                    continue  # "we do not support Leaflet" names no alternative
                evidence.append(
                    Location(path=hit.path, line=hit.line, excerpt=hit.text.strip()[:160])
                )
                notes.append(f"the documentation names an open alternative ({hit.path})")
                break
        for item in found.values():
            if item.component.category == category_id:
                item.alternatives = evidence
                item.alternative_notes = list(dict.fromkeys(notes))
                item.wired = list(dict.fromkeys(wired))


def judge_mandatory(report: ClosedReport, catalog: Catalog) -> None:
    """Whether the product can run without each component, and why.

    Mandatory only on proof that the code cannot run without it: a whole platform used
    across a fifth or more of the source files with no open alternative wired in. Not
    mandatory when it is not shipped (development or optional only), when it only observes
    or styles the product (analytics, monitoring, fonts: the code runs without them), or when
    an open alternative is wired in (an open package beside it, a provider setting).
    Everything else is unclear, and the owner is asked with the open alternatives named.
    """
    threshold = report.core_threshold()
    for item in report.found:
        category = catalog.categories[item.component.category]
        if not item.shipped:
            kind = "optional" if item.optional_only else "development"
            item.mandatory, item.mandatory_reason = False, f"a {kind} dependency only"
        elif item.wired:
            item.mandatory = False
            item.mandatory_reason = "an open alternative is wired in: " + "; ".join(item.wired[:3])
        elif category.auxiliary:
            item.mandatory = False
            item.mandatory_reason = f"{category.title} is not needed to run the product"
        elif item.component.platform and len(item.code_files) >= threshold:
            item.mandatory = True
            item.mandatory_reason = (
                f"used in {len(item.code_files)} of {report.source_files} source files, with "
                "no provider setting or open alternative wired in"
            )
        else:
            item.mandatory = None
            where = (
                f"used in {len(item.code_files)} source file(s)"
                if item.code_files
                else "a runtime dependency"
            )
            documented = (
                "; the documentation names an open alternative" if item.alternatives else ""
            )
            item.mandatory_reason = (
                f"{where}, no provider setting or open alternative wired in{documented}: "
                "whether the product runs without it is unclear"
            )


def closed_components(ctx: ProbeContext) -> ClosedReport:
    """The shared analysis: ``ctx.derive(closed_components)``."""
    catalog = load_catalog()
    deps = ctx.derive(dependency_report)
    found = _match_dependencies(catalog, ctx.inventory, deps)
    scanned = ctx.scanned(CLOSED_CODE)
    _match_code(catalog, ctx.inventory, found, scanned)
    _match_files(catalog, ctx.inventory, found)
    _alternatives(catalog, ctx.inventory, deps, found, scanned)
    ordered = sorted(
        found.values(), key=lambda item: [c.id for c in catalog.components].index(item.component.id)
    )
    report = ClosedReport(catalog.version, ordered, len(code_files(ctx.inventory)))
    judge_mandatory(report, catalog)
    return report


def alternatives_of(item: FoundComponent) -> tuple[str, ...]:
    return load_catalog().categories[item.component.category].alternatives


def grouped_by_category(items: list[FoundComponent]) -> dict[str, list[FoundComponent]]:
    groups: dict[str, list[FoundComponent]] = defaultdict(list)
    for item in items:
        groups[item.component.category].append(item)
    return dict(groups)

"""Signals shared by indicators 5 and 6: a web API, a data store, export and import paths.

The patterns are data (``dpgkit/data/data_signals.yaml``); ``ctx.derive(data_signals)``
runs them once per assessment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from dpgkit.deps.closed import package_matches
from dpgkit.deps.collect import dependency_report
from dpgkit.deps.sources import (
    SHARED_ANCHORS,
    Detector,
    first_uses,
    is_code_or_config,
    search_files,
)
from dpgkit.fastregex import lowered
from dpgkit.inventory import FileEntry
from dpgkit.inventory.classify import DATA_EXTENSIONS, DOC_SUFFIXES
from dpgkit.inventory.inventory import excerpt
from dpgkit.model import Location
from dpgkit.parsing import load_data_yaml
from dpgkit.scan import Scanner, register

if TYPE_CHECKING:
    from dpgkit.analysis.context import ProbeContext

_MAX = 8
_DATA_FOLDERS = {
    "data",
    "dataset",
    "datasets",
    "exports",
    "export",
    "dumps",
    "downloads",
    "releases",
}


@dataclass(frozen=True)
class SignalSet:
    packages: dict[str, tuple[str, ...]]
    files: tuple[str, ...] = ()
    code: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()


@dataclass(frozen=True)
class SignalCatalog:
    version: str
    web: SignalSet
    stores: SignalSet
    exporters: SignalSet
    open_formats: frozenset[str]
    proprietary_formats: frozenset[str]


def _set(body: dict[str, Any]) -> SignalSet:
    packages = body.get("packages") or {}
    return SignalSet(
        packages={str(k): tuple(str(n) for n in v or ()) for k, v in packages.items()},
        files=tuple(body.get("files") or ()),
        code=tuple(body.get("code") or ()),
        docs=tuple(body.get("docs") or ()),
    )


@cache
def load_signals() -> SignalCatalog:
    text = (resources.files("dpgkit.data") / "data_signals.yaml").read_text(encoding="utf-8")
    data = load_data_yaml(text)
    return SignalCatalog(
        version=str(data["version"]),
        web=_set(data["web_frameworks"]),
        stores=_set(data["data_stores"]),
        exporters=_set(data["exporters"]),
        open_formats=frozenset(data["formats"]["open"]),
        proprietary_formats=frozenset(data["formats"]["proprietary"]),
    )


@dataclass
class DataSignals:
    web: list[Location] = field(default_factory=list)  # a web framework: the product serves HTTP
    stores: list[Location] = field(
        default_factory=list
    )  # it keeps data (ORM, database, migrations)
    export_packages: list[Location] = field(default_factory=list)
    export_code: list[Location] = field(default_factory=list)
    export_files: list[Location] = field(default_factory=list)
    export_docs: list[Location] = field(default_factory=list)
    open_data: list[Location] = field(default_factory=list)  # data files shipped in open formats
    proprietary_data: list[Location] = field(default_factory=list)

    @property
    def exports(self) -> list[Location]:
        return self.export_code + self.export_files + self.export_docs + self.export_packages


def _package_hits(ctx: ProbeContext, signal: SignalSet) -> list[Location]:
    found = []
    for dep in ctx.derive(dependency_report).direct():
        if dep.scope.value in {"runtime", "optional"} and package_matches(signal.packages, dep):
            found.append(
                Location(
                    path=dep.path,
                    line=dep.line,
                    excerpt=f"{dep.name} {dep.constraint or ''}".strip(),
                )
            )
    return found[:_MAX]


def _regex_hits(ctx: ProbeContext, paths: list[str], patterns: tuple[str, ...]) -> list[Location]:
    detector = Detector(patterns)
    found: list[Location] = []
    entries = [entry for path in paths if (entry := ctx.inventory.get(path)) is not None]
    for hit in search_files(ctx.inventory, entries, detector, per_file=1):
        found.append(Location(path=hit.path, line=hit.line, excerpt=excerpt(hit.text)))
        if len(found) >= _MAX:
            break
    return found


_NOT_CODE = frozenset({".json", ".xml", ".yml", ".yaml"})


def _wants_export_code(entry: FileEntry) -> bool:
    return is_code_or_config(entry) and entry.suffix not in _NOT_CODE


@cache
def _export_detector() -> Detector:
    return Detector(load_signals().exporters.code)


def _scan_export_code(entry: FileEntry, text: str) -> tuple[int, str] | None:
    """The first export feature in one code file (run in the pass over the files)."""
    # No anchor of the detector in the text (one search shared by the code scanners):
    # ``Detector.uses`` finds nothing, unless lower-casing changed the text's length (then
    # it searches the whole text, and so do we).
    if not text or (
        not SHARED_ANCHORS.candidates(_EXPORT, text)
        and (text.isascii() or len(lowered(text)) == len(text))
    ):
        return None
    uses = first_uses(_export_detector(), text, 1)
    return uses[0] if uses else None


_EXPORT = "export code"
SHARED_ANCHORS.family(_EXPORT, lambda: {"export": _export_detector()})


EXPORT_CODE: Scanner[tuple[int, str]] = register(
    Scanner("export code", wants=_wants_export_code, scan=_scan_export_code)
)


def _export_code_hits(ctx: ProbeContext) -> list[Location]:
    found: list[Location] = []
    for entry, (line, text) in ctx.scanned(EXPORT_CODE).hits:
        found.append(Location(path=entry.path, line=line, excerpt=excerpt(text)))
        if len(found) >= _MAX:
            break
    return found


def documentation_paths(ctx: ProbeContext) -> list[str]:
    paths = [entry.path for entry in ctx.inventory.named("readme", top_only=True)]
    paths += [e.path for e in ctx.inventory.own_files() if e.docs and e.suffix in DOC_SUFFIXES][
        :300
    ]
    return paths


def _own_code_matching(ctx: ProbeContext, patterns: Iterable[str]) -> list[FileEntry]:
    """The project's own files outside tests that match gitignore-style patterns."""
    return [entry for entry in ctx.inventory.glob(*patterns) if not entry.test]


def data_signals(ctx: ProbeContext) -> DataSignals:
    """The shared analysis: ``ctx.derive(data_signals)``."""
    catalog = load_signals()
    own = [e for e in ctx.inventory.own_files() if not e.test]
    signals = DataSignals()
    signals.web = _package_hits(ctx, catalog.web)
    signals.stores = _package_hits(ctx, catalog.stores)
    signals.stores += [
        Location(path=e.path) for e in _own_code_matching(ctx, catalog.stores.files)[:3]
    ]
    signals.export_packages = _package_hits(ctx, catalog.exporters)
    signals.export_code = _export_code_hits(ctx)
    signals.export_files = [
        Location(path=e.path) for e in _own_code_matching(ctx, catalog.exporters.files)[:_MAX]
    ]
    signals.export_docs = _regex_hits(ctx, documentation_paths(ctx), catalog.exporters.docs)
    for entry in own:
        if entry.suffix in catalog.proprietary_formats:
            if len(signals.proprietary_data) < _MAX:
                signals.proprietary_data.append(Location(path=entry.path))
        elif (
            entry.suffix in catalog.open_formats
            and (
                entry.suffix in DATA_EXTENSIONS
                or any(part.lower() in _DATA_FOLDERS for part in entry.path.split("/")[:-1])
            )
            and len(signals.open_data) < _MAX
        ):
            signals.open_data.append(Location(path=entry.path))
    return signals


def open_format_names(locations: list[Location]) -> list[str]:
    return sorted({re.sub(r"^.*\.", "", loc.path).upper() for loc in locations})

"""Open standards and best practices, found with the detectors of a data file.

The detectors live in ``dpgkit/data/open_standards.yaml``; ``standards_evidence`` runs them
once per assessment (``ctx.derive``) for indicators 5, 6 and 8.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from dpgkit.analysis.context import ProbeContext
from dpgkit.deps import dependency_report
from dpgkit.deps.closed import package_matches
from dpgkit.deps.sources import (
    CODE_SUFFIXES,
    SHARED_ANCHORS,
    AnchorIndex,
    is_code_or_config,
    required_literals,
)
from dpgkit.deps.sources import (
    Detector as Prefiltered,
)
from dpgkit.evidence.community import community_file
from dpgkit.fastregex import lowered
from dpgkit.inventory import FileEntry
from dpgkit.inventory.classify import DOC_SUFFIXES, LOCK_FILES
from dpgkit.inventory.git import run_git
from dpgkit.inventory.inventory import excerpt
from dpgkit.model import Location
from dpgkit.parsing import load_data_yaml
from dpgkit.scan import Scanner, register
from dpgkit.wording import counted

_MAX_LOCATIONS = 5
_SEMVER = re.compile(r"^v?\d+\.\d+\.\d+(?:[-+][\w.-]+)?$")
_CHANGELOG_VERSION = re.compile(r"^#{1,3}\s*\[?v?\d+\.\d+\.\d+", re.MULTILINE)


@dataclass(frozen=True)
class Detector:
    id: str
    name: str
    category: str
    kind: str  # "standard" or "practice"
    files: tuple[str, ...] = ()
    content: tuple[tuple[tuple[str, ...], str], ...] = ()
    packages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    code: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    special: str | None = None


@dataclass
class Found:
    detector: Detector
    locations: list[Location]
    note: str = ""


@dataclass
class StandardsEvidence:
    catalog_version: str
    standards: list[Found]
    practices: list[Found]
    missing_practices: list[Detector]

    def standard(self, detector_id: str) -> Found | None:
        return next((f for f in self.standards if f.detector.id == detector_id), None)


def _detector(body: dict[str, Any], kind: str) -> Detector:
    detect = body.get("detect") or {}
    packages = detect.get("packages") or {}
    return Detector(
        id=body["id"],
        name=body["name"],
        category=body.get("category", ""),
        kind=kind,
        files=tuple(detect.get("files") or ()),
        content=tuple(
            (tuple(item["files"]), item["pattern"]) for item in detect.get("content") or ()
        ),
        packages={str(k): tuple(str(n) for n in v or ()) for k, v in packages.items()},
        code=tuple(detect.get("code") or ()),
        docs=tuple(detect.get("docs") or ()),
        languages=tuple(detect.get("languages") or ()),
        special=detect.get("special"),
    )


@cache
def load_detectors() -> tuple[str, tuple[Detector, ...], tuple[Detector, ...]]:
    text = (resources.files("dpgkit.data") / "open_standards.yaml").read_text(encoding="utf-8")
    data = load_data_yaml(text)
    standards = tuple(_detector(body, "standard") for body in data["standards"])
    practices = tuple(_detector(body, "practice") for body in data["best_practices"])
    return str(data["version"]), standards, practices


def documentation_files(ctx: ProbeContext) -> list[str]:
    paths = [entry.path for entry in ctx.inventory.named("readme", top_only=True)]
    paths += [
        entry.path
        for entry in ctx.inventory.own_files()
        if entry.docs and entry.suffix in DOC_SUFFIXES
    ][:300]
    return paths


# --- detectors written in code ------------------------------------------------------


def _release_tags(ctx: ProbeContext) -> list[str]:
    git = ctx.inventory.git
    if git is None:
        return []
    output = run_git(git.toplevel, "tag", "--list")
    if not output:
        return []
    return output.decode("utf-8", errors="replace").split()


def _special_release_tags(ctx: ProbeContext) -> tuple[list[Location], str]:
    tags = _release_tags(ctx)
    if not tags:
        return [], ""
    return [Location(path=".git", excerpt=f"tags: {', '.join(tags[-5:])}")], counted(
        len(tags), "release tag"
    )


def _special_semver(ctx: ProbeContext) -> tuple[list[Location], str]:
    tags = [tag for tag in _release_tags(ctx) if _SEMVER.match(tag)]
    if tags:
        return [Location(path=".git", excerpt=f"tags: {', '.join(tags[-5:])}")], counted(
            len(tags), "semantic version tag"
        )
    for entry in ctx.inventory.glob("/CHANGELOG*", "/CHANGES*", "/HISTORY*"):
        hits = ctx.find(entry, _CHANGELOG_VERSION, limit=2)
        if hits:
            return hits, f"{entry.path} lists x.y.z versions"
    return [], ""


def _special_test_share(ctx: ProbeContext) -> tuple[list[Location], str]:
    code = [
        e
        for e in ctx.inventory.own_files()
        if e.suffix in CODE_SUFFIXES and e.suffix not in {".html", ".htm"}
    ]
    tests = [e for e in code if e.test]
    if not tests:
        return [], ""
    share = sum(e.size for e in tests) / (sum(e.size for e in code) or 1)
    folders = sorted({e.parent or e.path for e in tests})[:_MAX_LOCATIONS]
    return [
        Location(path=folder) for folder in folders
    ], f"{counted(len(tests), 'test file')}, {share:.0%} of the code"


def _special_lock_files(ctx: ProbeContext) -> tuple[list[Location], str]:
    locks = [e for e in ctx.inventory.files if e.name in LOCK_FILES and not e.vendored]
    return [Location(path=e.path) for e in locks[:_MAX_LOCATIONS]], ", ".join(
        e.name for e in locks[:3]
    )


def _special_community(*stems: str) -> Callable[[ProbeContext], tuple[list[Location], str]]:
    def detect(ctx: ProbeContext) -> tuple[list[Location], str]:
        entry = community_file(ctx, *stems)
        return ([ctx.location(entry, 1)], entry.path) if entry else ([], "")

    return detect


_SPECIAL: dict[str, Callable[[ProbeContext], tuple[list[Location], str]]] = {
    "release_tags": _special_release_tags,
    "semver": _special_semver,
    "test_share": _special_test_share,
    "lock_files": _special_lock_files,
    "security_policy": _special_community("security"),
    "contributing_guide": _special_community("contributing"),
}


# --- the shared analysis ------------------------------------------------------------


@cache
def _code_detectors() -> tuple[dict[str, Prefiltered], AnchorIndex]:
    _version, standards, practices = load_detectors()
    patterns = {d.id: Prefiltered(d.code) for d in (*standards, *practices) if d.code}
    return patterns, AnchorIndex(patterns)


FileDetections = tuple[tuple[str, tuple[tuple[int, str], ...]], ...]


def _scan_code(entry: FileEntry, text: str) -> FileDetections | None:
    """Detectors used in one code file (run in the pass over the files, dpgkit.scan)."""
    if not text:
        return None
    patterns, index = _code_detectors()
    candidates = SHARED_ANCHORS.candidates(_FAMILY, text)  # one search for all code scanners
    if not candidates:
        return None
    found = index.uses(patterns, text, 1, None, candidates)
    return tuple((key, tuple(hits)) for key, hits in found) or None


_FAMILY = "standards in code"
SHARED_ANCHORS.family(_FAMILY, lambda: _code_detectors()[0])
STANDARDS_CODE: Scanner[FileDetections] = register(
    Scanner("standards in code", wants=is_code_or_config, scan=_scan_code)
)


def _code_hits(ctx: ProbeContext) -> dict[str, list[Location]]:
    found: dict[str, list[Location]] = {}
    for entry, detections in ctx.scanned(STANDARDS_CODE).hits:
        for detector_id, hits in detections:
            if len(found.get(detector_id, ())) >= _MAX_LOCATIONS:
                continue
            found.setdefault(detector_id, []).extend(
                Location(path=entry.path, line=n, excerpt=excerpt(line)) for n, line in hits
            )
    return found


def _scan(
    ctx: ProbeContext, detectors: tuple[Detector, ...], attribute: str, paths: list[str]
) -> dict[str, list[Location]]:
    """Run every detector's regexes of one kind (code or docs) over files, in one pass."""
    patterns = {
        d.id: Prefiltered(getattr(d, attribute)) for d in detectors if getattr(d, attribute)
    }
    index = AnchorIndex(patterns)
    found: dict[str, list[Location]] = {}
    for path in paths:
        text = ctx.inventory.text(path)
        entry = ctx.inventory.get(path)
        if not text or entry is None:
            continue
        lower = text.lower()
        for detector_id in sorted(index.candidates(lower)):
            pattern = patterns[detector_id]
            if len(found.get(detector_id, ())) >= _MAX_LOCATIONS:
                continue
            hits = pattern.uses(text, lower, 1)
            if hits:
                found.setdefault(detector_id, []).extend(
                    Location(path=path, line=n, excerpt=excerpt(line)) for n, line in hits
                )
    return found


def _first_file_of(ctx: ProbeContext, languages: tuple[str, ...]) -> list[Location]:
    present = [language for language in languages if language in ctx.facts.languages]
    for entry in ctx.inventory.own_files():
        if entry.language in present:
            return [Location(path=entry.path, excerpt=f"{', '.join(present)} in the project")]
    return []


@cache
def _content_pattern(regex: str) -> tuple[re.Pattern[str], tuple[str, ...] | None]:
    """A content detector's expression, and the words (lower-case) every match of it holds,
    when there are such words."""
    words = required_literals(regex)
    return re.compile(regex, re.MULTILINE), tuple(words) if words is not None else None


def _may_hold(ctx: ProbeContext, entry: FileEntry, words: tuple[str, ...] | None) -> bool:
    """Whether a file can hold a match: one of the words is in it (a multi-line "^" is
    tried at every character of a file, and most candidates hold none of the words)."""
    if words is None:
        return True
    text = ctx.inventory.text(entry)
    if not text:
        return False
    lower = lowered(text)
    return any(word in lower for word in words)


def standards_evidence(ctx: ProbeContext) -> StandardsEvidence:
    """The shared analysis: ``ctx.derive(standards_evidence)``."""
    version, standards, practices = load_detectors()
    everything = standards + practices
    deps = ctx.derive(dependency_report).direct()
    code_hits = _code_hits(ctx)
    doc_hits = _scan(ctx, everything, "docs", documentation_files(ctx))
    results: dict[str, Found] = {}
    for detector in everything:
        locations: list[Location] = []
        note = ""
        if detector.files:
            locations += [
                Location(path=e.path)
                for e in ctx.inventory.glob(*detector.files, limit=_MAX_LOCATIONS)
            ]
        for patterns, regex in detector.content:
            pattern, words = _content_pattern(regex)
            for entry in ctx.inventory.glob(*patterns, limit=200):
                if entry.size <= 1024 * 1024 and _may_hold(ctx, entry, words):
                    locations += ctx.find(entry, pattern, limit=1)
                if len(locations) >= _MAX_LOCATIONS:
                    break
        if detector.packages:
            for dep in deps:
                if package_matches(detector.packages, dep):
                    locations.append(
                        Location(
                            path=dep.path,
                            line=dep.line,
                            excerpt=f"{dep.name} {dep.constraint or ''}".strip(),
                        )
                    )
        locations += code_hits.get(detector.id, [])
        locations += doc_hits.get(detector.id, [])
        if detector.languages:
            locations += _first_file_of(ctx, detector.languages)
        if detector.special:
            special, note = _SPECIAL[detector.special](ctx)
            locations += special
        if locations:
            unique = list({(loc.path, loc.line): loc for loc in locations}.values())
            results[detector.id] = Found(detector, unique[:_MAX_LOCATIONS], note)
    return StandardsEvidence(
        catalog_version=version,
        standards=[results[d.id] for d in standards if d.id in results],
        practices=[results[d.id] for d in practices if d.id in results],
        missing_practices=[d for d in practices if d.id not in results],
    )

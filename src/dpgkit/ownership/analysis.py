"""Who owns the project, from what the checkout documents (indicator 3's analysis).

Candidates come from copyright statements (license files, NOTICE, file headers,
SPDX-FileCopyrightText), AUTHORS / MAINTAINERS / CODEOWNERS / GOVERNANCE files, the authors
and organisations of manifests, publiccode.yml's owners, trademark policies and, only as an
inference, the git remote's organisation. Each source has a weight; candidates are ranked by
the sum, and an owner is "explicit" when a document names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dpgkit.analysis.context import ProbeContext
from dpgkit.evidence.copyright import COPYRIGHT, LICENSE_STEWARD, copyright_lines
from dpgkit.inventory import FileEntry
from dpgkit.inventory.classify import is_served_script, is_third_party_path
from dpgkit.inventory.git import parse_remote
from dpgkit.inventory.manifests import manifest_json, manifest_toml, manifest_xml, manifest_yaml
from dpgkit.licenses.analysis import license_analysis
from dpgkit.model import Location
from dpgkit.parsing import ParseError

# Weights: a statement of ownership outweighs a list of contributors, which outweighs a guess.
WEIGHTS = {
    "publiccode": 5.0,
    "governance": 4.0,
    "license_copyright": 4.0,
    "notice_copyright": 3.0,
    "trademark": 3.0,
    "manifest_organisation": 3.0,
    "manifest_author": 2.0,
    "maintainers": 2.0,
    "codeowners": 1.5,
    "authors": 1.5,
    "header_copyright": 0.5,  # per file, capped
    "git_remote": 1.0,
}
_HEADER_CAP = 5.0
_EXPLICIT_EXCEPT = {"git_remote"}
_PLACEHOLDER = re.compile(
    r"<[^>]*>|\[[^\]]*\]|\{\{.*?\}\}|\$\{.*?\}|\b(?:yyyy|year|name of (?:author|copyright owner)|"
    r"copyright holders?|owner|author|fullname|your name)\b",
    re.I,
)
_TRAILER = re.compile(
    r"\.?\s*(?:all rights reserved\.?|and (?:other )?contributors\.?|et al\.?|<[^>]*>|\([^)]*@[^)]*\)|"
    r"\S+@\S+|https?://\S+)\s*$",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"^(?:notices?|holders?|owners?|law|and|the above|statements?|\(c\)|©|laws?|protection|"
    r"license|permission|of this|by the|information|\d{4}.*)\b"
    # A file named where a holder would be ("see AUTHORS.txt"), or the rest of a quoted
    # definition ('"Copyright" also means ...'): no one's name.
    r"|^[\w.-]+\.(?:txt|md|rst|html?)\b|^[\"'“”,]",
    re.I,
)
# Markup is no one's name: a settings file's <copyright enabled="True" /> element.
_MARKUP = re.compile(r"=\s*[\"']|/>|^<|</")
_OWNED_BY = re.compile(
    r"(?:owned|maintained|stewarded|governed|led|managed|developed)\s+by\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w&.,'’ -]{2,80}?)(?=[.;,\n(]|\s+(?:and|under|with|as|since|who|which)\b)",
)
_TRADEMARK_OF = re.compile(
    r"trademarks?\s+(?:of|owned by|belonging to)\s+(?:the\s+)?(?P<name>[A-Z][\w&.,'’ -]{2,80}?)(?=[.;,\n(])",
)
# Icons, stylesheets and fonts copied into a project (a Font Awesome SVG in static/) carry
# their library's copyright, many times over: never the project's ownership evidence.
_ASSET_SUFFIXES = (".svg", ".css", ".scss", ".sass", ".less", ".woff", ".woff2", ".ttf", ".eot")
_OWNERSHIP_FILES = (
    "governance",
    "maintainers",
    "authors",
    "codeowners",
    "owners",
    "contributors",
    "trademark",
    "trademarks",
    "notice",
    "copyright",
)


@dataclass
class Evidence:
    kind: str
    path: str
    line: int | None
    excerpt: str


@dataclass
class Candidate:
    name: str
    score: float = 0.0
    explicit: bool = False
    evidence: list[Evidence] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": round(self.score, 2),
            "explicit": self.explicit,
            "sources": sorted({e.kind for e in self.evidence}),
            "evidence": [
                {"kind": e.kind, "path": e.path, "line": e.line} for e in self.evidence[:5]
            ],
        }


@dataclass
class Ownership:
    candidates: list[Candidate]
    trademark_files: list[str]
    documents: list[Evidence]  # ownership documents found (GOVERNANCE, TRADEMARK...)

    @property
    def top(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def clean_name(raw: str) -> str | None:
    name = raw.strip().strip("*_`#").strip()
    for _ in range(4):
        trimmed = _TRAILER.sub("", name).strip(" ,.;:-")
        if trimmed == name:
            break
        name = trimmed
    name = re.sub(r"\s*\([^)]*\)", "", name)  # "(see GOVERNANCE.md)", "(ISC)"
    name = re.sub(r"\s+", " ", name).strip(" ,.;:-")
    if not name or _PLACEHOLDER.search(name) or _NOT_A_NAME.match(name) or len(name) < 2:
        return None
    # Any script's letters: "ОФ «Доступный Казахстан»" names an owner as well as a Latin name.
    if len(name) > 80 or not re.search(r"[^\W\d_]", name) or _MARKUP.search(name):
        return None
    return name


def _key(name: str) -> str:
    words = re.findall(r"\w+", name.lower())
    return " ".join(
        w
        for w in words
        if w
        not in {
            "the",
            "inc",
            "ltd",
            "llc",
            "gmbh",
            "team",
            "core",
            "authors",
            "developers",
            "contributors",
        }
    )


class _Ranking:
    def __init__(self) -> None:
        self.by_key: dict[str, Candidate] = {}
        self.header_scores: dict[str, float] = {}

    def add(self, raw: str, kind: str, path: str, line: int | None, excerpt: str) -> None:
        name = clean_name(raw)
        if name is None:
            return
        key = _key(name)
        if not key:
            return
        candidate = self.by_key.setdefault(key, Candidate(name=name))
        weight = WEIGHTS[kind]
        if kind == "header_copyright":
            used = self.header_scores.get(key, 0.0)
            weight = min(weight, max(0.0, _HEADER_CAP - used))
            self.header_scores[key] = used + weight
        candidate.score += weight
        candidate.explicit = candidate.explicit or kind not in _EXPLICIT_EXCEPT
        if len(candidate.evidence) < 20:
            candidate.evidence.append(Evidence(kind, path, line, excerpt[:160]))

    def ranked(self) -> list[Candidate]:
        return sorted(
            self.by_key.values(), key=lambda c: (-c.score, not c.explicit, c.name.lower())
        )


def _people(value: Any) -> list[str]:
    """Names from manifest author fields: "Jane <j@x>", {"name": ...}, lists of either."""
    if isinstance(value, str):
        return [part for part in re.split(r"\s*,\s*(?![^<]*>)", value) if part][:20]
    if isinstance(value, dict):
        name = value.get("name") or value.get("organization")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [name for item in value[:50] for name in _people(item)]
    return []


def _manifest_people(ctx: ProbeContext, entry: FileEntry, text: str) -> list[tuple[str, str]]:
    """(name, kind) pairs from one manifest; parsing errors are ignored here (reported under 2)."""
    found: list[tuple[str, str]] = []
    try:
        if entry.name == "package.json":
            data = manifest_json(text)
            if isinstance(data, dict):
                found += [(n, "manifest_author") for n in _people(data.get("author"))]
                found += [(n, "manifest_author") for n in _people(data.get("maintainers"))]
        elif entry.name == "pyproject.toml":
            data = manifest_toml(text)
            project = data.get("project", {})
            if isinstance(project, dict):
                found += [(n, "manifest_author") for n in _people(project.get("authors"))]
                found += [(n, "manifest_author") for n in _people(project.get("maintainers"))]
        elif entry.name == "Cargo.toml":
            package = manifest_toml(text).get("package", {})
            if isinstance(package, dict):
                found += [(n, "manifest_author") for n in _people(package.get("authors"))]
        elif entry.name == "composer.json":
            data = manifest_json(text)
            if isinstance(data, dict):
                found += [(n, "manifest_author") for n in _people(data.get("authors"))]
        elif entry.name == "pom.xml":
            root = manifest_xml(text)
            for element in root.iter():
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "organization":
                    for child in element:
                        if child.tag.rsplit("}", 1)[-1] == "name" and (child.text or "").strip():
                            found.append(((child.text or "").strip(), "manifest_organisation"))
        elif entry.name == "DESCRIPTION":
            match = re.search(r"^Maintainer:\s*(.+)$", text, re.M)
            if match:
                found.append((match.group(1), "manifest_author"))
    except ParseError:
        return []
    return [(re.sub(r"\s*<[^>]*>|\s*\([^)]*\)", "", name).strip(), kind) for name, kind in found]


def _publiccode(ctx: ProbeContext, ranking: _Ranking) -> None:
    for filename in ("publiccode.yml", "publiccode.yaml"):
        entry = ctx.inventory.get(filename)
        text = ctx.inventory.text(entry) if entry else None
        if not entry or not text:
            continue
        try:
            data = manifest_yaml(text)
        except ParseError:
            continue
        legal = data.get("legal") if isinstance(data, dict) else None
        if isinstance(legal, dict):
            for key in ("mainCopyrightOwner", "repoOwner", "authorsFile"):
                value = legal.get(key)
                if isinstance(value, str) and key != "authorsFile":
                    found_line = next(
                        (n for n, row in enumerate(text.splitlines(), 1) if key in row), None
                    )
                    ranking.add(value, "publiccode", entry.path, found_line, f"{key}: {value}")


def _line_entries(text: str) -> Iterable[tuple[int, str]]:
    for number, line in enumerate(text.splitlines()[:300], start=1):
        stripped = line.strip()
        if (
            stripped
            and not stripped.startswith(("#", "//", "<!--", "=", "-->"))
            and len(stripped) < 200
        ):
            yield number, stripped


def _ownership_files(
    ctx: ProbeContext, ranking: _Ranking, documents: list[Evidence], trademarks: list[str]
) -> None:
    for entry in ctx.inventory.named(*_OWNERSHIP_FILES, top_only=False):
        if entry.depth > 1 and entry.parent not in {".github", "docs"}:
            continue
        text = ctx.inventory.text(entry)
        if not text:
            continue
        stem = entry.name.lower().split(".")[0]
        if stem in {"governance", "trademark", "trademarks"} or (
            "trademark" in text[:2000].lower() and stem == "governance"
        ):
            documents.append(
                Evidence(
                    stem, entry.path, 1, text.strip().splitlines()[0][:160] if text.strip() else ""
                )
            )
        if stem in {"trademark", "trademarks"}:
            trademarks.append(entry.path)
        for pattern, kind in ((_OWNED_BY, "governance"), (_TRADEMARK_OF, "trademark")):
            if stem in {"governance", "trademark", "trademarks", "readme", "notice"}:
                for match in pattern.finditer(text[:20000]):
                    line = text.count("\n", 0, match.start()) + 1
                    ranking.add(match.group("name"), kind, entry.path, line, match.group(0))
        if stem in {"notice", "copyright"}:
            for line, name, excerpt in copyright_lines(text):
                ranking.add(name, "notice_copyright", entry.path, line, excerpt)
        elif stem in {"authors", "maintainers", "contributors", "owners"}:
            kind = "maintainers" if stem == "maintainers" else "authors"
            for line, raw in list(_line_entries(text))[:30]:
                name = re.sub(
                    r"^[-*+]\s*|\s*<[^>]*>|\s*\([^)]*\)|\s+—.*$|\s+-\s.*$|\s+\S+@\S+.*$", "", raw
                )
                if 1 <= len(name.split()) <= 6:
                    ranking.add(name, kind, entry.path, line, raw)
        elif stem == "codeowners":
            for line, raw in _line_entries(text):
                for owner in re.findall(r"@([\w.-]+)(?:/[\w.-]+)?", raw)[:5]:
                    ranking.add(owner, "codeowners", entry.path, line, raw)


def ownership_analysis(ctx: ProbeContext) -> Ownership:
    ranking = _Ranking()
    documents: list[Evidence] = []
    trademarks: list[str] = []
    _publiccode(ctx, ranking)
    declarations = ctx.derive(license_analysis).declarations
    for declaration in declarations.project_files():
        text = ctx.inventory.text(declaration.path)
        for line, name, excerpt in copyright_lines(text or ""):
            ranking.add(name, "license_copyright", declaration.path, line, excerpt)
    _ownership_files(ctx, ranking, documents, trademarks)
    for entry in ctx.inventory.top_level():
        if entry.name in {
            "package.json",
            "pyproject.toml",
            "Cargo.toml",
            "composer.json",
            "pom.xml",
            "DESCRIPTION",
        }:
            text = ctx.inventory.text(entry)
            for name, kind in _manifest_people(ctx, entry, text or ""):
                found_line = next(
                    (n for n, row in enumerate((text or "").splitlines(), 1) if name in row), None
                )
                ranking.add(name, kind, entry.path, found_line, name)
    for path, line, statement in declarations.headers.copyrights[:2000]:
        if path.lower().endswith(_ASSET_SUFFIXES) or is_third_party_path(path):
            continue  # a library's or a font's own notice (assets/fonts/Poppins/OFL.txt)
        if is_served_script(path):
            continue  # static/js/bootstrap.js: a library's copy far more often than not
        source = ctx.inventory.get(path)
        if source is not None and (source.example or source.test):
            continue  # a sample's or a fixture's owner is not the project's
        match = COPYRIGHT.search(statement)
        if match and not LICENSE_STEWARD.search(match.group("name")):
            ranking.add(match.group("name"), "header_copyright", path, line, statement)
    # The repository the owner named stands for the remote (a clone of a mirror or a fork
    # would name someone else); it is still only an inference, never an explicit owner.
    remote = ctx.inventory.git.remote_url if ctx.inventory.git else None
    given = ctx.repository_url
    address = parse_remote(given or remote)
    owner = address.owner if address else None
    if owner:
        where = "" if given else ".git/config"
        ranking.add(owner, "git_remote", where, None, given or remote or "")
    return Ownership(ranking.ranked(), trademarks, documents)


def _locations(candidate: Candidate) -> list[Location]:
    return [
        Location(path=e.path, line=e.line, excerpt=e.excerpt or None)
        for e in candidate.evidence[:5]
        if e.kind != "git_remote"
    ]

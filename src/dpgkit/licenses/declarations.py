"""Every place a checkout declares a license, read through the inventory.

License files at any depth (the project's own at the top, nested and vendored ones apart),
``SPDX-License-Identifier`` tags and standard notices in file headers, REUSE (``REUSE.toml``,
``.reuse/dep5``, ``LICENSES/``), the license fields of manifests, and the README's license
section. Each becomes a :class:`Declaration` with its location; malformed input becomes a
declaration with a ``problem``, never an exception.
"""

from __future__ import annotations

import configparser
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from dpgkit.evidence.copyright import header_statements
from dpgkit.inventory import FileEntry, Inventory
from dpgkit.inventory.manifests import manifest_json, manifest_toml, manifest_xml, manifest_yaml
from dpgkit.licenses.expressions import combine, parse_expression
from dpgkit.licenses.index import load_index, shingles
from dpgkit.licenses.matcher import LicenseMatch, identify_text
from dpgkit.licenses.names import is_proprietary, name_to_spdx
from dpgkit.licenses.normalize import normalize
from dpgkit.parsing import ParseError
from dpgkit.scan import Scanned, Scanner, register, run_scan

LICENSE_FILE = re.compile(
    r"^(?:(?:un)?licen[cs]es?|copying|mit[-_]licen[cs]e)(?:[-_.][\w.-]*)?$"
    r"|^[\w.-]+[-_.](?:licen[cs]e|copying)(?:\.(?:txt|md|rst))?$",
    re.IGNORECASE,
)
# A license file has no extension or a text one; "licenses.yaml" or "license.py" is data or code.
_TEXT_SUFFIXES = {"", ".txt", ".md", ".rst", ".markdown", ".text", ".adoc", ".org", ".html", ".htm"}
HEADER_CHARS = 4096
MAX_HEADER_FILES = 20000
MAX_HEADER_FILE_SIZE = 1024 * 1024
_SHORT_TEXT_WORDS = 12

# A tag sits at the start of a line, after comment markers only (not inside a string literal).
SPDX_TAG = re.compile(
    r"^[ \t#/*;!%<>(-]*SPDX-License-Identifier:\s*([^\n]*?)\s*(?:\*/|-->|\*\)|#\}|-\}|$)", re.M
)
_ALL_RIGHTS = re.compile(
    r"all rights reserved|proprietary and confidential|unauthori[sz]ed copying", re.I
)
_NON_COMMERCIAL = re.compile(r"non[-\s]?commercial (?:use|purposes)|not for commercial use", re.I)
_COMMONS_CLAUSE = re.compile(r"commons clause", re.I)
COMMONS_CLAUSE_ID = "LicenseRef-scancode-commons-clause"

# Standard notices in file headers (comment markers removed, whitespace collapsed, lower case).
_GNU_NOTICE = re.compile(
    r"(gnu (?:affero |lesser |library )?general public licen[cs]e)[^.]{0,80}?version (\d(?:\.\d)?)"
    r"(?:[^.]{0,60}?(or \(?at your option\)? any later version))?"
)
_NOTICES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"licensed under the apache licen[cs]e,? version 2\.0"), "Apache-2.0"),
    (re.compile(r"mozilla public licen[cs]e,? v(?:ersion|\.)? ?2\.0"), "MPL-2.0"),
    (re.compile(r"eclipse public licen[cs]e,? v(?:ersion|\.)? ?2\.0"), "EPL-2.0"),
    (re.compile(r"european union public licen[cs]e,? v(?:ersion|\.)? ?1\.2"), "EUPL-1.2"),
    (re.compile(r"(?:licensed|released) under the (?:terms of the )?mit licen[cs]e"), "MIT"),
)
_COMMENT = re.compile(r"^\s*(?:/\*+|\*+/?|//+|#+|--+|;+|%+|\"\"\"|'''|<!--|-->|rem\b)?", re.I)

# License pages people link to: the URL names the license.
_LICENSE_URLS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"creativecommons\.org/licenses/(by(?:-nc)?(?:-sa|-nd)?)/(\d\.\d)", re.I),
        lambda m: f"CC-{m.group(1).upper()}-{m.group(2)}",
    ),
    (re.compile(r"creativecommons\.org/publicdomain/zero/1\.0", re.I), lambda m: "CC0-1.0"),
    (re.compile(r"opensource\.org/licenses?/([A-Za-z0-9.+-]+)", re.I), lambda m: m.group(1)),
    (re.compile(r"apache\.org/licenses/LICENSE-2\.0", re.I), lambda m: "Apache-2.0"),
    (
        re.compile(r"gnu\.org/licenses/(a?gpl|lgpl)-?(\d\.\d)", re.I),
        lambda m: f"{m.group(1).upper()}-{m.group(2)}",
    ),
    (re.compile(r"opendatacommons\.org/licenses/odbl", re.I), lambda m: "ODbL-1.0"),
    (re.compile(r"opendatacommons\.org/licenses/by", re.I), lambda m: "ODC-By-1.0"),
    (re.compile(r"opendatacommons\.org/licenses/pddl", re.I), lambda m: "PDDL-1.0"),
    (re.compile(r"mozilla\.org/MPL/2\.0", re.I), lambda m: "MPL-2.0"),
    (re.compile(r"spdx\.org/licenses/([A-Za-z0-9.+-]+?)(?:\.html)?\b", re.I), lambda m: m.group(1)),
)
_UNDER = re.compile(
    r"(?:licen[cs]ed|released|distributed|available|published|provided|covered)\s+under\s+"
    r"(?:the\s+)?(?:terms\s+of\s+(?:the\s+)?)?\[?([\w .,+/()-]{2,80}?)\]?"
    r"(?:\s+licen[cs]e)?(?=[.;:,)\]\n]|\s+\(|\s+and\b|\s+or\b|\s+see\b|\s*$)",
    re.I,
)
_README_HEADING = re.compile(
    r"^(#{1,6})\s*(?:\W\s*)?(?:licen[cs]es?|licensing|copying)\b.*$", re.I | re.M
)
_ANY_HEADING = re.compile(r"^(#{1,6})\s+\S", re.M)


@dataclass
class Declaration:
    source: str  # file, name, tag, header, reuse, manifest, readme
    path: str
    line: int | None
    raw: str  # what the file says (excerpt)
    spdx: str | None  # SPDX expression, None when nothing could be identified
    scope: str = "project"  # project, nested, vendored, file
    score: float = 1.0
    problem: str | None = None
    kind: str | None = None  # for problems: empty, binary, unidentified, all_rights_reserved, ...
    matches: list[LicenseMatch] = field(default_factory=list)
    count: int = 1  # how many files carry the same tag or notice


def scope_of(entry: FileEntry) -> str:
    if not entry.own:
        return "vendored"
    return "project" if entry.depth == 0 else "nested"


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _excerpt(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# -- license files -----------------------------------------------------------
def is_license_file(entry: FileEntry) -> bool:
    if not LICENSE_FILE.match(entry.name):
        return False
    return entry.suffix in _TEXT_SUFFIXES or entry.language is None


def expression_of(matches: list[LicenseMatch]) -> str | None:
    """The expression for a file's parts; LGPL-3.0 text followed by the GPL-3.0 it extends is LGPL."""
    ids = [match.spdx for match in matches]
    if any(spdx.startswith("LGPL-3.0") for spdx in ids):
        ids = [spdx for spdx in ids if not spdx.startswith("GPL-3.0")]
    return combine(ids)


def identify_license_file(
    inventory: Inventory, entry: FileEntry, scope: str | None = None
) -> Declaration:
    scope = scope or scope_of(entry)
    text = inventory.text(entry)
    declared = Declaration(
        source="file", path=entry.path, line=None, raw="", spdx=None, scope=scope
    )
    if text is None:
        declared.problem, declared.kind = "is not a text file (binary or unreadable)", "binary"
        return declared
    if not text.strip():
        declared.problem, declared.kind = "is empty", "empty"
        return declared
    matches = identify_text(text)
    declared.matches = matches
    declared.raw = _excerpt(text)
    if matches:
        declared.spdx = expression_of(matches)
        declared.line = matches[0].start_line
        declared.score = min(match.score for match in matches)
        if _COMMONS_CLAUSE.search(text):
            declared.spdx = combine([declared.spdx or "", COMMONS_CLAUSE_ID])
        return declared
    first_line = next((n for n, line in enumerate(text.splitlines(), 1) if line.strip()), 1)
    declared.line = first_line
    if _declared_inside(text, declared):
        return declared
    words = text.split()
    if len(words) <= _SHORT_TEXT_WORDS:
        named = name_to_spdx(" ".join(words))
        if named:
            declared.source, declared.spdx, declared.score = "name", named, 1.0
            declared.problem = f"only names {named}; the full license text is missing"
            declared.kind = "name_only"
            return declared
    if _COMMONS_CLAUSE.search(text):
        declared.spdx = COMMONS_CLAUSE_ID
        declared.problem, declared.kind = (
            "holds the Commons Clause (source-available terms)",
            "source_available",
        )
    elif _NON_COMMERCIAL.search(text):
        declared.problem, declared.kind = (
            "restricts use to non-commercial purposes",
            "non_commercial",
        )
    elif _ALL_RIGHTS.search(text) or is_proprietary(text):
        declared.problem, declared.kind = (
            "reserves all rights (no open license)",
            "all_rights_reserved",
        )
    else:
        declared.problem, declared.kind = "holds text that matches no SPDX license", "unidentified"
    if inventory.truncated(entry):
        declared.problem += " (only the head of this very large file was read)"
    return declared


_PART_OF_TEMPLATE = 0.6


def _declared_inside(text: str, declared: Declaration) -> bool:
    """A license file whose text matches nothing may still say which license it is: an
    SPDX tag, or a title ("MIT License") over a fragment of that license's text."""
    tag = SPDX_TAG.search(text)
    if tag:
        parsed = parse_expression(tag.group(1).strip())
        if parsed.valid and parsed.expression:
            declared.source, declared.spdx, declared.line = (
                "tag",
                parsed.expression,
                _line_of(text, tag.start()),
            )
            declared.problem = (
                f"declares {parsed.expression} by its SPDX tag; the full license text is missing"
            )
            declared.kind = "partial_text"
            return True
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    named = name_to_spdx(title) if len(title.split()) <= 10 else None
    if not named:
        return False
    index = load_index()
    body = set(shingles(normalize(text).words))
    templates = [t for t in index.templates if named in t.ids]
    if not body or not templates:
        return False
    share = max(len(body & t.shingles) / len(body) for t in templates)
    if share < _PART_OF_TEMPLATE:
        return False
    declared.source, declared.spdx, declared.score = "name", named, round(share, 4)
    declared.problem = f"holds only part of the {named} text; the full license text is missing"
    declared.kind = "partial_text"
    return True


def license_files(inventory: Inventory) -> list[Declaration]:
    found = []
    for entry in inventory.files:
        if is_license_file(entry) and not _in_reuse_folder(entry):
            found.append(identify_license_file(inventory, entry))
    return sorted(
        found, key=lambda d: ({"project": 0, "nested": 1, "vendored": 2}[d.scope], d.path)
    )


def _in_reuse_folder(entry: FileEntry) -> bool:
    return entry.parent == "LICENSES"


# -- REUSE -------------------------------------------------------------------
def reuse_declarations(inventory: Inventory) -> list[Declaration]:
    found: list[Declaration] = []
    for entry in inventory.files:
        if _in_reuse_folder(entry):
            spdx_id = PurePosixPath(entry.name).stem
            parsed = parse_expression(spdx_id)
            declared = identify_license_file(inventory, entry, scope="project")
            declared.source = "reuse"
            if parsed.valid:
                declared.spdx, declared.problem, declared.kind = parsed.expression, None, None
            found.append(declared)
    toml_entry = inventory.get("REUSE.toml")
    if toml_entry is not None:
        text = inventory.text(toml_entry) or ""
        try:
            data = manifest_toml(text)
        except ParseError as error:
            found.append(_broken(toml_entry, "reuse", f"REUSE.toml is not valid TOML ({error})"))
        else:
            for item in (
                data.get("annotations", []) if isinstance(data.get("annotations"), list) else []
            ):
                value = item.get("SPDX-License-Identifier") if isinstance(item, dict) else None
                if isinstance(value, str):
                    found.append(_declared(inventory, toml_entry, text, value, "reuse"))
    dep5 = inventory.get(".reuse/dep5")
    if dep5 is not None:
        # The Debian copyright format is two-line fields; only "License:" matters here.
        text = inventory.text(dep5) or ""
        for match in re.finditer(r"^License:\s*(.+)$", text, re.M):
            found.append(_declared(inventory, dep5, text, match.group(1), "reuse", match.start()))
    return found


# -- headers: SPDX tags and notices ---------------------------------------------
@dataclass
class HeaderScan:
    tags: dict[str, Declaration] = field(default_factory=dict)  # expression -> first place
    notices: dict[str, Declaration] = field(default_factory=dict)
    bad_tags: list[Declaration] = field(default_factory=list)
    copyrights: list[tuple[str, int, str]] = field(default_factory=list)  # path, line, statement
    files: int = 0


_PROSE_LANGUAGES = {None, "Markdown", "reStructuredText", "Text"}
_COMMENT_START = re.compile(r"^\s*(?:/\*|\*|//|#|--|;|%|<!--|rem\b|\(\*)", re.I)


def _notice_text(head: str, language: str | None) -> str:
    """Header words for notice matching; in code only comment lines count (not string literals)."""
    lines = head.splitlines()
    if language not in _PROSE_LANGUAGES:
        lines = [line for line in lines if _COMMENT_START.match(line)]
    return " ".join(_COMMENT.sub("", line) for line in lines).lower()


@dataclass(frozen=True, slots=True)
class FileHeader:
    """What one file's header says (found in a worker process when the pass runs on several)."""

    tags: tuple[tuple[str, int], ...] = ()  # (SPDX tag value, line)
    notices: tuple[tuple[str, int, str], ...] = ()  # (SPDX id, line, excerpt)
    copyrights: tuple[tuple[int, str], ...] = ()  # (line, statement)


def _header_wanted(entry: FileEntry) -> bool:
    return (
        entry.own
        and 0 < entry.size <= MAX_HEADER_FILE_SIZE
        and not is_license_file(entry)
        and entry.parent != "LICENSES"
    )


def _read_header(entry: FileEntry, text: str) -> FileHeader | None:
    """None for an empty text (not counted); a FileHeader, maybe empty, for any other."""
    if not text:
        return None
    head = text[:HEADER_CHARS]
    lower = head.lower()
    tags: list[tuple[str, int]] = []
    # Each search runs only where its words are: a tag names itself, every notice says
    # "licen(s|c)e", a copyright line "copyright" or "©" (most heads hold none of them).
    if "SPDX-License-Identifier" in head:
        for match in SPDX_TAG.finditer(head):
            value = match.group(1).strip().strip("\"'`,;")
            if not value or any(mark in value for mark in "${}\\"):
                continue  # tooling that writes tags, not a tag
            tags.append((value, _line_of(head, match.start())))
    notices: list[tuple[str, int, str]] = []
    if "licen" in lower:
        flat = _notice_text(head, entry.language)
        for spdx in _header_notices(flat):
            position = lower.find("licen")
            notices.append((spdx, _line_of(head, max(position, 0)), _excerpt(flat[:160])))
    copyrights: list[tuple[int, str]] = []
    if "copyright" in lower or "©" in head:
        prose = entry.language in _PROSE_LANGUAGES
        for number, line in enumerate(head.splitlines(), start=1):
            if not prose and not _COMMENT_START.match(line):
                continue  # in code, only comments state copyright
            copyrights += [(number, statement) for statement in header_statements(line)]
    if not (tags or notices or copyrights):
        return _NOTHING
    return FileHeader(tuple(tags), tuple(notices), tuple(copyrights))


_NOTHING = FileHeader()
HEADERS: Scanner[FileHeader] = register(
    Scanner("license headers", wants=_header_wanted, scan=_read_header)
)


def scan_headers(inventory: Inventory, scanned: Scanned[FileHeader] | None = None) -> HeaderScan:
    """SPDX tags, license notices and copyright lines in the heads of the project's files."""
    if scanned is None:
        scanned = run_scan(inventory, [HEADERS])[HEADERS.name]
    by_path = scanned.by_path()
    scan = HeaderScan()
    for entry in inventory.files:
        if scan.files >= MAX_HEADER_FILES:
            break
        found = by_path.get(entry.path) if _header_wanted(entry) else None
        if found is None:
            continue
        scan.files += 1
        for value, line in found.tags:
            _remember(scan, entry, value, line)
        for spdx, line, raw in found.notices:
            if spdx not in scan.notices:
                scan.notices[spdx] = Declaration(
                    source="header", path=entry.path, line=line, raw=raw, spdx=spdx, scope="file"
                )
            else:
                scan.notices[spdx].count += 1
        scan.copyrights += [(entry.path, line, statement) for line, statement in found.copyrights]
    return scan


_parse_tag = lru_cache(maxsize=4096)(parse_expression)


def _remember(scan: HeaderScan, entry: FileEntry, value: str, line: int) -> None:
    parsed = _parse_tag(value)
    if not parsed.valid or parsed.expression is None:
        if len(scan.bad_tags) < 20:
            scan.bad_tags.append(
                Declaration(
                    source="tag",
                    path=entry.path,
                    line=line,
                    raw=_excerpt(value),
                    spdx=None,
                    scope="file",
                    problem=parsed.error,
                    kind="invalid_expression",
                )
            )
        return
    known = scan.tags.get(parsed.expression)
    if known is None:
        scan.tags[parsed.expression] = Declaration(
            source="tag",
            path=entry.path,
            line=line,
            raw=_excerpt(value),
            spdx=parsed.expression,
            scope="file",
        )
    else:
        known.count += 1


def _header_notices(flat: str) -> Iterator[str]:
    for pattern, spdx in _NOTICES:
        if pattern.search(flat):
            yield spdx
    for match in _GNU_NOTICE.finditer(flat):
        family = {"gnu affero": "AGPL", "gnu lesser": "LGPL", "gnu library": "LGPL"}.get(
            " ".join(match.group(1).split()[:2]), "GPL"
        )
        version = match.group(2) if "." in match.group(2) else f"{match.group(2)}.0"
        suffix = "-or-later" if match.group(3) else "-only"
        yield f"{family}-{version}{suffix}"


# -- manifests ------------------------------------------------------------------
def _broken(entry: FileEntry, source: str, problem: str) -> Declaration:
    return Declaration(
        source=source,
        path=entry.path,
        line=1,
        raw="",
        spdx=None,
        problem=problem,
        kind="unparsable",
    )


def _declared(
    inventory: Inventory,
    entry: FileEntry,
    text: str,
    value: str,
    source: str,
    position: int | None = None,
) -> Declaration:
    value = " ".join(value.split())
    if position is None:
        position = text.find(value)
    line = _line_of(text, position) if position >= 0 else None
    scope = "project" if entry.depth == 0 and entry.own else scope_of(entry)
    declared = Declaration(
        source=source, path=entry.path, line=line, raw=_excerpt(value), spdx=None, scope=scope
    )
    if re.match(r"see licen[cs]e in\b", value, re.I) or value.lower() in {
        "file",
        "license",
        "see license",
    }:
        declared.problem, declared.kind = None, "reference"
        return declared
    if is_proprietary(value):
        declared.problem, declared.kind = (
            f"declares “{value}” (no open license)",
            "all_rights_reserved",
        )
        return declared
    spdx = name_to_spdx(value)
    if spdx is not None:
        declared.spdx = spdx
        return declared
    parsed = parse_expression(value)
    declared.kind = "invalid_expression"
    declared.problem = (
        parsed.error
        if parsed.error and parsed.expression is None
        else f"“{value}” is not an SPDX id or a known license name"
    )
    return declared


def _strings(value: Any) -> list[str]:
    """License values of JSON-ish manifests: "MIT", {"type": "MIT"}, ["MIT", {"name": ...}]."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        for key in ("type", "name", "id", "spdx", "text"):
            if isinstance(value.get(key), str):
                return [value[key]]
        return []
    if isinstance(value, list):
        return [item for element in value[:20] for item in _strings(element)]
    return []


def _classifier_licenses(classifiers: Any) -> list[str]:
    if not isinstance(classifiers, list):
        return []
    return [
        item.split("::")[-1].strip()
        for item in classifiers
        if isinstance(item, str) and item.startswith("License ::") and item.count("::") >= 2
    ]


ManifestReader = Callable[[str], list[str]]


def _package_json(text: str) -> list[str]:
    data = manifest_json(text)
    if not isinstance(data, dict):
        return []
    return _strings(data.get("license")) + _strings(data.get("licenses"))


def _pyproject(text: str) -> list[str]:
    data = manifest_toml(text)
    project: dict[str, Any] = data["project"] if isinstance(data.get("project"), dict) else {}
    tool = data["tool"] if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry", {})
    values = []
    license_value = project.get("license")
    if isinstance(license_value, str):
        values.append(license_value)
    elif isinstance(license_value, dict) and isinstance(license_value.get("text"), str):
        values.append(license_value["text"])
    if isinstance(poetry, dict):
        values += _strings(poetry.get("license"))
    return values + _classifier_licenses(project.get("classifiers"))


def _setup_cfg(text: str) -> list[str]:
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read_string(text)
    except configparser.Error as error:
        raise ParseError(str(error).splitlines()[0]) from None
    if not parser.has_section("metadata"):
        return []
    values = []
    if parser.has_option("metadata", "license"):
        values.append(parser.get("metadata", "license"))
    if parser.has_option("metadata", "classifiers"):
        values += _classifier_licenses(parser.get("metadata", "classifiers").splitlines())
    return values


def _cargo(text: str) -> list[str]:
    package = manifest_toml(text).get("package")
    return _strings(package.get("license")) if isinstance(package, dict) else []


def _composer(text: str) -> list[str]:
    data = manifest_json(text)
    return _strings(data.get("license")) if isinstance(data, dict) else []


def _pubspec(text: str) -> list[str]:
    data = manifest_yaml(text)
    return _strings(data.get("license")) if isinstance(data, dict) else []


def _publiccode(text: str) -> list[str]:
    data = manifest_yaml(text)
    legal = data.get("legal") if isinstance(data, dict) else None
    return _strings(legal.get("license")) if isinstance(legal, dict) else []


def _datapackage(text: str) -> list[str]:
    data = manifest_json(text)
    return _strings(data.get("licenses")) if isinstance(data, dict) else []


def _pom(text: str) -> list[str]:
    root = manifest_xml(text)
    return [
        (element.text or "").strip()
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] == "name"
        and (element.text or "").strip()
        and _parent_is_license(root, element)
    ]


def _parent_is_license(root: Any, child: Any) -> bool:
    return any(
        parent.tag.rsplit("}", 1)[-1] == "license" and child in list(parent)
        for parent in root.iter()
    )


def _csproj(text: str) -> list[str]:
    root = manifest_xml(text)
    return [
        (element.text or "").strip()
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] == "PackageLicenseExpression"
        and (element.text or "").strip()
    ]


def _description(text: str) -> list[str]:
    # R's DESCRIPTION is Debian control format: "License: GPL-3 | file LICENSE".
    match = re.search(r"^License:\s*(.+(?:\n[ \t]+.+)*)", text, re.M)
    if not match:
        return []
    value = " ".join(match.group(1).split())
    parts = [part.strip() for part in value.split("|")]
    return [part for part in parts if part and not part.lower().startswith("file ")]


def _ruby_or_elixir(pattern: str) -> ManifestReader:
    # Gemspecs and mix.exs are code: never run, the license literal is read with a pattern.
    compiled = re.compile(pattern, re.S)

    def read(text: str) -> list[str]:
        values = []
        for match in compiled.finditer(text[:200_000]):
            values += re.findall(r"[\"']([^\"'\n]{1,100})[\"']", match.group(1))
        return values

    return read


MANIFESTS: dict[str, ManifestReader] = {
    "package.json": _package_json,
    "pyproject.toml": _pyproject,
    "setup.cfg": _setup_cfg,
    "Cargo.toml": _cargo,
    "composer.json": _composer,
    "pubspec.yaml": _pubspec,
    "publiccode.yml": _publiccode,
    "publiccode.yaml": _publiccode,
    "datapackage.json": _datapackage,
    "pom.xml": _pom,
    "DESCRIPTION": _description,
    "mix.exs": _ruby_or_elixir(r"licenses:\s*\[(.{0,300}?)\]"),
}
_SUFFIX_MANIFESTS: dict[str, ManifestReader] = {
    ".gemspec": _ruby_or_elixir(r"\.licenses?\s*=\s*(\[.{0,300}?\]|[\"'][^\"'\n]{1,100}[\"'])"),
    ".csproj": _csproj,
}


def _manifest_reader(entry: FileEntry) -> ManifestReader | None:
    return MANIFESTS.get(entry.name) or _SUFFIX_MANIFESTS.get(entry.suffix)


def manifest_declarations(inventory: Inventory) -> list[Declaration]:
    found: list[Declaration] = []
    for entry in inventory.own_files():
        if entry.depth > 1:  # the project's manifests sit at the top (or one level down)
            continue
        reader = _manifest_reader(entry)
        if reader is None:
            continue
        text = inventory.text(entry)
        if text is None:
            found.append(_broken(entry, "manifest", f"{entry.name} is not a text file"))
            continue
        try:
            values = reader(text)
        except ParseError as error:
            found.append(
                _broken(
                    entry,
                    "manifest",
                    f"{entry.name} could not be parsed ({error}); its license field was not read",
                )
            )
            continue
        scope = "project" if entry.depth == 0 else "nested"
        for value in dict.fromkeys(values):
            declared = _declared(inventory, entry, text, value, "manifest")
            declared.scope = scope
            found.append(declared)
    return found


# -- README -------------------------------------------------------------------------
def readme_declarations(inventory: Inventory, readme: str | None) -> list[Declaration]:
    if readme is None:
        return []
    text = inventory.text(readme) or ""
    heading = _README_HEADING.search(text)
    if heading is None:
        return []
    level = len(heading.group(1))
    start = heading.end()
    end = len(text)
    for other in _ANY_HEADING.finditer(text, start):
        if len(other.group(1)) <= level:
            end = other.start()
            break
    section = text[start:end]
    base_line = _line_of(text, start)
    found: dict[str, Declaration] = {}

    def add(spdx: str | None, position: int, raw: str, score: float = 1.0) -> None:
        if spdx and spdx not in found:
            found[spdx] = Declaration(
                source="readme",
                path=readme,
                line=base_line + _line_of(section, position) - 1,
                raw=_excerpt(raw),
                spdx=spdx,
                score=score,
            )

    for text_match in identify_text(section):
        add(text_match.spdx, 0, section[:120], text_match.score)
    for pattern, to_id in _LICENSE_URLS:
        for url in pattern.finditer(section):
            parsed = parse_expression(to_id(url))
            add(
                parsed.expression if parsed.valid else name_to_spdx(to_id(url)),
                url.start(),
                url.group(0),
            )
    for sentence in _UNDER.finditer(section):
        add(name_to_spdx(sentence.group(1).strip(" []")), sentence.start(), sentence.group(0))
    return list(found.values())


# -- everything --------------------------------------------------------------------
@dataclass
class Declarations:
    files: list[Declaration]
    manifests: list[Declaration]
    reuse: list[Declaration]
    readme: list[Declaration]
    headers: HeaderScan

    def project_files(self) -> list[Declaration]:
        return [d for d in self.files if d.scope == "project"]

    def all(self) -> list[Declaration]:
        return [
            *self.files,
            *self.manifests,
            *self.reuse,
            *self.readme,
            *self.headers.tags.values(),
            *self.headers.notices.values(),
            *self.headers.bad_tags,
        ]


def find_declarations(
    inventory: Inventory, readme: str | None, scanned: Scanned[FileHeader] | None = None
) -> Declarations:
    """``scanned``: the header scanner's results of the pass over the files, when it ran."""
    return Declarations(
        files=license_files(inventory),
        manifests=manifest_declarations(inventory),
        reuse=reuse_declarations(inventory),
        readme=readme_declarations(inventory, readme),
        headers=scan_headers(inventory, scanned),
    )

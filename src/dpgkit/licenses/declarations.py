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
from dpgkit.evidence.readme import headings
from dpgkit.inventory import FileEntry, Inventory
from dpgkit.inventory.manifests import manifest_json, manifest_toml, manifest_xml, manifest_yaml
from dpgkit.licenses.expressions import combine, parse_expression
from dpgkit.licenses.index import load_index, shingles
from dpgkit.licenses.matcher import LicenseMatch, identify_text
from dpgkit.licenses.names import is_proprietary, name_to_spdx
from dpgkit.licenses.normalize import normalize
from dpgkit.licenses.rules import find_rules
from dpgkit.licenses.statements import Statement, statements
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
    (
        re.compile(
            r"spdx\.org/licenses/([A-Za-z0-9.+-]+?)(?:\.html|\.json|\.txt)?(?![\w.+-])", re.I
        ),
        lambda m: m.group(1),
    ),
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
    # GNU ids the file's own notices state beside a full text ("or any later version"):
    # the full text alone does not say whether later versions apply.
    stated: list[str] = field(default_factory=list)


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
    identify_license_text(text, declared)
    if declared.kind in _NOT_A_LICENSE and inventory.truncated(entry):
        declared.problem = f"{declared.problem} (only the head of this very large file was read)"
    return declared


# Problem kinds for a license file that holds no license the project can be judged by.
_NOT_A_LICENSE = {
    "source_available",
    "non_commercial",
    "all_rights_reserved",
    "unidentified",
    "modified",
}


def identify_license_text(text: str, declared: Declaration) -> None:
    """Fill ``declared`` from a license file's text: its full license texts (a text edited
    into another license is ``modified``, not the original), else what the file declares
    or states, else the problem that leaves it without a license."""
    matches = identify_text(text)
    declared.matches = matches
    declared.raw = _excerpt(text)
    modified = [match for match in matches if match.modified]
    matches = [match for match in matches if not match.modified]
    if modified:
        first = modified[0]
        declared.line = first.start_line
        declared.kind = "modified"
        declared.problem = (
            f"holds “{first.modified}”, a modified {first.spdx} text: "
            f"not {first.spdx} itself (the changes need reading)"
        )
        if matches:
            declared.spdx = expression_of(matches)
            declared.score = min(match.score for match in matches)
        return
    if matches:
        declared.spdx = expression_of(matches)
        declared.line = matches[0].start_line
        declared.score = min(match.score for match in matches)
        declared.stated = [s.spdx for s in _statements_outside(text, matches)]
        if _COMMONS_CLAUSE.search(text):
            declared.spdx = combine([declared.spdx or "", COMMONS_CLAUSE_ID])
        return
    first_line = next((n for n, line in enumerate(text.splitlines(), 1) if line.strip()), 1)
    declared.line = first_line
    if _declared_inside(text, declared):
        return
    if _stated_inside(text, declared):
        return
    words = text.split()
    if len(words) <= _SHORT_TEXT_WORDS:
        named = name_to_spdx(" ".join(words))
        reference = _short_reference(words)
        # A URL or an exact id beats a name read loosely ("MIT-0 https://…/MIT-0" is not MIT).
        if reference and (named is None or (" " not in named and reference.startswith(named))):
            named = reference
        if named:
            declared.source, declared.spdx, declared.score = "name", named, 1.0
            declared.problem = f"only names {named}; the full license text is missing"
            declared.kind = "name_only"
            return
    if _ruled_inside(text, declared):
        return
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


_PART_OF_TEMPLATE = 0.6


def _statements_outside(text: str, matches: list[LicenseMatch]) -> list[Statement]:
    """Notices beside the full texts (a preamble, a header): not the sample notice that the
    GNU texts carry in their "How to apply" appendix."""
    lines = text.split("\n")
    kept = []
    for number, line in enumerate(lines, start=1):
        inside = any(m.start_line <= number <= m.end_line for m in matches)
        kept.append("" if inside else line)
    return [s for s in statements("\n".join(kept)) if s.kind == "notice"]


def _stated_inside(text: str, declared: Declaration) -> bool:
    """A license file without a full text that states its license: the GNU or Apache short
    notice, "licensed under the MIT license", or a grant after "All rights reserved" (the
    grant is the license; a reservation with no grant stays a reservation)."""
    found = statements(text)
    if not found:
        return False
    ids = list(dict.fromkeys(item.spdx for item in found))
    declared.spdx = combine(ids)
    declared.line = _line_of(text, found[0].start)
    declared.raw = _excerpt(found[0].text)
    kind = "notice" if any(item.kind == "notice" for item in found) else "reference"
    declared.kind = "stated"
    declared.problem = (
        f"states {declared.spdx} by its {kind}; the full license text is not included"
    )
    if _COMMONS_CLAUSE.search(text):
        declared.spdx = combine([declared.spdx or "", COMMONS_CLAUSE_ID])
    return True


_ID_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*[A-Za-z0-9+]")
_URL_TOKEN = re.compile(r"(?:https?://|www\.)\S+", re.I)


def _short_reference(words: list[str]) -> str | None:
    """The license a few words refer to when they are not one name: a license URL
    ("https://spdx.org/licenses/MIT-0", "gnu.org/licenses/lgpl-2.1.txt") or an SPDX id among
    other words ("licenseId: CPAL-1.0", "SIL Open Font License 1.1 OFL-1.1"). An id counts
    when it is written as SPDX writes it and looks like one (a digit, a hyphen or capitals
    only): "Ruby" in a sentence is a language, "MIT" or "CPAL-1.0" a license."""
    text = " ".join(words)
    for url in _URL_TOKEN.findall(text):
        found = _url_license(url.rstrip(".,;:)]>'\""))
        if found and not found.startswith("LicenseRef-"):
            return found
    licenses = load_index().licenses
    for token in _ID_TOKEN.findall(_URL_TOKEN.sub(" ", text)):
        info = licenses.get(token)
        if info and (re.search(r"[\d-]", token) or (token.isupper() and len(token) >= 3)):
            return info.deprecated_for or info.spdx
    return None


def _ruled_inside(text: str, declared: Declaration) -> bool:
    """A license file that holds, word for word, a notice, reference or tag of ScanCode's
    rules (``rules.py``): what no pattern of ``statements.py`` reads ("program is
    MIT-licensed", a Python classifier, "This project is under Apache v2 License")."""
    if _ALL_RIGHTS.search(text) or is_proprietary(text) or _NON_COMMERCIAL.search(text):
        return False  # a reservation is lifted by a grant (statements.py), not by a mention
    found = find_rules(text[:_RULES_CHARS])
    if not found:
        return False
    declared.spdx = combine(list(dict.fromkeys(item.spdx for item in found)))
    declared.line = found[0].start_line
    kinds = sorted({item.kind for item in found})
    declared.kind = "stated"
    declared.problem = (
        f"states {declared.spdx} by its {' and '.join(kinds)} (a ScanCode rule); "
        "the full license text is not included"
    )
    return True


_RULES_CHARS = 64 * 1024


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
            # LICENSES/<id>.txt is <id>; a LicenseRef-* file that holds a license's full
            # text unchanged is that license ("LicenseRef-MIT.txt" holding the MIT text).
            own_text = (
                declared.spdx
                if spdx_id.startswith("LicenseRef-") and declared.spdx and not declared.problem
                else None
            )
            if own_text:
                declared.spdx = own_text
            elif parsed.valid:
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
# The first characters _COMMENT_START can see after the indentation: most code lines are
# ruled out by one set lookup instead of a regex call (heads are read in every file).
_COMMENT_FIRST = frozenset("/*#-;%<(rR")


# The comment lines of a text whose only line breaks are "\n", found in one C-level search
# instead of a Python test per line; the lines of the other texts go through
# _COMMENT_START one by one (str.splitlines breaks lines at more characters than "\n").
# Each expression starts with the literal "\n" (the text gets one in front), which the
# regex engine finds fast, where a multi-line "^" is tried at every character.
_COMMENT_LINE = re.compile(r"\n([^\S\n]*(?:/\*|\*|//|#|--|;|%|<!--|[Rr][Ee][Mm]\b|\(\*)[^\n]*)")
_COMMENT_AFTER_BREAK = re.compile(_COMMENT.pattern.replace(r"^\s*", r"\n[^\S\n]*"), re.I)
_OTHER_BREAKS = tuple("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _newline_lines(head: str) -> str | None:
    """The head with "\r\n" written "\n", whose lines are then its "\n"-separated parts,
    as str.splitlines gives them; None when it breaks lines at other characters too."""
    text = head.replace("\r\n", "\n") if "\r" in head else head
    return None if any(mark in text for mark in _OTHER_BREAKS) else text


def _notice_text(head: str, language: str | None) -> str:
    """Header words for notice matching; in code only comment lines count (not string literals)."""
    text = _newline_lines(head)
    if text is None:
        return _notice_text_by_lines(head, language)
    if language not in _PROSE_LANGUAGES:
        lines = _COMMENT_LINE.findall("\n" + text)
        return " ".join(_COMMENT.sub("", line) for line in lines).lower()
    body = text[:-1] if text.endswith("\n") else text
    return _COMMENT_AFTER_BREAK.sub("\n", "\n" + body)[1:].replace("\n", " ").lower()


def _notice_text_by_lines(head: str, language: str | None) -> str:
    """`_notice_text` line by line, as str.splitlines breaks them."""
    lines = head.splitlines()
    if language not in _PROSE_LANGUAGES:
        lines = [
            line
            for line in lines
            if (bare := line.lstrip()) and bare[0] in _COMMENT_FIRST and _COMMENT_START.match(line)
        ]
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
        copyrights = _header_copyrights(head, entry.language in _PROSE_LANGUAGES)
    if not (tags or notices or copyrights):
        return _NOTHING
    return FileHeader(tuple(tags), tuple(notices), tuple(copyrights))


def _header_copyrights(head: str, prose: bool) -> list[tuple[int, str]]:
    """(line, statement) of the copyright statements in a head; in code, comments only.

    An ASCII head with "\n" line breaks is read only at the lines holding "copyright" or
    "(c)", the words every statement of an ASCII line needs (a Java licence header is
    thirty comment lines, one of them a copyright); any other head line by line."""
    text = _newline_lines(head)
    if text is None or not text.isascii():
        return _header_copyrights_by_lines(head, prose)
    lowered = text.lower()
    starts: set[int] = set()
    for word in ("copyright", "(c)"):
        position = lowered.find(word)
        while position != -1:
            starts.add(lowered.rfind("\n", 0, position) + 1)
            position = lowered.find(word, position + 1)
    found: list[tuple[int, str]] = []
    for start in sorted(starts):
        end = text.find("\n", start)
        line = text[start : end if end != -1 else len(text)]
        if not prose and not _COMMENT_START.match(line):
            continue  # in code, only comments state copyright
        number = text.count("\n", 0, start) + 1
        found += [(number, statement) for statement in header_statements(line)]
    return found


def _header_copyrights_by_lines(head: str, prose: bool) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for number, line in enumerate(head.splitlines(), start=1):
        if not prose and not _COMMENT_START.match(line):
            continue
        found += [(number, statement) for statement in header_statements(line)]
    return found


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


_NOTICE_WORDS = ("licen", "gnu", "creative commons", "terms of")


def _header_notices(flat: str) -> Iterator[str]:
    """The licenses a header's comments state (notices and references, see statements.py)."""
    if any(word in flat for word in _NOTICE_WORDS):
        for item in statements(flat):
            yield item.spdx


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


# -- README and pages -------------------------------------------------------------
# A link that says it is the page's license: <a rel="license" href="…/by-sa/4.0/">.
_REL_LICENSE = re.compile(
    r"<a\b[^>]{0,300}?rel=[\"']license[\"'][^>]{0,300}?href=[\"']([^\"']+)"
    r"|<a\b[^>]{0,300}?href=[\"']([^\"']+)[\"'][^>]{0,300}?rel=[\"']license[\"']",
    re.I,
)


def _license_section(text: str) -> tuple[int, int] | None:
    """Start and end offsets of the README's License section (Markdown, RST, AsciiDoc)."""
    heading = _README_HEADING.search(text)
    if heading is not None:
        level = len(heading.group(1))
        start = heading.end()
        for other in _ANY_HEADING.finditer(text, start):
            if len(other.group(1)) <= level:
                return start, other.start()
        return start, len(text)
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for raw in lines:
        offsets.append(offsets[-1] + len(raw))
    found = headings(text)
    for number, (line_no, title) in enumerate(found):
        if re.match(r"\W*(?:licen[cs]es?|licensing|copying)\b", title, re.I):
            end = offsets[found[number + 1][0] - 1] if number + 1 < len(found) else len(text)
            return offsets[min(line_no, len(lines))], end
    return None


def _url_license(url: str) -> str | None:
    for pattern, to_id in _LICENSE_URLS:
        match = pattern.search(url)
        if match:
            parsed = parse_expression(to_id(match))
            return parsed.expression if parsed.valid else name_to_spdx(to_id(match))
    return None


def readme_declarations(inventory: Inventory, readme: str | None) -> list[Declaration]:
    """The README's license section (texts, license URLs, notices, references), and outside
    it the statements that speak for the work itself ("This work is licensed under …").
    Statements about something else ("uses Leaflet, available under BSD") become
    ``mention`` declarations: a hint for the owner, never the project's license."""
    if readme is None:
        return []
    text = inventory.text(readme) or ""
    found: dict[tuple[str, str], Declaration] = {}

    def add(
        spdx: str | None, position: int, raw: str, score: float = 1.0, kind: str | None = None
    ) -> None:
        if spdx and (spdx, kind or "") not in found:
            found[(spdx, kind or "")] = Declaration(
                source="readme",
                path=readme,
                line=_line_of(text, position),
                raw=_excerpt(raw),
                spdx=spdx,
                score=score,
                kind=kind,
            )

    bounds = _license_section(text)
    lo, hi = bounds if bounds else (0, 0)
    if bounds:
        section = text[lo:hi]
        for text_match in identify_text(section):
            add(text_match.spdx, lo, section[:120], text_match.score)
        for pattern, to_id in _LICENSE_URLS:
            for url in pattern.finditer(section):
                parsed = parse_expression(to_id(url))
                add(
                    parsed.expression if parsed.valid else name_to_spdx(to_id(url)),
                    lo + url.start(),
                    url.group(0),
                )
    for link in _REL_LICENSE.finditer(text):
        add(_url_license(link.group(1) or link.group(2)), link.start(), link.group(0))
    for item in statements(text):
        inside = lo <= item.start < hi
        add(item.spdx, item.start, item.text, kind=None if inside or item.own else "mention")
    declared = list(found.values())
    if any(d.kind != "mention" for d in declared):
        declared = [d for d in declared if d.kind != "mention"]
    return declared


# Pages a content project's license statement sits on: a site's footer, an about page.
_PAGE_SUFFIXES = {".html", ".htm", ".jsx", ".tsx", ".vue", ".svelte", ".md", ".mdx", ".njk",
                  ".liquid", ".hbs", ".erb", ".astro", ".js", ".ts", ".rst", ".adoc", ".txt"}  # fmt: skip
_PAGE_WORDS = re.compile(r"creative\s*commons|creativecommons\.org|licen[cs]ed\s+under", re.I)
MAX_PAGES = 3000
MAX_PAGE_SIZE = 512 * 1024


def page_declarations(inventory: Inventory, readme: str | None) -> list[Declaration]:
    """License statements that speak for the work on its own pages (HTML, JSX, Markdown):
    the "This work is licensed under a Creative Commons …" footer of a content site."""
    found: dict[str, Declaration] = {}
    read = 0
    for entry in inventory.own_files():
        if read >= MAX_PAGES:
            break
        if entry.suffix not in _PAGE_SUFFIXES or entry.test or entry.example:
            continue
        if entry.path == readme or is_license_file(entry) or entry.size > MAX_PAGE_SIZE:
            continue
        text = inventory.text(entry)
        read += 1
        if not text or not _PAGE_WORDS.search(text):
            continue
        hits: list[tuple[str, int, str]] = [
            (spdx, link.start(), link.group(0))
            for link in _REL_LICENSE.finditer(text)
            for spdx in [_url_license(link.group(1) or link.group(2))]
            if spdx
        ]
        hits += [(item.spdx, item.start, item.text) for item in statements(text) if item.own]
        for spdx, position, raw in hits:
            if spdx in found:
                found[spdx].count += 1
                continue
            found[spdx] = Declaration(
                source="page",
                path=entry.path,
                line=_line_of(text, position),
                raw=_excerpt(raw),
                spdx=spdx,
            )
    return list(found.values())


# -- everything --------------------------------------------------------------------
@dataclass
class Declarations:
    files: list[Declaration]
    manifests: list[Declaration]
    reuse: list[Declaration]
    readme: list[Declaration]
    headers: HeaderScan
    pages: list[Declaration] = field(default_factory=list)

    def project_files(self) -> list[Declaration]:
        return [d for d in self.files if d.scope == "project"]

    def all(self) -> list[Declaration]:
        return [
            *self.files,
            *self.manifests,
            *self.reuse,
            *self.readme,
            *self.pages,
            *self.headers.tags.values(),
            *self.headers.notices.values(),
            *self.headers.bad_tags,
        ]


@dataclass(frozen=True)
class StatedDeclarations:
    """What the project states where it says what its license is (license files, manifests,
    REUSE, the README): the declarations that need no pass over every file's head."""

    files: list[Declaration]
    manifests: list[Declaration]
    reuse: list[Declaration]
    readme: list[Declaration]


def stated_declarations(inventory: Inventory, readme: str | None) -> StatedDeclarations:
    return StatedDeclarations(
        files=license_files(inventory),
        manifests=manifest_declarations(inventory),
        reuse=reuse_declarations(inventory),
        readme=readme_declarations(inventory, readme),
    )


def find_declarations(
    inventory: Inventory,
    readme: str | None,
    scanned: Scanned[FileHeader] | None = None,
    stated: StatedDeclarations | None = None,
) -> Declarations:
    """``scanned``: the header scanner's results of the pass over the files, when it ran;
    ``stated``: ``stated_declarations``, when it was derived already."""
    if stated is None:
        stated = stated_declarations(inventory, readme)
    found = Declarations(
        files=stated.files,
        manifests=stated.manifests,
        reuse=stated.reuse,
        readme=stated.readme,
        headers=scan_headers(inventory, scanned),
    )
    for_the_project = [
        *found.project_files(),
        *[d for d in found.manifests if d.scope == "project"],
        *found.reuse,
        *[d for d in found.readme if d.kind != "mention"],
    ]
    if not any(d.spdx for d in for_the_project):
        # Only when the project states its license nowhere else: pages are many.
        found.pages = page_declarations(inventory, readme)
    return found

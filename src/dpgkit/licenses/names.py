"""License names as people write them ("Apache 2.0", "GPLv3+", "MIT License") to SPDX.

Manifests, classifiers, README sentences and one-word LICENSE files name licenses rather
than quote them. A value that parses as an SPDX expression is taken as one; otherwise it is
simplified (case, "license", "version", "v", ".0") and looked up among the SPDX names and
ids of the index plus the common spellings below. The table is ours because no library maps
free-form names (license-expression only knows ids).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from dpgkit.licenses.expressions import parse_expression, spdx_licensing
from dpgkit.licenses.index import load_index

# Spellings seen in manifests and READMEs that SPDX names and ids do not cover.
ALIASES: dict[str, str] = {
    "apache": "Apache-2.0",
    "apache 2": "Apache-2.0",
    "apache software": "Apache-2.0",
    "apache software 2": "Apache-2.0",
    "asl 2": "Apache-2.0",
    "al 2": "Apache-2.0",
    "new bsd": "BSD-3-Clause",
    "modified bsd": "BSD-3-Clause",
    "revised bsd": "BSD-3-Clause",
    "bsd 3": "BSD-3-Clause",
    "3 clause bsd": "BSD-3-Clause",
    "simplified bsd": "BSD-2-Clause",
    "freebsd": "BSD-2-Clause",
    "bsd 2": "BSD-2-Clause",
    "2 clause bsd": "BSD-2-Clause",
    "expat": "MIT",
    "mit x11": "MIT",
    "iscl": "ISC",
    "gpl 2": "GPL-2.0-only",
    "gpl 3": "GPL-3.0-only",
    "gnu gpl 2": "GPL-2.0-only",
    "gnu gpl 3": "GPL-3.0-only",
    "gnu gpl 2 or later": "GPL-2.0-or-later",
    "gnu gpl 3 or later": "GPL-3.0-or-later",
    "lgpl 2.1": "LGPL-2.1-only",
    "lgpl 3": "LGPL-3.0-only",
    "gnu lgpl 2.1": "LGPL-2.1-only",
    "gnu lgpl 3": "LGPL-3.0-only",
    "agpl 3": "AGPL-3.0-only",
    "gnu agpl 3": "AGPL-3.0-only",
    "agpl 3 or later": "AGPL-3.0-or-later",
    "mpl 2": "MPL-2.0",
    "mpl2": "MPL-2.0",
    "epl 2": "EPL-2.0",
    "eupl 1.2": "EUPL-1.2",
    "eupl 1.1": "EUPL-1.1",
    "cc 0": "CC0-1.0",
    "cc 0 1": "CC0-1.0",
    "cc zero": "CC0-1.0",
    "cc by": "CC-BY-4.0",
    "cc by sa": "CC-BY-SA-4.0",
    "odbl": "ODbL-1.0",
    "odc by": "ODC-By-1.0",
    "pddl": "PDDL-1.0",
    "python software foundation": "PSF-2.0",
    "psf": "PSF-2.0",
    "boost": "BSL-1.0",
    "zlib libpng": "Zlib",
    "wtfpl": "WTFPL",
    "unlicense": "Unlicense",
}
# Values that say "no open license": npm's UNLICENSED, "proprietary", "all rights reserved".
PROPRIETARY = {
    "unlicensed",
    "proprietary",
    "all rights reserved",
    "commercial",
    "private",
    "closed source",
    "other proprietary",
}
_STOP = {"the", "license", "licenses", "version", "v", "vers", "public", "dedication", "universal"}
_KEEP_PUBLIC = re.compile(r"general public|mozilla public|eclipse public|european union public")
_PARENTHESES = re.compile(r"\(([^()]{1,60})\)")


def simplify(name: str) -> str:
    text = name.lower().replace("licence", "license")
    text = re.sub(r"\bor (?:any )?later(?: version)?\b|\+", " or later ", text)
    text = re.sub(r"\b([a-z]{2,}?)v(?=\d)", r"\1 ", text)  # gplv3 -> gpl 3
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text)  # cc0 -> cc 0
    text = re.sub(r"(\d)\.0\b", r"\1", text)  # 2.0 -> 2
    keep_public = bool(_KEEP_PUBLIC.search(text))
    words = re.findall(r"\d+(?:\.\d+)*|[a-z]+", text)
    stop = _STOP - {"public"} if keep_public else _STOP
    return " ".join(word for word in words if word not in stop)


@cache
def _lookup() -> dict[str, str]:
    index = load_index()
    table: dict[str, str] = {}
    # Deprecated ids first, so current ones win a shared simplified form.
    ordered = sorted(index.licenses.values(), key=lambda info: info.deprecated_for is None)
    for info in ordered:
        target = info.deprecated_for or info.spdx
        table[simplify(info.spdx)] = target
        table[simplify(info.name)] = target
    for alias, spdx in ALIASES.items():
        table[alias] = spdx
    return table


def prepare_names() -> None:
    """Load what ``name_to_spdx`` reads: the license index, the name table, the SPDX
    expression parser (before the scan pass forks its workers, so they share them)."""
    _lookup()
    spdx_licensing()


def is_proprietary(value: str) -> bool:
    return " ".join(value.lower().replace("/", " ").split()) in PROPRIETARY or bool(
        re.fullmatch(r"\s*other\s*/\s*proprietary( license)?\s*", value, re.IGNORECASE)
    )


@lru_cache(maxsize=4096)
def name_to_spdx(value: str) -> str | None:
    """The SPDX expression a license name or expression stands for, or None."""
    value = value.strip()
    if not value or len(value) > 200:
        return None
    # Operators in any case, and Cargo's old "MIT/Apache-2.0" for OR.
    spelled = re.sub(r"\s+(and|or|with)\s+", lambda m: f" {m.group(1).upper()} ", value, flags=re.I)
    spelled = re.sub(r"(?<=[\w.+])\s*/\s*(?=[A-Za-z])", " OR ", spelled)
    # A value with spaces is an expression only around its operators ("MIT OR Apache-2.0");
    # "Apache License 2.0" is a name, and parsing is the slow path.
    if " " not in spelled or re.search(r" (?:AND|OR|WITH) ", spelled):
        parsed = parse_expression(spelled)
        if parsed.valid and parsed.expression:
            return parsed.expression
    table = _lookup()
    whole = table.get(simplify(value))
    if whole:
        return whole
    for inner in _PARENTHESES.findall(value):
        found = table.get(simplify(inner))
        if found:
            return found
    without = _PARENTHESES.sub(" ", value)
    return table.get(simplify(without))

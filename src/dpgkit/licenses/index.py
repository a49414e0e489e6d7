"""The compiled index of every SPDX license text, shipped in ``licenses/data``.

``tools/build_license_index.py`` builds it from the npm package ``spdx-license-list`` (CC0):
each text is normalised once, identical texts are grouped, and texts with an optional
appendix ("How to apply these terms") get a second, appendix-free template. For the fast
pre-filter it also stores, per template, a few of its rarest word triples ("anchors").
Shingle sets are built lazily, only for templates a file could match.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

INDEX_FILE = "spdx-index.json.gz"
FORMAT = 1
SHINGLE = 3

Shingle = tuple[str, ...]


def shingles(words: list[str]) -> list[Shingle]:
    """Word triples in order (a text shorter than a triple has none)."""
    return list(zip(words, words[1:], words[2:], strict=False))


@dataclass(eq=False)
class Template:
    """One normalised license text; ``ids`` are the SPDX ids sharing it (preferred first)."""

    number: int
    ids: tuple[str, ...]
    variant: str  # "full" or "core" (the optional appendix removed)
    text: str
    anchors: tuple[Shingle, ...]
    _shingles: frozenset[Shingle] | None = field(default=None, repr=False)
    _positions: dict[Shingle, int] | None = field(default=None, repr=False)

    @property
    def spdx(self) -> str:
        return self.ids[0]

    @property
    def words(self) -> list[str]:
        return self.text.split()

    @property
    def shingles(self) -> frozenset[Shingle]:
        if self._shingles is None:
            self._shingles = frozenset(shingles(self.words))
        return self._shingles

    @property
    def positions(self) -> dict[Shingle, int]:
        """Each triple's position in the template (-1 when it occurs more than once)."""
        if self._positions is None:
            found: dict[Shingle, int] = {}
            for position, shingle in enumerate(shingles(self.words)):
                found[shingle] = -1 if shingle in found else position
            self._positions = found
        return self._positions


@dataclass(frozen=True)
class LicenseInfo:
    spdx: str
    name: str
    osi_approved: bool
    deprecated_for: str | None = None  # the current SPDX expression for a deprecated id


@dataclass
class LicenseIndex:
    templates: list[Template]
    licenses: dict[str, LicenseInfo]
    source: dict[str, Any]
    exact: dict[str, Template] = field(default_factory=dict)
    anchors: dict[Shingle, list[Template]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        anchors: defaultdict[Shingle, list[Template]] = defaultdict(list)
        for template in self.templates:
            self.exact.setdefault(template.text, template)
            for anchor in template.anchors:
                anchors[anchor].append(template)
        self.anchors = dict(anchors)

    def name(self, spdx: str) -> str:
        info = self.licenses.get(spdx)
        return info.name if info else spdx

    def twins(self, spdx: str) -> set[str]:
        """Ids whose text is the same as this one's once normalised, and deprecated aliases."""
        found = {spdx}
        for template in self.templates:
            if spdx in template.ids:
                found.update(template.ids)
        for info in self.licenses.values():
            if info.deprecated_for in found:
                found.add(info.spdx)
        return found


def _read_index_bytes() -> bytes:
    return (resources.files("dpgkit.licenses") / "data" / INDEX_FILE).read_bytes()


def parse_index(raw: dict[str, Any]) -> LicenseIndex:
    if raw.get("format") != FORMAT:
        raise ValueError(f"license index format {raw.get('format')!r}, expected {FORMAT}")
    templates = [
        Template(
            number=number,
            ids=tuple(item["ids"]),
            variant=item["variant"],
            text=item["text"],
            anchors=tuple(tuple(anchor.split()) for anchor in item["anchors"]),
        )
        for number, item in enumerate(raw["templates"])
    ]
    licenses = {
        spdx: LicenseInfo(
            spdx=spdx,
            name=item["name"],
            osi_approved=bool(item.get("osi")),
            deprecated_for=item.get("deprecated_for"),
        )
        for spdx, item in raw["licenses"].items()
    }
    return LicenseIndex(templates=templates, licenses=licenses, source=raw.get("source", {}))


@cache
def load_index() -> LicenseIndex:
    """The shipped index, read once per process."""
    return parse_index(json.loads(gzip.decompress(_read_index_bytes())))

"""References to privacy laws in a project's documents (data/privacy_laws.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dpgkit.fastregex import compile_scanner
from dpgkit.inventory import Inventory
from dpgkit.inventory.classify import PROSE_SUFFIXES
from dpgkit.inventory.inventory import excerpt
from dpgkit.parsing import load_data_yaml
from dpgkit.pii.signals import policy_files

_MAX_FILE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Law:
    id: str
    name: str
    jurisdiction: str
    pattern: re.Pattern[str]  # linear-time RE2 (dpgkit.fastregex): no pre-check needed


@dataclass(frozen=True, slots=True)
class LawReference:
    law: Law
    path: str
    line: int
    excerpt: str


@cache
def privacy_laws() -> tuple[Law, ...]:
    text = (resources.files("dpgkit.data") / "privacy_laws.yaml").read_text(encoding="utf-8")
    raw = load_data_yaml(text)["laws"]
    return tuple(
        Law(
            id=law_id,
            name=body["name"],
            jurisdiction=body["jurisdiction"],
            # Linear-time RE2 (dpgkit.fastregex): every law runs over every document.
            pattern=compile_scanner(
                "|".join(f"(?:{p})" for p in body["patterns"]), ignore_case=True
            ),
        )
        for law_id, body in raw.items()
    )


def find_law_references(inventory: Inventory) -> list[LawReference]:
    """The first reference to each law, policy documents and top-level files first."""
    policies = {entry.path for entries in policy_files(inventory).values() for entry in entries}
    entries = [
        entry
        for entry in inventory.own_files()
        if (entry.suffix in PROSE_SUFFIXES or entry.path in policies)
        and entry.size <= _MAX_FILE
        and not entry.test
    ]
    entries.sort(key=lambda entry: (entry.path not in policies, entry.depth, entry.path))
    found: dict[str, LawReference] = {}
    laws = privacy_laws()
    for entry in entries:
        text = inventory.text(entry)
        if not text:
            continue
        for law in laws:
            if law.id in found:
                continue
            match = law.pattern.search(text)
            if match:
                line = text.count("\n", 0, match.start()) + 1
                start = text.rfind("\n", 0, match.start()) + 1
                end = text.find("\n", match.start())
                quoted = excerpt(text[start : end if end != -1 else len(text)])
                found[law.id] = LawReference(law, entry.path, line, quoted)
        if len(found) == len(laws):
            break
    return list(found.values())

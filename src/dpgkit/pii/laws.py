"""References to privacy laws in a project's documents (data/privacy_laws.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dpgkit.fastregex import compile_scanner
from dpgkit.inventory import FileEntry, Inventory
from dpgkit.inventory.classify import PROSE_SUFFIXES
from dpgkit.inventory.inventory import excerpt
from dpgkit.parsing import load_data_yaml
from dpgkit.pii.signals import is_policy
from dpgkit.scan import Scanned, Scanner, register, run_scan

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


def _wanted(entry: FileEntry) -> bool:
    return (
        entry.own
        and (entry.suffix in PROSE_SUFFIXES or is_policy(entry))
        and entry.size <= _MAX_FILE
        and not entry.test
    )


# One file's first reference to each law it names: (law id, line, excerpt).
FileLaws = tuple[tuple[str, int, str], ...]


def _scan(entry: FileEntry, text: str) -> FileLaws | None:
    found = []
    for law in privacy_laws():
        match = law.pattern.search(text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.start())
            found.append((law.id, line, excerpt(text[start : end if end != -1 else len(text)])))
    return tuple(found) or None


LAWS: Scanner[FileLaws] = register(
    Scanner(
        "privacy laws",
        wants=_wanted,
        scan=_scan,
        # Every law's words (and nothing else) open the file: most documents name none.
        gate="(?i:" + "|".join(f"(?:{law.pattern.pattern})" for law in privacy_laws()) + ")",
    )
)


def find_law_references(
    inventory: Inventory, scanned: Scanned[FileLaws] | None = None
) -> list[LawReference]:
    """The first reference to each law, policy documents and top-level files first."""
    if scanned is None:
        scanned = run_scan(inventory, [LAWS])[LAWS.name]
    entries = [entry for entry in inventory.files if _wanted(entry)]
    entries.sort(key=lambda entry: (not is_policy(entry), entry.depth, entry.path))
    laws = {law.id: law for law in privacy_laws()}
    by_path = scanned.by_path()
    found: dict[str, LawReference] = {}
    for entry in entries:
        for law_id, line, quoted in by_path.get(entry.path, ()):
            if law_id not in found:
                found[law_id] = LawReference(laws[law_id], entry.path, line, quoted)
    return list(found.values())

"""The personal-data inventory of a checkout: fields by category, with locations, and the
screening scale (not collected / collected / stored / distributed) with its reasons.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from dpgkit.evidence.mentions import first_use
from dpgkit.fastregex import compile_gate
from dpgkit.inventory import Inventory
from dpgkit.parsing import load_data_yaml
from dpgkit.pii.classify import Category, Classified, classify_all
from dpgkit.pii.fields import DataField, ReadProblem
from dpgkit.pii.readers import FileModels, read_data_models
from dpgkit.pii.scale import Scale
from dpgkit.scan import Scanned

_MANIFESTS = re.compile(
    r"(^|/)(package\.json|requirements[\w.-]*\.txt|pipfile|pyproject\.toml|setup\.py|setup\.cfg|"
    r"gemfile|composer\.json|build\.gradle(\.kts)?|pubspec\.yaml|go\.mod|pom\.xml|podfile|"
    r"[\w.-]+\.csproj|mix\.exs|cargo\.toml)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ThirdParty:
    name: str
    path: str
    line: int


@dataclass
class PersonalData:
    fields: list[DataField]
    personal: list[Classified]
    problems: list[ReadProblem]
    files_read: int
    third_parties: list[ThirdParty] = field(default_factory=list)
    scale: Scale = Scale.NOT_COLLECTED
    reasons: list[str] = field(default_factory=list)

    def by_category(self) -> dict[Category, list[Classified]]:
        grouped: dict[Category, list[Classified]] = defaultdict(list)
        for item in self.personal:
            grouped[item.category].append(item)
        return dict(grouped)

    def registry_types(self) -> list[str]:
        """Category names as owners list them in the registry: "Email", "Health data"."""
        return [category.registry for category in self.by_category()]

    @property
    def special(self) -> list[Category]:
        return [category for category in self.by_category() if category.special]

    @property
    def entities(self) -> set[str]:
        return {item.field.entity for item in self.personal}


@cache
def _third_party_patterns() -> dict[str, re.Pattern[str]]:
    raw = load_data_yaml(
        (resources.files("dpgkit.pii") / "categories.yaml").read_text(encoding="utf-8")
    )
    return {name: re.compile(pattern, re.I) for name, pattern in raw["third_parties"].items()}


@cache
def _any_third_party() -> Any:
    """Matches wherever any third-party pattern does (an RE2 gate, a superset): one search
    of a manifest that names none of them (most) instead of one per service, in Python's
    engine (a monorepo's two hundred manifests times two dozen services took half a
    second)."""
    source = "|".join(f"(?:{pattern.pattern})" for pattern in _third_party_patterns().values())
    return compile_gate("(?i)" + source) or re.compile(source, re.I)


def find_third_parties(inventory: Inventory) -> list[ThirdParty]:
    found: dict[str, ThirdParty] = {}
    for entry in inventory.own_files():
        # A sample's or a test's manifest is not the product's; a comment in a manifest
        # ("# no Firebase here") names a service without depending on it.
        if not _MANIFESTS.search(entry.path) or entry.test or entry.example:
            continue
        text = inventory.text(entry)
        if not text or _any_third_party().search(text) is None:
            continue
        for name, pattern in _third_party_patterns().items():
            if name in found:
                continue
            hits = inventory.search(entry, pattern, limit=20)
            used = next((n for n, line in hits if first_use(line, pattern) is not None), None)
            if used is not None:
                found[name] = ThirdParty(name, entry.path, used)
    return list(found.values())


def _scale(report: PersonalData) -> tuple[Scale, list[str]]:
    if not report.personal:
        return Scale.NOT_COLLECTED, ["no field of a data model, schema or form holds personal data"]
    reasons = []
    stored = [item for item in report.personal if item.field.stored]
    exposed = [item for item in report.personal if item.field.exposed]
    scale = Scale.STORED if stored else Scale.COLLECTED
    if stored:
        sources = sorted({item.field.source for item in stored})
        reasons.append(f"stored: personal data in {', '.join(sources)}")
    else:
        sources = sorted({item.field.source for item in report.personal})
        reasons.append(f"collected: personal data in {', '.join(sources)}, no storage found")
    if exposed:
        apis = sorted({item.field.source for item in exposed})
        reasons.append(f"distributed: an API ({', '.join(apis)}) exposes personal fields")
        scale = Scale.DISTRIBUTED
    if report.third_parties:
        names = ", ".join(party.name for party in report.third_parties)
        reasons.append(f"distributed: third-party services that receive user data ({names})")
        scale = Scale.DISTRIBUTED
    return scale, reasons


def analyse_personal_data(
    inventory: Inventory, scanned: Scanned[FileModels] | None = None
) -> PersonalData:
    """``scanned``: the data-model scanner's results of the pass over the files, when it ran."""
    models = read_data_models(inventory, scanned)
    # One field declared by a model, its migration and its schema is one field.
    unique: dict[tuple[str, str, str], DataField] = {}
    for data_field in models.fields:
        key = (data_field.entity.lower(), data_field.name.lower(), data_field.source)
        unique.setdefault(key, data_field)
    fields = list(unique.values())
    report = PersonalData(
        fields=fields,
        personal=classify_all(fields),
        problems=models.problems,
        files_read=models.files_read,
        third_parties=find_third_parties(inventory),
    )
    report.scale, report.reasons = _scale(report)
    return report

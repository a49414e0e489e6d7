"""Load and validate the versioned Standard data files shipped in ``standard/data``."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from dpgkit.parsing import load_data_yaml

CURRENT_VERSION = "1.1.7"
INDICATOR_IDS = ("1", "2", "3", "4", "5", "6", "7", "8", "9A", "9B", "9C")
_DATA = resources.files("dpgkit.standard") / "data"


class QuestionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    screening_field: str | None = None
    kind: str = "text"  # text, list, yes_no
    applies_to: list[str] | None = None  # project types; None means all
    required_when: dict[str, str] | None = None  # other question id -> answer that makes it needed
    # For a yes/no question that others depend on: the verdict an owner's "No" settles.
    no_means: Literal["met", "not_applicable"] | None = None


class IndicatorSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    requirement: str
    owner_declared: bool = False
    questions: list[QuestionSpec] = Field(default_factory=list)

    def question_id(self, local_id: str) -> str:
        return f"{self.id}.{local_id}"


class ApprovedLicense(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    spdx: str
    name: str
    categories: list[str]


class Standard(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    date: str
    indicators: list[IndicatorSpec]
    general_questions: list[QuestionSpec] = Field(default_factory=list)
    licenses: dict[str, ApprovedLicense] = Field(default_factory=dict)

    def indicator(self, indicator_id: str) -> IndicatorSpec:
        for spec in self.indicators:
            if spec.id == indicator_id:
                return spec
        raise KeyError(indicator_id)

    def all_questions(self) -> dict[str, QuestionSpec]:
        """Every question by its global id ("7.privacy_laws", "general.name")."""
        found = {f"general.{q.id}": q for q in self.general_questions}
        for spec in self.indicators:
            for question in spec.questions:
                found[spec.question_id(question.id)] = question
        return found

    def approved(self, spdx_id: str) -> ApprovedLicense | None:
        """The approved entry for an SPDX id, accepting current and deprecated forms."""
        key = normalise_spdx_id(spdx_id)
        return _license_index(self.version).get(key.lower())


_GNU_FAMILY = re.compile(r"^(A?GPL|LGPL|GFDL)-(\d\.\d)(-only|-or-later|\+)?$", re.IGNORECASE)


def normalise_spdx_id(spdx_id: str) -> str:
    """Map current SPDX GNU ids onto the deprecated forms the registry lists (GPL-3.0-only -> GPL-3.0)."""
    match = _GNU_FAMILY.match(spdx_id.strip())
    if match:
        return f"{match.group(1).upper()}-{match.group(2)}"
    return spdx_id.strip()


@cache
def _license_index(version: str) -> dict[str, ApprovedLicense]:
    standard = load_standard(version)
    return {key.lower(): value for key, value in standard.licenses.items()}


def _read_yaml(name: str) -> Any:
    return load_data_yaml((_DATA / name).read_text(encoding="utf-8"))


@cache
def load_standard(version: str = CURRENT_VERSION) -> Standard:
    raw = _read_yaml(f"standard-{version}.yaml")
    licenses_raw = _read_yaml(f"licenses-{version}.yaml")["licenses"]
    raw["licenses"] = {spdx: {"spdx": spdx, **entry} for spdx, entry in licenses_raw.items()}
    standard = Standard.model_validate(raw)
    ids = tuple(spec.id for spec in standard.indicators)
    if ids != INDICATOR_IDS:
        raise ValueError(f"standard {version} lists indicators {ids}, expected {INDICATOR_IDS}")
    return standard

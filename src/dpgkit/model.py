"""The Assessment: the one typed model every consumer reads.

This is the JSON contract (``dpg schema`` publishes its JSON Schema). Fields may be
added; none may be renamed or removed without bumping ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class Outcome(StrEnum):
    """What one probe found."""

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"


class Verdict(StrEnum):
    """How an indicator stands."""

    MET = "met"
    NOT_MET = "not_met"
    NEEDS_ANSWER = "needs_answer"
    NOT_APPLICABLE = "not_applicable"


class OverallVerdict(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Location(_Model):
    path: str
    line: int | None = None
    excerpt: str | None = None


class Finding(_Model):
    probe: str
    outcome: Outcome
    message: str
    locations: list[Location] = Field(default_factory=list)
    remediation: str | None = None
    data: dict[str, Any] = Field(
        default_factory=dict,
        description="Structured facts behind the finding, for consumers such as nomination export.",
    )


class Question(_Model):
    id: str
    text: str
    screening_field: str | None = None
    suggestion: str | None = Field(
        default=None,
        description="What the scan found that may answer it, for the owner to confirm.",
    )


class Answer(_Model):
    question: str
    value: Any
    source: str = Field(default="owner", description="Always 'owner': declared, not found in code.")


class IndicatorResult(_Model):
    id: str
    title: str
    verdict: Verdict
    summary: str
    findings: list[Finding] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    answers: list[Answer] = Field(default_factory=list)
    remediation: list[str] = Field(default_factory=list)


class Project(_Model):
    name: str
    description: str | None = None
    types: list[str] = Field(default_factory=list)
    repository_url: str | None = None
    commit: str | None = None
    default_branch: str | None = None
    path_in_repository: str | None = Field(
        default=None,
        description="The assessed folder inside its git repository (samples/app), when it is "
        "not the repository's top level; file links are made from there.",
    )
    path: str
    languages: dict[str, int] = Field(default_factory=dict, description="Bytes per language.")


class Tool(_Model):
    name: str
    version: str


class Overall(_Model):
    verdict: OverallVerdict
    blocking: list[str] = Field(default_factory=list)
    met: int = 0
    total: int = 0


class LicenseEntry(_Model):
    spdx: str | None
    path: str | None = None
    line: int | None = None
    category: str | None = None
    approved: bool = False
    score: float = 0.0
    source: str = Field(default="file", description="file, tag, manifest, header or readme.")


class SdgEntry(_Model):
    sdg: int
    score: float
    evidence: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)


class Stats(_Model):
    files: int
    bytes_read: int
    seconds: float


class Assessment(_Model):
    schema_version: str = SCHEMA_VERSION
    tool: Tool
    standard_version: str
    project: Project
    indicators: list[IndicatorResult]
    overall: Overall
    licenses: list[LicenseEntry] = Field(default_factory=list)
    sdgs: list[SdgEntry] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    stats: Stats

    def indicator(self, indicator_id: str) -> IndicatorResult:
        for result in self.indicators:
            if result.id == indicator_id:
                return result
        raise KeyError(indicator_id)


def assessment_json_schema() -> dict[str, Any]:
    schema = Assessment.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://dpgkit.org/schema/assessment-{SCHEMA_VERSION}.json"
    return schema

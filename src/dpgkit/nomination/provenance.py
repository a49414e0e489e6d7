"""Where each field of a nomination came from: the sidecar file written beside the records.

Every field the builder fills gets one entry, keyed by its JSON Pointer inside its record
("/license/0/spdx"): declared by the owner (``answer``), found in the checkout
(``evidence``, with the probe and file behind it and a confidence), fixed by the format
(``default``), or still ``missing`` (written as "Unknown" only with --allow-incomplete).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

PROVENANCE_VERSION = "1.0"


class Source(StrEnum):
    ANSWER = "answer"
    EVIDENCE = "evidence"
    DEFAULT = "default"
    MISSING = "missing"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvidenceRef(_Model):
    probe: str | None = None
    path: str | None = None
    line: int | None = None
    url: str | None = None
    text: str | None = Field(default=None, description="What the scan found there.")


class FieldSource(_Model):
    source: Source
    question: str | None = Field(default=None, description="The owner question behind the field.")
    confidence: float = Field(
        ge=0.0, le=1.0, description="1 for owner answers; how sure the scan is otherwise."
    )
    note: str | None = None
    suggested: str | None = Field(
        default=None,
        description="For a field left to the owner: the scan's answer, not written because "
        "the calibration does not show reviewers accepting it.",
    )
    evidence: list[EvidenceRef] = Field(default_factory=list)


class MissingFact(_Model):
    record: str = Field(description="nominee or screening")
    field: str = Field(description="JSON Pointer of the field inside its record.")
    question: str | None = Field(default=None, description="Answers-file id, e.g. 3.owner.")
    text: str = Field(description="The exact question to answer.")
    required: bool = Field(description="True when the registry or the Standard needs it.")


class ProjectRef(_Model):
    name: str
    repository_url: str | None = None
    commit: str | None = None


class ProvenanceDocument(_Model):
    schema_version: str = PROVENANCE_VERSION
    tool: str
    standard_version: str
    project: ProjectRef
    records: dict[str, str] = Field(description="Record kind -> file written, relative to --out.")
    fields: dict[str, dict[str, FieldSource]] = Field(
        description="Record kind -> JSON Pointer -> where the value came from."
    )
    missing: list[MissingFact] = Field(default_factory=list)

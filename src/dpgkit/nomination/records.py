"""Typed models of the registry's two record formats: nominee and screening records.

The field names, their order and their value sets follow the registry's JSON Schemas
(``dpgkit/registry/schemas``). Models forbid unknown keys so a format change is noticed,
and dumping leaves out every field a record did not set, so a record read from the
registry and written back is byte-for-byte the same (see :func:`record_text`).
"""

from __future__ import annotations

import json
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

YesNoUnknown = Literal["Yes", "No", "Unknown"]
# Follow-up questions admit an empty answer: the registry writes "" when they do not apply.
YesNoUnknownBlank = Literal["Yes", "No", "Unknown", ""]
ProjectType = Literal["software", "data", "content", "standard", "aimodel"]
Stage = Literal["nominee", "DPG", "archive"]
OrgType = Literal["owner", "maintainer", "funder", "implementer"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- nominee record (nominee-schema.json) -------------------------------------------------


class License(_Record):
    spdx: str = Field(description="An SPDX id from the registry's list (the schema's enum).")
    licenseURL: str


class Sdg(_Record):
    SDGNumber: int = Field(ge=1, le=17)
    evidenceText: str | None = None
    evidenceURL: str | None = None


class Repository(_Record):
    name: str | None = None
    url: str


class Organization(_Record):
    name: str | None = None
    website: str | None = None
    org_type: OrgType | None = None
    contact_name: str | None = None
    contact_email: str | None = None


class NomineeRecord(_Record):
    name: str
    aliases: list[str] | None = None
    description: str
    website: str | None = None
    license: list[License]
    SDGs: list[Sdg]
    sectors: list[str] | None = None
    type: list[ProjectType]
    repositories: list[Repository] | None = None
    organizations: list[Organization]
    stage: Stage


# --- screening record (screening-schema.json) ---------------------------------------------


class ClearOwnership(_Record):
    isOwnershipExplicit: YesNoUnknown
    copyrightURL: str | None = None


class PlatformIndependence(_Record):
    mandatoryDepsCreateMoreRestrictions: YesNoUnknown
    isSoftwarePltIndependent: YesNoUnknownBlank | None = None
    pltIndependenceDesc: str | None = None


class Documentation(_Record):
    isDocumentationAvailable: YesNoUnknown
    documentationURL: list[str] | None = None


class NonPII(_Record):
    collectsNonPII: YesNoUnknown
    checkNonPIIAccessMechanism: YesNoUnknownBlank | None = None
    nonPIIAccessMechanism: str | None = None


class Privacy(_Record):
    isPrivacyCompliant: YesNoUnknown
    privacyComplianceList: list[str] | None = None
    adherenceSteps: list[str] | None = None


class Standards(_Record):
    supportStandards: YesNoUnknown
    standardsList: list[str] | None = None
    evidenceStandardSupport: list[str] | None = None
    implementBestPractices: str
    bestPracticesList: list[str] | None = None


class PreventHarm(_Record):
    stepsToPreventHarm: YesNoUnknown
    additionalInfoMechanismProcessesPolicies: str | None = None


class DataPrivacySecurity(_Record):
    collectsPII: YesNoUnknown
    typesOfDataCollected: list[str] | None = None
    thirdPartyDataSharing: YesNoUnknown | None = None
    dataSharingCircumstances: list[str] | None = None
    ensurePrivacySecurity: YesNoUnknown | None = None
    privacySecurityDescription: str | None = None


class InappropriateIllegalContent(_Record):
    collectStoreDistribute: YesNoUnknown
    type: str | None = None
    contentFilter: YesNoUnknownBlank | None = None
    policyGuidelinesDocumentationLink: str | None = None
    illegalContentDetection: YesNoUnknownBlank | None = None
    illegalContentDetectionMechanism: str | None = None


class ProtectionFromHarassment(_Record):
    userInteraction: YesNoUnknown
    addressSafetySecurityUnderageUsers: YesNoUnknownBlank | None = None
    stepsAddressRiskPreventSafetyUnderageUsers: list[str] | None = None
    griefAbuseHarassmentProtection: YesNoUnknownBlank | None = None
    harassmentProtectionSteps: list[str] | None = None


class DoNoHarm(_Record):
    preventHarm: PreventHarm
    dataPrivacySecurity: DataPrivacySecurity
    inappropriateIllegalContent: InappropriateIllegalContent
    protectionFromHarassment: ProtectionFromHarassment


class Locations(_Record):
    developmentCountries: list[str]
    deploymentCountries: list[str]


class ScreeningRecord(_Record):
    name: str
    clearOwnership: ClearOwnership
    platformIndependence: PlatformIndependence
    documentation: Documentation
    NonPII: NonPII
    privacy: Privacy
    standards: Standards
    doNoHarm: DoNoHarm
    locations: Locations


RecordT = TypeVar("RecordT", NomineeRecord, ScreeningRecord)


def record_data(record: NomineeRecord | ScreeningRecord) -> dict[str, Any]:
    """The record as JSON data, holding exactly the fields it was given."""
    data: dict[str, Any] = record.model_dump(mode="json", exclude_unset=True)
    return data


def record_text(record: NomineeRecord | ScreeningRecord) -> str:
    """The record as the registry writes its files: two-space indent, UTF-8 kept, final newline."""
    return json.dumps(record_data(record), indent=2, ensure_ascii=False) + "\n"


def read_record(kind: type[RecordT], text: str) -> RecordT:
    """Parse one registry file's text into its model (raises ValueError when it does not fit)."""
    return kind.model_validate_json(text)

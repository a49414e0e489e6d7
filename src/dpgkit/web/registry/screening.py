"""A screening record arranged by indicator of the DPG Standard, with short translated labels.

The registry's screening schema nests answers by topic (``clearOwnership``, ``doNoHarm`` ...);
each topic belongs to one indicator. Fields this table does not know are still shown, under
"Other answers", labelled by their key, so nothing in a record is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dpgkit.web.registry.vocabulary import country_label

INDICATOR_TITLES: dict[str, Promise] = {
    "1": _("Relevance to Sustainable Development Goals"),
    "2": _("Use of an approved open license"),
    "3": _("Clear ownership"),
    "4": _("Platform independence"),
    "5": _("Documentation"),
    "6": _("Mechanism for extracting data and content"),
    "7": _("Adherence to privacy and applicable laws"),
    "8": _("Adherence to standards and best practices"),
    "9": _("Do no harm by design"),
    "9A": _("Data privacy and security"),
    "9B": _("Inappropriate and illegal content"),
    "9C": _("Protection from harassment"),
    "locations": _("Development and deployment"),
    "other": _("Other answers"),
}

# (path in the screening record, indicator, label)
FIELDS: list[tuple[str, str, Promise]] = [
    ("clearOwnership.isOwnershipExplicit", "3", _("Ownership is clearly defined")),
    ("clearOwnership.copyrightURL", "3", _("Ownership evidence")),
    (
        "platformIndependence.mandatoryDepsCreateMoreRestrictions",
        "4",
        _("Mandatory dependencies more restrictive than the license"),
    ),
    ("platformIndependence.isSoftwarePltIndependent", "4", _("Independent of closed components")),
    ("platformIndependence.pltIndependenceDesc", "4", _("Open alternatives")),
    ("documentation.isDocumentationAvailable", "5", _("Documentation is available")),
    ("documentation.documentationURL", "5", _("Documentation")),
    ("NonPII.collectsNonPII", "6", _("Collects non-personal data or content")),
    ("NonPII.checkNonPIIAccessMechanism", "6", _("Has an extraction mechanism")),
    ("NonPII.nonPIIAccessMechanism", "6", _("Extraction mechanism")),
    ("privacy.isPrivacyCompliant", "7", _("Complies with privacy and applicable laws")),
    ("privacy.privacyComplianceList", "7", _("Laws complied with")),
    ("privacy.adherenceSteps", "7", _("Steps taken")),
    ("standards.supportStandards", "8", _("Supports standards")),
    ("standards.standardsList", "8", _("Standards")),
    ("standards.evidenceStandardSupport", "8", _("Evidence of standards support")),
    ("standards.implementBestPractices", "8", _("Follows best practices")),
    ("standards.bestPracticesList", "8", _("Best practices")),
    ("doNoHarm.preventHarm.stepsToPreventHarm", "9", _("Takes steps to prevent harm")),
    (
        "doNoHarm.preventHarm.additionalInfoMechanismProcessesPolicies",
        "9",
        _("Mechanisms, processes and policies"),
    ),
    ("doNoHarm.dataPrivacySecurity.collectsPII", "9A", _("Collects personal data")),
    ("doNoHarm.dataPrivacySecurity.typesOfDataCollected", "9A", _("Types of data collected")),
    (
        "doNoHarm.dataPrivacySecurity.thirdPartyDataSharing",
        "9A",
        _("Shares data with third parties"),
    ),
    ("doNoHarm.dataPrivacySecurity.dataSharingCircumstances", "9A", _("Circumstances of sharing")),
    (
        "doNoHarm.dataPrivacySecurity.ensurePrivacySecurity",
        "9A",
        _("Ensures privacy and security of the data"),
    ),
    (
        "doNoHarm.dataPrivacySecurity.privacySecurityDescription",
        "9A",
        _("Privacy and security measures"),
    ),
    (
        "doNoHarm.inappropriateIllegalContent.collectStoreDistribute",
        "9B",
        _("Collects, stores or distributes content"),
    ),
    ("doNoHarm.inappropriateIllegalContent.type", "9B", _("Kinds of content")),
    (
        "doNoHarm.inappropriateIllegalContent.contentFilter",
        "9B",
        _("Has policies on inappropriate content"),
    ),
    (
        "doNoHarm.inappropriateIllegalContent.policyGuidelinesDocumentationLink",
        "9B",
        _("Policy documentation"),
    ),
    (
        "doNoHarm.inappropriateIllegalContent.illegalContentDetection",
        "9B",
        _("Detects and moderates illegal content"),
    ),
    (
        "doNoHarm.inappropriateIllegalContent.illegalContentDetectionMechanism",
        "9B",
        _("Detection and moderation process"),
    ),
    (
        "doNoHarm.protectionFromHarassment.userInteraction",
        "9C",
        _("Users interact with each other"),
    ),
    (
        "doNoHarm.protectionFromHarassment.addressSafetySecurityUnderageUsers",
        "9C",
        _("Protects underage users"),
    ),
    (
        "doNoHarm.protectionFromHarassment.stepsAddressRiskPreventSafetyUnderageUsers",
        "9C",
        _("Steps protecting underage users"),
    ),
    (
        "doNoHarm.protectionFromHarassment.griefAbuseHarassmentProtection",
        "9C",
        _("Protects against abuse and harassment"),
    ),
    (
        "doNoHarm.protectionFromHarassment.harassmentProtectionSteps",
        "9C",
        _("Steps against harassment"),
    ),
    ("locations.developmentCountries", "locations", _("Development countries")),
    ("locations.deploymentCountries", "locations", _("Deployment countries")),
]
ANSWER_WORDS: dict[str, Promise] = {"Yes": _("Yes"), "No": _("No"), "Unknown": _("Unknown")}


@dataclass
class Answer:
    label: str | Promise
    text: str | Promise = ""
    items: list[str] = field(default_factory=list)
    from_record: bool = True  # False when the text is one of our translated Yes/No/Unknown


@dataclass
class Section:
    indicator: str
    title: Promise
    answers: list[Answer] = field(default_factory=list)


def _leaves(value: Any, prefix: str) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        found: list[tuple[str, Any]] = []
        for key, inner in value.items():
            found.extend(_leaves(inner, f"{prefix}.{key}" if prefix else str(key)))
        return found
    return [(prefix, value)]


def _answer(label: str | Promise, value: Any) -> Answer | None:
    if isinstance(value, list):
        items = [str(item).strip() for item in value if str(item).strip()]
        return Answer(label, items=items) if items else None
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if text in ANSWER_WORDS:
        return Answer(label, text=ANSWER_WORDS[text], from_record=False)
    return Answer(label, text=text)


def screening_sections(record: dict[str, Any]) -> list[Section]:
    """The record's answers grouped by indicator, in the Standard's order; empty ones dropped."""
    known = {
        path: (position, indicator, label)
        for position, (path, indicator, label) in enumerate(FIELDS)
    }
    found: dict[str, list[tuple[int, Answer]]] = {key: [] for key in INDICATOR_TITLES}
    for path, value in _leaves({k: v for k, v in record.items() if k != "name"}, ""):
        position, indicator, label = known.get(path, (len(FIELDS), "other", path))
        answer = _answer(label, value)
        if answer is not None and path.endswith("Countries"):
            answer.items = [country_label(item) for item in answer.items]
            answer.from_record = False  # names in the page's language (vocabulary)
        if answer is not None:
            found[indicator].append((position, answer))
    return [
        Section(key, title, [answer for _, answer in sorted(found[key], key=lambda pair: pair[0])])
        for key, title in INDICATOR_TITLES.items()
        if found[key]
    ]

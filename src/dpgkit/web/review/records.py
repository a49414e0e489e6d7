"""From a submission to the registry's nominee and screening records, and into the registry.

Uploaded records are used as they are. A scanned submission's records are built by
``dpgkit.nomination.build_nomination`` from the assessment and the applicant's answers; the
records are frozen at submission so the reviewer decides on exactly what will be published.

What is published is what the owner confirmed: the SDGs come from the owner's answer (the
scan only suggests them, and a scan-built record would carry machine-joined target lists as
evidence), so a scanned submission cannot be submitted before the owner chose its SDGs. The
repository is the one the submission names; empty fields are left out rather than null.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from dpgkit.answers import Answers
from dpgkit.model import Assessment
from dpgkit.nomination import (
    MissingFact,
    NominationInputError,
    NomineeRecord,
    build_nomination,
    record_data,
)
from dpgkit.registry import RecordKind, record_errors
from dpgkit.standard import load_standard
from dpgkit.web.registry.models import Good
from dpgkit.web.registry.sources import Entry, EntryKind
from dpgkit.web.registry.store import import_items
from dpgkit.web.review.intake import public_repository
from dpgkit.web.review.models import Source, Status, Submission

# Questions the owner answers in the web app even when the scan settled the indicator: the
# scan's proposal is shown as a suggestion, never published on its own.
OWNER_CONFIRMS = ("1.sdgs",)
OWNER_ASKED = ("1.sdgs", "1.sdg_evidence")


class PublishError(RuntimeError):
    pass


def assessment_of(submission: Submission) -> Assessment | None:
    text = submission.assessment_json
    return Assessment.model_validate_json(text) if text else None


def build_records(
    submission: Submission,
) -> tuple[dict[str, Any], dict[str, Any], list[MissingFact]]:
    """(nominee, screening, missing required facts) for the submission as it stands."""
    if submission.source == Source.NOMINATION:
        nominee = publishable(submission.parsed("nominee_json"), submission.repository_url)
        return nominee, submission.parsed("screening_json"), []
    assessment = assessment_of(submission)
    if assessment is None:
        raise PublishError(_("The scan has not finished."))
    try:
        nomination = build_nomination(assessment, Answers(values=dict(submission.answers)))
    except NominationInputError as error:
        raise PublishError(str(error)) from None
    nominee = publishable(record_data(nomination.nominee), submission.repository_url)
    screening = record_data(nomination.screening)
    missing = list(nomination.missing_required)
    specs = load_standard(assessment.standard_version).all_questions()
    listed = {fact.question for fact in missing}
    for question in OWNER_CONFIRMS:
        if not submission.answers.get(question) and question in specs and question not in listed:
            fact = MissingFact(
                record="nominee",
                field="/SDGs",
                question=question,
                text=specs[question].text,
                required=True,
            )
            missing.insert(0, fact)
    return nominee, screening, missing


def publishable(nominee: dict[str, Any], repository_url: str) -> dict[str, Any]:
    """The nominee record as it will be published: no null fields, only http(s) repositories,
    and the submission's repository when the record names none."""
    data = {key: value for key, value in nominee.items() if value is not None}
    repositories = [
        item
        for item in data.get("repositories") or []
        if isinstance(item, dict) and public_url(item.get("url"))
    ]
    address = public_repository(repository_url)
    if not repositories and address:
        repositories = [{"name": "main", "url": address}]
    data.pop("repositories", None)
    if repositories:
        data["repositories"] = repositories
    order = list(NomineeRecord.model_fields)
    return dict(
        sorted(data.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99)
    )


def public_url(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("https://", "http://"))


def replaces_another_good(submission: Submission, stage: str = "DPG") -> bool:
    """Whether publishing would overwrite a good this submission has no claim on.

    A good's slug comes from the project's name, so a second nomination of "Bahmni" (or of
    any imported good) would otherwise replace the published record on approval. Only the
    submission that published a good (archiving it when it expires) and the renewals of
    that submission may write over it.
    """
    if not Good.objects.filter(slug=submission.slug).exists():
        return False
    claimants = [submission.pk] if stage != "DPG" else []
    claimants += [previous.pk for previous in submission.renewed()]
    return not Submission.objects.filter(
        pk__in=claimants, slug=submission.slug, status__in=(Status.APPROVED, Status.EXPIRED)
    ).exists()


def publish(submission: Submission, stage: str) -> None:
    """Write the frozen records into the registry app with the given stage (DPG, archive);
    never over a good another submission or the imported registry published."""
    if replaces_another_good(submission, stage):
        raise PublishError(
            _(
                "The registry already holds a good named “%(slug)s” that this submission does "
                "not renew; approving it would replace that record. Ask the applicant to rename "
                "the nomination, or renew the existing good instead."
            )
            % {"slug": submission.slug}
        )
    nominee = submission.parsed("nominee_json")
    screening = submission.parsed("screening_json")
    if nominee is None or screening is None:
        raise PublishError(_("The submission has no records to publish."))
    nominee = {key: value for key, value in nominee.items() if value is not None}
    nominee["stage"] = stage
    problems = record_errors(RecordKind.NOMINEE, nominee) + record_errors(
        RecordKind.SCREENING, screening
    )
    if problems:
        raise PublishError(problems[0])
    origin = f"review submission {submission.pk}"
    report = import_items(
        [
            Entry(EntryKind.NOMINEE, submission.slug, nominee, origin),
            Entry(EntryKind.SCREENING, submission.slug, screening, origin),
        ]
    )
    if report.rejected:
        raise PublishError("; ".join(report.rejected[0].reasons))


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2)

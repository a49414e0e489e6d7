"""From a submission to the registry's nominee and screening records, and into the registry.

Uploaded records are used as they are. A scanned submission's records are built by
``dpgkit.nomination.build_nomination`` from the assessment and the applicant's answers; the
records are frozen at submission so the reviewer decides on exactly what will be published.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from dpgkit.answers import Answers
from dpgkit.model import Assessment
from dpgkit.nomination import MissingFact, NominationInputError, build_nomination, record_data
from dpgkit.registry import RecordKind, record_errors
from dpgkit.web.registry.sources import Entry, EntryKind
from dpgkit.web.registry.store import import_items
from dpgkit.web.review.models import Submission


class PublishError(RuntimeError):
    pass


def assessment_of(submission: Submission) -> Assessment | None:
    text = submission.assessment_json
    return Assessment.model_validate_json(text) if text else None


def build_records(
    submission: Submission,
) -> tuple[dict[str, Any], dict[str, Any], list[MissingFact]]:
    """(nominee, screening, missing required facts) for the submission as it stands."""
    if submission.source == "nomination":
        return submission.parsed("nominee_json"), submission.parsed("screening_json"), []
    assessment = assessment_of(submission)
    if assessment is None:
        raise PublishError(_("The scan has not finished."))
    try:
        nomination = build_nomination(assessment, Answers(values=dict(submission.answers)))
    except NominationInputError as error:
        raise PublishError(str(error)) from None
    nominee = record_data(nomination.nominee)
    screening = record_data(nomination.screening)
    return nominee, screening, nomination.missing_required


def publish(submission: Submission, stage: str) -> None:
    """Write the frozen records into the registry app with the given stage (DPG, archive)."""
    nominee = submission.parsed("nominee_json")
    screening = submission.parsed("screening_json")
    if nominee is None or screening is None:
        raise PublishError(_("The submission has no records to publish."))
    nominee = {**nominee, "stage": stage}
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

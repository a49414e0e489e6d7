"""What an applicant hands in: records written by ``dpg nominate``, or an assessment JSON.

Every upload is untrusted: size-capped before it is read, decoded as UTF-8, parsed by
``dpgkit.parsing.load_json`` and validated against the registry's schemas or the assessment
JSON Schema. A problem is one translated line (``IntakeError``), never a traceback.
Secrets are redacted and paths on the applicant's computer taken out (``localpaths``)
before anything is stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from pydantic import ValidationError

from dpgkit.model import Assessment, assessment_json_schema
from dpgkit.nomination.links import web_url
from dpgkit.parsing import ParseError, load_json
from dpgkit.redact import redact_model, redact_text
from dpgkit.registry import RecordKind, record_errors, registry_slug
from dpgkit.web.review.localpaths import strip_local_paths


class IntakeError(ValueError):
    """An upload that cannot start a nomination; the message is shown to the applicant."""


@dataclass
class Intake:
    name: str
    slug: str
    nominee: dict[str, Any] | None = None
    screening: dict[str, Any] | None = None
    assessment: Assessment | None = None


def read_json_upload(upload: UploadedFile[bytes], max_bytes: int, label: str) -> Any:
    if upload.size is None or upload.size > max_bytes:
        raise IntakeError(
            _("%(label)s is larger than %(limit)s bytes.") % {"label": label, "limit": max_bytes}
        )
    raw = upload.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise IntakeError(
            _("%(label)s is larger than %(limit)s bytes.") % {"label": label, "limit": max_bytes}
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise IntakeError(_("%(label)s is not UTF-8 text.") % {"label": label}) from None
    try:
        return load_json(text)
    except ParseError as error:
        raise IntakeError(
            _("%(label)s is not valid JSON: %(error)s")
            % {"label": label, "error": str(error)[:200]}
        ) from None


def _slug_for(name: str) -> str:
    slug = registry_slug(name)
    if not slug:
        raise IntakeError(_("The project name gives no registry file name."))
    return slug[:200]


def nomination_intake(
    nominee_upload: UploadedFile[bytes], screening_upload: UploadedFile[bytes], max_bytes: int
) -> Intake:
    nominee = read_json_upload(nominee_upload, max_bytes, _("The nominee record"))
    screening = read_json_upload(screening_upload, max_bytes, _("The screening record"))
    for kind, record, label in (
        (RecordKind.NOMINEE, nominee, _("The nominee record")),
        (RecordKind.SCREENING, screening, _("The screening record")),
    ):
        problems = record_errors(kind, record)
        if problems:
            raise IntakeError(
                _("%(label)s does not match the registry's schema: %(problem)s")
                % {"label": label, "problem": redact_text(problems[0])[:300]}
            )
    name = str(nominee["name"]).strip()
    if str(screening.get("name", "")).strip() != name:
        raise IntakeError(_("The two records name different projects."))
    # Secrets pasted into a record are masked, and local paths taken out, before anything
    # is stored or shown.
    nominee = strip_local_paths(json.loads(redact_text(json.dumps(nominee, ensure_ascii=False))))
    screening = strip_local_paths(
        json.loads(redact_text(json.dumps(screening, ensure_ascii=False)))
    )
    return Intake(name=name, slug=_slug_for(name), nominee=nominee, screening=screening)


def public_repository(url: str | None) -> str | None:
    """The https address of a public repository, or None for a local path or unknown remote."""
    found = web_url(url)
    return found[0] if found else None


@cache
def _assessment_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(assessment_json_schema())


def parse_assessment(data: Any) -> Assessment:
    error = jsonschema.exceptions.best_match(_assessment_validator().iter_errors(data))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "top level"
        raise IntakeError(
            _("This is not a dpgkit assessment (%(where)s: %(problem)s).")
            % {"where": where[:100], "problem": redact_text(error.message)[:200]}
        )
    try:
        assessment = Assessment.model_validate(data)
    except ValidationError as invalid:
        first = invalid.errors()[0]
        raise IntakeError(
            _("This is not a dpgkit assessment (%(where)s: %(problem)s).")
            % {"where": "/".join(str(p) for p in first["loc"])[:100], "problem": first["msg"][:200]}
        ) from None
    return without_local_paths(redact_model(assessment))


def without_local_paths(assessment: Assessment) -> Assessment:
    """The assessment as a reviewer may see it: the checkout folder is ".", the remote only
    when it is a public address, no other path of the applicant's computer anywhere."""
    data = strip_local_paths(assessment.model_dump(mode="json"), [assessment.project.path])
    data["project"]["path"] = "."
    data["project"]["repository_url"] = public_repository(assessment.project.repository_url)
    return Assessment.model_validate(data)


def owner_answers(assessment: Assessment) -> dict[str, Any]:
    """The owner's answers an assessment carries (``dpg assess --answers``), by question,
    as the answers form stores them: what the owner declared is not asked again."""
    return {
        answer.question: answer.value
        for indicator in assessment.indicators
        for answer in indicator.answers
        if answer.source == "owner" and answer.value not in (None, "", [])
    }


def assessment_intake(upload: UploadedFile[bytes], max_bytes: int) -> Intake:
    assessment = parse_assessment(read_json_upload(upload, max_bytes, _("The assessment")))
    name = assessment.project.name.strip()[:300]
    return Intake(name=name, slug=_slug_for(name), assessment=assessment)

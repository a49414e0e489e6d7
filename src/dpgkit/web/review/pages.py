"""What the review pages share: who may see a submission, and the indicator-by-indicator
view of it (scan, answers, screening, review) that the owner's and the reviewer's pages show."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from dpgkit.model import Assessment
from dpgkit.standard import load_standard
from dpgkit.web.accounts.roles import (
    REVIEW,
)
from dpgkit.web.registry.screening import screening_sections
from dpgkit.web.review.models import (
    EDITABLE,
    Message,
    Submission,
)
from dpgkit.web.review.records import (
    PublishError,
    build_records,
    publishable,
)
from dpgkit.web.review.words import indicator_title


def posted_version(request: HttpRequest) -> int:
    """The ``version`` a form was read at (optimistic locking); a forged one is a 400."""
    value = request.POST.get("version") or "0"
    if not value.isdigit() or len(value) > 18:
        raise BadRequest("version is not a number")
    return int(value)


def me(request: HttpRequest) -> User:
    """The signed-in user (views reach this only after ``permission_required``)."""
    user = request.user
    assert isinstance(user, User)
    return user


def visible(request: HttpRequest, pk: int) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related("owner", "reviewer"), pk=pk)
    user = request.user
    if submission.owner_id != user.pk and not user.has_perm(REVIEW):
        raise Http404
    return submission


def own(request: HttpRequest, pk: int) -> Submission:
    submission = get_object_or_404(Submission, pk=pk)
    if submission.owner_id != request.user.pk:
        raise Http404
    return submission


def shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def indicator_views(submission: Submission, assessment: Assessment | None) -> list[dict[str, Any]]:
    """Per indicator line: title, scan verdict and evidence, owner answers, review."""
    standard = load_standard()
    lines = {line.indicator: line for line in submission.lines.all()}
    sections = {}
    screening = submission.parsed("screening_json")
    if screening:
        sections = {section.indicator: section for section in screening_sections(screening)}
    views = []
    for spec in standard.indicators:
        result = None
        if assessment is not None:
            result = next((item for item in assessment.indicators if item.id == spec.id), None)
        answers = [
            {"question": q.text, "value": shown(submission.answers.get(spec.question_id(q.id)))}
            for q in spec.questions
            if submission.answers.get(spec.question_id(q.id))
        ]
        if result is not None:
            # The assessment names a question by its id ("7.privacy_evidence"): shown by
            # its text, which the page translates, as the form's answers are.
            texts = {spec.question_id(q.id): q.text for q in spec.questions}
            answers += [
                {"question": texts.get(a.question, a.question), "value": shown(a.value)}
                for a in result.answers
                if a.question not in submission.answers
            ]
        section = sections.get(spec.id) or (sections.get("9") if spec.id.startswith("9") else None)
        views.append(
            {
                "id": spec.id,
                "title": indicator_title(spec.id, spec.title),
                "result": result,
                "answers": answers,
                "screening": section,
                "line": lines.get(spec.id),
            }
        )
    return views


def published_preview(submission: Submission) -> dict[str, Any] | None:
    """The nominee record frozen at submission (or, for uploaded records, as uploaded); for
    a draft not yet frozen, the record its answers make so far, so the applicant sees what
    will be published before submitting."""
    nominee = submission.parsed("nominee_json")
    if nominee is not None:
        return publishable(nominee, submission.repository_url)
    if submission.status not in EDITABLE or submission.assessment_json in (None, ""):
        return None
    try:
        draft, _screening, _missing = build_records(submission)
    except PublishError:
        return None
    return draft


def thread(submission: Submission) -> list[Message]:
    return list(submission.messages.select_related("author"))

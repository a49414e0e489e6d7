"""The whole path through the Django test client: a repository scanned in the background
(immediate backend), answers, submission, review with a clarification, decision, registry."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core import mail

from dpgkit.web.registry.models import Good, Screening
from dpgkit.web.review.models import (
    AuditEntry,
    IndicatorReview,
    LineStatus,
    Message,
    Notification,
    Status,
    Submission,
)
from tests.web.review.conftest import answers_post

LINES = ["1", "2", "3", "4", "5", "6", "7", "8", "9A", "9B", "9C"]


def start_from_repository(client: Any, repo: Path) -> Submission:
    response = client.post(
        "/nominations/new/", {"kind": "repository", "repository_url": repo.as_uri()}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Submission.objects.latest("pk")


def answer_and_submit(client: Any, submission: Submission) -> Submission:
    # Twice: a scoping answer ("collects PII: Yes") brings its follow-up questions into
    # the form, as the applicant sees them on the next page.
    for _round in range(2):
        response = client.post(
            f"/nominations/{submission.pk}/answers/", answers_post(submission.version)
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        submission.refresh_from_db()
    response = client.post(f"/nominations/{submission.pk}/submit/", {"version": submission.version})
    assert response.status_code == 302
    submission.refresh_from_db()
    return submission


def review_line(
    client: Any, submission: Submission, line: str, status: str, comment: str = ""
) -> Any:
    current = IndicatorReview.objects.get(submission=submission, indicator=line)
    return client.post(
        f"/review/{submission.pk}/lines/{line}/",
        {
            f"line-{line}-status": status,
            f"line-{line}-comment": comment,
            f"line-{line}-version": current.version,
        },
    )


def test_repository_to_registry(
    people: dict[str, Any],
    client_for: Callable[..., Any],
    water_repo: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    applicant = client_for(people["applicant"])
    reviewer = client_for(people["reviewer"])

    submission = start_from_repository(applicant, water_repo)
    assert submission.status == Status.DRAFT, submission.job_error
    assert submission.job_attempts == 1
    assessment = json.loads(submission.assessment_json or "")
    assert assessment["project"]["path"] == "."
    page = applicant.get(f"/nominations/{submission.pk}/").content.decode()
    assert "Questions the scan left open" in page
    assert "Evidence by indicator" in page
    assert Notification.objects.filter(user=people["applicant"], kind="scan_done").exists()

    submission = answer_and_submit(applicant, submission)
    assert submission.status == Status.SUBMITTED, [
        m.message for m in applicant.get(f"/nominations/{submission.pk}/").context["messages"]
    ]
    assert submission.slug == "water-watch"
    assert IndicatorReview.objects.filter(submission=submission).count() == 11

    # The reviewer takes it from the queue and asks about indicator 7.
    assert "Water Watch" in reviewer.get("/review/").content.decode()
    response = reviewer.post(f"/review/{submission.pk}/assign/", {"version": submission.version})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.reviewer == people["reviewer"]
    assert submission.status == Status.IN_REVIEW
    mail.outbox.clear()
    # Mail leaves when the change commits (each request is its own transaction in production).
    with django_capture_on_commit_callbacks(execute=True):
        response = review_line(
            reviewer, submission, "7", "clarification", "Which law applies in Uganda?"
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Status.CLARIFICATION
    assert [m.to for m in mail.outbox] == [["applicant@example.org"]]
    assert "clarification" in mail.outbox[0].subject
    assert Message.objects.get(submission=submission, indicator="7").body.startswith("Which law")

    # The applicant answers in the thread and sends it back.
    applicant.post(
        f"/nominations/{submission.pk}/messages/",
        {"body": "The Data Protection Act 2019 of Uganda."},
    )
    response = applicant.post(
        f"/nominations/{submission.pk}/submit/", {"version": submission.version}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Status.IN_REVIEW
    assert (
        IndicatorReview.objects.get(submission=submission, indicator="7").status
        == LineStatus.PENDING
    )
    assert Notification.objects.filter(user=people["reviewer"], kind="message").exists()

    for line in LINES:
        assert review_line(reviewer, submission, line, "met").status_code == 302
    submission.refresh_from_db()
    response = reviewer.post(
        f"/review/{submission.pk}/decide/",
        {"decision": "approved", "comment": "Welcome.", "version": submission.version},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    submission.refresh_from_db()
    assert submission.status == Status.APPROVED
    assert submission.expires_at is not None
    assert (submission.expires_at - submission.decided_at).days == 365  # type: ignore[operator]

    good = Good.objects.get(slug="water-watch")
    assert good.stage == "DPG"
    screening = Screening.objects.get(slug="water-watch").record
    assert screening["locations"]["deploymentCountries"] == ["Kenya", "Uganda"]
    public = client_for().get("/goods/water-watch/")
    assert public.status_code == 200
    assert "Water Watch" in public.content.decode()
    api = client_for().get("/api/dpg/water-watch").json()
    assert api["name"] == "Water Watch"
    assert api["stage"] == "DPG"

    actions = list(
        AuditEntry.objects.filter(submission=submission).values_list("action", flat=True)
    )
    for action in (
        "submission.created",
        "scan.done",
        "submission.submitted",
        "submission.assigned",
        "line.reviewed",
        "message.posted",
        "submission.resubmitted",
        "submission.decided",
    ):
        assert action in actions
    entry = AuditEntry.objects.filter(action="submission.decided").get()
    assert entry.actor == people["reviewer"] and entry.detail["decision"] == "approved"

"""Optimistic locking, accounts (sign-up, confirmation, throttling, reset), renewal, moderation."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from dpgkit.web.registry.models import Good
from dpgkit.web.review.models import (
    AbuseReport,
    AuditEntry,
    IndicatorReview,
    LineStatus,
    Message,
    Notification,
    Source,
    Status,
    Submission,
)
from tests.web.review.conftest import PASSWORD
from tests.web.review.test_uploads import valid_records

LINES = ["1", "2", "3", "4", "5", "6", "7", "8", "9A", "9B", "9C"]


def in_review(
    owner: Any, reviewer: Any, status: str = Status.IN_REVIEW, **extra: Any
) -> Submission:
    nominee, screening = valid_records("Locked Project")
    submission = Submission.objects.create(
        owner=owner, name="Locked Project", slug="locked-project", source=Source.NOMINATION,
        status=status, reviewer=reviewer, nominee_json=json.dumps(nominee),
        screening_json=json.dumps(screening), **extra,
    )  # fmt: skip
    for line in LINES:
        IndicatorReview.objects.create(submission=submission, indicator=line)
    return submission


def test_two_reviewers_never_overwrite_each_other(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    submission = in_review(people["applicant"], people["reviewer"])
    first, second = client_for(people["reviewer"]), client_for(people["admin"])
    # Both open the page and read version 1 of line 5.
    version = IndicatorReview.objects.get(submission=submission, indicator="5").version
    ok = first.post(f"/review/{submission.pk}/lines/5/",
                    {"line-5-status": "met", "line-5-comment": "Docs are fine.", "line-5-version": version})  # fmt: skip
    assert ok.status_code == 302
    stale = second.post(f"/review/{submission.pk}/lines/5/",
                        {"line-5-status": "not_met", "line-5-comment": "No docs.", "line-5-version": version})  # fmt: skip
    assert stale.status_code == 409
    assert "Someone else changed indicator 5" in stale.content.decode()
    assert "Docs are fine." in stale.content.decode()  # the current finding is shown
    line = IndicatorReview.objects.get(submission=submission, indicator="5")
    assert (line.status, line.comment, line.version) == (LineStatus.MET, "Docs are fine.", 2)
    assert AuditEntry.objects.filter(action="line.reviewed").count() == 1
    # The decision is versioned too: a stale version is refused, nothing published.
    IndicatorReview.objects.filter(submission=submission).update(status=LineStatus.MET)
    stale = first.post(f"/review/{submission.pk}/decide/",
                       {"decision": "approved", "version": submission.version - 1 or 99})  # fmt: skip
    assert stale.status_code == 409
    assert not Good.objects.filter(slug="locked-project").exists()


def test_decisions_follow_the_lines(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    submission = in_review(people["applicant"], people["reviewer"])
    reviewer = client_for(people["reviewer"])
    url = f"/review/{submission.pk}/decide/"
    refused = reviewer.post(url, {"decision": "approved", "version": submission.version})
    assert refused.status_code == 400
    assert "meets all 11 indicator lines" in refused.content.decode()
    IndicatorReview.objects.filter(submission=submission, indicator="9C").update(status="not_met")
    done = reviewer.post(url, {"decision": "ineligible", "version": submission.version})
    assert done.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Status.INELIGIBLE and submission.expires_at is None
    assert not Good.objects.filter(slug="locked-project").exists()
    assert Notification.objects.filter(user=people["applicant"], kind="ineligible").exists()


def test_sign_up_confirm_and_sign_in(
    client_for: Callable[..., Any], db: None, django_capture_on_commit_callbacks: Any
) -> None:
    from django.contrib.auth.models import User

    client = client_for(csrf=True)
    client.get("/accounts/signup/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", {
            "username": "amina", "email": "amina@example.org", "password1": PASSWORD,
            "password2": PASSWORD, "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        })  # fmt: skip
    assert response.status_code == 302
    user = User.objects.get(username="amina")
    assert not user.is_active
    refused = client_for().post("/accounts/login/", {"username": "amina", "password": PASSWORD})
    assert refused.status_code == 200  # not confirmed yet: no session
    link = re.search(r"http://testserver(/accounts/confirm/\S+/)", mail.outbox[-1].body)
    assert link is not None
    assert client.get(link.group(1).replace("/confirm/", "/confirm/x")).status_code == 400
    response = client.get(link.group(1))
    assert response.status_code == 302 and response["Location"] == "/nominations/"
    user.refresh_from_db()
    assert user.is_active and user.has_perm("review.add_submission")
    assert not user.has_perm("review.review_submission")
    assert client.get("/nominations/").status_code == 200
    assert client.get(link.group(1)).status_code == 400  # used once


def test_login_is_throttled_and_password_can_be_reset(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    client = client_for()
    for attempt in range(5):
        response = client.post("/accounts/login/", {"username": "applicant", "password": "wrong"})
        assert response.status_code == (429 if attempt == 4 else 200)
    # Now even the right password is refused for 15 minutes.
    locked = client.post("/accounts/login/", {"username": "applicant", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    # Another account from the same address is not locked.
    other = client.post("/accounts/login/", {"username": "other", "password": PASSWORD})
    assert other.status_code == 302
    # Password reset by e-mail.
    mail.outbox.clear()
    fresh = client_for()
    fresh.post("/accounts/password-reset/", {"email": "reviewer@example.org"})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[-1].body)
    assert link is not None
    form = fresh.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = fresh.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-pass-77x", "new_password2": "a-new-pass-77x"},
    )
    assert done.status_code == 302
    people["reviewer"].refresh_from_db()
    assert people["reviewer"].check_password("a-new-pass-77x")


def test_renewal_reminds_expires_and_diffs(
    people: dict[str, Any],
    client_for: Callable[..., Any],
    water_repo: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from dpgkit.assess import assess
    from dpgkit.web.review.records import publish
    from dpgkit.web.review.renewal import renewal_diff, run_renewals

    assessment = assess(water_repo).model_dump_json()
    now = timezone.now()
    approved = in_review(people["applicant"], people["reviewer"], status=Status.APPROVED,
                         decided_at=now - timedelta(days=340), expires_at=now + timedelta(days=25),
                         assessment_json=assessment)  # fmt: skip
    publish(approved, "DPG")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("review_renewals", stdout=open("/dev/null", "w"))  # noqa: SIM115
    approved.refresh_from_db()
    assert approved.reminded_at is not None
    assert [m.to for m in mail.outbox] == [["applicant@example.org"]]
    assert run_renewals().reminded == []  # once only
    # Past the date, the record is marked expired, in the review app and the registry.
    report = run_renewals(now + timedelta(days=26))
    assert report.expired == [approved.pk]
    approved.refresh_from_db()
    assert approved.status == Status.EXPIRED
    assert Good.objects.get(slug="locked-project").stage == "archive"
    # A renewal's scan is compared with the last approved one.
    changed = json.loads(assessment)
    changed["indicators"][1]["verdict"] = "not_met"
    renewal = Submission.objects.create(owner=people["applicant"], name="Locked Project", slug="locked-project",
                                        source=Source.ASSESSMENT, status=Status.DRAFT, renewal_of=approved,
                                        assessment_json=json.dumps(changed))  # fmt: skip
    diff = renewal_diff(renewal)
    assert diff is not None
    assert [c.id for c in diff.indicators if c.change == "regressed"] == ["2"]
    page = client_for(people["applicant"]).get(f"/nominations/{renewal.pk}/").content.decode()
    assert "Changes since the last approval" in page and "regressed" in page
    # A renewal of a renewal still finds the approved one; a chain edited into a loop ends.
    again = Submission.objects.create(owner=people["applicant"], name="Locked Project", slug="locked-project",
                                      source=Source.ASSESSMENT, status=Status.DRAFT, renewal_of=renewal,
                                      assessment_json=json.dumps(changed))  # fmt: skip
    assert list(again.renewed()) == [renewal, approved]
    approved.renewal_of = again
    approved.save(update_fields=["renewal_of"])
    again.refresh_from_db()
    assert [s.pk for s in again.renewed()] == [renewal.pk, approved.pk]
    assert renewal_diff(again) is not None


def test_report_hide_and_suspend(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    submission = in_review(people["applicant"], people["reviewer"])
    rude = Message.objects.create(
        submission=submission, author=people["reviewer"], body="You fool."
    )
    applicant, admin = client_for(people["applicant"]), client_for(people["admin"])
    page = applicant.get(f"/nominations/{submission.pk}/").content.decode()
    assert 'href="/code-of-conduct/"' in page and "Report this message" in page
    applicant.post(f"/messages/{rude.pk}/report/", {"reason": "insulting"})
    assert AbuseReport.objects.filter(message=rude, reporter=people["applicant"]).exists()
    assert "You fool." in admin.get("/moderation/").content.decode()
    admin.post(f"/moderation/messages/{rude.pk}/hide/")
    rude.refresh_from_db()
    assert rude.hidden_at is not None
    page = applicant.get(f"/nominations/{submission.pk}/").content.decode()
    assert "You fool." not in page and "hidden by a moderator" in page
    reviewer = client_for(people["reviewer"])
    assert reviewer.get("/review/").status_code == 200
    admin.post(f"/moderation/users/{people['reviewer'].pk}/suspend/", {"reason": "insults"})
    people["reviewer"].refresh_from_db()
    assert not people["reviewer"].is_active
    assert reviewer.get("/review/").status_code == 302  # the open session is gone
    assert (
        client_for()
        .post("/accounts/login/", {"username": "reviewer", "password": PASSWORD})
        .status_code
        == 200
    )
    assert AuditEntry.objects.filter(action="account.suspended").exists()


def test_a_forged_version_is_a_bad_request_not_a_server_error(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    waiting = in_review(people["applicant"], None, status=Status.SUBMITTED)
    draft = in_review(people["applicant"], None, status=Status.DRAFT)
    owner, admin = client_for(people["applicant"]), client_for(people["admin"])
    for client, url in (
        (admin, f"/review/{waiting.pk}/assign/"),
        (owner, f"/nominations/{draft.pk}/withdraw/"),
        (owner, f"/nominations/{draft.pk}/submit/"),
    ):
        for forged in ("abc", "1x", "-1", "9" * 40):
            response = client.post(url, {"version": forged})
            assert response.status_code == 400, (url, forged, response.status_code)
    waiting.refresh_from_db()
    draft.refresh_from_db()
    assert waiting.reviewer is None and draft.status == Status.DRAFT


def test_the_owner_is_not_offered_to_take_the_review_of_their_own_nomination(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    own = in_review(people["admin"], None, status=Status.SUBMITTED)
    page = client_for(people["admin"]).get(f"/review/{own.pk}/").content.decode()
    assert "Take this review" not in page
    other = in_review(people["applicant"], None, status=Status.SUBMITTED)
    page = client_for(people["admin"]).get(f"/review/{other.pk}/").content.decode()
    assert "Take this review" in page

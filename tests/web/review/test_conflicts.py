"""Nobody reviews their own nomination, and an approval never replaces a good it does not
renew (a second nomination under the same name, or of an imported good)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from dpgkit.web.accounts.roles import Role
from dpgkit.web.registry.models import Good
from dpgkit.web.review.models import (
    AuditEntry,
    IndicatorReview,
    LineStatus,
    Source,
    Status,
    Submission,
)
from tests.web.review.test_uploads import valid_records
from tests.web.review.test_workflow_rules import LINES


def nomination(
    owner: Any, name: str, status: str, reviewer: Any = None, **extra: Any
) -> Submission:
    nominee, screening = valid_records(name)
    slug = name.lower().replace(" ", "-")
    submission = Submission.objects.create(
        owner=owner, name=name, slug=slug, source=Source.NOMINATION, status=status,
        reviewer=reviewer, nominee_json=json.dumps(nominee), screening_json=json.dumps(screening),
        **extra,
    )  # fmt: skip
    for line in LINES:
        IndicatorReview.objects.create(submission=submission, indicator=line, status=LineStatus.MET)
    return submission


def decide(client: Any, submission: Submission) -> Any:
    submission.refresh_from_db()
    return client.post(
        f"/review/{submission.pk}/decide/",
        {"decision": "approved", "version": submission.version, "comment": ""},
    )


def test_an_owner_never_reviews_their_own_nomination(
    people: dict[str, Any], make_user: Callable[..., Any], client_for: Callable[..., Any]
) -> None:
    olga = make_user("olga", Role.APPLICANT, Role.REVIEWER)
    own = nomination(olga, "Accessible Map", Status.SUBMITTED)
    as_olga = client_for(olga)
    queue = as_olga.get("/review/").content.decode()
    assert "Accessible Map" in queue
    assert f'action="/review/{own.pk}/assign/"' not in queue  # no "Take this review"
    assert as_olga.post(f"/review/{own.pk}/assign/", {"version": own.version}).status_code == 403
    # An administrator may assign reviewers, but not the owner.
    admin = client_for(people["admin"])
    page = admin.get(f"/review/{own.pk}/").content.decode()
    assert f'value="{people["reviewer"].pk}"' in page and f'value="{olga.pk}"' not in page
    response = admin.post(
        f"/review/{own.pk}/assign/", {"reviewer": olga.pk, "version": own.version}
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.status == Status.SUBMITTED and own.reviewer is None
    # Assigned to her by a direct write, she still can neither review a line nor decide.
    Submission.objects.filter(pk=own.pk).update(status=Status.IN_REVIEW, reviewer=olga)
    own.refresh_from_db()
    line = as_olga.post(
        f"/review/{own.pk}/lines/1/",
        {"line-1-status": LineStatus.MET, "line-1-comment": "", "line-1-version": 0},
    )
    assert line.status_code == 403
    assert decide(as_olga, own).status_code == 403
    # An administrator who owns a nomination cannot decide it either.
    theirs = nomination(people["admin"], "Admin Project", Status.IN_REVIEW, people["reviewer"])
    assert decide(admin, theirs).status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == Status.IN_REVIEW
    # The reviewer who is not the owner decides as before.
    assert decide(client_for(people["reviewer"]), theirs).status_code == 302
    assert Good.objects.filter(slug="admin-project").exists()


def test_an_approval_never_replaces_a_good_it_does_not_renew(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    reviewer = client_for(people["reviewer"])
    first = nomination(people["applicant"], "Locked Project", Status.IN_REVIEW, people["reviewer"])
    assert decide(reviewer, first).status_code == 302
    published = Good.objects.get(slug="locked-project").record_json

    second = nomination(people["other"], "Locked Project", Status.IN_REVIEW, people["reviewer"])
    page = reviewer.get(f"/review/{second.pk}/").content.decode()
    assert "already holds a good named “locked-project”" in page
    response = decide(reviewer, second)
    assert response.status_code == 400
    assert "would replace that record" in response.content.decode()
    second.refresh_from_db()
    assert second.status == Status.IN_REVIEW  # the decision was rolled back with the publish
    assert Good.objects.get(slug="locked-project").record_json == published

    # A renewal of the approved submission writes over its own good.
    renewal = nomination(people["applicant"], "Locked Project", Status.IN_REVIEW,
                         people["reviewer"], renewal_of=first)  # fmt: skip
    assert "already holds a good" not in reviewer.get(f"/review/{renewal.pk}/").content.decode()
    assert decide(reviewer, renewal).status_code == 302
    renewal.refresh_from_db()
    assert renewal.status == Status.APPROVED


def test_an_imported_good_is_not_replaced_by_a_new_nomination(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    from dpgkit.web.registry.sources import Entry, EntryKind
    from dpgkit.web.registry.store import import_items

    nominee, _screening = valid_records("Matrix Project")
    nominee["stage"] = "DPG"
    report = import_items([Entry(EntryKind.NOMINEE, "matrix-project", nominee, "registry")])
    assert not report.rejected
    before = Good.objects.get(slug="matrix-project").record_json
    claim = nomination(people["applicant"], "Matrix Project", Status.IN_REVIEW, people["reviewer"])
    assert decide(client_for(people["reviewer"]), claim).status_code == 400
    assert Good.objects.get(slug="matrix-project").record_json == before


def test_an_owner_withdraws_a_draft_or_a_failed_scan_but_not_a_submitted_nomination(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    applicant = client_for(people["applicant"])
    failed = nomination(people["applicant"], "Broken Scan", Status.FAILED)
    draft = nomination(people["applicant"], "Half Done", Status.DRAFT)
    submitted = nomination(people["applicant"], "Waiting", Status.SUBMITTED)
    page = applicant.get(f"/nominations/{failed.pk}/").content.decode()
    assert f'action="/nominations/{failed.pk}/withdraw/"' in page
    assert f'action="/nominations/{submitted.pk}/withdraw/"' not in (
        applicant.get(f"/nominations/{submitted.pk}/").content.decode()
    )
    # Another applicant cannot, whatever the state.
    other = client_for(people["other"]).post(
        f"/nominations/{draft.pk}/withdraw/", {"version": draft.version}
    )
    assert other.status_code == 404
    for submission in (failed, draft):
        response = applicant.post(
            f"/nominations/{submission.pk}/withdraw/", {"version": submission.version}
        )
        assert response.status_code == 302
        submission.refresh_from_db()
        assert submission.status == Status.WITHDRAWN
    refused = applicant.post(
        f"/nominations/{submitted.pk}/withdraw/", {"version": submitted.version}
    )
    assert refused.status_code == 409  # the reviewers' to decide now
    mine = applicant.get("/nominations/").content.decode()
    assert "Waiting" in mine and "Broken Scan" not in mine and "Half Done" not in mine
    actions = AuditEntry.objects.filter(action="submission.withdrawn").count()
    assert actions == 2

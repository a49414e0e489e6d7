"""Published records hold only what the owner confirmed or a reviewer edited: the owner's
SDGs, readable evidence, the submission's repository; local paths never leave the applicant."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from dpgkit.web.registry.models import Good
from dpgkit.web.review.localpaths import REMOVED
from dpgkit.web.review.models import IndicatorReview, LineStatus, Status, Submission
from tests.web.review.conftest import ANSWERS, answers_post
from tests.web.review.test_flow import answer_and_submit, start_from_repository
from tests.web.review.test_uploads import post_records, upload, valid_records


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def nulls(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [k for k, v in value.items() if v is None] + [
            n for v in value.values() for n in nulls(v)
        ]
    if isinstance(value, list):
        return [n for item in value for n in nulls(item)]
    return []


def approve(client_for: Callable[..., Any], people: dict[str, Any], submission: Submission) -> Good:
    """Every line met and the decision, by the reviewer, as the review pages post them."""
    reviewer = client_for(people["reviewer"])
    submission.refresh_from_db()
    reviewer.post(f"/review/{submission.pk}/assign/", {"version": submission.version})
    IndicatorReview.objects.filter(submission=submission).update(status=LineStatus.MET)
    submission.refresh_from_db()
    response = reviewer.post(
        f"/review/{submission.pk}/decide/", {"decision": "approved", "version": submission.version}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Good.objects.get(slug=submission.slug)


def test_a_scanned_nomination_waits_for_the_owners_sdgs(
    people: dict[str, Any], client_for: Callable[..., Any], water_repo: Path
) -> None:
    applicant = client_for(people["applicant"])
    submission = start_from_repository(applicant, water_repo)
    page = applicant.get(f"/nominations/{submission.pk}/").content.decode()
    # Indicator 1 is settled by the scan, yet the owner is asked, with the scan's proposal.
    assert 'name="q_1__sdgs"' in page and "The scan suggests: SDG 6" in page
    assert "One item per line. The scan suggests" in page  # the hint stays beside it
    without_sdgs = {k: v for k, v in ANSWERS.items() if not k.startswith("1.")}
    for _round in range(2):  # twice: follow-up questions appear after their scoping answer
        applicant.post(
            f"/nominations/{submission.pk}/answers/",
            answers_post(submission.version, without_sdgs),
        )
        submission.refresh_from_db()
    context = applicant.get(f"/nominations/{submission.pk}/").context
    assert [fact.question for fact in context["missing"]] == ["1.sdgs"]
    applicant.post(f"/nominations/{submission.pk}/submit/", {"version": submission.version})
    submission.refresh_from_db()
    assert submission.status == Status.DRAFT  # refused: the SDGs are the owner's to choose

    submission = answer_and_submit(applicant, submission)
    assert submission.status == Status.SUBMITTED
    nominee = submission.parsed("nominee_json")
    assert [sdg["SDGNumber"] for sdg in nominee["SDGs"]] == [6, 3]
    evidence = {sdg["evidenceText"] for sdg in nominee["SDGs"]}
    assert evidence == {ANSWERS["1.sdg_evidence"]}  # the owner's words, not joined targets

    good = approve(client_for, people, submission)
    assert [sdg["SDGNumber"] for sdg in good.record["SDGs"]] == [6, 3]
    assert nulls(good.record) == []
    # The clone's remote is a local file:// address (tests only): never published; the
    # repository is the one the owner gave.
    assert good.record["repositories"] == [
        {"name": "main", "url": ANSWERS["general.repository_url"]}
    ]
    assert not [s for s in strings(good.record) if "file:" in s or str(water_repo) in s]


def test_uploaded_records_are_published_with_the_submissions_repository(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    applicant = client_for(people["applicant"])
    nominee, screening = valid_records("Matrix Project")
    nominee.pop("repositories", None)
    response = applicant.post(
        "/nominations/new/",
        {
            "kind": "nomination",
            "repository_url": "https://github.com/matrix-org/matrix-project.git",
            "nominee": upload("n.json", json.dumps(nominee)),
            "screening": upload("s.json", json.dumps(screening)),
        },
    )
    assert response.status_code == 302, response.content.decode().split("<main")[1][:3000]
    submission = Submission.objects.get()
    page = applicant.get(f"/nominations/{submission.pk}/").content.decode()
    assert "What will be published" in page
    assert "https://github.com/matrix-org/matrix-project" in page
    applicant.post(f"/nominations/{submission.pk}/submit/", {"version": submission.version})
    good = approve(client_for, people, submission)
    assert good.record["repositories"] == [
        {"name": "main", "url": "https://github.com/matrix-org/matrix-project"}
    ]
    assert nulls(good.record) == []
    public = client_for().get("/goods/matrix-project/").content.decode()
    assert 'href="https://github.com/matrix-org/matrix-project"' in public


def test_an_uploaded_repository_address_must_be_a_web_address(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    nominee, screening = valid_records()
    response = client_for(people["applicant"]).post(
        "/nominations/new/",
        {
            "kind": "nomination",
            "repository_url": "file:///home/amina/matrix",
            "nominee": upload("n.json", json.dumps(nominee)),
            "screening": upload("s.json", json.dumps(screening)),
        },
    )
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_local_paths_never_leave_the_applicants_machine(
    people: dict[str, Any], client_for: Callable[..., Any], repo_factory: Callable[..., Path]
) -> None:
    from dpgkit.assess import assess
    from tests.web.review.conftest import WATER_FILES

    # A checkout whose remote is another folder of the applicant's, as after a local clone.
    checkout = repo_factory(WATER_FILES, name="water-watch", remote="/home/amina/mirror/ww.git")
    assessment = json.loads(assess(checkout).model_dump_json())
    assert assessment["project"]["path"] == str(checkout)
    assessment["warnings"].append(f"cannot read {checkout}/data/big.bin; see /home/amina/notes")
    applicant = client_for(people["applicant"])
    response = applicant.post(
        "/nominations/new/",
        {"kind": "assessment", "assessment": upload("a.json", json.dumps(assessment))},
    )
    assert response.status_code == 302
    scanned = Submission.objects.get()

    nominee, screening = valid_records("Paths Project")
    nominee["repositories"] = [{"name": "main", "url": "file:///home/amina/code/paths"}]
    screening["documentation"] = {
        "isDocumentationAvailable": "Yes",
        "documentationURL": ["/home/amina/code/paths/README.md", "docs/usage.md"],
    }
    assert post_records(applicant, nominee, screening).status_code == 302
    uploaded = Submission.objects.exclude(pk=scanned.pk).get()
    uploaded_screening = uploaded.parsed("screening_json")
    assert uploaded_screening["documentation"]["documentationURL"] == [REMOVED, "docs/usage.md"]

    assert answer_and_submit(applicant, scanned).status == Status.SUBMITTED
    applicant.post(f"/nominations/{uploaded.pk}/submit/", {"version": uploaded.version})
    reviewer = client_for(people["reviewer"])
    for submission in (scanned, uploaded):
        submission.refresh_from_db()
        stored = " ".join(
            str(getattr(submission, field) or "")
            for field in ("assessment_json", "nominee_json", "screening_json", "repository_url")
        )
        seen = reviewer.get(f"/review/{submission.pk}/").content.decode()
        good = approve(client_for, people, submission)
        published = json.dumps(
            [good.record, good.screening.record if hasattr(good, "screening") else {}]
        )
        for text in (stored, seen, published):
            assert str(checkout) not in text
            assert "/home/amina" not in text and "file:" not in text
    assert json.loads(scanned.assessment_json or "")["project"]["path"] == "."


def test_sdgs_typed_on_one_line_are_each_kept(
    people: dict[str, Any], client_for: Callable[..., Any], water_repo: Path
) -> None:
    # "SDG 6, SDG 3" on one line was saved as one item, and published as SDG 6 alone.
    applicant = client_for(people["applicant"])
    submission = start_from_repository(applicant, water_repo)
    answers = {**ANSWERS, "1.sdgs": "SDG 6, SDG 3; 11"}
    applicant.post(
        f"/nominations/{submission.pk}/answers/", answers_post(submission.version, answers)
    )
    submission.refresh_from_db()
    assert submission.answers["1.sdgs"] == ["SDG 6", "SDG 3", "11"]

"""Submissions from uploads: valid records, forged and oversized files, CSRF, escaping."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dpgkit.registry import RecordKind, record_errors
from dpgkit.web.review.models import Source, Status, Submission

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def valid_records(name: str = "Matrix Project") -> tuple[dict[str, Any], dict[str, Any]]:
    """A nominee and screening record pair taken from the bundled registry, renamed."""
    from dpgkit.web.registry.models import Good

    good = Good.objects.exclude(screening=None).order_by("slug").first()
    assert good is not None
    nominee = {**good.record, "name": name, "stage": "nominee"}
    screening = {**good.screening.record, "name": name}  # type: ignore[union-attr]
    assert record_errors(RecordKind.NOMINEE, nominee) == []
    assert record_errors(RecordKind.SCREENING, screening) == []
    return nominee, screening


def upload(name: str, content: bytes | str) -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="application/json")


def post_records(client: Any, nominee: Any, screening: Any) -> Any:
    def as_bytes(value: Any) -> bytes:
        if isinstance(value, bytes):
            return value
        return value.encode() if isinstance(value, str) else json.dumps(value).encode()

    return client.post(
        "/nominations/new/",
        {
            "kind": "nomination",
            "nominee": upload("nominee.json", as_bytes(nominee)),
            "screening": upload("screening.json", as_bytes(screening)),
        },
    )


def test_uploaded_records_start_a_draft(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    client = client_for(people["applicant"])
    nominee, screening = valid_records()
    response = post_records(client, nominee, screening)
    assert response.status_code == 302
    submission = Submission.objects.get(owner=people["applicant"])
    assert submission.status == Status.DRAFT
    assert submission.slug == "matrix-project"
    page = client.get(f"/nominations/{submission.pk}/").content.decode()
    assert "Submit for review" in page


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda n, s: ({**n, "stage": "approved-by-me"}, s), "does not match the registry"),
        (
            lambda n, s: ({k: v for k, v in n.items() if k != "license"}, s),
            "does not match the registry",
        ),
        (lambda n, s: (n, {**s, "name": "Another"}), "different projects"),
        (lambda n, s: (b"\xff\xfe\x00binary", s), "not UTF-8"),
        (lambda n, s: ("{not json", s), "not valid JSON"),
        (lambda n, s: ('{"a": ' * 5000 + "1" + "}" * 5000, s), "JSON"),
        (lambda n, s: (b"{" + b" " * (6 * 1024 * 1024) + b"}", s), "larger than"),
    ],
    ids=[
        "bad-stage",
        "no-license",
        "mismatched",
        "binary",
        "not-json",
        "deep-nesting",
        "oversized",
    ],
)
def test_forged_and_oversized_uploads_are_refused(
    mutate: Callable[..., Any],
    message: str,
    people: dict[str, Any],
    client_for: Callable[..., Any],
) -> None:
    client = client_for(people["applicant"])
    nominee, screening = mutate(*valid_records())
    response = post_records(client, nominee, screening)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Submission.objects.exists()


def test_assessment_upload_is_validated(
    people: dict[str, Any], client_for: Callable[..., Any], water_repo: Path
) -> None:
    from dpgkit.assess import assess

    client = client_for(people["applicant"])
    text = assess(water_repo).model_dump_json()
    response = client.post(
        "/nominations/new/", {"kind": "assessment", "assessment": upload("a.json", text)}
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == Status.DRAFT and submission.name == "Water Watch"
    forged = json.loads(text)
    forged["indicators"][0]["verdict"] = "certainly"
    response = client.post(
        "/nominations/new/",
        {"kind": "assessment", "assessment": upload("a.json", json.dumps(forged))},
    )
    assert response.status_code == 400
    assert "not a dpgkit assessment" in response.content.decode()
    assert Submission.objects.count() == 1


def test_the_owners_answers_in_an_uploaded_assessment_are_not_asked_again(
    people: dict[str, Any], client_for: Callable[..., Any], water_repo: Path, tmp_path: Path
) -> None:
    from dpgkit.assess import AssessOptions, assess

    answers_file = tmp_path / "dpg-answers.yaml"
    answers_file.write_text(
        "indicators:\n"
        "  '1':\n    sdgs: ['6', '3']\n    sdg_evidence: Safe drinking water for rural wells.\n"
        "  '7':\n    privacy_laws: [Kenya Data Protection Act 2019]\n"
        "  '9A':\n    collects_pii: 'Yes'\n",
        encoding="utf-8",
    )
    text = assess(water_repo, AssessOptions(answers_path=answers_file)).model_dump_json()
    client = client_for(people["applicant"])
    response = client.post(
        "/nominations/new/",
        {
            "kind": "assessment",
            "assessment": upload("a.json", text),
            "repository_url": "https://github.com/waterwatch/water-watch.git",
        },
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.answers["1.sdgs"] == ["6", "3"]
    # The address typed on the form answers the repository question.
    assert submission.answers["general.repository_url"] == (
        "https://github.com/waterwatch/water-watch"
    )
    assert submission.answers["7.privacy_laws"] == ["Kenya Data Protection Act 2019"]
    response = client.get(f"/nominations/{submission.pk}/")
    missing = {fact.question for fact in response.context["missing"]}
    assert not missing & {"1.sdgs", "7.privacy_laws", "9A.collects_pii"}
    # On the form, filled in with what the owner declared, so it can be corrected.
    form = response.context["answers_form"]
    assert form["q_7__privacy_laws"].value() == "Kenya Data Protection Act 2019"
    assert form["q_9A__collects_pii"].value() == "Yes"
    assert form["q_1__sdgs"].value() == "6\n3"
    assert "Safe drinking water for rural wells." in response.content.decode()
    # The draft shows the record its answers make so far, before it is submitted.
    assert "What will be published" in response.content.decode()
    assert response.context["nominee"]["name"] == "Water Watch"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/repo.git",
        "ssh://git@example.org/repo",
        "ext::sh -c touch% /tmp/x",
        "https://user:secret@example.org/repo",
        "-u https://x",
        "https:///nohost",
    ],
)
def test_repository_addresses_outside_the_allow_list_are_refused(
    url: str, people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    client = client_for(people["applicant"])
    response = client.post("/nominations/new/", {"kind": "repository", "repository_url": url})
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_post_without_csrf_token_is_refused(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    client = client_for(people["applicant"], csrf=True)
    nominee, screening = valid_records()
    response = post_records(client, nominee, screening)
    assert response.status_code == 403
    assert not Submission.objects.exists()
    # With the token from the form, the same post goes through.
    client.get("/nominations/new/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/nominations/new/",
        {
            "kind": "nomination",
            "nominee": upload("n.json", json.dumps(nominee)),
            "screening": upload("s.json", json.dumps(screening)),
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302


def test_script_injection_is_rendered_escaped_everywhere(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    applicant = client_for(people["applicant"])
    nominee, screening = valid_records(name="Matrix Project")
    nominee["description"] = XSS
    screening["clearOwnership"] = {**screening.get("clearOwnership", {}), "copyrightURL": XSS}
    assert post_records(applicant, nominee, screening).status_code == 302
    submission = Submission.objects.get()
    applicant.post(f"/nominations/{submission.pk}/submit/", {"version": submission.version})
    applicant.post(f"/nominations/{submission.pk}/messages/", {"body": XSS})
    reviewer = client_for(people["reviewer"])
    submission.refresh_from_db()
    reviewer.post(f"/review/{submission.pk}/assign/", {"version": submission.version})
    line = submission.lines.get(indicator="3")
    reviewer.post(
        f"/review/{submission.pk}/lines/3/",
        {"line-3-status": "clarification", "line-3-comment": XSS, "line-3-version": line.version},
    )
    message = submission.messages.first()
    assert message is not None
    admin = client_for(people["admin"])
    admin.post(f"/messages/{message.pk}/report/", {"reason": XSS})
    pages = [
        applicant.get(f"/nominations/{submission.pk}/"),
        reviewer.get(f"/review/{submission.pk}/"),
        admin.get("/moderation/"),
        admin.get("/audit/"),
        applicant.get("/nominations/"),
        applicant.get("/notifications/"),
    ]
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in pages[0].content.decode()
    assert "&lt;script&gt;alert" in pages[2].content.decode()


def test_answers_an_assessment_carries_are_shown_by_their_question(
    people: dict[str, Any], client_for: Callable[..., Any], water_repo: Path, tmp_path: Path
) -> None:
    """A submission whose answers were kept only in its assessment (uploaded before they
    were copied into the nomination) shows each by the question's words, not its id."""
    from dpgkit.assess import AssessOptions, assess

    answers_file = tmp_path / "dpg-answers.yaml"
    answers_file.write_text(
        "indicators:\n  '7':\n    privacy_evidence: [https://water.example.org/privacy]\n",
        encoding="utf-8",
    )
    assessment = assess(water_repo, AssessOptions(answers_path=answers_file))
    submission = Submission.objects.create(
        owner=people["applicant"], name="Water Watch", slug="water-watch",
        source=Source.ASSESSMENT, status=Status.SUBMITTED,
        assessment_json=assessment.model_dump_json(),
    )  # fmt: skip
    page = client_for(people["reviewer"]).get(f"/review/{submission.pk}/").content.decode()
    assert "Provide evidence of adherence with the laws mentioned above" in page
    assert "https://water.example.org/privacy" in page
    assert "7.privacy_evidence" not in page

"""Indicators 7, 9A, 9B and 9C on fixture checkouts: verdicts backed by evidence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.answers_template import answers_template
from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Assessment, Outcome, Verdict
from tests import harm_fixtures as fixtures

RepoFactory = Callable[..., Path]


def _finding(assessment: Assessment, indicator: str, probe: str):  # type: ignore[no-untyped-def]
    return next(f for f in assessment.indicator(indicator).findings if f.probe == probe)


def _verdicts(assessment: Assessment) -> dict[str, Verdict]:
    return {i: assessment.indicator(i).verdict for i in ("7", "9A", "9B", "9C")}


def test_product_without_personal_data(repo_factory: RepoFactory) -> None:
    assessment = assess(repo_factory(fixtures.NO_PERSONAL_DATA))
    assert _verdicts(assessment) == {
        "7": Verdict.NEEDS_ANSWER,
        "9A": Verdict.NOT_APPLICABLE,
        "9B": Verdict.NOT_APPLICABLE,
        "9C": Verdict.NOT_APPLICABLE,
    }
    assert "No personal data found" in assessment.indicator("9A").summary
    assert "No user content" in assessment.indicator("9B").summary
    questions = {q.id for q in assessment.indicator("7").questions}
    assert questions == {"7.privacy_laws", "7.privacy_evidence"}


def test_an_app_in_a_language_no_reader_covers_is_asked_not_declared_free_of_pii(
    repo_factory: RepoFactory,
) -> None:
    """A Kotlin banking app whose classes no data-model reader parses: nothing was read, so
    "no personal data" would be a claim without evidence (mifos-android, vxnaid, openimis)."""
    client = (
        "package org.villagebank\n\n"
        "data class Client(val fullName: String, val phone: String, val nationalId: String)\n"
    ) * 600  # 60 kB of program code: software
    files = {
        "README.md": fixtures.readme("Village Bank", "Loans and savings for village groups."),
        "LICENSE": "MIT License\n",
        "app/src/main/java/org/villagebank/Client.kt": client,
    }
    assessment = assess(repo_factory(files))
    indicator = assessment.indicator("9A")
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    assert "written in Kotlin" in indicator.summary
    assert "9A.collects_pii" in {question.id for question in indicator.questions}
    inventory = _finding(assessment, "9A", "personal_data_inventory")
    assert inventory.outcome is Outcome.UNKNOWN
    assert all(q.suggestion != "No" for q in indicator.questions)


def test_django_models_with_personal_data(repo_factory: RepoFactory) -> None:
    assessment = assess(repo_factory(fixtures.DJANGO_PII))
    assert _verdicts(assessment)["9A"] is Verdict.NEEDS_ANSWER
    inventory = _finding(assessment, "9A", "personal_data_inventory")
    assert inventory.data["scale"] == "stored"
    categories = set(inventory.data["categories"])
    assert {
        "name",
        "phone",
        "national_id",
        "date_of_birth",
        "health",
        "postal_address",
        "email",
    } <= categories
    assert inventory.data["special_categories"] == ["health"]
    iin = inventory.data["categories"]["national_id"][0]
    assert (iin["path"], iin["line"], iin["field"]) == ("clinic/models.py", 9, "iin")
    assert any(loc.path == "clinic/models.py" and loc.line == 11 for loc in inventory.locations)
    # AbstractUser brings first_name, last_name and email without declaring them.
    emails = inventory.data["categories"]["email"]
    assert emails[0]["entity"] == "Worker"

    questions = {q.id: q for q in assessment.indicator("9A").questions}
    assert questions["9A.collects_pii"].suggestion.startswith("Yes")
    assert "Health data" in questions["9A.pii_types"].suggestion
    assert "SECURITY.md" in questions["9A.privacy_security_steps"].suggestion

    laws = {q.id: q for q in assessment.indicator("7").questions}
    suggestion = laws["7.privacy_laws"].suggestion
    assert "General Data Protection Regulation (GDPR) (found in docs/privacy.md:3)" in suggestion
    assert "94-V" in suggestion and "docs/privacy.md:4" in suggestion
    assert laws["7.privacy_evidence"].suggestion == "docs/privacy.md"
    assert assessment.indicator("7").verdict is Verdict.NEEDS_ANSWER
    assert "GDPR" in assessment.indicator("7").summary


def test_user_uploads_and_comments_without_policy(repo_factory: RepoFactory) -> None:
    assessment = assess(repo_factory(fixtures.UPLOADS_NO_POLICY))
    verdicts = _verdicts(assessment)
    # Public posts with comments and no policy in the repository: a question, since the
    # operator's website may hold the policy; never a failure from absence alone.
    assert verdicts["9B"] is Verdict.NEEDS_ANSWER
    assert verdicts["9C"] is Verdict.NEEDS_ANSWER
    content = _finding(assessment, "9B", "user_content_features")
    assert set(content.data["kinds"]) == {"posts and comments", "uploads and media"}
    assert content.data["distribution"] == "public"
    assert any(loc.path == "board/models.py" and loc.line == 7 for loc in content.locations)
    assert _finding(assessment, "9B", "content_policy").outcome is Outcome.UNKNOWN
    assert _finding(assessment, "9B", "content_moderation").outcome is Outcome.UNKNOWN
    remediation = " ".join(assessment.indicator("9B").remediation)
    assert "child sexual abuse material" in remediation
    questions = {q.id: q for q in assessment.indicator("9B").questions}
    assert "9B.content_policy" in questions
    assert questions["9B.collects_content"].suggestion.startswith("Yes")
    assert _finding(assessment, "9C", "user_interaction_features").data["product"] == [
        "posts and comments"
    ]


def test_owner_declaring_no_policy_for_public_content_is_not_met(
    repo_factory: RepoFactory, tmp_path: Path
) -> None:
    root = repo_factory(fixtures.UPLOADS_NO_POLICY)
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "indicators:\n"
        "  9B:\n    collects_content: 'Yes'\n    content_types: Posts, comments, photos\n"
        "    content_policy: None yet\n    illegal_content_detection: None\n"
        "  9C:\n    user_interaction: 'Yes'\n    harassment_protection: 'No'\n"
        "    underage_safety: 'No'\n",
        encoding="utf-8",
    )
    assessment = assess(root, AssessOptions(answers_path=answers))
    assert assessment.indicator("9B").verdict is Verdict.NOT_MET
    assert "owner declares no content policy" in assessment.indicator("9B").summary
    assert assessment.indicator("9C").verdict is Verdict.NOT_MET


def test_policy_and_moderation(repo_factory: RepoFactory) -> None:
    assessment = assess(repo_factory(fixtures.POLICY_AND_MODERATION))
    verdicts = _verdicts(assessment)
    assert verdicts["9B"] is Verdict.MET
    assert verdicts["9C"] is Verdict.MET
    policy = _finding(assessment, "9B", "content_policy")
    assert policy.outcome is Outcome.PASS
    assert policy.locations[0].path == "docs/community-guidelines.md"
    assert policy.locations[0].line == 3
    moderation = _finding(assessment, "9B", "content_moderation")
    assert set(moderation.data["features"]) >= {"reporting", "moderation"}
    assert any(loc.path == "board/moderation.py" for loc in moderation.locations)
    underage = _finding(assessment, "9C", "underage_protection")
    assert underage.outcome is Outcome.PASS


def test_committed_key_blocks(repo_factory: RepoFactory) -> None:
    assessment = assess(repo_factory(fixtures.COMMITTED_KEY))
    assert assessment.indicator("9A").verdict is Verdict.NOT_MET
    assert "9A" in assessment.overall.blocking
    secrets = _finding(assessment, "9A", "committed_secrets")
    assert secrets.outcome is Outcome.FAIL
    found = {(s["path"], s["line"], s["context"]) for s in secrets.data["secrets"]}
    # The private key and the live Stripe key block; an AWS key id without its secret and
    # a random value are listed for review only; the test's token ("aBcDeF...") is a fake.
    assert found == {("deploy/id_rsa", 1, "live"), ("gateway/settings.py", 2, "live")}
    assert secrets.remediation and "Revoke" in secrets.remediation
    review = _finding(assessment, "9A", "secrets_to_review")
    assert review.outcome is Outcome.UNKNOWN
    listed = {(s["path"], s["line"], s["context"]) for s in review.data["secrets"]}
    assert listed == {
        ("gateway/settings.py", 1, "live"),
        ("gateway/settings.py", 3, "live"),
    }


def test_owner_declares_laws(repo_factory: RepoFactory, tmp_path: Path) -> None:
    root = repo_factory(fixtures.DJANGO_PII)
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "indicators:\n"
        "  '7':\n"
        "    privacy_laws: [GDPR, 'Kazakhstan Law No. 94-V']\n"
        "    privacy_evidence: [https://clinic.example.org/privacy]\n",
        encoding="utf-8",
    )
    assessment = assess(root, AssessOptions(answers_path=answers))
    assert assessment.indicator("7").verdict is Verdict.MET
    assert assessment.indicator("7").answers[0].source == "owner"


def test_owner_no_against_evidence_is_shown(repo_factory: RepoFactory, tmp_path: Path) -> None:
    root = repo_factory(fixtures.DJANGO_PII)
    answers = tmp_path / "answers.yaml"
    answers.write_text("indicators:\n  9A:\n    collects_pii: 'No'\n", encoding="utf-8")
    result = assess(root, AssessOptions(answers_path=answers)).indicator("9A")
    assert result.verdict is Verdict.NOT_APPLICABLE
    assert "The scan found otherwise" in result.summary and "health data" in result.summary


def test_owner_answers_settle_9a(repo_factory: RepoFactory, tmp_path: Path) -> None:
    root = repo_factory(fixtures.DJANGO_PII)
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "indicators:\n  9A:\n    collects_pii: 'Yes'\n    pii_types: [Name, Phone, Health data]\n"
        "    third_party_sharing: 'No'\n    privacy_security_steps: Role-based access, TLS, hashing.\n",
        encoding="utf-8",
    )
    assert assess(root, AssessOptions(answers_path=answers)).indicator("9A").verdict is Verdict.MET


def test_owner_declares_content_and_interaction(repo_factory: RepoFactory, tmp_path: Path) -> None:
    root = repo_factory(fixtures.NO_PERSONAL_DATA)
    answers = tmp_path / "answers.yaml"
    answers.write_text("indicators:\n  9B:\n    collects_content: 'Yes'\n", encoding="utf-8")
    result = assess(root, AssessOptions(answers_path=answers)).indicator("9B")
    # The owner says content exists although the scan found none: the policy questions open.
    assert result.verdict is Verdict.NEEDS_ANSWER
    assert "9B.content_policy" in {q.id for q in result.questions}


@pytest.mark.parametrize(
    ("files", "verdict"),
    [
        # No code of conduct in the repository: GitHub's guidelines apply and the project may
        # keep one elsewhere, so the owner is asked.
        ({"CONTRIBUTING.md": "# Contributing\n\nOpen a pull request.\n"}, Verdict.NEEDS_ANSWER),
        (
            {
                "CONTRIBUTING.md": "# Contributing\n",
                "CODE_OF_CONDUCT.md": "# Code of conduct\nReport to team@example.org\n",
            },
            Verdict.MET,
        ),
        (
            {
                "CONTRIBUTING.md": "# Contributing\n",
                "CODE_OF_CONDUCT.md": "# Code of conduct\nContact: [INSERT CONTACT METHOD]\n",
            },
            Verdict.NEEDS_ANSWER,
        ),
    ],
)
def test_contributor_community(
    repo_factory: RepoFactory, files: dict[str, str], verdict: Verdict
) -> None:
    assessment = assess(repo_factory({**fixtures.NO_PERSONAL_DATA, **files}))
    assert assessment.indicator("9C").verdict is verdict


def test_answers_template_carries_suggestions(repo_factory: RepoFactory) -> None:
    template = answers_template(assess(repo_factory(fixtures.DJANGO_PII)))
    assert "Found by the scan: General Data Protection Regulation (GDPR)" in template
    assert "registry field: doNoHarm.dataPrivacySecurity.typesOfDataCollected" in template


def test_read_problems_become_warnings(repo_factory: RepoFactory) -> None:
    files = {
        **fixtures.NO_PERSONAL_DATA,
        "db/schema.sql": "CREATE TABLE people (id int,, email text garbage ((( ;\n",
    }
    assessment = assess(repo_factory(files))
    assert any("db/schema.sql: invalid SQL at line 1" in w for w in assessment.warnings)
    inventory = _finding(assessment, "9A", "personal_data_inventory")
    assert any("invalid SQL" in problem for problem in inventory.data["problems"])

"""The nine yes/no screening answers: written from evidence only where the calibration shows
reviewers accept them, else left for the owner with the scan's answer in the provenance."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.answers import Answers, parse_answers
from dpgkit.assess import assess
from dpgkit.nomination import Nomination, Source, build_nomination, record_data
from dpgkit.nomination.calibration import CALIBRATION, MIN_AGREEMENT, MIN_PROJECTS, allowed
from dpgkit.registry import RecordKind, record_errors
from dpgkit.standard import load_standard
from tests.conftest import WATER_WATCH_README, mit_license

MANDATORY = "/platformIndependence/mandatoryDepsCreateMoreRestrictions"
DOCS = "/documentation/isDocumentationAvailable"
PII = "/doNoHarm/dataPrivacySecurity/collectsPII"
CONTENT = "/doNoHarm/inappropriateIllegalContent/collectStoreDistribute"
INTERACTION = "/doNoHarm/protectionFromHarassment/userInteraction"

PLAIN = {
    "README.md": WATER_WATCH_README,
    "LICENSE": mit_license("Water Watch Trust"),
    "requirements.txt": "requests==2.32.3\n",
    "water/report.py": "def average(values):\n    return sum(values) / len(values)\n",
}
FIREBASE = {
    "README.md": WATER_WATCH_README,
    "LICENSE": mit_license("Water Watch Trust"),
    "package.json": json.dumps(
        {"name": "water-watch", "dependencies": {"firebase": "^10.0.0", "express": "^4.19.0"}}
    ),
    "src/store.js": "import { initializeApp } from 'firebase/app';\nexport const app = initializeApp({});\n",
}


def nominate(
    repo_factory: Callable[..., Path], files: dict[str, str], answers: Answers | None = None
) -> Nomination:
    root = repo_factory(files, remote="git@github.com:waterwatch/water-watch.git")
    nomination = build_nomination(assess(root), answers or Answers())
    assert record_errors(RecordKind.SCREENING, record_data(nomination.screening)) == []
    return nomination


def value(nomination: Nomination, pointer: str) -> object:
    record: object = record_data(nomination.screening)
    for part in pointer.strip("/").split("/"):
        assert isinstance(record, dict)
        record = record[part]
    return record


def missing_questions(nomination: Nomination) -> set[str]:
    return {fact.question or "" for fact in nomination.provenance.missing}


def test_calibrated_answers_carry_their_measured_agreement(
    repo_factory: Callable[..., Path],
) -> None:
    nomination = nominate(repo_factory, PLAIN)
    sources = nomination.provenance.fields["screening"]
    assert value(nomination, MANDATORY) == "No"
    assert sources[MANDATORY].source is Source.EVIDENCE
    assert sources[MANDATORY].confidence == CALIBRATION["4.closed_components"]["No"].agreement
    assert "calibration projects" in (sources[MANDATORY].note or "")
    assert value(nomination, CONTENT) == "No"
    assert value(nomination, "/clearOwnership/isOwnershipExplicit") == "Yes"


def test_answers_reviewers_did_not_accept_stay_for_the_owner(
    repo_factory: Callable[..., Path],
) -> None:
    nomination = nominate(repo_factory, PLAIN)
    sources = nomination.provenance.fields["screening"]
    # The scan found no personal data, but reviewers often answered Yes where it said No:
    # the answer is the owner's, and the scan's reading goes to the provenance.
    assert value(nomination, PII) == "Unknown"
    assert sources[PII].source is Source.MISSING
    assert sources[PII].suggested == "No"
    assert "9A.collects_pii" in missing_questions(nomination)
    assert value(nomination, INTERACTION) == "Unknown"
    assert "9C.user_interaction" in missing_questions(nomination)


def test_a_closed_component_of_unclear_role_is_a_question_not_a_yes(
    repo_factory: Callable[..., Path],
) -> None:
    nomination = nominate(repo_factory, FIREBASE)
    source = nomination.provenance.fields["screening"][MANDATORY]
    assert value(nomination, MANDATORY) == "Unknown"
    # The platform analysis leaves an unclear role undecided (mandatory: None): the scan
    # suggests no answer, the owner is asked.
    assert source.suggested is None
    assert "4.closed_components" in missing_questions(nomination)
    assert "pltIndependenceDesc" not in json.dumps(record_data(nomination.screening))


def test_no_documentation_in_the_repository_is_never_a_no(
    repo_factory: Callable[..., Path],
) -> None:
    nomination = nominate(repo_factory, {"README.md": "# wells\n", "main.py": "print(1)\n"})
    assert value(nomination, DOCS) == "Unknown"
    assert "5.documentation_links" in missing_questions(nomination)
    for pointer in (DOCS, "/standards/supportStandards", "/standards/implementBestPractices"):
        assert value(nomination, pointer) != "No"
    assert value(nomination, "/doNoHarm/preventHarm/stepsToPreventHarm") != "No"


def test_the_owners_answer_wins_over_the_calibration(repo_factory: Callable[..., Path]) -> None:
    answers = parse_answers(
        {
            "standard_version": "1.1.7",
            "indicators": {
                "4": {"closed_components": "Yes", "open_alternatives": "Supabase, self-hosted."},
                "9A": {"collects_pii": "No"},
                "9C": {"user_interaction": "No"},
            },
        },
        load_standard("1.1.7"),
        "test",
    )
    nomination = nominate(repo_factory, FIREBASE, answers)
    sources = nomination.provenance.fields["screening"]
    assert value(nomination, MANDATORY) == "Yes"
    assert sources[MANDATORY].source is Source.ANSWER and sources[MANDATORY].confidence == 1.0
    assert value(nomination, PII) == "No" and value(nomination, INTERACTION) == "No"


def test_the_calibration_table_writes_only_measured_answers() -> None:
    assert allowed("9A.collects_pii", "No") is None
    assert allowed("4.closed_components", "Yes") is None
    assert allowed("7.privacy_laws", "Yes") is None
    for question, answers in CALIBRATION.items():
        for answer, measured in answers.items():
            assert 0 < measured.agree <= measured.projects
            written = allowed(question, answer) is not None
            assert written == (
                measured.projects >= MIN_PROJECTS and measured.agreement >= MIN_AGREEMENT
            )


@pytest.mark.parametrize("question", ["3.owner", "5.documentation_links", "8.open_standards"])
def test_no_answer_against_the_owner_is_calibrated_from_absence(question: str) -> None:
    assert allowed(question, "No") is None

"""`dpg nominate`: registry records built from a real checkout and owner answers."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dpgkit.answers import Answers, load_answers
from dpgkit.assess import AssessOptions, assess
from dpgkit.model import SdgEntry
from dpgkit.nomination import Source, build_nomination, record_data
from dpgkit.registry import RecordKind, record_errors
from dpgkit.standard import load_standard
from tests.conftest import WATER_WATCH_README as README
from tests.conftest import git, mit_license, run_dpg

MIT = mit_license("Water Watch")

GENERAL = """
general:
  name: Water Watch
  description: Rural communities monitor the safety of their drinking water wells.
  website: https://water.example.org
  development_countries: [Kenya]
  deployment_countries: [Kenya, Uganda]
"""

INDICATORS = """
indicators:
  "1": {sdgs: ["SDG 6", "3"], sdg_evidence: "Target 6.1: safe drinking water for rural communities."}
  "3": {owner: "Water Watch Trust", ownership_evidence: "https://water.example.org/about"}
  "4": {closed_components: "No"}
  "6": {collects_non_pii: "Yes", extraction_mechanism: "CSV export on every well page and a JSON API."}
  "7": {privacy_laws: ["Kenya Data Protection Act 2019"], privacy_evidence: ["docs/privacy.md"]}
  "8": {open_standards: ["OpenAPI"], best_practices: ["Principles for Digital Development"]}
  "9A":
    collects_pii: "Yes"
    pii_types: [volunteer name, phone number]
    third_party_sharing: "Yes, with the district health office for follow-up visits."
    privacy_security_steps: Phone numbers are encrypted at rest; volunteers can delete their account.
  "9B": {collects_content: "No"}
  "9C": {user_interaction: "No"}
"""


@pytest.fixture
def water_repo(repo_factory: Callable[..., Path]) -> Path:
    return repo_factory(
        {
            "README.md": README,
            "LICENSE": MIT,
            "docs/privacy.md": "# Privacy\nWe keep phone numbers encrypted.\n",
            "app/main.py": "print('water')\n",
        },
        remote="git@github.com:waterwatch/water-watch.git",
    )


def write_answers(folder: Path, text: str) -> Path:
    path = folder / "answers.yaml"
    path.write_text('standard_version: "1.1.7"\n' + text, encoding="utf-8")
    return path


def leaf_pointers(value: Any, prefix: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaf_pointers(item, f"{prefix}/{key}")
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for index, item in enumerate(value):
            yield from leaf_pointers(item, f"{prefix}/{index}")
    else:
        yield prefix


def test_nominate_writes_schema_valid_records_with_provenance(
    water_repo: Path, tmp_path: Path
) -> None:
    answers = write_answers(tmp_path, GENERAL + INDICATORS)
    out = tmp_path / "nomination"
    result = run_dpg("nominate", str(water_repo), "--answers", str(answers), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    nominee = json.loads((out / "nominees/water-watch.json").read_text("utf-8"))
    screening = json.loads((out / "digitalpublicgoods/water-watch.json").read_text("utf-8"))
    provenance = json.loads((out / "water-watch.provenance.json").read_text("utf-8"))
    assert record_errors(RecordKind.NOMINEE, nominee) == []
    assert record_errors(RecordKind.SCREENING, screening) == []

    commit = git(water_repo, "rev-parse", "HEAD").strip()
    blob = f"https://github.com/waterwatch/water-watch/blob/{commit}"
    assert nominee["name"] == "Water Watch"
    assert nominee["license"] == [{"spdx": "MIT", "licenseURL": f"{blob}/LICENSE"}]
    assert [sdg["SDGNumber"] for sdg in nominee["SDGs"]] == [6, 3]
    assert nominee["repositories"] == [
        {"name": "main", "url": "https://github.com/waterwatch/water-watch"}
    ]
    assert nominee["organizations"] == [{"name": "Water Watch Trust", "org_type": "owner"}]
    assert nominee["stage"] == "nominee"
    assert screening["privacy"]["adherenceSteps"] == [f"{blob}/docs/privacy.md"]
    harm = screening["doNoHarm"]
    assert harm["dataPrivacySecurity"]["thirdPartyDataSharing"] == "Yes"
    assert harm["dataPrivacySecurity"]["dataSharingCircumstances"] == [
        "with the district health office for follow-up visits."
    ]
    assert harm["preventHarm"]["stepsToPreventHarm"] == "Yes"
    assert screening["locations"]["deploymentCountries"] == ["Kenya", "Uganda"]
    assert "Unknown" not in json.dumps([nominee, screening])

    # Every field written says where it came from.
    fields = provenance["fields"]
    for kind, record in (("nominee", nominee), ("screening", screening)):
        for pointer in leaf_pointers(record):
            assert pointer in fields[kind], f"{kind}{pointer} has no provenance"
    assert fields["nominee"]["/name"]["source"] == "answer"
    assert fields["nominee"]["/name"]["question"] == "general.name"
    license_source = fields["nominee"]["/license/0/spdx"]
    assert license_source["source"] == "evidence"
    assert license_source["evidence"][0]["path"] == "LICENSE"
    assert fields["nominee"]["/stage"]["source"] == "default"
    assert fields["screening"]["/documentation/isDocumentationAvailable"]["source"] == "evidence"
    assert fields["screening"]["/NonPII/collectsNonPII"]["source"] == "answer"
    assert provenance["missing"] == []


def test_missing_facts_are_listed_with_their_questions_and_exit_1(
    water_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "nomination"
    # Where a product is deployed is something no scan can tell: it must be asked.
    answers = write_answers(
        tmp_path, GENERAL.replace("  deployment_countries: [Kenya, Uganda]\n", "")
    )
    result = run_dpg("nominate", str(water_repo), "--answers", str(answers), "--out", str(out))
    assert result.returncode == 1, result.stderr
    standard = load_standard()
    questions = standard.all_questions()
    listed = re.findall(r"^  (\S+)  → ", result.stdout, flags=re.MULTILINE)
    assert "general.deployment_countries" in listed
    for key in listed:  # every missing fact is named with the exact question
        assert questions[key].text in result.stdout
    assert "general.name" not in listed  # answered
    assert not out.exists()  # nothing is written while facts are missing


def test_allow_incomplete_writes_unknown_and_says_so(water_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "nomination"
    answers = write_answers(
        tmp_path,
        GENERAL.replace("  deployment_countries: [Kenya, Uganda]\n", "")
        + 'indicators:\n  "1": {sdgs: ["6"]}\n',
    )
    result = run_dpg(
        "nominate", str(water_repo), "-a", str(answers), "--out", str(out), "--allow-incomplete"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Written as Unknown" in result.stdout
    screening = json.loads((out / "digitalpublicgoods/water-watch.json").read_text("utf-8"))
    nominee = json.loads((out / "nominees/water-watch.json").read_text("utf-8"))
    assert record_errors(RecordKind.SCREENING, screening) == []
    assert record_errors(RecordKind.NOMINEE, nominee) == []
    assert screening["locations"]["deploymentCountries"] == ["Unknown"]
    # Found by the closed-components probe, so not among the Unknowns.
    assert screening["platformIndependence"]["mandatoryDepsCreateMoreRestrictions"] == "No"
    # The owner comes from the license's copyright line, so it is not Unknown either.
    assert nominee["organizations"] == [{"name": "Water Watch", "org_type": "owner"}]
    provenance = json.loads((out / "water-watch.provenance.json").read_text("utf-8"))
    source = provenance["fields"]["screening"]["/locations/deploymentCountries"]
    assert source["source"] == "missing"
    missing = {fact["question"] for fact in provenance["missing"] if fact["required"]}
    assert "general.deployment_countries" in missing
    assert "4.closed_components" not in missing and "3.owner" not in missing  # from evidence


def test_allow_incomplete_without_a_license_or_sdg_is_still_not_submittable(
    repo_factory: Callable[..., Path], tmp_path: Path
) -> None:
    bare = repo_factory({"main.py": "print(1)\n"})
    out = tmp_path / "nomination"
    result = run_dpg("nominate", str(bare), "--out", str(out), "--allow-incomplete")
    assert result.returncode == 1
    assert "do not validate" in result.stderr
    assert "license" in result.stderr and "SDGs" in result.stderr


def test_a_saved_assessment_gives_the_same_records(water_repo: Path, tmp_path: Path) -> None:
    answers = write_answers(tmp_path, GENERAL + INDICATORS)
    saved = tmp_path / "assessment.json"
    assessed = run_dpg(
        "assess", str(water_repo), "-a", str(answers), "--format", "json", "-o", str(saved)
    )
    assert assessed.returncode in (0, 1), assessed.stderr
    from_folder, from_file = tmp_path / "a", tmp_path / "b"
    assert (
        run_dpg("nominate", str(water_repo), "-a", str(answers), "-o", str(from_folder)).returncode
        == 0
    )
    assert run_dpg("nominate", str(saved), "-a", str(answers), "-o", str(from_file)).returncode == 0
    for name in ("nominees/water-watch.json", "digitalpublicgoods/water-watch.json"):
        assert (from_folder / name).read_text("utf-8") == (from_file / name).read_text("utf-8")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ('"1": {sdgs: ["42"]}', "does not name an SDG"),
        ('"2": {licenses: ["Proprietary-1.0"]}', "not on the registry's list"),
    ],
)
def test_answers_the_registry_cannot_take_are_one_line_errors(
    water_repo: Path, tmp_path: Path, answer: str, message: str
) -> None:
    answers = write_answers(tmp_path, GENERAL + f"indicators:\n  {answer}\n")
    result = run_dpg("nominate", str(water_repo), "-a", str(answers), "-o", str(tmp_path / "o"))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_inputs_are_one_line_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": "1.0"}', encoding="utf-8")
    for target in (tmp_path / "nowhere", broken):
        result = run_dpg("nominate", str(target), "--out", str(tmp_path / "o"))
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_evidence_from_probes_flows_into_the_records(water_repo: Path, tmp_path: Path) -> None:
    """The SDG classifier's and the probes' evidence fill the records, with provenance."""
    answers_path = write_answers(tmp_path, GENERAL)
    standard = load_standard()
    assessment = assess(water_repo, AssessOptions(answers_path=answers_path))
    top = assessment.sdgs[0]
    assert top.sdg == 6  # drinking-water wells: SDG 6, found by the classifier
    assessment.sdgs.append(SdgEntry(sdg=9, score=0.2, evidence=["weak"]))  # below the bar
    nomination = build_nomination(assessment, load_answers(answers_path, standard), standard)
    nominee = record_data(nomination.nominee)
    screening = record_data(nomination.screening)
    numbers = [item["SDGNumber"] for item in nominee["SDGs"]]
    assert numbers[0] == 6 and 9 not in numbers
    evidence = nominee["SDGs"][0]["evidenceText"]
    assert "6.1" in evidence and "drinking water wells" in evidence
    assert evidence.startswith("Target") and "; " not in evidence  # sentences, not fragments
    sdg_source = nomination.provenance.fields["nominee"]["/SDGs/0/SDGNumber"]
    assert sdg_source.source is Source.EVIDENCE
    assert sdg_source.confidence == pytest.approx(top.score, abs=0.01)  # rounded to 2 places
    assert screening["platformIndependence"]["mandatoryDepsCreateMoreRestrictions"] == "No"
    deps = nomination.provenance.fields["screening"][
        "/platformIndependence/mandatoryDepsCreateMoreRestrictions"
    ]
    assert deps.source is Source.EVIDENCE
    assert deps.evidence[0].probe == "closed_components"  # the real probe's suggestion
    assert "4.closed_components" not in {fact.question for fact in nomination.missing_required}


def test_secrets_in_answers_are_redacted(water_repo: Path, tmp_path: Path) -> None:
    token = "ghp_" + "a1B2c3D4" * 5
    answers = write_answers(
        tmp_path, GENERAL.replace("Rural communities", f"Token {token} rural communities")
    )
    assessment = assess(water_repo, AssessOptions(answers_path=answers))
    nomination = build_nomination(assessment, load_answers(answers, load_standard()))
    assert token not in json.dumps(record_data(nomination.nominee))
    assert "[REDACTED]" in nomination.nominee.description


def test_empty_answers_are_not_used(water_repo: Path) -> None:
    assessment = assess(water_repo, AssessOptions())
    nomination = build_nomination(assessment, Answers(values={"general.name": "  "}))
    assert nomination.nominee.name == assessment.project.name
    assert nomination.provenance.fields["nominee"]["/name"].source is Source.EVIDENCE


def test_the_nominee_license_is_the_project_license_not_its_parts(
    repo_factory: Callable[..., Path],
) -> None:
    # A nested package's manifest (npm's default "ISC" in export/) speaks for that part; the
    # registry lists the project's license, which indicator 2 judged from the top level.
    # A content license the README states for the project's texts is the project's too.
    root = repo_factory(
        {
            "README.md": README + "\n## License\n\nThe guides in docs/ are under CC-BY-4.0.\n",
            "LICENSE": MIT,
            "export/package.json": '{"name": "export", "license": "ISC"}\n',
            "export/index.js": "module.exports = 1;\n",
            "app/main.py": "print('water')\n",
        },
        remote="git@github.com:waterwatch/water-watch.git",
    )
    assessment = assess(root)
    expression = next(
        finding.data["expression"]
        for indicator in assessment.indicators
        if indicator.id == "2"
        for finding in indicator.findings
        if finding.probe == "license_file_identified"
    )
    assert "ISC" not in expression
    assert any(entry.spdx == "ISC" for entry in assessment.licenses)  # found, and listed
    nominee = record_data(build_nomination(assessment, Answers()).nominee)
    spdx = [entry["spdx"] for entry in nominee["license"]]
    assert spdx[0] == "MIT" and "ISC" not in spdx
    assert set(spdx) <= {"MIT", "CC-BY-4.0"}
    assert nominee["license"][0]["licenseURL"].endswith("/LICENSE")


def test_a_cyrillic_name_files_under_the_repository_name(
    repo_factory: Callable[..., Path], tmp_path: Path
) -> None:
    # "Доступный Казахстан" has no registry slug: every such nomination was "project.json".
    root = repo_factory(
        {"README.md": "# Доступный Казахстан\n\nКарта доступных мест.\n", "LICENSE": MIT},
        remote="https://github.com/akz-team/accessible-kz.git",
    )
    out = tmp_path / "out"
    result = run_dpg("nominate", str(root), "--allow-incomplete", "--out", str(out))
    assert result.returncode in (0, 1), result.stderr
    assert (out / "nominees" / "accessible-kz.json").is_file()
    assert (out / "accessible-kz.provenance.json").is_file()
    nominee = json.loads((out / "nominees" / "accessible-kz.json").read_text(encoding="utf-8"))
    assert nominee["name"] == "Доступный Казахстан"


def test_a_line_not_met_keeps_the_nomination_from_passing_as_complete(
    repo_factory: Callable[..., Path], tmp_path: Path
) -> None:
    # A live credential makes 9A not met: "steps to prevent harm" cannot be written as
    # anything but Unknown, and no answer settles it. It was written silently, exit 0.
    key = "AKIA" + "Q7RTX2ZK4MNB3WVP"
    root = repo_factory(
        {
            "README.md": README,
            "LICENSE": MIT,
            "app/settings.py": (
                f'AWS_ACCESS_KEY_ID = "{key}"\n'
                'AWS_SECRET_ACCESS_KEY = "wJr8Kq2Zt9LmX4vB7nP1sD6fG3hJ0kQ5yT8rW2eZ"\n'
            ),
            "app/models.py": (
                "from django.db import models\n\n\nclass Reporter(models.Model):\n"
                "    full_name = models.CharField(max_length=200)\n"
                "    email = models.EmailField()\n    phone = models.CharField(max_length=20)\n"
            ),
        },
        remote="git@github.com:waterwatch/water-watch.git",
    )
    answers = write_answers(tmp_path, GENERAL)
    out = tmp_path / "nomination"
    result = run_dpg("nominate", str(root), "--answers", str(answers), "--out", str(out))
    assert result.returncode == 1, result.stdout
    assert "/doNoHarm/preventHarm/stepsToPreventHarm" in result.stdout
    assert "fix what is not met first: 9A" in result.stdout
    assert key not in result.stdout + result.stderr
    assert "wJr8Kq2Zt9LmX4vB7nP1sD6fG3hJ0kQ5yT8rW2eZ" not in result.stdout + result.stderr
    assert not out.exists()

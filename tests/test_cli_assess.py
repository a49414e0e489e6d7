"""`dpg assess` end to end, through the real command in a subprocess."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from dpgkit.parsing import load_yaml
from tests.conftest import WATER_WATCH_README, mit_license, run_dpg

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "accessible-map"
INDICATORS = ["1", "2", "3", "4", "5", "6", "7", "8", "9A", "9B", "9C"]

README = (
    WATER_WATCH_README
    + """
## Contributing

Read CONTRIBUTING.md. We welcome translations, documentation and bug reports from anyone,
and we review every pull request within a week. Please be kind to each other: see the code
of conduct for what we expect and how to report problems privately to the maintainers.
"""
)

MIT = mit_license("Water Watch")


def full_answers() -> str:
    return """
standard_version: "1.1.7"
indicators:
  "1": {sdgs: ["6"], sdg_evidence: "Target 6.1: safe drinking water for rural communities."}
  "3": {owner: "Water Watch Trust", ownership_evidence: "https://water.example.org/about"}
  "4": {closed_components: "No"}
  "6": {collects_non_pii: "Yes", extraction_mechanism: "CSV export on every well page and a JSON API."}
  "7": {privacy_laws: ["GDPR"], privacy_evidence: ["https://water.example.org/privacy"]}
  "8": {open_standards: ["OpenAPI"], best_practices: ["Principles for Digital Development"]}
  "9A": {collects_pii: "No"}
  "9B": {collects_content: "No"}
  "9C": {user_interaction: "No"}
"""


@pytest.fixture
def water_repo(repo_factory: Callable[..., Path]) -> Path:
    return repo_factory(
        {
            "README.md": README,
            "LICENSE": MIT,
            "SECURITY.md": "Report vulnerabilities to security@water.example.org.\n",
            "CODE_OF_CONDUCT.md": "Be kind. Contact conduct@water.example.org.\n",
            "CONTRIBUTING.md": "# Contributing\nOpen a pull request.\n",
            "app/models.py": "class Well:\n    pass\n",
        },
        remote="https://github.com/water-watch/water-watch.git",
    )


def test_terminal_report_has_the_eleven_lines_and_exit_code_1(water_repo: Path) -> None:
    result = run_dpg("assess", str(water_repo))
    assert result.returncode == 1, result.stderr
    for indicator in INDICATORS:
        assert f"{indicator}. " in result.stdout
    assert "Water Watch" in result.stdout
    assert "Not eligible yet" in result.stdout
    assert "Traceback" not in result.stderr


def test_json_report_validates_against_published_schema(water_repo: Path) -> None:
    schema = json.loads(run_dpg("schema").stdout)
    result = run_dpg("assess", str(water_repo), "--format", "json")
    report = json.loads(result.stdout)
    jsonschema.validate(report, schema)
    assert [item["id"] for item in report["indicators"]] == INDICATORS
    assert report["standard_version"] == "1.1.7"
    assert report["project"]["repository_url"] == "https://github.com/water-watch/water-watch.git"
    assert report["project"]["commit"]
    assert report["overall"]["verdict"] == "not_eligible"
    licence = report["indicators"][1]
    assert licence["verdict"] == "met"
    identified = next(f for f in licence["findings"] if f["probe"] == "license_file_identified")
    assert identified["locations"][0]["path"] == "LICENSE"
    docs = report["indicators"][4]
    assert docs["verdict"] == "met"
    assert report["licenses"][0]["spdx"] == "MIT" and report["licenses"][0]["approved"]
    assert report["stats"]["files"] == 6


def test_owner_answers_make_the_project_eligible_and_are_shown_as_declared(
    water_repo: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(full_answers(), encoding="utf-8")
    result = run_dpg("assess", str(water_repo), "--answers", str(answers), "--format", "json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["overall"] == {"verdict": "eligible", "blocking": [], "met": 11, "total": 11}
    by_id = {item["id"]: item for item in report["indicators"]}
    assert by_id["9B"]["verdict"] == "not_applicable"
    assert by_id["4"]["verdict"] == "met"
    assert by_id["7"]["answers"] == [
        {"question": "7.privacy_laws", "value": ["GDPR"], "source": "owner"},
        {
            "question": "7.privacy_evidence",
            "value": ["https://water.example.org/privacy"],
            "source": "owner",
        },
    ]
    markdown = run_dpg("assess", str(water_repo), "--answers", str(answers), "--format", "markdown")
    assert "declared by the owner" in markdown.stdout


def test_markdown_and_output_file(water_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    result = run_dpg("assess", str(water_repo), "--format", "markdown", "--output", str(target))
    assert result.returncode == 1
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# DPG readiness: Water Watch")
    assert "| 9C. Do no harm - protection from harassment |" in text
    assert "**Questions for the owner:**" in text


@pytest.mark.parametrize(
    ("fail_on", "code"), [("never", 0), ("not_met", 0), ("needs_answer", 1), ("not_eligible", 1)]
)
def test_fail_on_gate(water_repo: Path, fail_on: str, code: int) -> None:
    result = run_dpg("assess", str(water_repo), "--fail-on", fail_on, "--format", "json")
    assert result.returncode == code


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda tmp: [str(tmp / "missing")], "path does not exist"),
        (lambda tmp: [str(tmp / "file.txt")], "not a folder"),
        (lambda tmp: [str(tmp), "--format", "pdf"], "unknown --format pdf"),
        (lambda tmp: [str(tmp), "--type", "spaceship"], "unknown --type spaceship"),
        (lambda tmp: [str(tmp), "--answers", str(tmp / "none.yaml")], "answers file not found"),
        (lambda tmp: [str(tmp), "--answers", str(tmp / "bad.yaml")], "not valid YAML"),
        (lambda tmp: [str(tmp), "--answers", str(tmp / "wrong.yaml")], "9A/collects_pii"),
        (lambda tmp: [str(tmp), "--answers", str(tmp / "bomb.yaml")], "aliases are not accepted"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, make_args: Callable[[Path], list[str]], message: str
) -> None:
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "bad.yaml").write_text("indicators: [unclosed\n")
    (tmp_path / "wrong.yaml").write_text('indicators:\n  "9A": {collects_pii: "maybe"}\n')
    (tmp_path / "bomb.yaml").write_text('a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n')
    result = run_dpg("assess", *make_args(tmp_path))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3


def test_a_folder_that_is_not_a_checkout_gives_a_report_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Water Watch\n\nWells and their water quality.\n")
    result = run_dpg("assess", str(tmp_path), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert any("not a git checkout" in warning for warning in report["warnings"])


def test_nothing_to_assess_is_bad_input_not_a_score(
    tmp_path: Path, repo_factory: Callable[..., Path]
) -> None:
    # An empty folder once scored 5/11: personal data, user content and harassment were
    # "not applicable" with not one file read. Also a checkout whose every file is excluded.
    excluded = repo_factory({"README.md": README, ".dpgkit.toml": 'exclude = ["*", ".*"]\n'})
    for folder in (tmp_path / "empty", excluded):
        folder.mkdir(exist_ok=True)
        result = run_dpg("assess", str(folder), "--format", "json")
        assert result.returncode == 2, result.stdout
        assert result.stdout == ""
        assert "nothing to assess" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_answers_init_writes_a_template_that_validates_once_filled(
    water_repo: Path, tmp_path: Path
) -> None:
    target = tmp_path / "answers.yaml"
    result = run_dpg("answers", "init", str(water_repo), "--output", str(target))
    assert result.returncode == 0, result.stderr
    template = target.read_text(encoding="utf-8")
    assert "7.privacy_laws" not in template  # local ids under their indicator
    assert (
        "privacy_laws" in template and "registry field: privacy.privacyComplianceList" in template
    )
    data = load_yaml(template)
    schema = json.loads(run_dpg("schema", "answers").stdout)
    jsonschema.validate(data, schema)
    assert data["general"]["name"] == "Water Watch"
    again = run_dpg("answers", "init", str(water_repo), "--output", str(target))
    assert again.returncode == 2 and "--force" in again.stderr


def test_config_in_pyproject_excludes_paths_and_sets_type(
    repo_factory: Callable[..., Path],
) -> None:
    root = repo_factory(
        {
            "README.md": README,
            "pyproject.toml": '[project]\nname = "water"\n[tool.dpgkit]\nexclude = ["fixtures/**"]\ntype = ["software", "data"]\n',
            "fixtures/LICENSE": "GNU GENERAL PUBLIC LICENSE Version 3\n",
            "fixtures/a.csv": "a,b\n",
        }
    )
    report = json.loads(run_dpg("assess", str(root), "--format", "json").stdout)
    assert report["project"]["types"] == ["software", "data"]
    assert report["stats"]["files"] == 2


def test_sample_project_assessment_runs(tmp_path: Path) -> None:
    result = run_dpg(
        "assess", str(SAMPLE), "--answers", str(SAMPLE / "dpg-answers.yaml"), "--format", "json"
    )
    report = json.loads(result.stdout)
    assert report["project"]["name"] == "Accessible Map"
    assert result.returncode in (0, 1)
    assert not [w for w in report["warnings"] if w.startswith("probe ")]


def test_config_nested_too_deep_is_a_warning_not_a_crash(
    repo_factory: Callable[..., Path],
) -> None:
    # tomllib recurses on nested arrays: a pyproject.toml of 100,000 "[" used to end the
    # whole assessment with a RecursionError traceback.
    nested = "[tool.dpgkit]\nexclude = " + "[" * 100_000 + "]" * 100_000 + "\n"
    root = repo_factory({"README.md": README, "pyproject.toml": nested})
    result = run_dpg("assess", str(root), "--format", "json")
    assert result.returncode in (0, 1), result.stderr[-500:]
    report = json.loads(result.stdout)
    assert any("[tool.dpgkit] settings were ignored" in w for w in report["warnings"])

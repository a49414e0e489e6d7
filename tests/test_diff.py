"""`dpg diff OLD.json NEW.json`: fixed, regressed and new between two real assessments."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.assess import AssessOptions, assess
from dpgkit.diff import Change, diff_assessments
from tests.conftest import git, mit_license, run_dpg

README = """# Market Prices

Market Prices collects the prices of staple foods in rural markets every week, so that
farmers can decide where to sell and relief agencies can spot price shocks early on.

## Installation

Install Python 3.11 and run `pip install -r requirements.txt`, then `python -m prices init`
to create the database in the data folder. Nothing else needs to be configured first.

## Usage

Run `python -m prices serve` and open the dashboard; `python -m prices export` writes the
week's prices as CSV and JSON files for anyone who wants to analyse them further.

## Contributing

Volunteers in each district enter prices on a phone; the maintainers review new markets and
translations every week. Read CONTRIBUTING.md to learn how to add a market or a language.
Questions, bug reports and ideas are welcome in the issue tracker; we answer within a week
and we try to explain every decision, so that new contributors can follow the reasoning.
"""
MIT = mit_license("Market Prices Cooperative")


@pytest.fixture
def two_assessments(repo_factory: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    """Week 1: documented, no license. Week 2: licensed, but the README lost its sections."""
    repo = repo_factory({"README.md": README, "prices.py": "PRICES = {}\n"})
    old = tmp_path / "old.json"
    assert run_dpg("assess", str(repo), "-f", "json", "-o", str(old)).returncode in (0, 1)
    (repo / "LICENSE").write_text(MIT, encoding="utf-8")
    (repo / "README.md").write_text(README.split("## Installation")[0], encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "license; shorter readme")
    new = tmp_path / "new.json"
    assert run_dpg("assess", str(repo), "-f", "json", "-o", str(new)).returncode in (0, 1)
    return old, new


def test_diff_finds_fixed_and_regressed(two_assessments: tuple[Path, Path]) -> None:
    old, new = two_assessments
    result = run_dpg("diff", str(old), str(new), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    by_probe = {f["probe"]: f for f in data["findings"]}
    by_indicator = {i["id"]: i for i in data["indicators"]}
    assert by_probe["license_file_identified"]["change"] == "fixed"
    assert by_probe["license_file_identified"]["old"] == "fail"
    assert by_probe["readme_install_usage"]["change"] == "regressed"
    assert by_indicator["2"]["change"] == "fixed"
    assert by_indicator["5"]["change"] == "regressed"
    assert data["old"]["commit"] != data["new"]["commit"]
    assert data["summary"]["fixed"] >= 2 and data["summary"]["regressed"] >= 2


def test_diff_text_and_the_regression_gate(two_assessments: tuple[Path, Path]) -> None:
    old, new = two_assessments
    text = run_dpg("diff", str(old), str(new))
    assert text.returncode == 0
    assert "fixed  indicator 2. Use of an approved open license: not met → met" in text.stdout
    assert "regressed  finding readme_install_usage (5): pass → fail" in text.stdout
    gated = run_dpg("diff", str(old), str(new), "--fail-on-regression")
    assert gated.returncode == 1
    same = run_dpg("diff", str(new), str(new), "--fail-on-regression")
    assert same.returncode == 0
    assert "Nothing changed." in same.stdout
    markdown = run_dpg("diff", str(old), str(new), "-f", "markdown")
    assert "- **fixed** indicator 2." in markdown.stdout


def test_findings_only_in_the_newer_assessment_are_new(
    two_assessments: tuple[Path, Path],
) -> None:
    """An assessment from an older dpgkit lacks probes added since: they show as new."""
    old_path, new_path = two_assessments
    old = json.loads(old_path.read_text(encoding="utf-8"))
    for indicator in old["indicators"]:
        indicator["findings"] = [
            f for f in indicator["findings"] if f["probe"] != "security_policy_present"
        ]
    from dpgkit.model import Assessment

    result = diff_assessments(
        Assessment.model_validate(old),
        Assessment.model_validate_json(new_path.read_text(encoding="utf-8")),
    )
    added = [f for f in result.findings if f.change is Change.NEW]
    assert [f.probe for f in added] == ["security_policy_present"]
    assert added[0].old is None


def test_diff_in_process_matches_counts(repo_factory: Callable[..., Path]) -> None:
    repo = repo_factory({"README.md": README})
    assessment = assess(repo, AssessOptions())
    same = diff_assessments(assessment, assessment)
    assert all(item.change is Change.UNCHANGED for item in same.indicators)
    assert not same.regressed


def test_diff_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    result = run_dpg("diff", str(bad), str(bad))
    assert result.returncode == 2
    assert "not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr

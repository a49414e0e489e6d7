"""SARIF 2.1.0 output, validated against the OASIS schema shipped in tests/assets."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Outcome, Verdict
from dpgkit.reports import renderers
from dpgkit.reports.sarif import sarif_log

SCHEMA = json.loads(
    (Path(__file__).parent / "assets" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)

README = """# Seed Bank

Seed Bank keeps a register of the seed varieties that smallholder farmers exchange, so
that cooperatives can find drought-tolerant varieties near them and record harvests.
"""


def schema_errors(log: dict[str, Any]) -> list[str]:
    validator = Draft4Validator(SCHEMA)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(log)
    ]


@pytest.fixture
def seed_repo(repo_factory: Callable[..., Path]) -> Path:
    # No license, a thin README, a file whose name needs escaping in a URI.
    return repo_factory(
        {"README.md": README, "src/seed bank.py": "SEEDS = []\n"},
        remote="https://github.com/farmers/seed-bank.git",
    )


def test_sarif_is_valid_and_lists_failures_at_their_files(seed_repo: Path) -> None:
    assessment = assess(seed_repo, AssessOptions())
    log = sarif_log(assessment)
    assert schema_errors(log) == []
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert run["versionControlProvenance"][0]["repositoryUri"] == (
        "https://github.com/farmers/seed-bank"
    )

    failing = {
        f.probe
        for r in assessment.indicators
        for f in r.findings
        if f.outcome in (Outcome.FAIL, Outcome.UNKNOWN)
    }
    passing = {
        f.probe for r in assessment.indicators for f in r.findings if f.outcome is Outcome.PASS
    }
    assert failing  # the fixture really fails something
    reported = {result["ruleId"] for result in results}
    assert failing <= reported
    assert not passing & reported
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"], f"{result['ruleId']} has no location"
        assert result["message"]["text"]

    license_result = next(r for r in results if r["ruleId"] == "license_file_identified")
    assert license_result["level"] == "error"
    open_indicators = {
        r.id for r in assessment.indicators if r.verdict in (Verdict.NOT_MET, Verdict.NEEDS_ANSWER)
    }
    indicator_results = {
        r["ruleId"].removeprefix("indicator/")
        for r in results
        if r["ruleId"].startswith("indicator/")
    }
    assert indicator_results == open_indicators
    sdg = next(r for r in results if r["ruleId"] == "indicator/1")
    assert "[1.sdgs]" in sdg["message"]["text"]


def test_fingerprints_are_stable_between_runs(seed_repo: Path) -> None:
    first = sarif_log(assess(seed_repo, AssessOptions()))["runs"][0]["results"]
    second = sarif_log(assess(seed_repo, AssessOptions()))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in first] == [r["partialFingerprints"] for r in second]


def test_uris_are_escaped(repo_factory: Callable[..., Path]) -> None:
    repo = repo_factory({"README.md": README, "my docs/LICENSE odd.txt": "not a license\n"})
    log = sarif_log(assess(repo, AssessOptions()))
    uris = [
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for location in result["locations"]
    ]
    assert all(" " not in uri for uri in uris)
    assert schema_errors(log) == []


def test_dpg_assess_format_sarif(seed_repo: Path, tmp_path: Path) -> None:
    assert "sarif" in renderers()
    out = tmp_path / "dpg.sarif"
    result = subprocess.run(
        [sys.executable, "-m", "dpgkit", "assess", str(seed_repo), "-f", "sarif", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr  # not eligible: the default gate
    log = json.loads(out.read_text(encoding="utf-8"))
    assert schema_errors(log) == []
    assert log["runs"][0]["tool"]["driver"]["name"] == "dpgkit"


def test_only_fail_results_carry_a_level(seed_repo: Path) -> None:
    """SARIF 2.1.0, 3.27.9: a result whose kind is not "fail" has level "none"."""
    results = sarif_log(assess(seed_repo, AssessOptions()))["runs"][0]["results"]
    reviews = [result for result in results if result["kind"] == "review"]
    assert reviews  # the fixture leaves questions open
    assert {result["level"] for result in reviews} == {"none"}
    failures = [result for result in results if result["kind"] == "fail"]
    assert failures and {result["level"] for result in failures} <= {"error", "warning", "note"}


def test_a_project_in_a_subfolder_is_located_from_the_repository_root(
    repo_factory: Callable[..., Path],
) -> None:
    # SRCROOT is mapped to the repository's root, where code scanning resolves paths: a
    # result at "README.md" of a project in "apps/seed bank" must name that folder's file.
    root = repo_factory(
        {"apps/seed bank/README.md": README, "apps/seed bank/src/app.py": "SEEDS = []\n"},
        remote="https://github.com/farmers/monorepo.git",
    )
    log = sarif_log(assess(root / "apps" / "seed bank", AssessOptions()))
    run = log["runs"][0]
    assert run["versionControlProvenance"][0]["mappedTo"] == {"uriBaseId": "%SRCROOT%"}
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in run["results"]
        for location in result["locations"]
    }
    assert uris and all(uri.startswith("apps/seed%20bank/") for uri in uris), uris
    assert "apps/seed%20bank/README.md" in uris
    for uri in uris:
        assert (root / uri.replace("%20", " ")).is_file(), uri
    assert schema_errors(log) == []

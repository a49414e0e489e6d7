"""The README's nomination path: `dpg answers init` asks everything `dpg nominate` needs, and
the bundled sample with its answers nominates cleanly."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from dpgkit.registry import RecordKind, record_errors
from dpgkit.standard import load_standard
from tests.conftest import WATER_WATCH_README, mit_license, run_dpg

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "accessible-map"
# A question line of the template: `    # key: value` under `  "7":`, or `  key: value` in general.
INDICATOR = re.compile(r'^  "(?P<id>[0-9A-C]+)":')
COMMENTED_KEY = re.compile(r"^    # (?P<key>[a-z_0-9]+): ")
# `dpg nominate` lists each missing fact as `  <question id>  → <record> record <field>`.
MISSING = re.compile(r"^  (?P<question>\S+)  → ", re.MULTILINE)


def template_questions(template: str) -> set[str]:
    found = {f"general.{key}" for key in yaml.safe_load(template)["general"]}
    indicator = None
    for line in template.splitlines():
        if match := INDICATOR.match(line):
            indicator = match.group("id")
        elif indicator and (match := COMMENTED_KEY.match(line)):
            found.add(f"{indicator}.{match.group('key')}")
    return found


@pytest.fixture
def bare_repo(repo_factory: Callable[..., Path]) -> Path:
    """A project nobody has answered for yet (no remote, so no file links either)."""
    return repo_factory(
        {
            "README.md": WATER_WATCH_README,
            "LICENSE": mit_license("Water Watch Trust"),
            "app/main.py": "print('water')\n",
        }
    )


def test_answers_init_asks_exactly_what_assess_and_nominate_need(
    bare_repo: Path, tmp_path: Path
) -> None:
    template = run_dpg("answers", "init", str(bare_repo))
    assert template.returncode == 0, template.stderr
    asked = template_questions(template.stdout)

    report = json.loads(run_dpg("assess", str(bare_repo), "--format", "json").stdout)
    open_questions = {q["id"] for item in report["indicators"] for q in item["questions"]}
    nominate = run_dpg(
        "nominate", str(bare_repo), "--out", str(tmp_path / "out"), "--allow-incomplete"
    )
    assert nominate.returncode == 0, nominate.stderr
    needed = set(MISSING.findall(nominate.stdout))
    assert needed, nominate.stdout  # the bare project really lacks facts
    general = {f"general.{q.id}" for q in load_standard().general_questions}
    assert asked == open_questions | needed | general


# Answers whose format is fixed (an SDG number, an SPDX id); any other is a plausible link.
SPECIAL = {"1.sdgs": '["6"]', "2.licenses": '["MIT"]'}


def test_a_filled_template_nominates_with_exit_0(bare_repo: Path, tmp_path: Path) -> None:
    specs = load_standard().all_questions()
    lines = []
    indicator = ""
    for line in run_dpg("answers", "init", str(bare_repo)).stdout.splitlines():
        if match := INDICATOR.match(line):
            indicator = match.group("id")
        if (match := COMMENTED_KEY.match(line)) and indicator:
            question = f"{indicator}.{match.group('key')}"
            value = SPECIAL.get(question) or {
                "yes_no": '"No"',
                "list": '["https://water.example.org/doc"]',
            }.get(specs[question].kind, '"https://water.example.org/doc"')
            line = f"    {match.group('key')}: {value}"
        elif line.startswith("  website:"):
            line = "  website: https://water.example.org"
        elif line.startswith("  repository_url:"):  # no remote: links need the address
            line = "  repository_url: https://github.com/waterwatch/water-watch"
        elif line.endswith("_countries: []"):
            line = line.replace("[]", "[Kenya]")
        lines.append(line)
    answers = tmp_path / "answers.yaml"
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_dpg(
        "nominate", str(bare_repo), "--answers", str(answers), "--out", str(tmp_path / "out")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Required facts still missing" not in result.stdout


def test_the_bundled_sample_nominates_with_schema_valid_records(tmp_path: Path) -> None:
    result = run_dpg(
        "nominate", str(SAMPLE), "--answers", str(SAMPLE / "dpg-answers.yaml"),
        "--out", str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Unknown" not in result.stdout
    nominee = json.loads((tmp_path / "nominees" / "accessible-map.json").read_text("utf-8"))
    screening = json.loads(
        (tmp_path / "digitalpublicgoods" / "accessible-map.json").read_text("utf-8")
    )
    assert record_errors(RecordKind.NOMINEE, nominee) == []
    assert record_errors(RecordKind.SCREENING, screening) == []
    assert [sdg["SDGNumber"] for sdg in nominee["SDGs"]] == [10, 11]  # the owner's choice
    assert "Unknown" not in json.dumps([nominee, screening])


def test_readme_shows_the_nomination_path() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "dpg answers init" in readme and "--allow-incomplete" in readme

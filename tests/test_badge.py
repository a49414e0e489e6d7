"""`dpg badge`: an accessible SVG "DPG readiness N/11", from a checkout or a saved assessment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from defusedxml import ElementTree

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Assessment, Overall, OverallVerdict
from dpgkit.reports.badge import COLOURS, badge_colour, badge_svg
from tests.conftest import run_dpg

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def repo(repo_factory: Callable[..., Path]) -> Path:
    return repo_factory(
        {
            "README.md": "# Rain <Gauge> & Co\n\nCommunity rain gauges for farmers.\n",
            "LICENSE": "SPDX-License-Identifier: MIT\n",
        },
        name="rain-gauge",
    )


def parse(svg: str) -> object:
    return ElementTree.fromstring(svg)


def texts(root: object) -> list[str]:
    return [node.text or "" for node in root.iter(f"{SVG}text")]  # type: ignore[attr-defined]


def test_badge_from_a_checkout_says_how_many_lines_are_met(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "badge.svg"
    result = run_dpg("badge", str(repo), "--out", str(out))
    assert result.returncode == 0, result.stderr
    root = parse(out.read_text(encoding="utf-8"))
    assessment = assess(repo, AssessOptions())
    expected = f"{assessment.overall.met}/{assessment.overall.total}"
    assert texts(root) == ["DPG readiness", expected]
    assert root.get("role") == "img"  # type: ignore[attr-defined]
    assert root.get("aria-label") == f"DPG readiness {expected}"  # type: ignore[attr-defined]
    title = root.find(f"{SVG}title")  # type: ignore[attr-defined]
    assert title is not None and title.text.startswith(f"DPG readiness {expected}: ")
    assert "not eligible yet" in title.text
    assert int(root.get("width")) > 0  # type: ignore[attr-defined]


def test_badge_from_a_saved_assessment_and_escaped_names(repo: Path, tmp_path: Path) -> None:
    saved = tmp_path / "assessment.json"
    assert run_dpg("assess", str(repo), "-f", "json", "-o", str(saved)).returncode in (0, 1)
    result = run_dpg("badge", str(saved))
    assert result.returncode == 0, result.stderr
    root = parse(result.stdout)
    assert texts(root)[0] == "DPG readiness"
    assessment = Assessment.model_validate_json(saved.read_text(encoding="utf-8"))
    assessment.project.name = 'Rain <Gauge> & "Co"'
    root = parse(badge_svg(assessment))
    title = root.find(f"{SVG}title")  # type: ignore[attr-defined]
    assert title is not None and 'Rain <Gauge> & "Co"' in title.text


def test_badge_colour_follows_the_count() -> None:
    assert badge_colour(11, 11) == COLOURS["complete"]
    assert badge_colour(9, 11) == COLOURS["most"]
    assert badge_colour(3, 11) == COLOURS["few"]
    assert badge_colour(0, 0) == COLOURS["few"]


def test_eligible_badge(repo: Path) -> None:
    assessment = assess(repo, AssessOptions())
    assessment.overall = Overall(verdict=OverallVerdict.ELIGIBLE, met=11, total=11)
    root = parse(badge_svg(assessment))
    assert texts(root) == ["DPG readiness", "11/11"]
    fills = [rect.get("fill") for rect in root.iter(f"{SVG}rect")]  # type: ignore[attr-defined]
    assert COLOURS["complete"] in fills


def test_badge_bad_input_is_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\xff\xfe not json")
    for target in (junk, tmp_path / "missing"):
        result = run_dpg("badge", str(target))
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1

"""The SDG model learns from the calibration list's registry records only.

The registry's other records are kept apart to judge the SDG work; the shipped model must
hold neither their evidence texts and goals (knowledge.npz) nor their descriptions and
goals (ranker.npz).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np

from dpgkit.sdg.classifier import data_dir

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))

import sdg_registry  # noqa: E402


def calibration_list(shared: Path) -> set[str]:
    with (shared / "calibration" / "dpg-repos.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        header = next(rows)
        assert header[0] == "registry_slug"
        return {row[0] for row in rows if row and row[0].strip()}


def test_allowed_registry_slugs_are_exactly_the_calibration_list(shared_dir: Path) -> None:
    listed = calibration_list(shared_dir)
    assert len(listed) == 114
    assert sdg_registry.allowed_registry_slugs() == listed
    # The rule leaves real records out: registry nominees with SDG evidence beyond the list.
    nominees = {
        path.stem for path in (shared_dir / "dpga" / "registry" / "nominees").glob("*.json")
    }
    assert listed <= nominees
    assert len(nominees - listed) >= 100


def test_build_evidence_comes_from_allowed_records_only(shared_dir: Path) -> None:
    listed = calibration_list(shared_dir)
    rows = sdg_registry.registry_evidence()
    assert rows
    assert {slug for slug, _, _ in rows} <= listed
    # Each row is a real evidence text of that record, with the goal its owners gave it.
    nominees = shared_dir / "dpga" / "registry" / "nominees"
    for slug, goal, text in rows[:: max(1, len(rows) // 25)]:
        record = json.loads((nominees / f"{slug}.json").read_text("utf-8"))
        given = {
            (item["SDGNumber"], " ".join(str(item.get("evidenceText")).split()))
            for item in record["SDGs"]
        }
        assert (goal, text) in given


def test_shipped_knowledge_holds_the_allowed_evidence_only(shared_dir: Path) -> None:
    """knowledge.npz was rebuilt with the rule: its evidence rows are the allowed ones,
    in build order, and no more (the held-out records' evidence would add hundreds)."""
    goals = [goal for _, goal, _ in sdg_registry.registry_evidence()]
    with np.load(data_dir() / "knowledge.npz") as data:
        assert data["evidence_goal"].tolist() == goals
        assert len(data["evidence_vectors"]) == len(data["model_evidence_vectors"]) == len(goals)


def test_shipped_ranker_neighbours_are_calibration_records(shared_dir: Path) -> None:
    listed = calibration_list(shared_dir)
    with np.load(data_dir() / "ranker.npz") as data:
        slugs = {str(slug) for slug in data["slugs"]}
    assert slugs <= listed
    assert len(slugs) >= 100

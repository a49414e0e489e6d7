"""Which registry records the SDG build may learn from: those of the calibration list only.

Shared by ``tools/build_sdg_model.py`` (registry evidence in ``knowledge.npz``) and
``tools/build_sdg_ranker.py`` (fitting records and neighbours in ``ranker.npz``), and by
``bench/sdg_projects.py`` through the latter. numpy-free, no PyTorch.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")
NOMINEES = SHARED / "dpga" / "registry" / "nominees"
CALIBRATION = SHARED / "calibration" / "dpg-repos.tsv"
MIN_EVIDENCE_WORDS = 5  # shorter evidence texts ("Yes", "See above") say nothing of a goal


def calibration_slugs(path: Path = CALIBRATION) -> list[str]:
    """The registry slugs of the calibration list, in file order."""
    slugs = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") or line.startswith("registry_slug") or not line.strip():
            continue
        slugs.append(line.split("\t")[0])
    return slugs


def allowed_registry_slugs() -> frozenset[str]:
    """The registry records whose texts and SDGs the shipped SDG model may be built from.

    Only the calibration list's. The registry's other records are kept apart to judge the
    SDG work on projects nobody tuned for: had their evidence texts and chosen goals gone
    into knowledge.npz (goal prototypes, the nearest-neighbour evidence, the lexical model)
    or into ranker.npz, the model would carry the judges' answers, and every figure measured
    on those records would be inflated. This is the one place that decides it.
    """
    return frozenset(calibration_slugs())


def nominee_records(allowed: frozenset[str] | None = None) -> list[tuple[str, dict[str, object]]]:
    """(slug, record) of the nominee records, sorted by file name; only ``allowed`` slugs
    when given (bench/sdg_projects.py judges on all of them, the builds learn from few)."""
    found = []
    for path in sorted(NOMINEES.glob("*.json")):
        if allowed is not None and path.stem not in allowed:
            continue
        found.append((path.stem, json.loads(path.read_text("utf-8"))))
    return found


def registry_evidence() -> list[tuple[str, int, str]]:
    """(slug, goal, text) of the SDG evidence texts the model learns from, in build order:
    the allowed records' ``SDGs[].evidenceText`` of at least five words, whitespace folded."""
    found = []
    for slug, record in nominee_records(allowed_registry_slugs()):
        items = record.get("SDGs")
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            goal, text = item.get("SDGNumber"), item.get("evidenceText")
            if isinstance(goal, int) and 1 <= goal <= 17 and isinstance(text, str):
                text = " ".join(text.split())
                if len(text.split()) >= MIN_EVIDENCE_WORDS:
                    found.append((slug, goal, text))
    return found

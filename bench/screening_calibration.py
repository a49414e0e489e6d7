"""Screening answers against the registry: which yes/no answers the scan may write.

    .venv/bin/python bench/screening_calibration.py ASSESSMENTS [--registry DIR] [--markdown]

ASSESSMENTS is a folder of saved assessments (``dpg assess --format json``): either
``<slug>.json`` files or the fidelity harness's cache (``<slug>/assessment.json``), the slug
being the project's registry slug. For every project whose accepted screening record the
registry holds, the nomination is built in-process (no owner answers) and each yes/no
question is compared with the reviewers' accepted answer, twice:

- **scan**: the answer the scan gives, written or not (``suggested`` in the provenance file
  when it was left to the owner), per answer value: how often reviewers gave the same. This
  is what ``dpgkit/nomination/calibration.py`` is set from.
- **written**: what the nomination writes: agreement over the answers written, how many
  are left to the owner, and agreement counting those as misses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dpgkit.answers import Answers  # noqa: E402
from dpgkit.model import Assessment  # noqa: E402
from dpgkit.nomination import Source, build_nomination, record_data  # noqa: E402
from dpgkit.nomination.calibration import CALIBRATION, allowed  # noqa: E402

REGISTRY = ROOT.parent / "shared" / "dpga" / "registry"
# label, question behind it, pointer in the screening record
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("3 isOwnershipExplicit", "3.owner", "/clearOwnership/isOwnershipExplicit"),
    (
        "4 mandatoryDepsCreateMoreRestrictions",
        "4.closed_components",
        "/platformIndependence/mandatoryDepsCreateMoreRestrictions",
    ),
    (
        "5 isDocumentationAvailable",
        "5.documentation_links",
        "/documentation/isDocumentationAvailable",
    ),
    ("6 collectsNonPII", "6.collects_non_pii", "/NonPII/collectsNonPII"),
    ("8 supportStandards", "8.open_standards", "/standards/supportStandards"),
    ("8 implementBestPractices", "8.best_practices", "/standards/implementBestPractices"),
    ("9A collectsPII", "9A.collects_pii", "/doNoHarm/dataPrivacySecurity/collectsPII"),
    (
        "9B collectStoreDistribute",
        "9B.collects_content",
        "/doNoHarm/inappropriateIllegalContent/collectStoreDistribute",
    ),
    (
        "9C userInteraction",
        "9C.user_interaction",
        "/doNoHarm/protectionFromHarassment/userInteraction",
    ),
)
# Not one of the nine, measured the same way.
EXTRA: tuple[tuple[str, str, str], ...] = (
    ("7 isPrivacyCompliant", "7.privacy_laws", "/privacy/isPrivacyCompliant"),
)


@dataclass
class FieldStats:
    scan: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    written: Counter[str] = field(default_factory=Counter)
    disagreements: list[str] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return self.written["agree"] + self.written["disagree"]

    @property
    def total(self) -> int:
        return self.answered + self.written["owner"]


def pointer_value(record: Any, pointer: str) -> Any:
    for part in pointer.strip("/").split("/"):
        record = record.get(part) if isinstance(record, dict) else None
    return record


def assessments(folder: Path) -> dict[str, Path]:
    found = {path.stem: path for path in folder.glob("*.json")}
    found.update({path.parent.name: path for path in folder.glob("*/assessment.json")})
    return dict(sorted(found.items()))


def measure(folder: Path, registry: Path) -> tuple[dict[str, FieldStats], int]:
    stats = {label: FieldStats() for label, _, _ in (*FIELDS, *EXTRA)}
    projects = 0
    for slug, path in assessments(folder).items():
        accepted_path = registry / "digitalpublicgoods" / f"{slug}.json"
        if not accepted_path.exists():
            continue
        try:
            assessment = Assessment.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError as error:
            print(f"skipped {slug}: {error}", file=sys.stderr)
            continue
        projects += 1
        accepted = json.loads(accepted_path.read_text(encoding="utf-8"))
        nomination = build_nomination(assessment, Answers())
        screening = record_data(nomination.screening)
        sources = nomination.provenance.fields["screening"]
        for label, _question, pointer in (*FIELDS, *EXTRA):
            theirs = pointer_value(accepted, pointer)
            ours = pointer_value(screening, pointer)
            source = sources.get(pointer)
            scan = ours if source and source.source is Source.EVIDENCE else None
            if source is not None and source.suggested:
                scan = source.suggested
            row = stats[label]
            if scan in ("Yes", "No"):
                row.scan[scan]["agree" if scan == theirs else "disagree"] += 1
            if ours not in ("Yes", "No"):
                row.written["owner"] += 1
            elif ours == theirs:
                row.written["agree"] += 1
            else:
                row.written["disagree"] += 1
                row.disagreements.append(f"{slug} (wrote {ours}, accepted {theirs})")
    return stats, projects


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def table(stats: dict[str, FieldStats], projects: int) -> str:
    lines = [
        f"{projects} projects with an accepted screening record.",
        "",
        "| field | scan says Yes: reviewers agree | scan says No: reviewers agree "
        "| written | agree (of written) | left to the owner | agree (of all) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    total = Counter[str]()
    for label, _, _ in FIELDS:
        row = stats[label]
        total.update(row.written)
        cells = []
        for answer in ("Yes", "No"):
            count = row.scan[answer]
            seen = count["agree"] + count["disagree"]
            cells.append(
                f"{count['agree']}/{seen} ({percent(count['agree'], seen)})" if seen else "–"
            )
        lines.append(
            f"| {label} | {cells[0]} | {cells[1]} | {row.answered}/{row.total} "
            f"| {row.written['agree']}/{row.answered} ({percent(row.written['agree'], row.answered)}) "
            f"| {row.written['owner']} "
            f"| {percent(row.written['agree'], row.total)} |"
        )
    answered = total["agree"] + total["disagree"]
    whole = answered + total["owner"]
    lines.append(
        f"| **all nine** | | | {answered}/{whole} "
        f"| {total['agree']}/{answered} ({percent(total['agree'], answered)}) "
        f"| {total['owner']} | {percent(total['agree'], whole)} |"
    )
    for label, _, _ in EXTRA:
        row = stats[label]
        yes = row.scan["Yes"]
        lines.append(
            f"| {label} (not one of the nine) | {yes['agree']}/{yes['agree'] + yes['disagree']} "
            f"| | {row.answered}/{row.total} | {row.written['agree']}/{row.answered} "
            f"| {row.written['owner']} | {percent(row.written['agree'], row.total)} |"
        )
    return "\n".join(lines)


def drift(stats: dict[str, FieldStats]) -> str:
    """Each scan answer as measured now beside the figure calibration.py holds for it."""
    lines = ["", "| question | scan answer | measured now | calibration.py | written |"]
    lines.append("| --- | --- | --- | --- | --- |")
    for label, question, _ in (*FIELDS, *EXTRA):
        for answer in ("Yes", "No"):
            count = stats[label].scan[answer]
            seen = count["agree"] + count["disagree"]
            held = CALIBRATION.get(question, {}).get(answer)
            if not seen and held is None:
                continue
            lines.append(
                f"| {question} | {answer} | {count['agree']}/{seen} "
                f"| {f'{held.agree}/{held.projects}' if held else '–'} "
                f"| {'yes' if allowed(question, answer) else 'no'} |"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assessments", type=Path)
    parser.add_argument("--registry", type=Path, default=REGISTRY)
    parser.add_argument("--disagreements", action="store_true", help="list each wrong answer")
    args = parser.parse_args()
    stats, projects = measure(args.assessments, args.registry)
    print(table(stats, projects))
    print(drift(stats))
    if args.disagreements:
        for label, row in stats.items():
            for line in row.disagreements:
                print(f"{label}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

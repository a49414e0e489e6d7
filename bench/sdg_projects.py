"""Project-level SDG answer against the registry: is the top goal one its owners chose?

    /work/main/.venv/bin/python bench/sdg_projects.py [--calib /work/calib] [--repeats 3]

Two measures, both "among the registry's SDGs" (a project usually lists several goals):
top-1 (the analysis's best goal is one of them) and top-3 (any of its three best is).

1. Registry descriptions (``../shared/dpga/registry/nominees``, every record with a
   description and SDGs): 5-fold cross-validation, repeated. For each fold the ranker is
   fitted on the calibration-list records of the other folds only (as the shipped one is
   fitted on the calibration list only), so records outside that list are always judged
   by a ranker that never saw them, and by a classifier whose knowledge never held their
   evidence texts (tools/sdg_registry.py). Every record is featurised without its own
   registry evidence texts and without itself among the neighbours.
2. Calibration repositories (``/work/calib/<slug>``, whatever checkouts are there): the
   whole project analysis (all passages, the project vector, the technology guard), with
   a ranker refitted without that project (leave-one-out) and without its evidence.

Then the ranker's latency per text and the size of the model files.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from build_sdg_ranker import (  # noqa: E402
    Record,
    evidence_owners,
    fit,
    labels_of,
    memory_of,
    record_features,
    registry_records,
    without_evidence_of,
)
from dpgkit.analysis.context import ProbeContext  # noqa: E402
from dpgkit.answers import Answers  # noqa: E402
from dpgkit.config import Config  # noqa: E402
from dpgkit.facts import gather_facts  # noqa: E402
from dpgkit.inventory import build_inventory  # noqa: E402
from dpgkit.sdg.classifier import SdgClassifier, data_dir  # noqa: E402
from dpgkit.sdg.head import Head  # noqa: E402
from dpgkit.sdg.passages import project_passages  # noqa: E402
from dpgkit.sdg.project import assess_relevance  # noqa: E402
from dpgkit.sdg.ranking import ProjectRanker  # noqa: E402
from dpgkit.standard import load_standard  # noqa: E402

Scores = npt.NDArray[np.float64]


def hits(scores: Scores, labels: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.bool_], ...]:
    order = np.argsort(-scores, axis=1)
    rows = np.arange(len(scores))
    top1 = labels[rows, order[:, 0]]
    top3 = np.array([labels[row, order[row, :3]].any() for row in rows])
    return top1, top3


def head_of(features: Scores, labels: npt.NDArray[np.bool_]) -> Head:
    mean, scale, weights, bias = fit(features, labels)
    return Head(mean, scale, weights, bias, np.full(17, 0.5))


def descriptions(
    classifier: SdgClassifier, records: list[Record], owners: list[str], repeats: int
) -> None:
    memory, memory_labels, slugs = memory_of(classifier, records)
    ranker = ProjectRanker(None, memory, memory_labels, slugs)
    features = record_features(classifier, ranker, records, owners)
    labels = labels_of(records)
    calibration = np.array([record.calibration for record in records])
    baseline = features[:, :, -4]  # the sentence classifier's own logit
    base1, base3 = hits(baseline, labels)
    results = []
    for seed in range(repeats):
        fold = np.random.default_rng(seed).integers(0, 5, len(records))
        scores = np.zeros((len(records), 17))
        for k in range(5):
            train = (fold != k) & calibration
            head = head_of(features[train], labels[train])
            scores[fold == k] = head.probabilities(features[fold == k])
        results.append(hits(scores, labels))
    print(f"Registry descriptions: {len(records)} records ({calibration.sum()} calibration)")
    print(f"{'':38} {'top-1':>8} {'top-3':>8}")
    print(f"{'sentence classifier alone, all':38} {base1.mean():8.1%} {base3.mean():8.1%}")
    for name, mask in (
        ("all records", np.ones(len(records), bool)),
        ("calibration list", calibration),
        ("other records (never fitted on)", ~calibration),
    ):
        top1 = [r[0][mask].mean() for r in results]
        top3 = [r[1][mask].mean() for r in results]
        spread = f"  (top-1 {min(top1):.1%}-{max(top1):.1%} over {repeats} shuffles)"
        print(f"ranker, {name:30} {np.mean(top1):8.1%} {np.mean(top3):8.1%}{spread}")


def repositories(
    classifier: SdgClassifier, records: list[Record], owners: list[str], folder: Path
) -> None:
    by_slug = {record.slug: record for record in records}
    present = sorted(
        path.name for path in folder.iterdir() if path.is_dir() and path.name in by_slug
    )
    memory, memory_labels, slugs = memory_of(classifier, records)
    ranker = ProjectRanker(None, memory, memory_labels, slugs)
    calibration = [record for record in records if record.calibration]
    features = record_features(classifier, ranker, calibration, owners)
    labels = labels_of(calibration)
    standard = load_standard()
    rows = []
    elapsed = []
    for slug in present:
        record = by_slug[slug]
        keep = np.array([other.slug != slug for other in calibration])
        kept = [index for index, other in enumerate(slugs) if other != slug]
        alone = ProjectRanker(
            head_of(features[keep], labels[keep]),
            memory[kept],
            memory_labels[kept],
            [slugs[index] for index in kept],
        )
        inventory = build_inventory(folder / slug)
        facts = gather_facts(inventory)
        ctx = ProbeContext(inventory, facts, Answers(), Config(), standard)
        started = time.perf_counter()
        with without_evidence_of(classifier, owners, slug):
            found = assess_relevance(classifier, project_passages(ctx), alone)
        elapsed.append(time.perf_counter() - started)
        ranking = [goal for goal, _ in found.ranking]
        top1 = bool(ranking) and ranking[0] in record.sdgs
        top3 = bool(set(ranking[:3]) & record.sdgs)
        proposed = [goal.sdg for goal in found.goals]
        listed = bool(set(proposed) & record.sdgs)
        rows.append((slug, top1, top3, proposed, sorted(record.sdgs), found.confidence, listed))
    print(f"\nCalibration repositories: {len(rows)} checkouts in {folder}")
    print(f"{'slug':34} {'top1':>4} {'top3':>4}  proposed (confidence) / registry")
    for slug, top1, top3, proposed, registry, confidence, _ in rows:
        print(
            f"{slug[:34]:34} {'yes' if top1 else 'no':>4} {'yes' if top3 else 'no':>4}  "
            f"{proposed} ({confidence}) / {registry}"
        )
    if rows:
        count = len(rows)
        print(
            f"top-1 {sum(r[1] for r in rows) / count:.1%}  top-3 {sum(r[2] for r in rows) / count:.1%}"
            f"  any of the proposed goals (sdgs[]) {sum(r[6] for r in rows) / count:.1%}"
            f"  no goal proposed {sum(not r[3] for r in rows)}"
            f"  analysis {np.median(elapsed) * 1000:.0f} ms median per project"
        )


def speed_and_size(classifier: SdgClassifier) -> None:
    ranker = ProjectRanker.load()
    text = (
        "Community health workers register pregnant women and newborns, follow up on "
        "immunisation schedules and refer danger signs to the nearest clinic. "
    ) * 4
    words = " ".join(text.split()[:100])
    ranker.probabilities(classifier, [words])
    started = time.perf_counter()
    for _ in range(50):
        ranker.probabilities(classifier, [words])
    per_text = (time.perf_counter() - started) / 50 * 1000
    size = sum(path.stat().st_size for path in data_dir().iterdir()) / 1e6
    print(f"\nranker: {per_text:.1f} ms per 100-word text; model files {size:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calib", type=Path, default=Path("/work/calib"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-repos", action="store_true")
    args = parser.parse_args()
    classifier = SdgClassifier()
    records = registry_records()
    owners = evidence_owners()
    descriptions(classifier, records, owners, args.repeats)
    if not args.skip_repos and args.calib.is_dir():
        repositories(classifier, records, owners, args.calib)
    speed_and_size(classifier)


if __name__ == "__main__":
    main()

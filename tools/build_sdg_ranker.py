"""Fit the project ranker (src/dpgkit/sdg/data/ranker.npz) on the registry's records.

    /work/main/.venv/bin/python tools/build_sdg_ranker.py

numpy only, a few seconds; no PyTorch (the sentence classifier's files are used as shipped).

Data: each nominee record of ``../shared/dpga/registry/nominees`` carries the project's
own description and the SDGs its owners chose. Only the records of the calibration list
(``../shared/calibration/dpg-repos.tsv``) are fitted on and kept as neighbours, and only
their evidence texts are in the classifier's knowledge (``tools/sdg_registry.py`` decides
which records, for both builds); the rest of the registry stays for judging projects
nobody tuned for. A record is always featurised
without its own registry evidence texts (which the classifier's knowledge holds) and
without itself among the neighbours, as a project that is not yet in the registry would be.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from dpgkit.sdg.classifier import SdgClassifier, data_dir  # noqa: E402
from dpgkit.sdg.head import fit_logistic  # noqa: E402
from dpgkit.sdg.ranking import ProjectRanker  # noqa: E402
from dpgkit.sdg.text import clean, plain  # noqa: E402
from sdg_registry import allowed_registry_slugs, nominee_records, registry_evidence  # noqa: E402

L2 = 100.0  # chosen by cross-validation on the calibration records (bench/sdg_projects.py)


@dataclass
class Record:
    slug: str
    description: str
    sdgs: set[int]
    calibration: bool


def registry_records() -> list[Record]:
    """Records with a description and at least one SDG, in file order: all of them, each
    marked whether the build may learn from it (``sdg_registry.allowed_registry_slugs``)."""
    allowed = allowed_registry_slugs()
    found = []
    for slug, data in nominee_records():
        items = data.get("SDGs")
        sdgs = {
            item["SDGNumber"]
            for item in (items if isinstance(items, list) else [])
            if isinstance(item, dict)
            and isinstance(item.get("SDGNumber"), int)
            and 1 <= item["SDGNumber"] <= 17
        }
        description = data.get("description")
        if isinstance(description, str) and description.strip() and sdgs:
            found.append(Record(slug, description, sdgs, slug in allowed))
    return found


def evidence_owners() -> list[str]:
    """The record of each registry evidence row in the classifier's knowledge (build order)."""
    return [slug for slug, _, _ in registry_evidence()]


@contextmanager
def without_evidence_of(classifier: SdgClassifier, owners: list[str], slug: str) -> Iterator[None]:
    """The classifier as it would be had this record's evidence never been in the registry."""
    base, model = classifier.knowledge, classifier.model_knowledge
    if len(owners) != len(base.evidence_goal):
        raise SystemExit("registry evidence rows do not match the shipped knowledge")
    keep = np.array([owner != slug for owner in owners])
    classifier.knowledge = replace(
        base, evidence_vectors=base.evidence_vectors[keep], evidence_goal=base.evidence_goal[keep]
    )
    classifier.model_knowledge = replace(
        model,
        evidence_vectors=model.evidence_vectors[keep],
        evidence_goal=model.evidence_goal[keep],
    )
    try:
        yield
    finally:
        classifier.knowledge, classifier.model_knowledge = base, model


def labels_of(records: list[Record]) -> npt.NDArray[np.bool_]:
    labels = np.zeros((len(records), 17), dtype=np.bool_)
    for row, record in enumerate(records):
        for goal in record.sdgs:
            labels[row, goal - 1] = True
    return labels


def memory_of(
    classifier: SdgClassifier, records: list[Record]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.bool_], list[str]]:
    """The neighbours: static vectors of the calibration records' descriptions."""
    kept = [record for record in records if record.calibration]
    vectors = classifier.embedder.embed([plain(clean(record.description)) for record in kept])
    return vectors, labels_of(kept), [record.slug for record in kept]


def record_features(
    classifier: SdgClassifier, ranker: ProjectRanker, records: list[Record], owners: list[str]
) -> npt.NDArray[np.float64]:
    """(N, 17, F) ranker features of each record's description, each without its own evidence."""
    rows = []
    for record in records:
        index = ranker.slugs.index(record.slug) if record.slug in ranker.slugs else None
        with without_evidence_of(classifier, owners, record.slug):
            text = plain(clean(record.description))
            rows.append(ranker.features(classifier, [text], [index])[0])
    return np.array(rows)


def fit(
    features: npt.NDArray[np.float64], labels: npt.NDArray[np.bool_], l2: float = L2
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64], float]:
    width = features.shape[2]
    return fit_logistic(features.reshape(-1, width), labels.reshape(-1), l2)


def main() -> None:
    classifier = SdgClassifier()
    records = registry_records()
    owners = evidence_owners()
    memory, memory_labels, slugs = memory_of(classifier, records)
    ranker = ProjectRanker(head=None, memory=memory, labels=memory_labels, slugs=slugs)
    calibration = [record for record in records if record.calibration]
    features = record_features(classifier, ranker, calibration, owners)
    mean, scale, weights, bias = fit(features, labels_of(calibration))
    out = data_dir() / "ranker.npz"
    np.savez_compressed(
        out,
        mean=mean,
        scale=scale,
        weights=weights,
        bias=np.float64(bias),
        memory=memory.astype(np.float16),
        labels=memory_labels,
        slugs=np.array(slugs),
    )
    print(f"fitted on {len(calibration)} calibration records; wrote {out}")


if __name__ == "__main__":
    main()

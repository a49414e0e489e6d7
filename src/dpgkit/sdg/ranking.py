"""Which goals a project serves: the sentence classifier's features re-weighed for projects.

The sentence classifier answers "does this text speak of goal g?" as the SDG benchmark
asks it. A project's own words ask something else: which of the 17 goals would its owners
list? The ranker is one more logistic regression over (text, goal) pairs, fitted on the
registry's records (each project's description and the SDGs its owners chose; only the
calibration list's records, see tools/build_sdg_ranker.py), with, besides the classifier's
pair features and its probability:

- what similar registry projects chose (their descriptions' nearest neighbours, weighted
  by similarity, excluding the project itself when it is one of them; only when the
  nearest one is truly similar);
- how much of the text is technology words (frameworks, databases, "platform", "API"),
  once for SDG 9 and once for SDG 17, so such words alone do not carry a project there.

Run time needs numpy only, like the classifier; the fitted weights and the neighbours'
vectors ship in ``data/ranker.npz`` (about 60 kB).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from dpgkit.sdg.classifier import SdgClassifier, data_dir
from dpgkit.sdg.features import GOALS
from dpgkit.sdg.head import Head

Matrix = npt.NDArray[np.float64]
NEIGHBOURS = 7
# Neighbours vote only when the nearest one is this similar: a README section about Docker
# has no registry project like it, and its "nearest" ones would only vote the base rate
# (mostly SDG 3), pushing every vague passage to the most common goal.
NEIGHBOUR_MIN = 0.55
# Words about how a project is built, not whom it serves.
TECHNOLOGY = re.compile(
    r"\b(?:platforms?|infrastructures?|apis?|rest|graphql|software|open[- ]source|frameworks?"
    r"|databases?|postgres\w*|mysql|mongodb|sql|cloud|servers?|backend|frontend|web|mobile"
    r"|apps?|applications?|digital|technolog\w+|tools?|toolkits?|systems?|interoperab\w*"
    r"|integrations?|dashboards?|python|java\w*|typescript|react|angular|vue|django|rails"
    r"|node(?:\.js)?|android|ios|sdks?|librar\w+|modules?|plugins?|solutions?|docker"
    r"|kubernetes|microservices?|architecture|deploy\w*|scalab\w+|modular|protocols?"
    r"|blockchain|algorithms?|machine\s+learning|ai|artificial\s+intelligence)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


def technology_share(text: str) -> float:
    words = len(_WORD.findall(text))
    return len(TECHNOLOGY.findall(text)) / words if words else 0.0


def extra_features(
    probabilities: Matrix, neighbours: Matrix, technology: npt.NDArray[np.float64]
) -> Matrix:
    """(N, 17, 4): the classifier's logit, the neighbours' vote, technology share at 9 and 17."""
    clipped = np.clip(probabilities, 1e-6, 1 - 1e-6)
    logit = np.log(clipped / (1 - clipped))
    goal = np.arange(GOALS)
    nine = technology[:, None] * (goal == 8)
    seventeen = technology[:, None] * (goal == 16)
    result: Matrix = np.stack([logit, neighbours, nine, seventeen], axis=2)
    return result


def neighbour_vote(
    vectors: npt.NDArray[np.floating],
    memory: npt.NDArray[np.floating],
    labels: npt.NDArray[np.bool_],
    exclude: list[int | None] | None = None,
) -> Matrix:
    """For each text, the goals of its nearest registry projects weighted by similarity."""
    similarity = np.asarray(vectors, dtype=np.float64) @ np.asarray(memory, dtype=np.float64).T
    if exclude is not None:
        for row, index in enumerate(exclude):
            if index is not None:
                similarity[row, index] = -np.inf
    k = min(NEIGHBOURS, similarity.shape[1])
    votes = np.zeros((len(similarity), GOALS))
    if k == 0:
        return votes
    nearest = np.argsort(-similarity, axis=1)[:, :k]
    for row in range(len(similarity)):
        if not similarity[row, nearest[row, 0]] >= NEIGHBOUR_MIN:
            continue  # nothing in the registry is like this text: no vote, not a prior
        for column in nearest[row]:
            if np.isfinite(similarity[row, column]):
                votes[row] += max(similarity[row, column], 0.0) * labels[column]
    result: Matrix = votes / k
    return result


@dataclass
class ProjectRanker:
    head: Head | None  # over the classifier's pair features, then extra_features (None: unfitted)
    memory: npt.NDArray[np.float32]  # (R, d) static vectors of registry descriptions
    labels: npt.NDArray[np.bool_]  # (R, 17) their SDGs
    slugs: list[str]

    @classmethod
    def load(cls, path: Path | None = None) -> ProjectRanker:
        with np.load(path or data_dir() / "ranker.npz", allow_pickle=False) as data:
            head = Head(
                mean=data["mean"],
                scale=data["scale"],
                weights=data["weights"],
                bias=float(data["bias"]),
                thresholds=np.full(GOALS, 0.5),
            )
            return cls(
                head,
                data["memory"].astype(np.float32),
                data["labels"].astype(np.bool_),
                [str(slug) for slug in data["slugs"]],
            )

    def features(
        self,
        classifier: SdgClassifier,
        texts: list[str],
        exclude: list[int | None] | None = None,
    ) -> Matrix:
        """(N, 17, F) ranker features of prepared (clean, plain) texts."""
        pairs, view = classifier.features(texts)
        probabilities = classifier.head.probabilities(pairs)
        votes = neighbour_vote(view.vectors, self.memory, self.labels, exclude)
        technology = np.array([technology_share(classifier.readable(text)) for text in texts])
        extra = extra_features(probabilities, votes, technology)
        result: Matrix = np.concatenate([pairs.astype(np.float64), extra], axis=2)
        return result

    def probabilities(
        self,
        classifier: SdgClassifier,
        texts: list[str],
        exclude: list[int | None] | None = None,
    ) -> Matrix:
        """(N, 17): how likely each goal is among those the project's owners would list."""
        if self.head is None:
            raise ValueError("the ranker has not been fitted")
        if not texts:
            return np.zeros((0, GOALS))
        return self.head.probabilities(self.features(classifier, texts, exclude))


@cache
def load_ranker() -> ProjectRanker:
    return ProjectRanker.load()

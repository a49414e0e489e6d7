"""Training the head from labelled (text, goal, yes/no) rows: shared by the build and the bench.

The bench calls this once per cross-validation fold with the training rows only, the
build once with every row of the development half.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from dpgkit.sdg.classifier import SdgClassifier
from dpgkit.sdg.features import Examples
from dpgkit.sdg.head import Head, train_head
from dpgkit.sdg.text import clean, plain

L2 = 10.0


def pair_rows(
    features: npt.NDArray[np.float32], goals: npt.NDArray[np.int64]
) -> npt.NDArray[np.float32]:
    """Each row's features for its own goal: (N, 17, F) -> (N, F)."""
    result: npt.NDArray[np.float32] = features[np.arange(len(goals)), goals - 1]
    return result


def train(
    classifier: SdgClassifier,
    texts: Sequence[str],
    goals: Sequence[int],
    labels: Sequence[bool],
) -> tuple[Head, Examples]:
    prepared = [plain(clean(text)) for text in texts]
    goal_array = np.asarray(goals, dtype=np.int64)
    label_array = np.asarray(labels, dtype=np.bool_)
    vectors = classifier.embedder.embed(prepared)
    examples = Examples(vectors=vectors, goal=goal_array, label=label_array)
    features, _ = classifier.features(
        prepared, examples, self_rows=np.arange(len(prepared), dtype=np.int64)
    )
    head = train_head(pair_rows(features, goal_array), label_array, goal_array, l2=L2)
    return head, examples


def predict(
    classifier: SdgClassifier,
    head: Head,
    examples: Examples,
    texts: Sequence[str],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Probabilities (N, 17) and the predicted sets (N, 17) under a given head."""
    prepared = [plain(clean(text)) for text in texts]
    features, _ = classifier.features(prepared, examples)
    probabilities = head.probabilities(features)
    predicted: npt.NDArray[np.bool_] = probabilities >= head.thresholds[None, :]
    return probabilities, predicted

"""Features of a (text, goal) pair, the input of the learned head.

Each text is compared with what is known of every goal: the goal's prototype (UN goal,
target and indicator texts, Aurora's description, the registry's evidence texts), its
best-matching UN target, the closest registry evidence texts, the Aurora query lines it
matches, and the labelled examples the head was trained with. Features are relative as
well as absolute (is this goal the text's best one? by what margin?) so one small model
serves all 17 goals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
GOALS = 17
NEAREST = 3  # how many nearest examples are averaged

FEATURE_NAMES = (
    "prototype",
    "prototype_z",
    "is_best",
    "margin",
    "target",
    "target_z",
    "evidence",
    "aurora_lines",
    "aurora_any",
    "aurora_share",
    "example_yes",
    "example_no",
    "example_gap",
    "lexical",
    "lexical_z",
    "lexical_is_best",
    *(f"goal_{goal}" for goal in range(1, 18)),  # a base rate per goal
)


@dataclass
class Knowledge:
    """What the base model knows of each goal (no benchmark data in it)."""

    prototypes: Matrix  # (17, d)
    target_vectors: Matrix  # (T, d)
    target_goal: IntArray  # (T,) goal of each target, 1..17
    target_ids: list[str]
    evidence_vectors: Matrix  # (E, d)
    evidence_goal: IntArray  # (E,)


@dataclass
class Examples:
    """Labelled (text, goal, yes/no) examples the head learns from and compares with."""

    vectors: Matrix  # (N, d)
    goal: IntArray  # (N,)
    label: BoolArray  # (N,)


def _top_mean(similarity: Matrix, columns: BoolArray, k: int = NEAREST) -> Matrix:
    if not columns.any():
        return np.zeros(similarity.shape[0], dtype=np.float32)
    chosen = similarity[:, columns]
    k = min(k, chosen.shape[1])
    top = np.partition(chosen, chosen.shape[1] - k, axis=1)[:, -k:]
    result: Matrix = top.mean(axis=1)
    return result


def per_goal_best(similarity: Matrix, goal_of_column: IntArray) -> Matrix:
    """For each row, the best similarity among the columns of each goal: (N, 17)."""
    out = np.zeros((similarity.shape[0], GOALS), dtype=np.float32)
    for goal in range(1, GOALS + 1):
        columns = goal_of_column == goal
        if columns.any():
            out[:, goal - 1] = similarity[:, columns].max(axis=1)
    return out


def _zscore(values: Matrix) -> Matrix:
    spread = values.std(axis=1, keepdims=True)
    spread[spread == 0] = 1.0
    result: Matrix = (values - values.mean(axis=1, keepdims=True)) / spread
    return result


def pair_features(
    vectors: Matrix,
    aurora_lines: Matrix,
    lexical: Matrix,
    knowledge: Knowledge,
    examples: Examples | None,
    self_rows: IntArray | None = None,
) -> npt.NDArray[np.float32]:
    """Features (N, 17, F) for every text and goal.

    ``self_rows[i]`` is the example row that text i itself is (or -1), so a training text
    is never compared with its own label.
    """
    count = vectors.shape[0]
    prototype = vectors @ knowledge.prototypes.T
    best_other = np.empty_like(prototype)
    for goal in range(GOALS):
        best_other[:, goal] = np.delete(prototype, goal, axis=1).max(axis=1)
    target = per_goal_best(vectors @ knowledge.target_vectors.T, knowledge.target_goal)
    evidence_similarity = vectors @ knowledge.evidence_vectors.T
    evidence = np.stack(
        [
            _top_mean(evidence_similarity, knowledge.evidence_goal == goal)
            for goal in range(1, GOALS + 1)
        ],
        axis=1,
    )
    yes = np.zeros((count, GOALS), dtype=np.float32)
    no = np.zeros((count, GOALS), dtype=np.float32)
    if examples is not None and len(examples.goal):
        similarity = vectors @ examples.vectors.T
        if self_rows is not None:
            mine = self_rows >= 0
            similarity[np.nonzero(mine)[0], self_rows[mine]] = -1.0
        for goal in range(1, GOALS + 1):
            of_goal = examples.goal == goal
            yes[:, goal - 1] = _top_mean(similarity, of_goal & examples.label)
            no[:, goal - 1] = _top_mean(similarity, of_goal & ~examples.label)
    lines = aurora_lines.astype(np.float32)
    columns = [
        prototype,
        _zscore(prototype),
        (prototype >= prototype.max(axis=1, keepdims=True)).astype(np.float32),
        prototype - best_other,
        target,
        _zscore(target),
        evidence,
        np.log1p(lines),
        (lines > 0).astype(np.float32),
        lines / (lines.sum(axis=1, keepdims=True) + 1.0),
        yes,
        no,
        yes - no,
        lexical,
        _zscore(lexical),
        (lexical >= lexical.max(axis=1, keepdims=True)).astype(np.float32),
    ]
    goal_columns = np.broadcast_to(np.eye(GOALS, dtype=np.float32), (count, GOALS, GOALS))
    return np.concatenate([np.stack(columns, axis=2), goal_columns], axis=2).astype(np.float32)

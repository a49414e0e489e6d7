"""Features of a (text, goal) pair, the input of the learned head.

Each text is compared with what is known of every goal: the goal's prototype (UN goal,
target and indicator texts, Aurora's description, the registry's evidence texts), its
best-matching UN target, the closest registry evidence texts, the Aurora query lines it
matches, and the labelled examples the head was trained with. Features are relative as
well as absolute (is this goal the text's best one? by what margin?) so one small model
serves all 17 goals.

The semantic comparisons are made in two embedding spaces ("views"): the static token
space, and the sentence-embedding model's own space, reached from the static vector by a
linear map, where the goal side was embedded by the full model at build time. The two
views err differently, and the head gains from having both. Each view also looks at the
text's best single sentence, so one on-topic sentence in a paragraph is not averaged away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
GOALS = 17
NEAREST = 3  # how many nearest examples are averaged

SEMANTIC_NAMES = (
    "prototype",
    "prototype_z",
    "is_best",
    "margin",
    "target",
    "target_z",
    "evidence",
    "example_yes",
    "example_no",
    "example_gap",
    "sentence_prototype",
    "sentence_target",
)
VIEW_NAMES = ("static", "model")
FEATURE_NAMES = (
    *(f"{view}_{name}" for view in VIEW_NAMES for name in SEMANTIC_NAMES),
    "aurora_lines",
    "aurora_any",
    "aurora_share",
    "lexical",
    "lexical_z",
    "lexical_is_best",
    *(f"goal_{goal}" for goal in range(1, 18)),  # a base rate per goal
)


@dataclass
class Knowledge:
    """What the base model knows of each goal in one embedding space (no benchmark data)."""

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


@dataclass
class View:
    """Texts seen in one embedding space, with what is known of the goals there."""

    vectors: Matrix  # (N, d) one per text
    sentence_vectors: Matrix  # (M, d) the texts' sentences, text by text
    sentence_owner: IntArray  # (M,) the text of each sentence, ascending; every text has one
    knowledge: Knowledge
    examples: Examples | None


def _grouped(similarity: Matrix, group_of_column: IntArray) -> tuple[Matrix, IntArray]:
    """Columns gathered per goal: (N, 17, largest group), padded with -inf, and group sizes.

    One gather instead of a masked copy per goal keeps a single text's features cheap.
    """
    sizes = np.bincount(group_of_column, minlength=GOALS + 1)[1 : GOALS + 1]
    width = max(int(sizes.max(initial=0)), 1)
    index = np.full((GOALS, width), similarity.shape[1], dtype=np.int64)  # the pad column
    order = np.argsort(group_of_column, kind="stable")
    starts = np.searchsorted(group_of_column[order], np.arange(1, GOALS + 1))
    for goal in range(GOALS):
        members = order[starts[goal] : starts[goal] + sizes[goal]]
        index[goal, : len(members)] = members
    padded = np.concatenate(
        [similarity, np.full((similarity.shape[0], 1), -np.inf, dtype=np.float32)], axis=1
    )
    return padded[:, index], sizes


def grouped_top_mean(similarity: Matrix, group_of_column: IntArray, k: int = NEAREST) -> Matrix:
    """For each row, the mean of its k best columns of each goal (0 for a goal with none)."""
    gathered, sizes = _grouped(similarity, group_of_column)
    k = min(k, gathered.shape[2])
    top = np.partition(gathered, gathered.shape[2] - k, axis=2)[:, :, -k:]
    top[np.isinf(top)] = 0.0
    counts = np.minimum(sizes, k).astype(np.float32)
    result: Matrix = np.where(counts > 0, top.sum(axis=2) / np.maximum(counts, 1), 0.0)
    return result.astype(np.float32)


def per_goal_best(similarity: Matrix, goal_of_column: IntArray) -> Matrix:
    """For each row, the best similarity among the columns of each goal: (N, 17)."""
    gathered, sizes = _grouped(similarity, goal_of_column)
    result: Matrix = np.where(sizes > 0, gathered.max(axis=2), 0.0).astype(np.float32)
    return result


def _zscore(values: Matrix) -> Matrix:
    spread = values.std(axis=1, keepdims=True)
    spread[spread == 0] = 1.0
    result: Matrix = (values - values.mean(axis=1, keepdims=True)) / spread
    return result


def _best_per_text(values: Matrix, owner: IntArray) -> Matrix:
    """Row-wise maxima of each text's sentence rows (owner ascending, every text present)."""
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    result: Matrix = np.maximum.reduceat(values, starts, axis=0)
    return result


def semantic_features(view: View, self_rows: IntArray | None = None) -> Matrix:
    """(N, 17, len(SEMANTIC_NAMES)) comparisons of the texts with each goal in one view.

    ``self_rows[i]`` is the example row that text i itself is (or -1), so a training text
    is never compared with its own label.
    """
    vectors, knowledge, examples = view.vectors, view.knowledge, view.examples
    count = vectors.shape[0]
    prototype = vectors @ knowledge.prototypes.T
    best_other = np.empty_like(prototype)
    for goal in range(GOALS):
        best_other[:, goal] = np.delete(prototype, goal, axis=1).max(axis=1)
    target = per_goal_best(vectors @ knowledge.target_vectors.T, knowledge.target_goal)
    evidence = grouped_top_mean(vectors @ knowledge.evidence_vectors.T, knowledge.evidence_goal)
    yes = np.zeros((count, GOALS), dtype=np.float32)
    no = np.zeros((count, GOALS), dtype=np.float32)
    if examples is not None and len(examples.goal):
        similarity = vectors @ examples.vectors.T
        if self_rows is not None:
            mine = self_rows >= 0
            similarity[np.nonzero(mine)[0], self_rows[mine]] = -1.0
        # Goal 0 marks the columns left out (the other label).
        yes = grouped_top_mean(similarity, np.where(examples.label, examples.goal, 0))
        no = grouped_top_mean(similarity, np.where(examples.label, 0, examples.goal))
    sentences = view.sentence_vectors
    sentence_prototype = _best_per_text(sentences @ knowledge.prototypes.T, view.sentence_owner)
    sentence_target = _best_per_text(
        per_goal_best(sentences @ knowledge.target_vectors.T, knowledge.target_goal),
        view.sentence_owner,
    )
    columns = [
        prototype,
        _zscore(prototype),
        (prototype >= prototype.max(axis=1, keepdims=True)).astype(np.float32),
        prototype - best_other,
        target,
        _zscore(target),
        evidence,
        yes,
        no,
        yes - no,
        sentence_prototype,
        sentence_target,
    ]
    result: Matrix = np.stack(columns, axis=2).astype(np.float32)
    return result


def pair_features(
    views: Sequence[View],
    aurora_lines: Matrix,
    lexical: Matrix,
    self_rows: IntArray | None = None,
) -> Matrix:
    """Features (N, 17, len(FEATURE_NAMES)) for every text and goal."""
    count = aurora_lines.shape[0]
    lines = aurora_lines.astype(np.float32)
    shared = [
        np.log1p(lines),
        (lines > 0).astype(np.float32),
        lines / (lines.sum(axis=1, keepdims=True) + 1.0),
        lexical,
        _zscore(lexical),
        (lexical >= lexical.max(axis=1, keepdims=True)).astype(np.float32),
    ]
    goal_columns = np.broadcast_to(np.eye(GOALS, dtype=np.float32), (count, GOALS, GOALS))
    parts = [
        *(semantic_features(view, self_rows) for view in views),
        np.stack(shared, axis=2),
        goal_columns,
    ]
    result: Matrix = np.concatenate(parts, axis=2).astype(np.float32)
    return result

"""A lexical view of the goals: TF-IDF over English word stems, one vector per goal.

It complements the static embeddings with exact vocabulary ("sanitation", "mangrove",
"remittances") that a mean of token vectors blurs. Built from the learning sources only
(UN texts, Aurora's descriptions and query terms, registry evidence texts).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]
STEM_LETTERS = 7
_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "from",
        "are",
        "was",
        "were",
        "has",
        "have",
        "been",
        "which",
        "their",
        "its",
        "our",
        "all",
        "not",
        "but",
        "can",
        "will",
        "into",
        "also",
        "such",
        "more",
        "other",
        "these",
        "than",
        "they",
        "them",
        "there",
        "between",
        "within",
        "among",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "while",
        "would",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "about",
        "after",
        "before",
        "over",
        "under",
        "use",
        "used",
        "using",
        "based",
        "including",
    ]
)


def stems(text: str) -> Counter[str]:
    return Counter(word[:STEM_LETTERS] for word in _WORD.findall(text.lower()) if word not in _STOP)


class LexicalModel:
    def __init__(self, vocabulary: Sequence[str], idf: Matrix, goals: Matrix) -> None:
        self.index = {stem: column for column, stem in enumerate(vocabulary)}
        self.vocabulary = list(vocabulary)
        self.idf = np.asarray(idf, dtype=np.float32)
        self.goals = np.asarray(goals, dtype=np.float32)  # (17, V), unit rows

    def vectors(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        for row, text in enumerate(texts):
            for stem, count in stems(text).items():
                column = self.index.get(stem)
                if column is not None:
                    out[row, column] = (1 + math.log(count)) * self.idf[column]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        result: Matrix = out / norms
        return result

    def scores(self, texts: Sequence[str]) -> Matrix:
        """Cosine of each text with each goal's vocabulary: (N, 17)."""
        result: Matrix = self.vectors(texts) @ self.goals.T
        return result

    @classmethod
    def build(cls, documents: Sequence[tuple[int, str]]) -> LexicalModel:
        counted = [(goal, stems(text)) for goal, text in documents]
        frequency: Counter[str] = Counter()
        for _, counts in counted:
            frequency.update(counts.keys())
        vocabulary = sorted(stem for stem, n in frequency.items() if n >= 2)
        total = len(counted)
        idf = np.array(
            [math.log((total + 1) / (frequency[stem] + 1)) + 1 for stem in vocabulary],
            dtype=np.float32,
        )
        model = cls(vocabulary, idf, np.zeros((17, len(vocabulary)), dtype=np.float32))
        vectors = model.vectors([text for _, text in documents])
        goal_of = np.array([goal for goal, _ in documents])
        goals = np.stack([vectors[goal_of == goal].sum(axis=0) for goal in range(1, 18)])
        goals /= np.maximum(np.linalg.norm(goals, axis=1, keepdims=True), 1e-9)
        model.goals = goals.astype(np.float32)
        return model

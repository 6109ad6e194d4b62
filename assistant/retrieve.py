"""Hybrid retrieval: BM25 over Chinese tokens and dense vectors from Chroma, fused by RRF."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from index.embed import Embedder
from index.lexical import LexicalIndex
from index.models import Chunk
from index.store import VectorStore

RRF_K = 60


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score."""

    chunk: Chunk
    score: float


class HybridSearch:
    """Search chunks by BM25 and dense similarity, restricted by guide / project / clause."""

    def __init__(self, chunks: list[Chunk], lexical: LexicalIndex, store: VectorStore, embedder: Embedder) -> None:
        self.chunks = {c.id: c for c in chunks}
        self.lexical = lexical
        self.store = store
        self.embedder = embedder
        # Chroma's HNSW answers an unfiltered query in ~2 ms, but a filtered one costs 25-70 ms at 40,000
        # chunks whatever the filter; a filtered query is ranked exactly over the allowed rows instead.
        self._vector_ids, self._vectors = store.vectors()
        # The last query and its vector: one question may be searched twice (to find its project, then to
        # answer), and embedding it is most of a search's cost. One tuple, replaced whole: safe across threads.
        self._last_query: tuple[str, np.ndarray] = ("", np.zeros(0, dtype=np.float32))
        self._row = {cid: i for i, cid in enumerate(self._vector_ids)}
        # Id sets per filter value, built once: filtering is then set intersection, not a scan.
        self._by_guide: dict[str, set[str]] = defaultdict(set)
        self._by_project: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._by_clause: dict[str, set[str]] = defaultdict(set)
        self._by_kind: dict[str, set[str]] = defaultdict(set)  # project clauses by canonical kind
        self._notice: set[str] = set()
        for c in chunks:
            self._by_guide[c.guide_id].add(c.id)
            self._by_project[(c.guide_id, c.project)].add(c.id)
            self._by_clause[c.clause].add(c.id)
            if not c.project:
                self._notice.add(c.id)
            elif c.kind:
                self._by_kind[c.kind].add(c.id)

    def allowed(
        self,
        guide_ids: list[str] | None = None,
        projects: list[tuple[str, str]] | None = None,
        clauses: list[str] | None = None,
        notice_only: bool = False,
        kinds: list[str] | None = None,
        notice_titles: list[str] | None = None,
    ) -> set[str] | None:
        """Chunk ids passing the filters, or None when nothing is filtered.

        kinds / notice_titles: project clauses of these canonical kinds, and chunks printed under these notice
        section titles (a project clause printed 组织方式 counts too, as a notice section of that title would).
        """
        if not (guide_ids or projects or clauses or notice_only or kinds or notice_titles):
            return None
        parts: list[set[str]] = []
        if guide_ids:
            parts.append(set().union(*(self._by_guide.get(g, set()) for g in guide_ids)))
        if projects:
            parts.append(set().union(*(self._by_project.get(p, set()) for p in projects)))
        if clauses:
            parts.append(set().union(*(self._by_clause.get(n, set()) for n in clauses)))
        if notice_only:
            parts.append(self._notice)
        if kinds or notice_titles:
            parts.append(
                set().union(
                    *(self._by_kind.get(k, set()) for k in kinds or ()),
                    *(self._by_clause.get(t, set()) for t in notice_titles or ()),
                )
            )
        parts.sort(key=len)
        return parts[0].intersection(*parts[1:])

    def search(self, query: str, k: int = 5, allowed: set[str] | None = None) -> list[Hit]:
        """Return up to k hits fused from both retrievers, best first."""
        if allowed is not None and not allowed:
            return []
        depth = max(k * 4, 20)
        lexical = self.lexical.search(query, depth, allowed)
        dense = self.dense(self._embed(query), depth, allowed)
        fused: dict[str, float] = {}
        for ranking in (lexical, dense):
            for rank, (cid, _score) in enumerate(ranking):
                fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        return [Hit(self.chunks[cid], score) for cid, score in best if cid in self.chunks]

    def _embed(self, query: str) -> np.ndarray:
        last_query, last_vector = self._last_query
        if query == last_query:
            return last_vector
        vector = self.embedder.embed_query(query)
        self._last_query = (query, vector)
        return vector

    def dense(self, vector: np.ndarray, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """The k chunks nearest to a query vector: Chroma's HNSW index, or exact cosine over the allowed ids."""
        if allowed is None:
            return self.store.query(vector, k)
        rows = np.sort(np.fromiter((self._row[c] for c in allowed if c in self._row), dtype=np.intp))
        similarities = self._vectors[rows] @ vector
        best = np.argsort(-similarities, kind="stable")[:k]
        return [(self._vector_ids[rows[i]], float(similarities[i])) for i in best]


def hit_to_document(hit: Hit) -> Document:
    """A LangChain Document carrying the chunk's quote and citation metadata."""
    c = hit.chunk
    return Document(
        page_content=c.quote,
        metadata={
            "chunk_id": c.id,
            "guide_id": c.guide_id,
            "guide_title": c.guide_title,
            "source": c.source,
            "project": c.project,
            "project_title": c.project_title,
            "clause": c.clause,
            "lines": list(c.lines),
            "score": hit.score,
        },
    )


class GuideRetriever(BaseRetriever):
    """LangChain retriever over the guides: understands the query, filters, then hybrid search."""

    assistant: Any
    k: int = 5

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [hit_to_document(h) for h in self.assistant.retrieve(query, k=self.k)]

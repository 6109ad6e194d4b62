"""Secrets never reach a log line: API keys, bearer tokens and Authorization values are redacted.

One filter, applied to every log record of the process at creation (a record factory), so it holds
for every logger and handler (ours, LangChain's, openai's, httpx's, uvicorn's) and for tracebacks.
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "[REDACTED]"
MIN_SECRET = 4  # a configured key shorter than this ("x", "EMPTY") is no secret and would mask ordinary words
_PATTERNS = [
    re.compile(r"(?i)(\bBearer\s+)[A-Za-z0-9._~+/=-]{4,}"),
    re.compile(r"(?i)(\bBasic\s+)[A-Za-z0-9+/=]{8,}"),
    re.compile(
        r"(?i)(\b(?:authorization|proxy-authorization)\b[\"']?\s*[:=]\s*[\"']?)(?!Bearer\b|Basic\b)[^\s\"',;}]+"
    ),
    re.compile(
        r"(?i)(\b(?:api[_-]?key|x-api-key|access[_-]?token|secret[_-]?key|token)\b[\"']?\s*[:=]\s*[\"']?)[^\s\"',;}]+"
    ),
    re.compile(r"()\bsk-[A-Za-z0-9_-]{8,}"),  # OpenAI, DeepSeek, DashScope style keys wherever they stand
]


class RedactFilter(logging.Filter):
    """Rewrites a record's message (and traceback text) with secrets masked; never drops a record."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add_secret(self, secret: str) -> None:
        """Mask this literal value too (the configured API key)."""
        if secret and len(secret) >= MIN_SECRET:
            with self._lock:
                self._secrets.add(secret)

    def redact(self, text: str) -> str:
        """The text with every known secret and every key-like pattern masked."""
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, MASK)
        for pattern in _PATTERNS:
            text = pattern.sub(lambda m: m.group(1) + MASK, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error handling
            return True
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


FILTER = RedactFilter()
_installed = False
_install_lock = threading.Lock()


def install(*secrets: str) -> RedactFilter:
    """Redact every log record of this process from now on, masking `secrets` as well; idempotent."""
    global _installed
    for secret in secrets:
        FILTER.add_secret(secret)
    with _install_lock:
        if not _installed:
            make = logging.getLogRecordFactory()

            def factory(*args, **kwargs) -> logging.LogRecord:
                record = make(*args, **kwargs)
                FILTER.filter(record)
                return record

            logging.setLogRecordFactory(factory)
            _installed = True
    return FILTER

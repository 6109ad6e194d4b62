"""The loader protocol and the record every loader returns."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from index.errors import LoadError
from index.loaders.bar_table import bar_table_text
from index.loaders.change_marks import accept_marks
from index.loaders.gazette import gazette_item
from index.loaders.limits import MAX_TEXT_CHARS
from index.loaders.mail import mail_body


@dataclass(frozen=True)
class SourceText:
    """Text read from a guide file, before normalisation: one paragraph per line, a table row as tab-joined cells."""

    text: str
    encoding: str
    content_hash: str
    pages: int = 0  # PDF pages read (0 for other formats)
    ocr_pages: int = 0  # of those, pages read by OCR


class Loader(Protocol):
    """Reads one family of file formats into SourceText."""

    suffixes: tuple[str, ...]

    def load(self, path: Path) -> SourceText:
        """Return the file's text; raise LoadError (naming the file and the reason) when it cannot be read."""
        ...


def content_hash(data: bytes) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a LoadError naming the OS reason."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path.name}: cannot read file: {exc.strerror}") from exc


def finish(path: Path, lines: list[str], encoding: str, digest: str, pages: int = 0, ocr_pages: int = 0) -> SourceText:
    """Join lines into SourceText (an e-mail thread's chrome blanked, a gazette's other items blanked, a draft's typed
    change marks made, a table typed as bar-separated lines read as its rows); refuse text that is empty or beyond
    MAX_TEXT_CHARS."""
    text = bar_table_text(accept_marks("\n".join(gazette_item(mail_body("\n".join(lines).split("\n"))))))
    if not text.strip():
        raise LoadError(f"{path.name}: no text in the file", "check that the file holds the guide's text")
    if len(text) > MAX_TEXT_CHARS:
        raise LoadError(
            f"{path.name}: {len(text):,} characters of text, more than the {MAX_TEXT_CHARS:,} a guide may have",
            "split the file or ingest the guide part only",
        )
    return SourceText(text, encoding, digest, pages, ocr_pages)

"""Read a guide file into raw text: the entry point over the format loaders in index/loaders/."""

from __future__ import annotations

from pathlib import Path

from index.errors import LoadError, UnsupportedFileError
from index.loaders import LOADERS, SUPPORTED_SUFFIXES, SourceText, content_hash, decode_text
from index.loaders.limits import MAX_FILE_BYTES

__all__ = ["SUPPORTED_SUFFIXES", "SourceText", "content_hash", "decode_text", "is_candidate", "load_source"]

# Formats a guide is published in that no loader reads, with why and what to do instead.
UNREAD_FORMATS = {
    ".xls": "an Excel 97–2003 workbook (.xls) is not read, its binary format needs LibreOffice or another reader; "
    "open it in Excel or LibreOffice and save it as .xlsx",
}

# Files in a guides folder that are plainly not guides: skipped without a word.
NOT_GUIDES = frozenset({"guides.toml", "readme.md", "thumbs.db", "desktop.ini"})


def is_candidate(path: Path) -> bool:
    """True for a file that should be read as a guide (or named as unreadable), False for obvious non-guides."""
    name = path.name
    return not name.startswith(".") and name.lower() not in NOT_GUIDES


def load_source(path: Path) -> SourceText:
    """Read a guide file; raise a LoadError naming the file and the reason when it cannot be read."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise LoadError(f"{path.name}: no such file ({path})")
    loader = LOADERS.get(suffix)
    if loader is None:
        raise UnsupportedFileError(
            f"{path.name}: unsupported file type {suffix or '(none)'}", UNREAD_FORMATS.get(suffix, "")
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"{path.name}: cannot read file: {exc.strerror}") from exc
    if size == 0:
        raise LoadError(f"{path.name}: empty file (0 bytes)", "copy the guide again; the file holds nothing")
    if size > MAX_FILE_BYTES:
        raise LoadError(
            f"{path.name}: {size / 2**20:,.1f} MB, more than the {MAX_FILE_BYTES // 2**20} MB a guide file may have",
            "split the file or ingest the guide part only",
        )
    return loader.load(path)

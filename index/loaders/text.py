"""Plain text guides: UTF-8 (with or without BOM) or GB18030, any line ending."""

from __future__ import annotations

from pathlib import Path

from index.errors import UnreadableEncodingError
from index.loaders.base import SourceText, content_hash, finish, read_bytes
from index.loaders.box_table import box_table_lines


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 or GB18030; return (text, encoding) or raise."""
    if b"\x00" in data[:4096]:
        raise UnreadableEncodingError("binary file (contains NUL bytes), not a text guide")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
    raise UnreadableEncodingError("neither UTF-8 nor GB18030 text")


def _looks_like_text(text: str) -> bool:
    """Reject decodings dominated by control or private-use characters."""
    if not text.strip():
        return True
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / len(text) < 0.01


def read_text(path: Path) -> tuple[str, str, str]:
    """(text, encoding, content hash) of a text file; the error names the file."""
    data = read_bytes(path)
    try:
        text, encoding = decode_text(data)
    except UnreadableEncodingError as exc:
        raise UnreadableEncodingError(f"{path.name}: {exc.args[0]}") from None
    return text, encoding, content_hash(data)


class TextLoader:
    """.txt: the text as it is (line breaks kept: the normaliser re-joins wrapped lines), a box-drawn table's rows
    as tab-joined cells."""

    suffixes = (".txt",)

    def load(self, path: Path) -> SourceText:
        """Decode the file; CRLF and CR become LF later, in the normaliser (here too when a table is redrawn)."""
        text, encoding, digest = read_text(path)
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        rows = box_table_lines(lines)
        return finish(path, rows if rows != lines else [text], encoding, digest)

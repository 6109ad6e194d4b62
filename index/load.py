"""Read guide files (.txt in UTF-8 or GB18030, .pdf text layer, .docx) into raw text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import LoadError, NoTextLayerError, UnreadableEncodingError, UnsupportedFileError

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".docx")


@dataclass(frozen=True)
class SourceText:
    """Text read from a guide file, before normalisation."""

    text: str
    encoding: str
    content_hash: str


def content_hash(data: bytes) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


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


def load_source(path: Path) -> SourceText:
    """Read a guide file; raise a LoadError naming the reason when it cannot be read."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise LoadError(f"{path.name}: no such file ({path})")
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFileError(f"{path.name}: unsupported file type {suffix or '(none)'}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path.name}: cannot read file: {exc.strerror}") from exc
    digest = content_hash(data)
    if suffix == ".txt":
        try:
            text, encoding = decode_text(data)
        except UnreadableEncodingError as exc:
            raise UnreadableEncodingError(f"{path.name}: {exc.args[0]}") from None
        return SourceText(text, encoding, digest)
    if suffix == ".pdf":
        return SourceText(_pdf_text(path), "pdf", digest)
    return SourceText(_docx_text(path), "docx", digest)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"{path.name}: broken PDF ({exc})", "re-export the PDF or convert it to text") from None
    text = "\n".join(pages)
    if not text.strip():
        raise NoTextLayerError(f"{path.name}: PDF has no text layer")
    return text


def _docx_text(path: Path) -> str:
    import zipfile

    from docx import Document
    from docx.opc.exceptions import OpcError
    from lxml.etree import XMLSyntaxError

    try:
        document = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OpcError, XMLSyntaxError) as exc:
        raise LoadError(f"{path.name}: broken DOCX ({exc})", "re-save the document as .docx") from None
    return "\n".join(_docx_lines(document))


def _docx_lines(document: DocxDocument) -> list[str]:
    """Return the body's lines in document order: a paragraph per line, a table row as tab-joined cells."""
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    return lines

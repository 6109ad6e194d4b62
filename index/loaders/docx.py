"""Word .docx guides: paragraphs and tables in document order; the zip is checked before it is parsed."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import LoadError
from index.loaders.base import SourceText, content_hash, finish, read_bytes
from index.loaders.limits import MAX_DOCX_RATIO, MAX_DOCX_XML_BYTES
from index.loaders.word_body import BodyReader
from index.loaders.word_notes import read_notes
from index.loaders.word_numbering import read_numbering
from index.loaders.word_revisions import accept_revisions

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

_BROKEN_ADVICE = "re-save the document as .docx"


def check_zip(path: Path, kind: str = "DOCX", advice: str = _BROKEN_ADVICE) -> None:
    """Refuse a .docx (or another Office zip: `kind` names it, `advice` says how to mend it) whose members would
    expand beyond the limits, from the zip directory alone (no inflating)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError(f"{path.name}: broken {kind} ({exc})", advice) from None
    total = sum(m.file_size for m in members)
    if total > MAX_DOCX_XML_BYTES:
        raise LoadError(
            f"{path.name}: {kind} expands to {total / 2**20:,.0f} MB, more than the {MAX_DOCX_XML_BYTES // 2**20} MB allowed",
            "a guide's Word file expands to a few MB; re-save it, or export it as PDF or text",
        )
    for member in members:
        if member.file_size > 1_000_000 and member.file_size > MAX_DOCX_RATIO * max(member.compress_size, 1):
            raise LoadError(
                f"{path.name}: {kind} member {member.filename} is compressed {member.file_size // max(member.compress_size, 1):,}:1 "
                f"(more than {MAX_DOCX_RATIO}:1), refused as a possible zip bomb",
                "re-save the document in Word or LibreOffice",
            )


def docx_lines(document: DocxDocument) -> list[str]:
    """Return the body's lines in document order: a paragraph per line, a table row as tab-joined cells, read
    through content controls, nested tables and text boxes (index/loaders/word_body.py); Word's automatic numbering
    ("指南方向1：", "（二）") is written before the paragraph's text, as it is printed, and a footnote or endnote after
    the run citing it (index/loaders/word_notes.py). Tracked changes are accepted first (in the document itself), so
    every line is the text as it will be published."""
    body = document.element.body
    accept_revisions(body)
    return list(BodyReader(read_numbering(document), document._body, read_notes(document)).lines(body))


class DocxLoader:
    """.docx via python-docx, after the zip sizes are checked."""

    suffixes = (".docx",)

    def load(self, path: Path) -> SourceText:
        """Read paragraphs and table rows where they stand."""
        from docx import Document
        from docx.opc.exceptions import OpcError
        from lxml.etree import XMLSyntaxError

        data = read_bytes(path)
        check_zip(path)
        try:
            document = Document(str(path))
        except (zipfile.BadZipFile, KeyError, ValueError, OpcError, XMLSyntaxError) as exc:
            raise LoadError(f"{path.name}: broken DOCX ({exc})", _BROKEN_ADVICE) from None
        return finish(path, docx_lines(document), "docx", content_hash(data))

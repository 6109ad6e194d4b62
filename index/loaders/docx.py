"""Word .docx guides: paragraphs and tables in document order; the zip is checked before it is parsed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import LoadError
from index.loaders.base import SourceText, content_hash, finish, read_bytes
from index.loaders.limits import MAX_DOCX_RATIO, MAX_DOCX_XML_BYTES
from index.loaders.word_numbering import Numbering, read_numbering
from index.loaders.word_revisions import accept_revisions

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

_BROKEN_ADVICE = "re-save the document as .docx"


def check_zip(path: Path) -> None:
    """Refuse a .docx whose members would expand beyond the limits, from the zip directory alone (no inflating)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError(f"{path.name}: broken DOCX ({exc})", _BROKEN_ADVICE) from None
    total = sum(m.file_size for m in members)
    if total > MAX_DOCX_XML_BYTES:
        raise LoadError(
            f"{path.name}: DOCX expands to {total / 2**20:,.0f} MB, more than the {MAX_DOCX_XML_BYTES // 2**20} MB allowed",
            "a guide's Word file expands to a few MB; re-save it, or export it as PDF or text",
        )
    for member in members:
        if member.file_size > 1_000_000 and member.file_size > MAX_DOCX_RATIO * max(member.compress_size, 1):
            raise LoadError(
                f"{path.name}: DOCX member {member.filename} is compressed {member.file_size // max(member.compress_size, 1):,}:1 "
                f"(more than {MAX_DOCX_RATIO}:1), refused as a possible zip bomb",
                "re-save the document in Word or LibreOffice",
            )


def docx_lines(document: DocxDocument) -> list[str]:
    """Return the body's lines in document order: a paragraph per line, a table row as tab-joined cells; Word's
    automatic numbering ("指南方向1：", "（二）") is written before the paragraph's text, as it is printed. Tracked
    changes are accepted first (in the document itself), so every line is the text as it will be published."""
    from docx.table import Table

    accept_revisions(document.element.body)
    numbering = read_numbering(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_row_text(row, numbering) for row in block.rows)
        else:
            text = _numbered(block, numbering)
            level = heading_level(block)
            lines.append(("#" * level + " " + text) if level and text.strip() else text)
    return lines


def _numbered(paragraph, numbering: Numbering) -> str:
    """The paragraph's text behind the number Word shows for it (none for an empty paragraph)."""
    text = paragraph.text
    label = numbering.label(paragraph) if text.strip() else ""
    return label + text if label else text


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-6])$", re.I)


def _outline_level(element) -> int:
    """1-6 for an element whose paragraph properties set an outline level (w:outlineLvl 0-5), else 0."""
    values = element.xpath("./w:pPr/w:outlineLvl/@w:val")
    level = int(values[0]) + 1 if values and str(values[0]).isdigit() else 0
    return level if 1 <= level <= 6 else 0


def heading_level(paragraph) -> int:
    """N for a paragraph in Word's Heading N style (标题 N) or with outline level N, else 0: it reaches the parser
    as a markdown heading of level N."""
    if level := _outline_level(paragraph._p):
        return level
    style = paragraph.style
    while style is not None:
        if m := _HEADING_STYLE.match((style.name or "").strip()):
            return int(m.group(1))
        if level := _outline_level(style.element):
            return level
        style = style.base_style
    return 0


def _row_text(row, numbering: Numbering) -> str:
    """One table row: cells joined by tabs (a merged cell repeated per column it spans, so columns stay aligned);
    the paragraphs inside a cell (with their Word numbering) are joined by a space so the row stays one line."""
    cells, seen = [], {}
    for cell in row.cells:
        if id(cell._tc) not in seen:  # a merged cell is numbered once, then repeated
            parts = (_numbered(p, numbering) for p in cell.paragraphs)
            seen[id(cell._tc)] = " ".join(line.strip() for part in parts for line in part.splitlines() if line.strip())
        cells.append(seen[id(cell._tc)])
    return "\t".join(cells)


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

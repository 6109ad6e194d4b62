"""OpenDocument text guides (.odt, and the flat .fodt): content.xml read in document order, as the .docx loader
reads Word's body.

A paragraph (text:p) is a line; a heading (text:h) a markdown heading of its outline level; a list item the
paragraph behind the number its list style prints ("（一）", "1.1"), which the body does not hold
(index/loaders/odt_styles.py). Inside a paragraph, text:s is its spaces, text:tab a tab, text:line-break a new line
(clauses printed as one paragraph split by line breaks become lines of their own), and a footnote or endnote
(text:note) is written in where it is cited, in the form `[footnotes] note` of index/vocab/pages.toml gives, its
citation mark dropped ("不超过20万元。（注：2025年度…）"), as Word's notes are. A table row is one line of tab-joined
cells; a cell spanning columns or rows is repeated in the cells it covers (table:covered-table-cell), as Word's
merged cells are. Text boxes (draw:text-box) are read after the paragraph they are anchored in.

Not read: the page header and footer of the master pages (styles.xml: page furniture, such as a hotline printed on
every page, not a contact of the guide), comments (office:annotation), the deleted text of tracked changes
(text:tracked-changes; the inserted text stands in the body, so the changes read as accepted), hidden sections and
text in a hidden style. The zip is checked from its directory before anything is inflated.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import LoadError
from index.loaders.base import SourceText, content_hash, finish, read_bytes
from index.loaders.docx import check_zip
from index.loaders.footnotes import note_text
from index.loaders.odt_styles import TEXT, Counter, Levels, Styles, read_styles

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

_BROKEN_ADVICE = "re-save the document as .odt or .docx"
_MAX_REPEAT = 64  # a row or cell repeated more often (a table padded to a page) is read this often


def _t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


def _tb(tag: str) -> str:
    return f"{{{TABLE}}}{tag}"


_P, _H, _LIST, _ITEM, _HEADER = _t("p"), _t("h"), _t("list"), _t("list-item"), _t("list-header")
_SPAN, _NOTE, _NOTE_BODY = _t("span"), _t("note"), _t("note-body")
_SECTION = _t("section")
_TBL, _ROW, _CELL, _COVERED = _tb("table"), _tb("table-row"), _tb("table-cell"), _tb("covered-table-cell")
_ROW_GROUPS = frozenset(_tb(t) for t in ("table-header-rows", "table-rows", "table-row-group"))
_TEXT_BOX = f"{{{DRAW}}}text-box"

# Elements whose content is no text of the page: comments, tracked deletions, declarations, a list item's cached
# number (text:number: the number is rendered from the list style), bookmarks and marks.
_SKIPPED = frozenset(
    {
        f"{{{OFFICE}}}annotation",
        f"{{{OFFICE}}}annotation-end",
        f"{{{OFFICE}}}forms",
        _t("tracked-changes"),
        _t("number"),
        _t("sequence-decls"),
        _t("variable-decls"),
        _t("user-field-decls"),
        _t("dde-connection-decls"),
        _t("soft-page-break"),
        _tb("table-columns"),
        _tb("table-column"),
        _tb("table-header-columns"),
        _tb("table-column-group"),
        _t("ruby-text"),  # the reading printed over a ruby's base
    }
)
_WHITE = re.compile(r"[ \t\r\n]+")  # ODF collapses white space in a paragraph's text; text:s and text:tab are kept


def _int(value: str | None, default: int = 1) -> int:
    return int(value) if value and value.isdigit() else default


def _glue(before: str, after: str) -> str:
    """A space between two pieces of Latin text, nothing between Chinese ones."""
    latin = [ch.isascii() and ch.isalnum() for ch in (before[-1:], after[:1])]
    return " " if all(latin) else ""


def _one_line(pieces: Iterable[str]) -> str:
    """Pieces of text joined by a space, each line of each stripped and empty ones dropped."""
    return " ".join(line.strip() for piece in pieces for line in piece.splitlines() if line.strip())


@dataclass
class _List:
    """A list's counters and the list style numbering it."""

    counter: Counter
    style: str


@dataclass
class OdtReader:
    """Reads an office:text body into lines, with list and outline numbering from the document's styles."""

    styles: Styles
    outline: Counter = field(default_factory=Counter)
    by_id: dict[str, _List] = field(default_factory=dict)  # lists by xml:id, for text:continue-list
    last: dict[str, _List] = field(default_factory=dict)  # the last list of each style, for text:continue-numbering

    def lines(self, container, headings: bool = True) -> Iterator[str]:
        """The lines of a body, section, cell or text box: a paragraph per line (then its text boxes), a list item
        per line behind its number, a table row per line."""
        for child in container:
            tag = child.tag
            if tag in _SKIPPED or tag.endswith("-source") or self._hidden(child):
                continue  # an index's *-source is its template (目录's title and entry forms), not its entries
            if tag in (_P, _H):
                yield from self._paragraph(child, headings)
            elif tag == _LIST:
                yield from self._list(child, None, 1, headings)
            elif tag == _TBL:
                yield from self.rows(child)
            else:  # sections, indexes (a table of contents' body), numbered paragraphs: read through
                yield from self.lines(child, headings)

    def _hidden(self, element) -> bool:
        if element.get(_t("display")) == "none" and element.tag == _SECTION:
            return True
        return element.get(_t("style-name")) in self.styles.hidden

    def _paragraph(self, p, headings: bool, label: str | None = None) -> Iterator[str]:
        """The paragraph behind its number; a heading as a markdown heading of its outline level (at most 6)."""
        boxes: list = []
        text = self.inline(p, boxes)
        if p.tag == _H and label is None and p.get(_t("is-list-header")) != "true" and text.strip():
            restart = _int(p.get(_t("start-value"))) if p.get(_t("restart-numbering")) == "true" else None
            label = self.outline.label(self.styles.outline, _int(p.get(_t("outline-level"))), restart)
        text = (label or "") + text if text.strip() else text
        level = min(_int(p.get(_t("outline-level"))), 6) if p.tag == _H and headings and text.strip() else 0
        yield "#" * level + " " + text if level else text
        for box in boxes:
            yield from self.lines(box, headings)

    def inline(self, element, boxes: list) -> str:
        """A paragraph's text: spans, links and fields read through, white space collapsed as ODF does, text:s as
        its spaces, a tab and a line break as such, a note written in where it is cited; the text boxes anchored in
        it are gathered into `boxes`."""
        out: list[str] = [_WHITE.sub(" ", element.text or "")]
        for child in element:
            tag = child.tag
            if tag == _t("s"):
                out.append(" " * _int(child.get(_t("c"))))
            elif tag == _t("tab"):
                out.append("\t")
            elif tag == _t("line-break"):
                out.append("\n")
            elif tag == _NOTE:
                out.append(self._note(child))
            elif tag.startswith(f"{{{DRAW}}}"):
                boxes.extend(_text_boxes(child))
            elif tag not in _SKIPPED and not self._hidden(child):
                out.append(self.inline(child, boxes))
            out.append(_WHITE.sub(" ", child.tail or ""))
        return "".join(out)

    def _note(self, note) -> str:
        """A footnote or endnote as written where it is cited: its body's paragraphs, the citation mark dropped."""
        body = note.find(_NOTE_BODY)
        if body is None:
            return ""
        text = ""
        for line in self.lines(body, headings=False):
            for piece in line.split("\n"):
                piece = piece.strip()
                if piece:
                    text = text + _glue(text, piece) + piece if text else piece
        return note_text(text) if text else ""

    def _list(self, lst, within: _List | None, level: int, headings: bool) -> Iterator[str]:
        """A list's items in order, each item's first paragraph behind the number of its level; a list nested in an
        item is the next level of the same list."""
        style = lst.get(_t("style-name")) or (within.style if within else "")
        if within is None:
            within = self._started(lst, style)
        elif style != within.style:
            within = _List(within.counter, style)
        for item in lst:
            if item.tag not in (_ITEM, _HEADER):
                continue
            numbered = item.tag == _ITEM
            restart = _int(item.get(_t("start-value")), 0) or None
            first = True
            for child in item:
                if child.tag in (_P, _H):
                    label = ""
                    if first and numbered:
                        levels = self._levels(within.style, child)
                        label = within.counter.label(levels, level, restart)
                    first = False
                    yield from self._paragraph(child, headings, label)
                elif child.tag == _LIST:
                    first = False
                    yield from self._list(child, within, level + 1, headings)
                elif child.tag not in _SKIPPED:
                    yield from self.lines([child], headings)

    def _levels(self, style: str, paragraph) -> Levels:
        """The levels of the list style, or of the paragraph style's list style when the list names none."""
        if style in self.styles.lists:
            return self.styles.lists[style]
        return self.styles.lists.get(self.styles.paragraph_lists.get(paragraph.get(_t("style-name"), ""), ""), {})

    def _started(self, lst, style: str) -> _List:
        """A top-level list's counters: a new list's, or those of the list it continues (text:continue-list names
        it by xml:id; text:continue-numbering continues the last list of the same style)."""
        if (ref := lst.get(_t("continue-list"))) and ref in self.by_id:
            started = _List(self.by_id[ref].counter, style)
        elif lst.get(_t("continue-numbering")) == "true" and style in self.last:
            started = self.last[style]
        else:
            started = _List(Counter(), style)
        if lst.get(_XML_ID):
            self.by_id[lst.get(_XML_ID)] = started
        self.last[style] = started
        return started

    def rows(self, table, inline: bool = False) -> Iterator[str]:
        """The table's rows in order (through header rows and row groups): cells joined by tabs, or by spaces for a
        table inside a cell; a spanned cell repeated in the cells it covers. A row whose one cell holds a table is
        a frame: its content is read as lines of its own."""
        covering: dict[tuple[int, int], object] = {}  # (row, column) → the cell spanning over it
        for r, row in enumerate(_table_rows(table)):
            cells: list = []
            for cell in row:
                if cell.tag not in (_CELL, _COVERED):
                    continue
                for _ in range(min(_int(cell.get(_tb("number-columns-repeated"))), _MAX_REPEAT)):
                    c = len(cells)
                    if cell.tag == _COVERED:
                        cells.append(covering.get((r, c)))
                        continue
                    cells.append(cell)
                    for i in range(_int(cell.get(_tb("number-rows-spanned")))):
                        for j in range(_int(cell.get(_tb("number-columns-spanned")))):
                            covering[(r + i, c + j)] = cell
            distinct = list(dict.fromkeys(c for c in cells if c is not None))
            if not inline and len(distinct) == 1 and distinct[0].find(_TBL) is not None:
                yield from self.lines(distinct[0])
                continue
            texts = {id(c): self._cell_text(c) for c in distinct}
            yield (" " if inline else "\t").join(texts[id(c)] if c is not None else "" for c in cells)

    def _cell_text(self, cell) -> str:
        """A cell as one line: its paragraphs and lists (and any nested table's rows) joined by a space."""
        pieces: list[str] = []
        for child in cell:
            if child.tag == _TBL:
                pieces.extend(self.rows(child, inline=True))
            elif child.tag not in _SKIPPED:
                pieces.extend(self.lines([child], headings=False))
        return _one_line(pieces)


def _table_rows(table) -> Iterator:
    """A table's rows in order through header rows and row groups, a repeated row as often as it is repeated (an
    empty one once)."""
    for child in table:
        if child.tag in _ROW_GROUPS:
            yield from _table_rows(child)
        elif child.tag == _ROW:
            empty = not "".join(child.itertext()).strip()
            times = 1 if empty else min(_int(child.get(_tb("number-rows-repeated"))), _MAX_REPEAT)
            for _ in range(times):
                yield child


def _text_boxes(element) -> Iterator:
    """The text boxes of a drawing (a frame, a shape, a group), each once; a shape holding paragraphs itself is
    read as one."""
    if element.tag == _TEXT_BOX:
        yield element
        return
    if any(child.tag in (_P, _LIST) for child in element):
        yield element
        return
    for child in element:
        if child.tag.startswith(f"{{{DRAW}}}"):
            yield from _text_boxes(child)


def odt_lines(content, styles=None) -> list[str]:
    """The lines of an OpenDocument text: `content` is content.xml's root (or a flat .fodt's), `styles` styles.xml's
    root. Raises ValueError when the document holds no office:text (a spreadsheet or a presentation)."""
    body = content.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if body is None:
        kinds = [child.tag.rsplit("}", 1)[-1] for child in content.findall(f"{{{OFFICE}}}body/*")]
        raise ValueError(f"no text document in it ({', '.join(kinds) or 'no body'})")
    return list(OdtReader(read_styles(styles, content)).lines(body))


def _parse(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False)
    return etree.fromstring(data, parser)


class OdtLoader:
    """.odt (a zip of XML parts, checked before it is inflated) and .fodt (one flat XML file)."""

    suffixes = (".odt", ".fodt")

    def load(self, path: Path) -> SourceText:
        """Read paragraphs, list items and table rows where they stand."""
        from lxml.etree import XMLSyntaxError

        data = read_bytes(path)
        try:
            if path.suffix.lower() == ".fodt":
                lines = odt_lines(_parse(data))  # one XML file: the styles stand in the same root
            else:
                check_zip(path, "ODT", _BROKEN_ADVICE)
                with zipfile.ZipFile(path) as archive:
                    names = set(archive.namelist())
                    if "content.xml" not in names:
                        raise ValueError("no content.xml in it")
                    content = _parse(archive.read("content.xml"))
                    styles = _parse(archive.read("styles.xml")) if "styles.xml" in names else None
                lines = odt_lines(content, styles)
        except (zipfile.BadZipFile, XMLSyntaxError, ValueError, OSError) as exc:
            kind = "FODT" if path.suffix.lower() == ".fodt" else "ODT"
            raise LoadError(f"{path.name}: broken {kind} ({exc})", _BROKEN_ADVICE) from None
        return finish(path, lines, path.suffix.lower().lstrip("."), content_hash(data))

"""Word's body read in document order, as Word shows it, down to the places python-docx does not look.

Guides made from a Word FORM TEMPLATE keep their values in content controls (w:sdt): around paragraphs and tables
(block level), around table rows or cells, or around runs inside a paragraph. python-docx's paragraphs, rows and
cells step over all of them, and over tables nested in a cell and floating text boxes (w:txbxContent inside a run's
drawing). This reader opens every control where it stands, except one still showing its placeholder text
(w:showingPlcHdr: "单击或点击此处输入文字。" is a prompt to the writer, not a value). A text box is read once, after
the paragraph it is anchored in: Word stores it twice, as DrawingML in mc:Choice and as a VML copy in mc:Fallback.

A table row is one line of tab-joined cells. A row of a single cell that holds a table is a frame (a form card's
outer table): its content is read as lines of its own, so the inner label|value rows stay rows. A table deeper in
a cell of several columns stays inside that cell, its cells joined by spaces, so the columns stay aligned.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from index.loaders.word_notes import Notes, cited_notes
from index.loaders.word_numbering import Numbering

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Wrappers whose children stand where the wrapper stands (custom XML, smart tags, links, simple fields).
_TRANSPARENT = frozenset(f"{_W}{tag}" for tag in ("customXml", "smartTag", "hyperlink", "fldSimple"))

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-6])$", re.I)


def showing_placeholder(sdt) -> bool:
    """True for a content control that still shows its placeholder text instead of a value."""
    return sdt.find(f"{_W}sdtPr/{_W}showingPlcHdr") is not None


def unwrapped(parent) -> Iterator:
    """The children of `parent` with content controls and transparent wrappers opened in place. A control showing
    its placeholder gives nothing, except the cells it wraps, emptied, so a row keeps its columns."""
    for child in parent:
        if child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is None:
                continue
            if showing_placeholder(child):
                yield from (_emptied(tc) for tc in unwrapped(content) if tc.tag == f"{_W}tc")
            else:
                yield from unwrapped(content)
        elif child.tag in _TRANSPARENT:
            yield from unwrapped(child)
        else:
            yield child


def _emptied(tc):
    """A copy of the cell with its properties (span, merge) and one empty paragraph."""
    blank = copy.deepcopy(tc)
    for child in list(blank):
        if child.tag != f"{_W}tcPr":
            blank.remove(child)
    blank.append(blank.makeelement(f"{_W}p", {}))
    return blank


def paragraph_text(p, notes: Notes | None = None) -> str:
    """The paragraph's text: its runs in order, through links, fields and content controls (python-docx's run text,
    so tabs and breaks read as \\t and \\n), a footnote or endnote written in after the run citing it."""
    return "".join(child.text + cited_notes(child, notes or {}) for child in unwrapped(p) if child.tag == f"{_W}r")


def text_boxes(element) -> Iterator:
    """The text boxes (w:txbxContent) under `element`, each once: of an mc:AlternateContent only the first branch
    holding a text box is read, as a reader of that branch would show it."""
    for child in element:
        if child.tag == f"{_MC}AlternateContent":
            branches = [*child.findall(f"{_MC}Choice"), *child.findall(f"{_MC}Fallback")]
            branch = next((b for b in branches if next(b.iter(f"{_W}txbxContent"), None) is not None), None)
            if branch is not None:
                yield from text_boxes(branch)
        elif child.tag == f"{_W}txbxContent":
            yield child
        else:
            yield from text_boxes(child)


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


def _grid_row(tr, above: dict[int, object]) -> tuple[list, dict[int, object]]:
    """The row's cells per grid column (a cell spanning columns repeated, a vertically merged cell read from the row
    above) and the grid for the next row."""
    offset = _int_val(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
    cells, grid = [], {}
    for tc in unwrapped(tr):
        if tc.tag != f"{_W}tc":
            continue
        span = max(_int_val(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1), 1)
        merge = tc.find(f"{_W}tcPr/{_W}vMerge")
        continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
        root = above.get(offset, tc) if continued else tc
        for column in range(offset, offset + span):
            grid[column] = root
        cells.extend([root] * span)
        offset += span
    return cells, grid


def _int_val(element, default: int) -> int:
    """The w:val of `element` as an int, `default` when it is missing or not a number."""
    value = element.get(f"{_W}val", "") if element is not None else ""
    return int(value) if value.isdigit() else default


def _holds_table(tc) -> bool:
    """True for a cell that holds a table (directly or in a content control)."""
    return any(child.tag == f"{_W}tbl" for child in unwrapped(tc))


@dataclass
class BodyReader:
    """Reads a document's body into lines, with Word's numbering and heading levels; `parent` is the python-docx
    object paragraphs hang from (the body), so styles resolve."""

    numbering: Numbering
    parent: object
    notes: Notes = field(default_factory=dict)  # footnotes and endnotes by (kind, id), written in where cited

    def lines(self, container, headings: bool = True) -> Iterator[str]:
        """The lines of a body, cell or text box: a paragraph per line (then its text boxes), a row per line."""
        for child in unwrapped(container):
            if child.tag == f"{_W}p":
                yield self._paragraph_line(child, headings)
                for box in text_boxes(child):
                    yield from self.lines(box, headings)
            elif child.tag == f"{_W}tbl":
                yield from self.rows(child)

    def rows(self, tbl, inline: bool = False) -> Iterator[str]:
        """The table's rows in order, through row- and cell-level content controls: cells joined by tabs, or by
        spaces for a table `inline` in a cell."""
        above: dict[int, object] = {}
        for tr in unwrapped(tbl):
            if tr.tag != f"{_W}tr":
                continue
            cells, above = _grid_row(tr, above)
            distinct = list(dict.fromkeys(cells))
            if not inline and len(distinct) == 1 and _holds_table(distinct[0]):
                yield from self.lines(distinct[0])  # a frame row: its table's rows are rows of their own
                continue
            texts: dict[int, str] = {}
            for tc in distinct:  # a merged cell is numbered once, then repeated
                texts[id(tc)] = self._cell_text(tc)
            yield (" " if inline else "\t").join(texts[id(tc)] for tc in cells)

    def _cell_text(self, tc) -> str:
        """A cell as one line: its paragraphs (and any nested table's rows) joined by a space."""
        pieces = []
        for child in unwrapped(tc):
            if child.tag == f"{_W}p":
                pieces.append(self._paragraph_line(child, headings=False))
                pieces.extend(line for box in text_boxes(child) for line in self.lines(box, headings=False))
            elif child.tag == f"{_W}tbl":
                pieces.extend(self.rows(child, inline=True))
        return _one_line(pieces)

    def _paragraph_line(self, p, headings: bool) -> str:
        """The paragraph behind the number Word shows for it, as a markdown heading when it is one."""
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(p, self.parent)
        text = paragraph_text(p, self.notes)
        label = self.numbering.label(paragraph) if text.strip() else ""
        text = label + text if label else text
        level = heading_level(paragraph) if headings and text.strip() else 0
        return "#" * level + " " + text if level else text


def _one_line(pieces: Iterable[str]) -> str:
    """Pieces of text joined by a space, each line of each stripped and empty ones dropped."""
    return " ".join(line.strip() for piece in pieces for line in piece.splitlines() if line.strip())

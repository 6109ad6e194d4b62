"""PDF guides: the text layer (pdfplumber) with ruled tables as tab rows where they stand, borderless label/value
tables as "label：value" rows, running headers and footers dropped, wrapped lines re-joined; pages without a text
layer are rendered (pypdfium2) and read by OCR."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from index.errors import LoadError, NoTextLayerError
from index.loaders.base import SourceText, content_hash, finish, read_bytes
from index.loaders.columns import Row, find_columns
from index.loaders.cut_rows import cell_glue, find_tables, join_cut_rows
from index.loaders.footnotes import noted_pages
from index.loaders.label_table import label_rows
from index.loaders.layout import PageLine, Word, drop_running_lines, paragraphs
from index.loaders.limits import MAX_OCR_PAGES, MAX_PDF_PAGES
from index.vocab import clauses

OCR_SCALE = 2.5
"""Render scale for OCR: 2.5 × 72 = 180 dpi (an A4 page is 1488 × 2105 px); lower loses small print."""
_MIN_TEXT_CHARS = 10  # a page with fewer characters in its text layer is treated as scanned
_WORD_GAP = 0.8  # ink this far apart (in the size of the character before) is two words: a column gap, not a space
_BROKEN_ADVICE = "re-export the PDF or convert it to text"


def _join_cell(text: str | None) -> str:
    """A table cell's wrapped lines joined (see cell_glue)."""
    if not text:
        return ""
    parts = [p.strip() for p in text.splitlines() if p.strip()]
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += cell_glue(out, part) + part
    return out


def _carried_down(table: Any) -> list[list[str]]:
    """A ruled table's rows of joined cells, a cell merged over several rows repeated in each of them.

    pdfplumber gives None for the rows a merged cell covers (a 类别 cell over three projects); a cell whose box
    reaches down over the row is carried into it, so every row stands alone. A None beside a cell merged across
    columns stays empty.
    """
    rows: list[list[str]] = []
    above: dict[int, tuple[float, str]] = {}  # column -> (bottom of its last cell, that cell's text)
    for row, cells in zip(table.rows, table.extract(), strict=False):
        bottom = row.bbox[3]
        out: list[str] = []
        for col, (box, cell) in enumerate(zip(row.cells, cells, strict=False)):
            if box is not None:
                above[col] = (box[3], _join_cell(cell))
                out.append(_join_cell(cell))
            elif col in above and above[col][0] >= bottom - 1:
                out.append(above[col][1])
            else:
                out.append("")
        rows.append(out)
    return rows


def _text_layer_lines(page: Any) -> list[PageLine]:
    """Lines of a text-layer page in reading order, with ruled tables' rows (tab-joined cells) in their place.

    A page printed in columns is read column by column between its full-width lines (see _column_lines).
    """
    tables, cut = find_tables(page)
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    region = page.filter(outside) if boxes else page
    found = [ln for ln in region.extract_text_lines(strip=True, return_chars=True) if ln["text"].strip()]
    table_rows: list[list[PageLine]] = []
    for n, table in enumerate(tables):
        rows = []
        for row, cells in zip(table.rows, _carried_down(table), strict=False):
            text = "\t".join(cells)
            if text.strip():
                x0, top, x1, bottom = row.bbox
                rows.append(PageLine(text, x0, x1, top, bottom, table=True))
        if rows and n in cut:
            rows[-1] = replace(rows[-1], cut=True)
        table_rows.append(rows)
    rules = _note_rules(page, boxes)
    columned = _column_lines(region, found, tables, table_rows)
    if columned is not None:
        return sorted(columned + rules, key=lambda ln: (round(ln.top), ln.x0)) if rules else columned
    lines = [
        PageLine(ln["text"], ln["x0"], ln["x1"], ln["top"], ln["bottom"], words=_words(ln["chars"])) for ln in found
    ]
    lines += [row for rows in table_rows for row in rows] + rules
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
    return lines


_NOTE_RULE = (0.08, 0.5)  # the length of a rule drawn over footnotes, as a share of the page's width
_NOTE_RULE_TEXT = "——————"


def _note_rules(page: Any, boxes: list[tuple[float, float, float, float]]) -> list[PageLine]:
    """Short horizontal rules drawn in the lower half of the page outside its tables, as lines (`rule`): Word and
    LaTeX draw the rule over a page's footnotes instead of printing it (index/loaders/footnotes.py)."""
    width, height = float(page.width), float(page.height)
    shortest, longest = (share * width for share in _NOTE_RULE)
    out = []
    for edge in [*page.lines, *page.rects]:
        x0, x1, top, bottom = (float(edge[k]) for k in ("x0", "x1", "top", "bottom"))
        if bottom - top > 2 or top < height / 2 or not shortest <= x1 - x0 <= longest:
            continue
        if any(bx0 - 1 <= x0 and x1 <= bx1 + 1 and btop - 1 <= top <= bbottom + 1 for bx0, btop, bx1, bbottom in boxes):
            continue
        out.append(PageLine(_NOTE_RULE_TEXT, x0, x1, top, bottom, rule=True))
    return out


def _words(chars: list[dict]) -> tuple[Word, ...]:
    """A line's stretches of ink, split where the gap between two characters is wider than a space."""
    words: list[Word] = []
    last = None
    for ch in chars:
        if not ch["text"].strip():
            continue
        if last is not None and ch["x0"] - last["x1"] < _WORD_GAP * last["size"]:
            x0, _, text = words[-1]
            words[-1] = (x0, ch["x1"], text + ch["text"])
        else:
            words.append((ch["x0"], ch["x1"], ch["text"]))
        last = ch
    return tuple(words)


def _ink(chars: list[dict]) -> list[tuple[float, float, float, float]]:
    return [(ch["x0"], ch["x1"], ch["top"], ch["bottom"]) for ch in chars if ch["text"].strip()]


def _line(found: dict) -> PageLine:
    return PageLine(found["text"], found["x0"], found["x1"], found["top"], found["bottom"])


_RULE_WIDTH = 2.0  # a vertical rule is a line or a rectangle at most this wide (points)


def _vertical_rules(region: Any) -> list[tuple[float, float, float]]:
    """The vertical rules (x, top, bottom) a page draws outside its tables: a rule between two columns."""
    out = []
    for edge in [*region.lines, *region.rects]:
        x0, x1, top, bottom = (float(edge[k]) for k in ("x0", "x1", "top", "bottom"))
        if x1 - x0 <= _RULE_WIDTH and bottom - top > 10 * _RULE_WIDTH:
            out.append(((x0 + x1) / 2, top, bottom))
    return out


def _column_lines(
    region: Any, found: list[dict], tables: list[Any], table_rows: list[list[PageLine]]
) -> list[PageLine] | None:
    """A multi-column page's lines in reading order, or None when the page is not printed in columns.

    The text layer's lines (which hold a line of each column that stands at one height) and the ruled tables
    are the rows find_columns reads. Rows that cross a gutter (and whole runs without evidence of columns) stay
    full-width lines in place; in between, each column's lines are re-read from its characters and follow each
    other, left column first; a table inside one column stays in it.
    """
    from pdfplumber.utils import chars_to_textmap

    items = sorted(
        [(ln["top"], ln["x0"], "line", i) for i, ln in enumerate(found)]
        + [(t.bbox[1], t.bbox[0], "table", i) for i, t in enumerate(tables)]
    )
    rows = []
    for _, _, kind, i in items:
        if kind == "line":
            rows.append(Row(found[i]["top"], found[i]["bottom"], _ink(found[i]["chars"])))
        else:
            x0, top, x1, bottom = tables[i].bbox
            rows.append(Row(top, bottom, [(x0, x1, top, bottom)], table=True))
    layout = find_columns(rows, (float(region.bbox[0]), float(region.bbox[2])), _vertical_rules(region))
    if layout is None:
        return None
    ncols = len(layout.gutters) + 1
    where: dict[int, tuple[int, int]] = {}  # id of a character in a split run -> (run, column)
    for run, (start, end, split) in enumerate(layout.runs):
        for _, _, kind, i in items[start:end] if split else []:
            for ch in found[i]["chars"] if kind == "line" else []:
                if ch["text"].strip():
                    where[id(ch)] = (run, layout.column(ch["x0"], ch["x1"]))
    chars: dict[tuple[int, int], list[dict]] = {}
    last = None
    for ch in region.chars:  # in the order the page draws them; a space goes with the character before it
        if ch["text"].strip():
            last = where.get(id(ch))
        if last is not None:
            chars.setdefault(last, []).append(ch)
    runs: list[tuple[bool, list[list[PageLine]]]] = []  # per run: split?, its columns' lines (one if not)
    for run, (start, end, split) in enumerate(layout.runs):
        cols: list[list[PageLine]] = [[] for _ in range(ncols if split else 1)]
        for _, _, kind, i in items[start:end]:
            if kind == "table":
                cols[layout.column(tables[i].bbox[0], tables[i].bbox[2]) if split else 0] += table_rows[i]
            elif not split:
                cols[0].append(_line(found[i]))
        for col in range(ncols) if split else []:
            if (run, col) not in chars:
                continue
            textmap = chars_to_textmap(chars[(run, col)])
            cols[col] += [
                _line(ln) for ln in textmap.extract_text_lines(strip=True, return_chars=False) if ln["text"].strip()
            ]
        for lines in cols:
            lines.sort(key=lambda ln: (round(ln.top), ln.x0))
        runs.append((split, cols))
    return _into_frame(runs, ncols)


def _into_frame(runs: list[tuple[bool, list[list[PageLine]]]], ncols: int) -> list[PageLine]:
    """The runs' lines in reading order, each column line's box moved into the page's text frame.

    The paragraph joiner measures one left and one right margin per page over all its lines. So a column line's
    x0 moves by the distance of its column's left edge from the first column's, and its x1 by that of its
    column's right edge from the last column's: a line that runs to its column's edge then runs to the page's
    right margin, an unindented one starts at its left margin, an indented one keeps its indent.
    """
    edges = []
    for col in range(ncols):
        lines = [ln for split, cols in runs if split for ln in cols[col] if not ln.table]
        ends = sorted(ln.x1 for ln in lines)
        edges.append((min(ln.x0 for ln in lines), ends[int(0.9 * (len(ends) - 1))]) if lines else (0.0, 0.0))
    out: list[PageLine] = []
    for split, cols in runs:
        if not split:
            out += cols[0]
            continue
        for (left, right), lines in zip(edges, cols, strict=True):
            dx0, dx1 = left - edges[0][0], edges[-1][1] - right
            out += [ln if ln.table else PageLine(ln.text, ln.x0 - dx0, ln.x1 + dx1, ln.top, ln.bottom) for ln in lines]
    return out


def _ocr_page(document: Any, index: int) -> tuple[list[PageLine], float]:
    """OCR lines of one rendered page, read the right way up, and the height in pixels of the page as read."""
    import numpy as np

    from index.loaders.ocr import ocr_page

    bitmap = document[index].render(scale=OCR_SCALE)
    image = np.asarray(bitmap.to_pil().convert("RGB"))
    return ocr_page(image)


class PdfLoader:
    """.pdf: text layer first, OCR for the pages that have none."""

    suffixes = (".pdf",)

    def load(self, path: Path) -> SourceText:
        """Read every page; refuse PDFs above the page limits."""
        import pdfplumber
        import pypdfium2

        data = read_bytes(path)
        try:
            rendered = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as exc:
            raise LoadError(f"{path.name}: broken PDF ({exc})", _BROKEN_ADVICE) from None
        try:
            count = len(rendered)
            if count > MAX_PDF_PAGES:
                raise LoadError(
                    f"{path.name}: {count} pages, more than the {MAX_PDF_PAGES} a guide PDF may have",
                    "split the PDF and ingest the guide part only",
                )
            pages, heights, scanned = self._read_pages(path, pdfplumber, count)
            if len(scanned) > MAX_OCR_PAGES:
                raise LoadError(
                    f"{path.name}: {len(scanned)} pages without a text layer, more than the {MAX_OCR_PAGES} read by OCR",
                    "run OCR on the PDF first (e.g. ocrmypdf) and ingest the result",
                )
            for index in scanned:
                pages[index], heights[index] = _ocr_page(rendered, index)
        finally:
            rendered.close()
        pages = drop_running_lines(noted_pages(pages), heights)  # notes first: their rule repeats at the foot
        pages = label_rows(join_cut_rows(pages), clauses().is_label)
        lines = paragraphs(pages)
        if not any(line.strip() for line in lines):
            if scanned:
                raise NoTextLayerError(f"{path.name}: PDF has no text layer and OCR found no text in it")
            raise NoTextLayerError(f"{path.name}: PDF has no text")
        return finish(path, lines, "pdf", content_hash(data), pages=count, ocr_pages=len(scanned))

    @staticmethod
    def _read_pages(path: Path, pdfplumber: Any, count: int) -> tuple[list[list[PageLine]], list[float], list[int]]:
        """Text-layer lines per page, page heights, and the indexes of pages that need OCR."""
        pages: list[list[PageLine]] = []
        heights: list[float] = []
        scanned: list[int] = []
        try:
            with pdfplumber.open(path) as pdf:
                for index, page in enumerate(pdf.pages[:count]):
                    heights.append(float(page.height))
                    if sum(1 for ch in page.chars if ch["text"].strip()) < _MIN_TEXT_CHARS:
                        scanned.append(index)
                        pages.append([])
                        continue
                    pages.append(_text_layer_lines(page))
        except LoadError:
            raise
        except Exception as exc:  # pdfminer raises many types on a damaged file
            raise LoadError(f"{path.name}: broken PDF ({type(exc).__name__}: {exc})", _BROKEN_ADVICE) from None
        return pages, heights, scanned

"""A ruled table's row cut by a page break, read whole.

A long row at the foot of a page is often printed in two parts: the first lines of its cells at the bottom of
one page, with no bottom rule (the cells go on), and the rest at the top of the next page, under the table's
header printed again, in a row whose first cells (code, name) are empty. The column rules of the first part
run on below the table's last horizontal rule, so pdfplumber finds no cells there: `find_tables` closes such a
table at the foot of its borders, and `join_cut_rows` joins the rest of the row on the next page into it, cell by
cell.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from index.loaders.layout import PageLine

_ALIGN = 1.0  # a border stands at the table's edge within this many points
_MIN_OVERRUN = 3.0  # borders running on this far (points) below the last rule hold an open row
_MAX_CONTINUED_NOTE = 6  # a line this short above the table on the next page notes it goes on (续表, 续上表)


def _closing_rule(page: Any, bbox: tuple[float, float, float, float]) -> dict | None:
    """A horizontal rule under the table at `bbox` when both its outer borders run on below its last rule (an
    open row at the foot of the page), drawn where the shorter of them ends; None for a closed table."""
    x0, _top, x1, bottom = bbox
    ends = []
    for x in (x0, x1):
        runs = [
            e["bottom"]
            for e in page.edges
            if e["orientation"] == "v" and abs(e["x0"] - x) <= _ALIGN and e["top"] <= bottom + _ALIGN
        ]
        if not runs or max(runs) < bottom + _MIN_OVERRUN:
            return None
        ends.append(max(runs))
    y = min(ends)
    return {"object_type": "cut_edge", "orientation": "h", "x0": x0, "x1": x1, "width": x1 - x0, "top": y, "bottom": y}


def find_tables(page: Any) -> tuple[list[Any], set[int]]:
    """The page's ruled tables, a table whose last row is open closed at the foot of its borders, and the indexes
    of the tables so closed (their last row is cut: it goes on on the next page)."""
    tables = page.find_tables()
    rules = [rule for t in tables if (rule := _closing_rule(page, t.bbox)) is not None]
    if not rules:
        return tables, set()
    tables = page.find_tables({"explicit_horizontal_lines": rules})
    closed = {round(rule["bottom"]) for rule in rules}
    return tables, {i for i, t in enumerate(tables) if round(t.bbox[3]) in closed}


_NUMBER_CUT = re.compile(r"\d[.\-/:]$")  # a line ending inside a number (2029. | 06, 2026- | 07)


def cell_glue(before: str, after: str) -> str:
    """What joins a cell's line to the next one it wraps to: a space between Latin words, nothing between Chinese
    characters nor inside a number cut at its point or dash (（2026.07—2029. + 06） is 2029.06), nor between two
    digits: a narrow cell wraps a number or a code inside it (不超过1 / 20, 2026ZR010 / 1)."""
    if (_NUMBER_CUT.search(before) or before[-1:].isdigit()) and after[:1].isdigit():
        return ""
    return " " if before[-1:].isascii() and after[:1].isascii() else ""


def _join(cell: str, more: str) -> str:
    """A cell's text followed by its rest from the next page."""
    return cell + cell_glue(cell, more) + more if cell and more else cell or more


def _rest_of_row(page: list[PageLine], seen: set[str]) -> int | None:
    """The index of the line on `page` that holds the rest of a cut row: its first table row that does not print
    again a row of the page before (`seen`: the header repeated), after at most a short note (续表); None when
    the page goes on otherwise."""
    for k, ln in enumerate(page):
        if ln.table and ln.text not in seen:
            return k
        if not ln.table and len(ln.text.strip()) > _MAX_CONTINUED_NOTE:
            return None
    return None


def join_cut_rows(pages: list[list[PageLine]]) -> list[list[PageLine]]:
    """Pages with each cut row (the last line of a page) completed by the rest of it on the next page, cell by
    cell, and that rest dropped there."""
    pages = [list(page) for page in pages]
    for n in range(len(pages) - 1):
        if not pages[n] or not pages[n][-1].cut:
            continue
        cut = pages[n][-1]
        rest = _rest_of_row(pages[n + 1], {ln.text for ln in pages[n] if ln.table})
        if rest is None:
            continue
        cells, more = cut.text.split("\t"), pages[n + 1][rest].text.split("\t")
        if len(cells) != len(more):
            continue
        text = "\t".join(_join(a, b) for a, b in zip(cells, more, strict=True))
        pages[n][-1] = replace(cut, text=text, cut=False)
        del pages[n + 1][rest]
    return pages

"""Multi-column pages: the gutters of a page printed in two (or three) columns, found from its lines' ink.

A gutter is a vertical band in the middle part of the text area that (almost) no line's ink crosses. The
lines that do cross it — a full-width title block, a centred heading, a full-width table, the page number —
stay full-width lines in their place; each run of lines between them is read column by column (the left
column top to bottom, then the next one).

Only strong evidence splits a page: every column holds many lines that start at one x, run to one right
edge and follow each other at line pitch; the columns are of comparable width, fill the page between its
margins and hold most of its lines; and their paragraph breaks do not line up as a table's rows do. A form
line ("联系人：张三        电话：123"), an unruled two-column table or a few short centred lines therefore
leave a page as it is. A ruled table standing inside one column (a narrow 表1 between its paragraphs) fills the
height it takes in that column.

A vertical rule the page draws between its columns (a gazette's centre rule) is evidence enough on its own: a
rule in the interior of the text, over half its height, that no line crosses is the gutter, and every run of
lines beside it is read column by column, however few lines a column holds (the last lines of an item).

Pure geometry (points or pixels; only ratios to the character size matter), so it is tested without PDFs.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from index.loaders.layout import merged_spans

Ink = tuple[float, float, float, float]  # x0, x1, top, bottom
Rule = tuple[float, float, float]  # x, top, bottom of a vertical rule

INTERIOR = 0.2  # a gutter's middle lies between 20 % and 80 % of the text width (a column is ≥ 20 % wide)
MERGE_GAP = 0.6  # ink closer than 0.6 character is one stretch (a space between words, letter spacing)
MIN_GUTTER = 1.0  # a gutter is at least one character wide
CROSS_TOLERANCE = 0.05  # rows that may touch the gutter band besides the fewest (page number, overhangs)
MAX_CROSSING = 0.5  # more than half the rows cross every candidate x: a single-column page
MARGIN_SLACK = 0.1  # left and right page margins differ by at most 10 % of the page width
MIN_RUN_LINES = 3  # a run between full-width lines is split only if each column holds this many lines
MIN_COLUMN_LINES = 6  # and the page only if each column holds this many lines in its split runs
MIN_SPLIT_SHARE = 0.5  # the split runs hold at least half the page's text rows
MIN_WIDTH_RATIO = 0.5  # the narrowest column is at least half as wide as the widest
MIN_FILL = 0.4  # of a column's lines run to its right edge (± FILL_TOLERANCE characters): wrapped prose
FILL_TOLERANCE = 1.5
MIN_STARTS = 0.6  # of a column's lines start at its left edge or a short indent (≤ START_TOLERANCE)
START_TOLERANCE = 4.0
MIN_DENSITY = 0.45  # line height / line pitch within a column: running text, not the sparse cells of a table
BREAK_GAP = 0.15  # a gap this much (characters) above a column's usual line gap breaks its text
ROW_BREAKS = 3  # columns whose breaks (at least this many) stand at one height (± BREAK_ALIGN characters)
BREAK_ALIGN = 0.3  # in ROW_SHARE of the cases are a table's rows, not columns
ROW_SHARE = 0.7
RULE_SPAN = 0.5  # a vertical rule between columns runs over at least half the height of the page's text
RULE_CROSSING = 0.05  # and (almost) no row beside it crosses it


@dataclass
class Row:
    """A line as the text layer groups it (it may hold a line of each column), or a table's box."""

    top: float
    bottom: float
    ink: list[Ink]  # one box per character (blanks left out), or the table's box
    table: bool = False


@dataclass
class Layout:
    """Gutter middles (left to right) and the page's rows as runs [start, end), split into columns or not."""

    gutters: list[float]
    runs: list[tuple[int, int, bool]] = field(default_factory=list)

    def column(self, x0: float, x1: float) -> int:
        """The column an object lies in, by its centre."""
        return bisect_right(self.gutters, (x0 + x1) / 2)


def _candidates(merged: list[list[tuple[float, float]]], left: float, right: float, char: float) -> list[float]:
    """Middles of the bands in the page's interior that the fewest rows' ink covers."""
    width = right - left
    lo, hi = left + INTERIOR * width, right - INTERIOR * width
    step = char / 10
    n = int((hi - lo) / step) + 1
    if n < 2:
        return []
    diff = [0] * (n + 1)
    for spans in merged:
        for x0, x1 in spans:
            i0, i1 = max(0, math.ceil((x0 - lo) / step)), min(n - 1, math.floor((x1 - lo) / step))
            if i0 <= i1:
                diff[i0] += 1
                diff[i1 + 1] -= 1
    cover, running = [], 0
    for d in diff[:n]:
        running += d
        cover.append(running)
    fewest = min(cover)
    if fewest > MAX_CROSSING * len(merged):
        return []
    limit = fewest + max(2, int(CROSS_TOLERANCE * len(merged)))
    middles: list[float] = []
    start = None
    for i, c in enumerate([*cover, limit + 1]):
        if c <= limit and start is None:
            start = i
        elif c > limit and start is not None:
            if (i - 1 - start) * step >= MIN_GUTTER * char:
                middles.append(lo + (start + i - 1) / 2 * step)
            start = None
    return middles


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))]


def _breaks(lines: list[Ink], char: float) -> list[float]:
    """Tops of a column's lines that follow a wider gap than its lines usually do (headings, table rows)."""
    lines = sorted(lines, key=lambda line: line[2])
    gaps = [b[2] - a[3] for a, b in pairwise(lines)]
    if len(gaps) < 2:
        return []
    usual = _percentile(gaps, 0.5)
    return [b[2] for b, gap in zip(lines[1:], gaps, strict=True) if gap > usual + BREAK_GAP * char]


def _table_rows(runs: list[list[list[Ink]]], char: float) -> bool:
    """Whether neighbouring columns break at the same heights, as the cells of a table's rows do."""
    for col in range(len(runs[0]) - 1):
        left = [top for cols in runs for top in _breaks(cols[col], char)]
        right = [top for cols in runs for top in _breaks(cols[col + 1], char)]
        fewer, other = sorted((left, right), key=len)
        if len(fewer) >= ROW_BREAKS:
            aligned = sum(1 for top in fewer if any(abs(top - t) <= BREAK_ALIGN * char for t in other))
            if aligned >= ROW_SHARE * len(fewer):
                return True
    return False


def _split(
    rows: list[Row], merged: list[list[tuple[float, float]]], gutters: list[float], char: float, ruled: bool = False
) -> Layout | None:
    """The page read with these gutters, or None when the evidence for them is not strong.

    ruled: the gutter is a rule the page draws between its columns, evidence enough; every run of rows that does
    not cross it is read column by column, however few lines a column holds (the last lines of an article).
    """
    layout = Layout(gutters)
    ncols = len(gutters) + 1
    crossing = [any(x0 < g < x1 for x0, x1 in spans for g in gutters) for spans in merged]
    runs: list[list[list[Ink]]] = []  # per split run, per column: the box of each row's ink in it
    held: list[list[list[Ink]]] = []  # per split run, per column: the boxes of the tables standing in it
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and crossing[j] == crossing[i]:
            j += 1
        cols: list[list[Ink]] = [[] for _ in range(ncols)]
        tables: list[list[Ink]] = [[] for _ in range(ncols)]
        for row in rows[i:j] if not crossing[i] else []:
            for box in row.ink if row.table else []:
                tables[layout.column(box[0], box[1])].append(box)
            parts: dict[int, list[Ink]] = {}
            for box in row.ink if not row.table else []:
                parts.setdefault(layout.column(box[0], box[1]), []).append(box)
            for col, ink in parts.items():
                cols[col].append(
                    (min(b[0] for b in ink), max(b[1] for b in ink), min(b[2] for b in ink), max(b[3] for b in ink))
                )
        split = not crossing[i] and (ruled or all(len(col) >= MIN_RUN_LINES for col in cols))
        layout.runs.append((i, j, split))
        if split:
            runs.append(cols)
            held.append(tables)
        i = j
    if ruled:
        return layout if runs else None
    text_rows = sum(1 for row in rows if not row.table)
    split_rows = sum(1 for (i, j, split) in layout.runs if split for row in rows[i:j] if not row.table)
    if not runs or split_rows < MIN_SPLIT_SHARE * text_rows:
        return None
    widths = []
    for col in range(ncols):
        lines = [line for cols in runs for line in cols[col]]
        if len(lines) < MIN_COLUMN_LINES:
            return None
        edge_left = _percentile([line[0] for line in lines], 0.1)
        edge_right = _percentile([line[1] for line in lines], 0.75)
        widths.append(edge_right - edge_left)
        if sum(1 for line in lines if abs(line[1] - edge_right) <= FILL_TOLERANCE * char) < MIN_FILL * len(lines):
            return None
        if sum(1 for line in lines if line[0] - edge_left <= START_TOLERANCE * char) < MIN_STARTS * len(lines):
            return None
        # a table inside the column (a ruled 表1 between its paragraphs) fills the height it stands in
        ink = sum(line[3] - line[2] for line in lines) + sum(b[3] - b[2] for boxes in held for b in boxes[col])
        extent = sum(
            max(b[3] for b in cols[col] + boxes[col]) - min(b[2] for b in cols[col] + boxes[col])
            for cols, boxes in zip(runs, held, strict=True)
        )
        if extent <= 0 or ink < MIN_DENSITY * extent:
            return None
    if min(widths) < MIN_WIDTH_RATIO * max(widths) or _table_rows(runs, char):
        return None
    return layout


def _ruled_gutter(
    rows: list[Row],
    merged: list[list[tuple[float, float]]],
    rules: list[Rule],
    left: float,
    right: float,
    char: float,
) -> float | None:
    """The x of a vertical rule drawn between columns: in the interior of the text, as long as RULE_SPAN of the
    text's height, and crossed by (almost) no row beside it (a gazette's centre rule); None when there is none."""
    width = right - left
    top = min(row.top for row in rows)
    height = max(row.bottom for row in rows) - top
    for x, rule_top, rule_bottom in rules:
        if not left + INTERIOR * width <= x <= right - INTERIOR * width or rule_bottom - rule_top < RULE_SPAN * height:
            continue
        beside = [
            spans for row, spans in zip(rows, merged, strict=True) if row.bottom > rule_top and row.top < rule_bottom
        ]
        crossed = sum(1 for spans in beside if any(x0 < x < x1 for x0, x1 in spans))
        if beside and crossed <= RULE_CROSSING * len(beside):
            return x
    return None


def find_columns(
    rows: list[Row], bounds: tuple[float, float] | None = None, rules: list[Rule] | None = None
) -> Layout | None:
    """The column layout of a page's rows (sorted top to bottom), or None for a single-column page.

    bounds: the page's left and right edge, when known; columns fill the page between even margins.
    rules: the vertical rules the page draws outside its tables (x, top, bottom); a rule between two columns is
    their gutter.
    """
    text = [row for row in rows if not row.table and row.ink]
    if len(text) < (2 if rules else 2 * MIN_COLUMN_LINES):
        return None
    heights = sorted(row.bottom - row.top for row in text)
    char = max(heights[len(heights) // 2], 1e-6)
    left = min(box[0] for row in text for box in row.ink)
    right = max(box[1] for row in text for box in row.ink)
    merged = [merged_spans(((x0, x1) for x0, x1, _, _ in row.ink), MERGE_GAP * char) for row in rows]
    if rules and (ruled := _ruled_gutter(rows, merged, rules, left, right, char)) is not None:
        return _split(rows, merged, [ruled], char, ruled=True)
    if len(text) < 2 * MIN_COLUMN_LINES or right - left < 10 * char:
        return None
    if bounds is not None and abs((left - bounds[0]) - (bounds[1] - right)) > MARGIN_SLACK * (bounds[1] - bounds[0]):
        return None
    middles = _candidates(merged, left, right, char)
    tries = [middles] + ([[m] for m in middles] if len(middles) > 1 else []) if middles else []
    for gutters in tries:
        layout = _split(rows, merged, gutters, char)
        if layout is not None:
            return layout
    return None

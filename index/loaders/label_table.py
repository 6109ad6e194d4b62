"""Borderless label/value tables: rows rebuilt from a narrow label column beside a value column.

Guides print a unit's clauses as a two-column table without any ruling: a narrow column of labels (合作内容,
资助额度) and a wide column of values. The text layer reads such a table line by line, so a label that wraps
in its narrow column ("合作伙伴" / "要求") gets interleaved with the wrapped lines of its value. A run of lines
whose words start in a narrow left band and at one value x is rebuilt here into one "label：value" line per row:

- a label's fragments in the left column are joined until the next row starts; a row starts where a left
  fragment follows a vertical gap wider than the run's line spacing (the cell padding between rows), at a page
  break, or where the label joined so far is a known clause label that the fragment would not continue;
- a value's wrapped lines are joined, also across a page break (the table goes on at the top of the next page).

Only strong evidence rebuilds a run: at least MIN_ROWS rows, every label a short word of Chinese characters (no
list marker, no colon: a numbered list with a hanging indent or a form line stays as it is) and at least one
a known clause label. Pure geometry over PageLines that carry their words, so it is tested without PDFs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from index.loaders.layout import PageLine, Word

VALUE_TOLERANCE = 0.5  # the value column's lines start at one x (± half a character)
MIN_LABEL_GAP = 0.5  # a label ends at least half a character before the value column
MAX_LABEL_COLUMN = 10.0  # the label column is at most ten characters wide (a narrow column)
MIN_VALUE_RATIO = 2.0  # the value column (as far as its lines reach) is at least twice as wide as the label column
LINE_GAP = 0.4  # a wrapped line follows the one above it by at most this much (characters) of space
ROW_GAP = 0.3  # a gap this much (characters) above the run's line spacing is the padding between rows
MIN_ROWS = 2
_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,12}$")


@dataclass
class _Fit:
    """A line read against a label column ending before `value_x`: its label fragment and its value words."""

    label: str
    label_x0: float
    value: list[Word]


@dataclass
class _Row:
    """A rebuilt row: its label fragments and value lines, and the box of its lines on the page it starts on."""

    label: str
    values: list[str]
    first: PageLine
    last: PageLine
    right: float = 0.0


def _char(lines: list[PageLine]) -> float:
    """A character's size: the median height of the lines."""
    heights = sorted(ln.bottom - ln.top for ln in lines)
    return max(heights[len(heights) // 2], 1e-6)


def _fit(line: PageLine, value_x: float, char: float) -> _Fit | None:
    """The line as a row line of a label column ending before value_x, or None when a word crosses the gap."""
    if not line.words or line.table:
        return None
    left = [w for w in line.words if w[1] <= value_x - MIN_LABEL_GAP * char]
    value = [w for w in line.words if w[0] >= value_x - VALUE_TOLERANCE * char]
    if len(left) + len(value) != len(line.words):
        return None
    if value and abs(value[0][0] - value_x) > VALUE_TOLERANCE * char:
        return None
    return _Fit("".join(w[2] for w in left), left[0][0] if left else value_x, value)


def _join(parts: list[str]) -> str:
    """Wrapped lines joined: no space between Chinese characters, one between Latin words."""
    out = ""
    for part in parts:
        out += (" " if out[-1:].isascii() and out[-1:].isalnum() and part[:1].isascii() else "") + part
    return out


def _value_text(words: list[Word]) -> str:
    """A value line's text: its words, a space between words that stand apart."""
    return " ".join(w[2] for w in words)


def _starts_row(row: _Row, fragment: str, gap: bool, is_label: Callable[[str], bool]) -> bool:
    """Whether a left-column fragment starts a new row rather than continuing the current row's label."""
    return gap or (is_label(row.label) and not is_label(row.label + fragment))


Run = list[tuple[int, PageLine, _Fit]]  # a table's lines: page index, line, the line read against the columns


def _rows(run: Run, char: float, is_label: Callable[[str], bool]) -> list[tuple[int, _Row]]:
    """The run's lines grouped into rows (with the index of the page each row starts on); a run opens with a label."""
    gaps = [b.top - a.bottom for (pa, a, _), (pb, b, _) in pairwise(run) if pa == pb]
    usual = min([*gaps, LINE_GAP * char])
    rows: list[tuple[int, _Row]] = []
    previous: tuple[int, PageLine] | None = None
    for page, line, fit in run:
        gap = previous is None or previous[0] != page or line.top - previous[1].bottom > usual + ROW_GAP * char
        if fit.label and (not rows or _starts_row(rows[-1][1], fit.label, gap, is_label)):
            rows.append((page, _Row(fit.label, [], line, line)))
        elif fit.label:
            rows[-1][1].label += fit.label
        start, row = rows[-1]
        if fit.value:
            row.values.append(_value_text(fit.value))
        row.right = max(row.right, line.x1)
        if start == page:  # a row's box stays on the page it starts on
            row.last = line
        previous = (page, line)
    return rows


def _plausible(
    rows: list[tuple[int, _Row]], left: float, value_x: float, char: float, is_label: Callable[[str], bool]
) -> bool:
    """Whether the rows are a label/value table: enough rows, word labels (one known), a wide value column."""
    if len(rows) < MIN_ROWS or not all(_LABEL.match(row.label) for _, row in rows):
        return False
    if not any(is_label(row.label) for _, row in rows):
        return False
    width = value_x - left
    right = max(row.right for _, row in rows)
    return width <= MAX_LABEL_COLUMN * char and right - value_x >= MIN_VALUE_RATIO * width


def _run_at(flat: list[tuple[int, PageLine]], start: int, char: float) -> tuple[Run, float, float]:
    """The lines from `start` on that fit the label column its first line opens (a label, then a value), and that
    column's left edge and the value column's x; an empty run when the line opens no such column."""
    line = flat[start][1]
    if len(line.words) < 2 or line.table:
        return [], 0.0, 0.0
    value_x = line.words[1][0]
    run: Run = []
    for page, line in flat[start:]:
        fit = _fit(line, value_x, char)
        if fit is None:
            break
        run.append((page, line, fit))
    if not run or not run[0][2].label or not run[0][2].value:
        return [], 0.0, 0.0
    return run, min(f.label_x0 for _, _, f in run if f.label), value_x


def label_rows(pages: list[list[PageLine]], is_label: Callable[[str], bool]) -> list[list[PageLine]]:
    """The pages with each borderless label/value table's lines replaced by one "label：value" line per row.

    is_label tells a known clause label; a row line is a table line (paragraphs() keeps it as it stands).
    """
    flat = [(page, line) for page, lines in enumerate(pages) for line in lines]
    words = [line for _, line in flat if line.words]
    if not words:
        return pages
    char = _char(words)
    out: list[list[PageLine]] = [[] for _ in pages]
    i = 0
    while i < len(flat):
        run, left, value_x = _run_at(flat, i, char)
        rows = _rows(run, char, is_label) if run else []
        if not rows or not _plausible(rows, left, value_x, char, is_label):
            out[flat[i][0]].append(flat[i][1])
            i += 1
            continue
        for page, row in rows:
            text = f"{row.label}：{_join(row.values)}"
            out[page].append(PageLine(text, left, row.right, row.first.top, row.last.bottom, table=True))
        i += len(run)
    return out

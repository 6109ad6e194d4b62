"""Tables drawn with box characters in plain text (┌─┬─┐ │ ├─┼─┤ └─┴─┘, or ASCII +---+ |), read as table rows.

A county notice saved as .txt, or a table pasted into markdown from a terminal, draws its table with rule lines
and column separators; each cell wraps over as many physical lines as it needs, beside the fragments of the
other columns. Each row is rebuilt column by column: the rule lines' junctions give the columns' positions, the
lines between two rules are one row, and every line's characters between two separators are a fragment of that
column's cell. The row then reaches the parser as the tab-joined line a .docx or .html table row becomes.

Positions are display columns. A GB18030 file draws as a Chinese terminal shows it (ASCII one column, every
other character two, the box characters too), a UTF-8 one often as East Asian width says (box characters one
column): the convention that puts the most separators on the rule lines' junctions is the table's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

VERTICAL = frozenset("│┃║|╎╏┆┇┊┋")
HORIZONTAL = frozenset("─━═-=╌╍┄┅┈┉")
BLANKS = " \u3000"
MIN_COLUMNS = 2  # a box with fewer columns is a framed paragraph, not a table
MIN_CONTENT_LINES = 2  # a header and a row at least

Width = Callable[[str], int]


def _gb_width(ch: str) -> int:
    """GB convention: ASCII one column, every other character (CJK, box characters, —) two."""
    return 1 if ord(ch) < 0x80 else 2


def _east_asian_width(ch: str) -> int:
    """Unicode convention: wide and full-width characters two columns, everything else (box characters) one."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


WIDTHS: tuple[Width, ...] = (_east_asian_width, _gb_width)


def _is_junction(ch: str) -> bool:
    """A corner, tee or cross of a rule line (┌ ┬ ┼ ╋ ╬ …, or ASCII +)."""
    return ch == "+" or ("\u2500" <= ch <= "\u257f" and ch not in VERTICAL and ch not in HORIZONTAL)


def _segments(body: str) -> list[str]:
    """The stretches of a line between its separators and junctions."""
    out, current = [], ""
    for ch in body:
        if ch in VERTICAL or _is_junction(ch):
            out.append(current)
            current = ""
        else:
            current += ch
    return [*out, current]


def is_rule(line: str) -> bool:
    """A rule line: junctions joined by strokes (┌──┬──┐, +----+), mostly drawn; a cell merged down through it may
    print its text between two separators instead of a stroke (│类  ├────┤)."""
    body = line.strip(BLANKS + "\t")
    if sum(1 for c in body if _is_junction(c)) < 2:
        return False
    drawn = sum(1 for c in body if c in HORIZONTAL or c in VERTICAL or _is_junction(c))
    return drawn * 2 > len(body) and any(s and all(c in HORIZONTAL for c in s) for s in _segments(body))


def is_content(line: str) -> bool:
    """A line of cells: opened and closed by a column separator."""
    body = line.strip(BLANKS + "\t")
    return len(body) >= 2 and body[0] in VERTICAL and body[-1] in VERTICAL


def _placed(line: str, width: Width) -> list[tuple[int, str]]:
    """Each character of a line with the display column it starts at."""
    out, col = [], 0
    for ch in line:
        out.append((col, ch))
        col += width(ch)
    return out


@dataclass
class _Cell:
    """A cell being rebuilt: its fragments, line by line, and whether each filled the cell to its right edge."""

    fragments: list[tuple[str, bool]] = field(default_factory=list)

    def text(self) -> str:
        """The fragments joined: a Chinese line or a word cut at the edge runs on; a word that wrapped whole takes a
        space before the next one."""
        out, filled_prev = "", True
        for frag, filled in self.fragments:
            if out and not filled_prev and out[-1].isascii() and out[-1].isalnum() and frag[0].isascii():
                out += " "
            out += frag
            filled_prev = filled
        return out


@dataclass
class _Band:
    """The lines between two rule lines: one row of the table."""

    first: int  # index of its first line in the file
    cells: list[_Cell]
    spans: int  # how many cells the row has (merged cells count once)


class _Grid:
    """One box-drawn table: its column boundaries (display columns) under one width convention."""

    def __init__(self, lines: list[str], width: Width) -> None:
        self.lines = lines
        self.width = width
        self.bounds = sorted(
            {
                col
                for line in lines
                if is_rule(line)
                for col, ch in _placed(line, width)
                if _is_junction(ch) or ch in VERTICAL
            }
        )

    def fit(self) -> int:
        """Separators of the content lines standing on a boundary, less those that do not: how well it reads."""
        bounds, score = set(self.bounds), 0
        for line in self.lines:
            if not is_rule(line):
                score += sum(1 if col in bounds else -1 for col, ch in _placed(line, self.width) if ch in VERTICAL)
        return score

    def rows(self) -> list[_Band]:
        """The table's rows, each cell rebuilt from its fragments; a cell no rule closes below (merged down) goes on
        in the next row, which repeats it."""
        bands: list[_Band] = []
        open_above: list[bool] = [False] * (len(self.bounds) - 1)
        band: list[int] = []
        for i, line in enumerate([*self.lines, ""]):
            if i < len(self.lines) and not is_rule(line):
                band.append(i)
                continue
            if band:
                previous = bands[-1] if bands else None
                bands.append(self._band(band, previous, open_above))
                band = []
            if i < len(self.lines):
                open_above = self._open_columns(line)
                if bands:
                    self._carry(line, bands[-1], open_above)
        return bands

    def _carry(self, rule: str, band: _Band, open_columns: list[bool]) -> None:
        """The text a cell merged down prints on the rule line below its row: a fragment of that cell."""
        for k, is_open in enumerate(open_columns):
            if is_open:
                self._add_fragment(band.cells[k], rule, self.bounds[k], self.bounds[k + 1])

    def _open_columns(self, rule: str) -> list[bool]:
        """Per column, True when the rule line draws no stroke across it (a cell merged with the row below)."""
        placed = _placed(rule, self.width)
        out = []
        for left, right in pairwise(self.bounds):
            inside = [ch for col, ch in placed if left < col < right]
            out.append(not any(ch in HORIZONTAL for ch in inside))
        return out

    def _closed(self, band: list[int]) -> list[int]:
        """The boundaries a separator stands on in most of the row's lines (a merged cell has none inside it)."""
        counts = dict.fromkeys(self.bounds, 0)
        for i in band:
            for col, ch in _placed(self.lines[i], self.width):
                if ch in VERTICAL and col in counts:
                    counts[col] += 1
        return [b for b in self.bounds if counts[b] * 2 > len(band)]

    def _band(self, band: list[int], previous: _Band | None, open_above: list[bool]) -> _Band:
        """One row: a cell per span between closed boundaries, repeated over the columns it spans; a column the rule
        above leaves open goes on with the cell of the row before."""
        closed = self._closed(band)
        cells = [_Cell() for _ in open_above]
        for left, right in pairwise(closed):
            k, end = self.bounds.index(left), self.bounds.index(right)
            cell = previous.cells[k] if previous is not None and open_above[k] else _Cell()
            for i in band:
                self._add_fragment(cell, self.lines[i], left, right)
            cells[k:end] = [cell] * (end - k)
        return _Band(band[0], cells, max(len(closed) - 1, 0))

    def _add_fragment(self, cell: _Cell, line: str, left: int, right: int) -> None:
        """The line's characters between two separators, if any, as the cell's next fragment; it fills the cell when
        it leaves no more room on its right than the cell's margin on its left (a word cut there, not wrapped)."""
        chars = [(col, ch) for col, ch in _placed(line, self.width) if left < col < right and ch not in BLANKS]
        if not chars:
            return
        (first, _), (last, last_ch) = chars[0], chars[-1]
        text = "".join(ch for col, ch in _placed(line, self.width) if first <= col <= last)
        cell.fragments.append((text, right - last - self.width(last_ch) <= first - left - 1))


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of rule and content lines that draws a table."""
    out, i = [], 0
    while i < len(lines):
        j = i
        while j < len(lines) and (is_rule(lines[j]) or is_content(lines[j])):
            j += 1
        if j > i and any(is_rule(ln) for ln in lines[i:j]):
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _read(lines: list[str]) -> _Grid | None:
    """The block under the width convention that fits it best, or None when it is no table."""
    fit, grid = max(((g.fit(), g) for g in (_Grid(lines, width) for width in WIDTHS)), key=lambda pair: pair[0])
    content = sum(1 for ln in lines if not is_rule(ln))
    if len(grid.bounds) < MIN_COLUMNS + 1 or content < MIN_CONTENT_LINES or fit <= 0:
        return None
    return grid


def _row_line(band: _Band) -> str:
    """A row as the parser reads table rows: tab-joined cells, or a caption spanning the table as plain text."""
    texts = [cell.text() for cell in band.cells]
    return texts[0] if band.spans <= 1 else "\t".join(texts)


def box_table_lines(lines: list[str]) -> list[str]:
    """The lines with every box-drawn table turned into one tab-joined line per row, written on the row's first
    line; the table's other lines become empty, so every line keeps its number."""
    out = list(lines)
    for start, end in _blocks(lines):
        grid = _read(lines[start:end])
        if grid is None:
            continue
        out[start:end] = [""] * (end - start)
        for band in grid.rows():
            if any(cell.fragments for cell in band.cells):
                out[start + band.first] = _row_line(band)
    return out

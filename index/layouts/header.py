"""A table's header over one row or two: a parent cell spanning child columns (经费安排（万元） over 州财政资助 |
自筹配套, 考核指标 over 中期考核 | 结题考核), the other cells spanning both rows. Loaders give a table as a full grid
(a merged cell repeated in every column and row it covers, or left empty there), so the second row is told by its
shape: the cells beside the spans repeat the first row or are empty, the cells under a span name its columns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.normalize import Line
from index.vocab import units


def _key(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


# A child column's name: a short phrase with words (州财政资助, 中期考核, 2026年), not a value (30, 不低于1:1).
_CHILD_NAME = re.compile(r"^(?=.*[\u4e00-\u9fffA-Za-z])[^。；;，,:：、]{2,16}$")


@dataclass(frozen=True)
class Header:
    """The header of a table at line `at`: a name per column, and over a child column the parent that spans it."""

    at: int
    cells: list[str]
    parents: list[str]
    printed: list[list[str]]  # the header's rows as printed (keys), to skip when printed again on the next page

    @property
    def depth(self) -> int:
        """How many rows the header takes (1 or 2)."""
        return len(self.printed)

    def head(self, k: int) -> str:
        """Column k's header as a single cell would print it: a child column under a parent printing its unit
        (经费安排（万元）) carries that unit (州财政资助（万元）), so its bare numbers read with it."""
        cell, parent = self.cells[k], self.parents[k]
        structure = units().structure
        _name, unit = structure.header_unit_of(parent) if parent else ("", "")
        if unit and not structure.header_unit_of(cell)[1]:
            return f"{cell}（{unit}）"
        return cell


def _parents(first: list[str], second: list[str]) -> list[str] | None:
    """The parent over each column when `second` is the lower row of a two-row header under `first` ('' over a
    column named on both rows), or None when it is not: every parent spans two or more distinct child names, and
    each other column repeats the first row's cell (a cell spanning both rows) or is empty."""
    parents: list[str] = []
    current = ""
    for top, low in zip(first, second, strict=True):
        if top:
            current = top
        if not low or low == top:
            parents.append("")
            current = ""
            continue
        if not current or not _CHILD_NAME.match(low):
            return None
        parents.append(current)
    groups: dict[str, list[str]] = {}
    for parent, low in zip(parents, second, strict=True):
        if parent:
            groups.setdefault(parent, []).append(low)
    if not groups or any(len(kids) < 2 or len(set(kids)) != len(kids) for kids in groups.values()):
        return None
    return parents


def table_header(lines: list[Line], h: int) -> Header:
    """The header of the table whose first header row is line h: over two rows when the next line is its lower
    row, else line h alone."""
    first = [_key(c) for c in lines[h].cells]
    if h + 1 < len(lines) and len(lines[h + 1].cells) == len(first):
        second = [_key(c) for c in lines[h + 1].cells]
        if (parents := _parents(first, second)) is not None:
            cells = [low or top for top, low in zip(first, second, strict=True)]
            return Header(h, cells, parents, [first, second])
    return Header(h, list(lines[h].cells), [""] * len(first), [first])

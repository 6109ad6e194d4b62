"""A table's header over one row or several: a parent cell spanning child columns (经费安排（万元） over 州财政资助 |
自筹配套, 考核指标 over 中期考核 | 结题考核), a child that is itself a parent one row further down (经费安排（万元） over
省级财政资助 | 单位自筹, 省级财政资助 over 资助总额 | 首期拨付), the other cells spanning all the rows below them. Loaders
give a table as a full grid (a merged cell repeated in every column and row it covers, or left empty there), so each
lower row is told by its shape: the cells beside the spans repeat the row above or are empty, the cells under a span
name its columns. A column's name is its lowest cell (the leaf), its parents the spans above it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.normalize import Line
from index.vocab import units

MAX_DEPTH = 4  # header rows a table may stack (a group over a group over the leaf names, and one more)


def _key(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


# A child column's name: a short phrase with words (州财政资助, 中期考核, 2026年), not a value (30, 不低于1:1).
_CHILD_NAME = re.compile(r"^(?=.*[\u4e00-\u9fffA-Za-z])[^。；;，,:：、]{2,16}$")


@dataclass(frozen=True)
class Header:
    """The header of a table at line `at`: a name per column, and over each column the parents spanning it
    (outermost first, none over a column named on every row)."""

    at: int
    cells: list[str]
    parents: list[tuple[str, ...]]
    printed: list[list[str]]  # the header's rows as printed (keys), to skip when printed again on the next page

    @property
    def depth(self) -> int:
        """How many rows the header takes."""
        return len(self.printed)

    def head(self, k: int) -> str:
        """Column k's header as a single cell would print it: a child column under a parent printing its unit
        (经费安排（万元）, also two rows up) carries that unit (州财政资助（万元）), so its bare numbers read with it."""
        cell = self.cells[k]
        structure = units().structure
        if structure.header_unit_of(cell)[1]:
            return cell
        unit = next((u for p in reversed(self.parents[k]) if (u := structure.header_unit_of(p)[1])), "")
        return f"{cell}（{unit}）" if unit else cell


def _spans(kids: list[str]) -> list[str]:
    """A parent's child names, one per span: a child merged over two columns (filled in both) counts once."""
    return [kid for n, kid in enumerate(kids) if n == 0 or kid != kids[n - 1]]


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
    kids = [_spans(names) for names in groups.values()]
    if not kids or any(len(names) < 2 or len(set(names)) != len(names) for names in kids):
        return None
    return parents


def _nested(rows: list[list[str]]) -> tuple[list[str], list[tuple[str, ...]]] | None:
    """(leaf name, parents) of each column of a header printed over `rows`, or None when some row is not the lower
    row of the one above it. Read from the bottom up: once a pair of rows is read, the upper one stands with its
    spans filled over their children, as the lower row of the row above it."""
    lower = rows[-1]
    chains: list[tuple[str, ...]] = [()] * len(lower)
    for upper in reversed(rows[:-1]):
        parents = _parents(upper, lower)
        if parents is None:
            return None
        chains = [((p,) if p else ()) + chain for p, chain in zip(parents, chains, strict=True)]
        lower = [p or top for p, top in zip(parents, upper, strict=True)]
    leaves = [next((row[k] for row in reversed(rows) if row[k]), "") for k in range(len(lower))]
    return leaves, chains


def table_header(lines: list[Line], h: int) -> Header:
    """The header of the table whose first header row is line h: over as many rows (up to MAX_DEPTH) as read as
    one nested header, else line h alone."""
    rows = [[_key(c) for c in lines[h].cells]]
    header = Header(h, list(lines[h].cells), [()] * len(rows[0]), list(rows))
    for k in range(h + 1, min(len(lines), h + MAX_DEPTH)):
        if len(lines[k].cells) != len(rows[0]):
            break
        rows.append([_key(c) for c in lines[k].cells])
        if (nested := _nested(rows)) is not None:
            header = Header(h, nested[0], nested[1], list(rows))
    return header

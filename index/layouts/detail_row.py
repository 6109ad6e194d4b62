"""Tables with two rows per unit: a title row shaped like the header (序号 | 指南代码 | 项目名称 | 项目类别 | 拟支持数)
and under it one detail row, a cell merged across the table holding the unit's labelled clauses ("研究内容：… 考核指标：…
支持强度：…", as paragraphs, soft line breaks or run together). Excel-style lists and 揭榜 tables are laid out so: the
header names only the short columns, the long text goes below. The detail row belongs to the unit of the row above;
the loaders give a merged cell once per column it covers, and a key cell merged down both rows (the code) again in
the detail row, so a detail row is told by its cells, not by its width."""

from __future__ import annotations

import re

from index.layouts.common import inline_clauses, make_clause
from index.models import Clause

# Columns that name a unit rather than state a clause: the detail row leaves them empty, merged over, or repeated.
KEY_ROLES = ("label", "serial", "title", "group")
_MIN_UNITS = 2  # a table is read so when at least this many units have a detail row
_BLANK = re.compile(r"\s+")


def _same(a: str, b: str) -> bool:
    return _BLANK.sub("", a) == _BLANK.sub("", b)


def detail_text(cells: list[str], above: list[str] | None, roles: list[str]) -> str:
    """The text of a unit's detail row: one text opening with a labelled clause, filling the row's cells but the key
    ones, which are empty, covered by it, or the cell of the unit's row above merged down (the code); '' when the row
    is not one (a unit's own row, a band heading a group, a note)."""
    if above is None:
        return ""
    values = [
        c
        for k, c in enumerate(cells)
        if c.strip() and not (k < len(roles) and roles[k] in KEY_ROLES and k < len(above) and _same(c, above[k]))
    ]
    if len({_BLANK.sub("", c) for c in values}) != 1:
        return ""
    return values[0] if inline_clauses(values[0].strip()) else ""


def detail_clauses(text: str, lines: tuple[int, int]) -> list[Clause]:
    """The clauses of a detail row's text, each filed under its label's kind."""
    return [make_clause(label, value.strip(), lines) for label, value in inline_clauses(text.strip()) or [] if value]


def has_detail_rows(rows: list[list[str]], roles: list[str]) -> bool:
    """Do the table's units each come with a detail row: at least two units' rows, and half of them, followed by one?"""
    title = roles.index("title") if "title" in roles else -1
    units = followed = 0
    above: list[str] | None = None
    for cells in rows:
        if detail_text(cells, above, roles):
            followed += 1
            above = None
            continue
        above = cells if 0 <= title < len(cells) and cells[title].strip() and len(set(cells)) > 1 else None
        units += above is not None
    return followed >= _MIN_UNITS and followed * 2 >= units

"""A table column whose every cell holds all the clauses of its row's unit (序号 | 项目编号 | 项目名称 | 具体要求, the
last cell "1.研究内容：… 2.考核指标：… 3.支持强度：…"). Word writers type them as one paragraph per clause, as one
paragraph cut by soft line breaks, or run together ("1、研究内容:…"); loaders give the cell as one text, so the
clauses are told by their labels, as a clause line of a unit is (index/layouts/common.py inline_clauses)."""

from __future__ import annotations

from index.layouts.common import inline_clauses, make_clause
from index.models import Clause

# The role of such a column among a header's roles (label, serial, title, group, a clause kind).
CLAUSE_CELL = "clauses"

_MIN_CLAUSES = 2  # a cell states at least this many labelled clauses
_MIN_ROWS = 2  # and so do at least this many units' cells of the column


def cell_clauses(cell: str) -> list[tuple[str, str]]:
    """The (label, value) pairs of a cell that opens with a labelled clause and holds two or more; [] for any other
    cell (a single clause's text, a value, prose naming a label in passing)."""
    pairs = inline_clauses(cell.strip()) or []
    return pairs if len(pairs) >= _MIN_CLAUSES else []


def clause_cell_roles(rows: list[list[str]], roles: list[str], keys: tuple[str, ...]) -> list[str]:
    """The roles with each column that is not a key column (`keys`: label, title, …) marked CLAUSE_CELL when most of
    the units' cells in it (two at least) hold their clauses."""
    marked = list(roles)
    for k, role in enumerate(roles):
        if role in keys:
            continue
        column = [row[k] for row in rows if len(row) > k and row[k].strip()]
        held = sum(1 for cell in column if cell_clauses(cell))
        if held >= _MIN_ROWS and held * 2 > len(column):
            marked[k] = CLAUSE_CELL
    return marked


def clauses_of_cell(cell: str, lines: tuple[int, int]) -> list[Clause]:
    """The clauses a cell of a CLAUSE_CELL column states, each filed under its label's kind."""
    return [make_clause(label, value, lines) for label, value in cell_clauses(cell) if value]

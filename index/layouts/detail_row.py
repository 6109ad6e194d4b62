"""Table units printed over two rows: a title row (编号 | 名称 | 发榜方 | 榜金 | …) and under it a detail row, one cell
merged across the table holding the unit's labelled paragraphs (技术需求：… 考核指标：…). The code cell merged down over
both rows comes again in the detail row (the PDF and HTML loaders repeat a merged cell in each row it covers), or the
detail cell covers the key columns too (Word's merged cell repeated per column it spans): either way the row names no
unit of its own, its paragraphs are clauses of the unit above."""

from __future__ import annotations

from index.layouts.common import inline_clauses, make_clause
from index.models import Clause

# Labelled paragraphs a detail row holds at least: one when it prints the unit's code again, two when it does not
# (a merged row of one labelled clause and no code could as well be a band stating a rule for the rows below).
_MIN_WITH_KEY = 1
_MIN_WITHOUT_KEY = 2


def detail_clauses(cells: list[str], keys: list[str], lines: tuple[int, int]) -> list[Clause]:
    """The clauses of a row that details the unit above it, whose key cells (code, running number, title) were
    `keys`; [] for any other row. The row holds one text besides those keys (once, or repeated over the columns
    its merged cell spans), and that text opens with a known clause label."""
    printed = {k.strip() for k in keys if k.strip()}
    texts = {c.strip() for c in cells if c.strip()} - printed
    if len(texts) != 1:
        return []
    text = texts.pop()
    pairs = [(label, value) for label, value in inline_clauses(text) or [] if value]
    repeated = any(c.strip() in printed for c in cells)
    if len(pairs) < (_MIN_WITH_KEY if repeated else _MIN_WITHOUT_KEY):
        return []
    return [make_clause(label, value, lines) for label, value in pairs]

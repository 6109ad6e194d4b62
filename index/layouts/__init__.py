"""Layout families: each parses a guide's logical lines its own way; the best-scoring result wins.

A family is a class with `name` and `parse(lines) -> ParseResult`; its ParseResult.score() says how
much structure it found. Families are tried in LAYOUTS order and the first keeps a tie, so the seeds'
family (classic) wins unless another finds clearly more.
"""

from __future__ import annotations

from typing import Protocol

from index.layouts.classic import Classic
from index.layouts.common import ParseResult
from index.layouts.headed import Headed
from index.layouts.induced import Induced
from index.layouts.outline import Outline
from index.layouts.stacked import StackedTable
from index.layouts.table import LabelledTables, RowTable
from index.normalize import Line

# Another family must find this much more structure than the seeds' one to replace it.
MARGIN = 1.15


class Layout(Protocol):
    """One layout family."""

    name: str

    def parse(self, lines: list[Line]) -> ParseResult:
        """Parse logical lines into sections and units."""
        ...


LAYOUTS: list[Layout] = [Classic(), Headed(), RowTable(), StackedTable(), LabelledTables(), Outline(), Induced()]


def choose(results: list[ParseResult]) -> ParseResult:
    """The result with the most structure; the first (classic) unless another beats it by MARGIN."""
    best = results[0]
    for other in results[1:]:
        if other.score() > best.score() * (MARGIN if best is results[0] else 1.0) and other.score() > best.score():
            best = other
    return best

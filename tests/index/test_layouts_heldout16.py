"""The sixteenth held-out layout corpus (tests/fixtures/layouts_heldout16: a GB18030 marine call whose units open
with 【方向01】 and print each clause's value on the line after its label, a district .docx draft whose units are bold
"支持类别一" lines over unlabelled 1）2）… items, a markdown national-key-R&D style guide of tasks "1.1" with 指南编号
on its own line, a university page whose units are two-column label|value tables, a text PDF of 第X条 articles of
which five are units, a scan of ▲ DT-01 blocks whose figures sit in a summary table). Written blind; the first run
on 2026-12-03 (main at 8cd811b) answered 40.3% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import check_named, named_cases

HELDOUT16 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout16"

GAPS: dict[str, str] = {}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT16, GAPS)))
def test_heldout16_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)

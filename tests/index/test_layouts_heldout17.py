"""The seventeenth held-out layout corpus (tests/fixtures/layouts_heldout17: a .docx list of platforms whose rows
merge their category cells and whose figures sit in a second table keyed by code, a text PDF of 课题1-1 under 任务一
headings with 【label】 clauses and money in 元, a scan of run-on paragraphs with the code after the title, a GB18030
district draft of ①–⑥ units over "——label：" lines, a university markdown guide of nested bullets, a zone portal page
of card <div>s with an FAQ). Written blind; the first run on 2026-12-03 (main at 6aba616) answered 51.4% of its
questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import check_named, named_cases

HELDOUT17 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout17"

GAPS: dict[str, str] = {}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT17, GAPS)))
def test_heldout17_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_second_table_keyed_by_code_reads_its_header_units():
    from tests.index.test_layouts_heldout5 import _parsed

    unit = _parsed(HELDOUT17 / "xunxiao_lab_2026.docx").project("CX-04")
    funding = unit.clause("支持额度")  # 500 under 支持额度（万元）
    assert (funding.kind, funding.text) == ("funding", "500万元")

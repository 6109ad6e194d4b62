"""The eighteenth held-out layout corpus (tests/fixtures/layouts_heldout18: a city .docx draft with tracked changes
and reviewer comments, a WeChat article of 榜单 cards in nested <section>s, a GB18030 county text whose units are
rows of a box-drawn 附表, 语雀 markdown of ::: containers, a text PDF of borderless label/value tables, a scanned
university call with a sideways table page). Written blind; the first run on 2026-12-03 (main at c7b0bf2) answered
18.1% of its questions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from index.load import load_source
from index.parse import build_guide
from tests.index.test_layouts_heldout5 import check_named, named_cases

HELDOUT18 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout18"

GAPS: dict[str, str] = {
    "taoguo_softsci_2027.docx": "tracked insertions are dropped: the inserted 指南方向（六） is lost",
    "suiyao_jiebang_2026.html": "a card's ◆ label rows lose 揭榜方式",
    "feilou_talent_2024.txt": "the units are rows of a box-drawn text table",
    "zhenlai_nsf_2026.md": "the units are 语雀 ::: containers",
    "weiyun_intl_2026.pdf": "the units are borderless label/value tables",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT18, GAPS)))
def test_heldout18_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


@cache
def _scanned_guide():
    """The scanned university call (OCR of three pages, so parsed once for the tests below)."""
    path = HELDOUT18 / "huangmao_kjxy_2026.pdf"
    return build_guide(load_source(path).text, guide_id=path.stem, source=path.name)


def test_sideways_table_page_is_read_upright_into_units_with_their_category():
    guide = _scanned_guide()
    c2 = next(p for p in guide.projects if p.label == "C2")
    assert c2.title == "乡村振兴优秀案例奖励"
    assert c2.group == "成果推广"  # the 类别 cell merged over C1 and C2
    assert c2.clause("资助标准").text == "省级案例奖励3万元,国家级案例奖励10万元"
    assert c2.clause("执行期限") is None  # a "/" cell: not set


def test_sideways_table_row_keeps_each_column_as_its_clause():
    projects = {p.label: p for p in _scanned_guide().projects}
    assert projects["B1"].clause("资助标准").text == "每个服务团每年资助8万元"
    assert projects["B1"].clause("执行期限").text.startswith("3年")
    # a line of text read across two cells is cut between them at the right character
    assert projects["A1"].clause("考核指标").text.startswith("驻点研究生不少于3名")
    assert projects["A1"].clause("建设(服务)内容").text.endswith("的服务模式")

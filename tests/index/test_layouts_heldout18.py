"""The eighteenth held-out layout corpus (tests/fixtures/layouts_heldout18: a city .docx draft with tracked changes
and reviewer comments, a WeChat article of 榜单 cards in nested <section>s, a GB18030 county text whose units are
rows of a box-drawn 附表, 语雀 markdown of ::: containers, a text PDF of borderless label/value tables, a scanned
university call with a sideways table page). Written blind; the first run on 2026-12-03 (main at c7b0bf2) answered
18.1% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT18 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout18"

GAPS: dict[str, str] = {
    "taoguo_softsci_2027.docx": "tracked insertions are dropped: the inserted 指南方向（六） is lost",
    "suiyao_jiebang_2026.html": "a card's ◆ label rows lose 揭榜方式",
    "zhenlai_nsf_2026.md": "the units are 语雀 ::: containers",
    "weiyun_intl_2026.pdf": "the units are borderless label/value tables",
    "huangmao_kjxy_2026.pdf": "the scan's table page is sideways",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT18, GAPS)))
def test_heldout18_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_box_drawn_table_row_is_rebuilt_column_by_column():
    unit = _parsed(HELDOUT18 / "feilou_talent_2024.txt").project("RC24-01")
    assert unit.title == "顶尖人才团队"
    assert unit.clause_of_kind("funding").text == "给予最高500万元项目资助,分三年拨付"  # two lines of one cell
    assert unit.clause_of_kind("indicators").text.endswith("新增授权发明专利不少于10件")


def test_a_dash_cell_of_a_box_drawn_table_sets_no_clause_and_an_article_is_titled_by_its_run_in_heading():
    guide = _parsed(HELDOUT18 / "feilou_talent_2024.txt")
    unit = guide.project("RC24-04")
    assert [c.name for c in unit.clauses if c.kind in ("period", "indicators", "quota")] == []
    assert next(c for c in unit.clauses if c.name == "备注").text.startswith("获批时间须在2023年")
    assert {"申报时间", "限项规定", "联系方式"} <= {s.title for s in guide.sections}  # 第七条 申报时间。2024年…
    assert next(s for s in guide.sections if s.title == "申报时间").text.startswith("2024年3月18日至2024年4月19日")

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
    "feilou_talent_2024.txt": "the units are rows of a box-drawn text table",
    "zhenlai_nsf_2026.md": "the units are 语雀 ::: containers",
    "huangmao_kjxy_2026.pdf": "the scan's table page is sideways",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT18, GAPS)))
def test_heldout18_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def _clause(unit, name: str) -> str:
    return next(c.text for c in unit.clauses if c.name == name)


@pytest.fixture(scope="module")
def weiyun_units() -> dict:
    return {u.label: u for u in _parsed(HELDOUT18 / "weiyun_intl_2026.pdf").projects}


def test_a_borderless_label_column_gives_each_unit_its_wrapped_labels_and_whole_values(weiyun_units):
    partner = _clause(weiyun_units["2026GH01"], "合作伙伴要求")
    assert "并承诺投入相应的人员和配套资源" in partner and "要求" not in partner
    assert weiyun_units["2026GH02"].title == "“一带一路”联合实验室建设"
    assert "邀请函" in _clause(weiyun_units["2026GH06"], "申报人条件")


def test_a_label_table_row_after_a_page_break_stays_with_its_unit(weiyun_units):
    assert _clause(weiyun_units["2026GH03"], "拟支持项目数").endswith("10人")

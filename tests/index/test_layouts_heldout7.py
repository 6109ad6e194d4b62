"""The seventh held-out layout corpus (tests/fixtures/layouts_heldout7: a .docx with one key–value table per
project, a landscape PDF whose projects are rows of a table running over two pages, a GB2312 web page laid out in
a table, a hard-wrapped 揭榜挂帅 list with 需求编号 codes, a markdown notice of three programmes, a scanned county
guide): each guide parses to its units and clauses. Written blind; on 2026-12-01 the web page parsed to sections
only and two titles were misread; now tuning data."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.load import load_source
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT7 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout7"


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT7)))
def test_heldout7_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_page_laid_out_in_a_table_keeps_its_paragraphs_as_lines():
    lines = load_source(HELDOUT7 / "lucen_shfz_2025.htm").text.splitlines()
    assert "三、申报时间" in lines  # a heading of its own, not glued into one cell with the whole article
    assert any(ln.startswith("资助额度：区财政资助不超过60万元") for ln in lines)
    assert not any("相关链接" in ln or "请输入关键字" in ln for ln in lines)  # the sidebar and search form


def test_a_markdown_export_drops_comments_and_the_breadcrumb():
    guide = _parsed(HELDOUT7 / "longning_kjjh_2023.md")  # <!-- 转载自… -->, [首页](/) > [通知公告](/tzgg/) > 正文
    assert guide.title == "泷宁省科学技术厅关于发布2023年度省科技计划项目申报指南的通知"


def test_a_signature_date_is_no_part_of_the_annex_title_below_it():
    guide = _parsed(
        HELDOUT7 / "xuan_gjgg_2025.pdf"
    )  # 溆安市科学技术局 / 2025年5月8日 / 2025年溆安市…指南（征求意见稿）
    assert guide.title == "2025年溆安市产业关键核心技术攻关项目申报指南（征求意见稿）"
    assert guide.status == "draft"


def test_a_totals_row_is_no_unit():
    guide = _parsed(HELDOUT7 / "xuan_gjgg_2025.pdf")  # 合计 | 8项 | | | 2350万元
    assert len(guide.projects) == 8
    assert guide.projects[-1].title == "特高压绝缘子缺陷智能巡检系统"


def test_units_headed_by_a_number_go_by_their_code_field():
    guide = _parsed(HELDOUT7 / "nanyu_jbgs_2025.txt")  # 榜单三 / 需求编号：NY-JB2025-203 / 需求名称：…
    unit = guide.project("NY-JB2025-203")
    assert (unit.aka, unit.title) == ("榜单三", "港口集装箱岸桥远程操控系统")
    assert unit.clause_of_kind("funding").text.startswith("1200万元")

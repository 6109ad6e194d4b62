"""The twenty-first held-out layout corpus (tests/fixtures/layouts_heldout21, two parts of three guides: a province's
bilingual 国际科技合作 .docx whose clause labels carry their English names, a district 科技局 page whose units are a
<dl> with a 政策答疑 accordion, a city's text PDF whose units are the columns of a transposed table cut by a page break,
a 揭榜挂帅 markdown notice in two 批次 whose 榜单 numbers restart, a 林业 .docx whose units live only in one stacked
table of one row per clause, an 应急管理局 page that is a pdf2htmlEX preview of positioned lines). Written blind; the
first run on 2026-12-03 (main at 943d11b) answered 48.6% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.parse import build_guide
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT21 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout21"

GAPS: dict[str, str] = {
    "kuizhen_intl_2026.docx": "bilingual clause labels (支持强度 Funding：…) under code + title lines: sections only",
    "luoyi_linye_2027.docx": "units only in one stacked table of one row per clause, code and title merged down: sections only",
    "qifan_anquan_2025.html": "a pdf2htmlEX page of absolutely positioned line divs: 2 of 6 units",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT21, GAPS)))
def test_heldout21_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_unit_of_a_definition_list_reads_its_nested_clauses_and_the_faq_after_the_sign_off_is_notice_text():
    guide = _parsed(HELDOUT21 / "xihou_kjzx_2025.html")
    unit = guide.project("专项一")
    assert unit.title == "企业研发投入后补助"
    assert unit.clause_of_kind("period").text == "2024年1月1日至2024年12月31日"  # 核算期间
    last = guide.project("专项六")
    assert last.clauses[-1].text == "10项"  # 拟立项数, the 政策答疑 below the notice is not folded into it
    assert not any("问:" in c.text for u in guide.projects for c in u.clauses)
    faq = next(s for s in guide.sections if s.title == "政策答疑")  # 附：政策答疑 after the 落款
    assert faq.kind == "notice" and "1970年1月1日以后出生" in faq.items[2].text


def test_a_transposed_table_cut_by_a_page_break_gives_each_column_unit_its_title_and_clauses():
    guide = _parsed(HELDOUT21 / "jianshao_weilai_2027.pdf")
    assert [p.title for p in guide.projects][2] == "低空飞行器适航验证与城市低空运行管理平台"  # the 方向名称 row
    unit = guide.project("方向四")
    assert unit.clause_of_kind("funding").text == "按项目研发总投入的20%给予资助,最高200万元"  # NFKC
    assert unit.clause_of_kind("organisation").text == "公开竞争"  # a row after the header printed again
    assert "备注" not in [c.name for c in guide.project("方向一").clauses]  # its cell is —


def test_a_table_with_a_column_per_unit_continued_under_its_header_again_after_a_short_line():
    header = "指标\t方向A\t方向B\t方向C\n"
    text = (
        "关于征集2027年度示范方向的通知\n一、支持方向\n"
        + header
        + "方向名称\t智能传感\t储能材料\t低空导航\n研究内容\t研制传感器。\t研制电芯。\t研制导航系统。\n"
        + "支持额度\t最高100万元\t最高80万元\t最高60万元\n"
        + "续表\n"
        + header
        + "实施期限\t2年\t3年\t2年\n申报主体\t企业\t企业\t高校\n"
        + "二、联系方式\n电话：0000-1234567\n"
    )
    guide = build_guide(text, guide_id="t", source="t.txt")
    assert [p.title for p in guide.projects] == ["智能传感", "储能材料", "低空导航"]
    unit = guide.project("方向B")
    assert unit.clause_of_kind("funding").text == "最高80万元"
    assert unit.clause_of_kind("period").text == "3年"

"""The twentieth held-out layout corpus (tests/fixtures/layouts_heldout20, two parts of three guides: a province's
text PDF whose units are rows of a table with a three-row header split across pages, a county's .docx of card tables
whose head prints the project's name before its code, a 气象局 web page whose units sit in tab panels with each label
joined to its value, a scanned 中医药 notice of "1." units with inline clauses and tiers written without 万元, a
pandoc markdown 自然科学基金 guide of 指南代码 definition lists under a per-category grid table, a university's
Word 97 .doc of 专题 over 子课题). Written blind; the first run on 2026-12-03 (main at 3acacf3) answered 50.0% of
its questions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from index.layouts.glued import glued_labels
from index.load import load_source
from index.normalize import Line
from index.parse import build_guide
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT20 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout20"

GAPS: dict[str, str] = {}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT20, GAPS)))
def test_heldout20_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_guide_code_in_a_pandoc_definition_list_is_a_unit_under_its_faculty_heading():
    guide = _parsed(HELDOUT20 / "kunzi_nsf_2027.md")
    unit = guide.project("E0407")
    assert unit.title == "新型储能材料与器件"
    assert unit.group.endswith("工程与材料科学部(E)")  # the 学部 heading above the codes, NFKC as every text
    assert unit.clause_of_kind("funding").text.startswith("本代码重点项目每项资助60万元")
    assert guide.project("U2701").clause_of_kind("indicators").text.startswith("须在联合方所属企业完成中试验证")


def test_a_pandoc_grid_tables_wrapped_cells_are_read_as_one_row_each():
    rows = [line.split("\t") for line in load_source(HELDOUT20 / "kunzi_nsf_2027.md").text.split("\n") if "\t" in line]
    youth = next(row for row in rows if row[0] == "青年项目")
    assert youth[1:3] == ["每项5万元", "2年（2027年1月—2028年12月）"]
    assert youth[3].startswith("男性1992年1月1日以后出生，女性1987年1月1日以后出生")


@cache
def _weather_page():
    return _parsed(HELDOUT20 / "xinglu_qixiang_2027.html")


def test_a_hidden_tab_panel_is_read_under_its_tab_label_with_the_rules_boxed_over_its_units():
    guide = _weather_page()
    unit = guide.project("QX2027-Q02")
    assert unit.group == "青年项目(3项)"  # the label of the tab whose panel the page hides (display:none)
    assert unit.clause("指导专家").text == "须为从事数值预报或新能源气象服务的正高级工程师。"
    box = next(s for s in guide.sections if s.kind == "group" and s.title == "青年项目(3项)")
    assert "1992年1月1日以后出生" in box.text  # the 青年项目 rules: the category's, no clause of the unit before them
    assert "1992" not in guide.project("QX2027-Z04").clause("拟立项数").text


def test_labels_glued_to_their_values_are_fields_but_a_sentence_opening_with_a_label_word_is_not():
    unit = _weather_page().project("QX2027-Z03")
    assert unit.clause_of_kind("funding").text == "20万元"
    assert unit.clause_of_kind("period").text == "18个月(2027年3月—2028年8月)"  # not run on into 合作要求
    assert unit.clause("合作要求").text.startswith("须与市水务")
    prose = [
        Line(t, n, n) for n, t in enumerate(["研究内容和考核指标是否科学合理", "资助经费30万元", "研究期限2年"] * 2)
    ]
    assert glued_labels(prose) == prose  # a label word running on into a sentence breaks every run


def test_a_money_column_two_header_rows_below_its_unit_reads_its_bare_figures_with_the_unit():
    unit = _parsed(HELDOUT20 / "yangyong_keyrd_2026.pdf").project("YF2026-01")
    funding = {c.name: c.text for c in unit.clauses if c.kind == "funding"}
    assert funding == {"资助总额": "800万元", "首期拨付": "480万元", "单位自筹": "不低于1600万元"}
    assert unit.clause_of_kind("period").text == "3年(2026.07—2029.06)"  # a cell wrapped inside its number


def test_a_table_row_cut_by_the_page_break_is_one_unit_with_both_parts_of_its_cells():
    guide = _parsed(HELDOUT20 / "yangyong_keyrd_2026.pdf")
    unit = guide.project("YF2026-03")
    assert unit.title == "创新药物连续化制造工艺与装备"
    assert "过程分析技术(PAT),开发连续化制造中试装备" in unit.clause_of_kind("content").text
    assert unit.clause("牵头单位要求").text.endswith("牵头企业须有在研或已上市的1类创新药。")
    band = next(s for s in guide.sections if s.kind == "group")  # the band row's rule for its category's units
    assert "不低于2:1" in band.text and unit.group == band.title


def test_a_three_row_header_with_its_merged_cells_repeated_reads_the_money_unit_from_the_top_row():
    rows = [  # as a .docx or web table gives a merged cell: repeated in every column and row it covers
        ["编号", "项目名称", "经费（万元）", "经费（万元）", "经费（万元）", "实施周期"],
        ["编号", "项目名称", "财政资助", "财政资助", "自筹", "实施周期"],
        ["编号", "项目名称", "总额", "首期", "自筹", "实施周期"],
        ["A-01", "智能传感器芯片研发", "300", "180", "不低于300", "3年"],
        ["A-02", "工业软件平台研制", "200", "120", "不低于200", "2年"],
    ]
    text = "一、项目指南\n" + "\n".join("\t".join(r) for r in rows) + "\n二、联系方式\n张三，0000-1234567。"
    unit = build_guide(text, guide_id="t", source="t.txt").project("A-01")
    assert (unit.clause("总额").text, unit.clause("首期").text) == ("300万元", "180万元")
    assert unit.clause_of_kind("funding").name == "总额"  # 财政资助 over it names its kind

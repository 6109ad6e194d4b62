"""The twentieth held-out layout corpus (tests/fixtures/layouts_heldout20, two parts of three guides: a province's
text PDF whose units are rows of a table with a three-row header split across pages, a county's .docx of card tables
whose head prints the project's name before its code, a 气象局 web page whose units sit in tab panels with each label
joined to its value, a scanned 中医药 notice of "1." units with inline clauses and tiers written without 万元, a
pandoc markdown 自然科学基金 guide of 指南代码 definition lists under a per-category grid table, a university's
Word 97 .doc of 专题 over 子课题). Written blind; the first run on 2026-12-03 (main at 3acacf3) answered 50.0% of
its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.parse import build_guide
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT20 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout20"

GAPS: dict[str, str] = {
    "xinglu_qixiang_2027.html": "units in tab panels, labels joined to values without a colon: sections only",
    "zhanglong_zhongyi_2025.pdf": "a second inline clause after ；on one line (研究期限：3年；拟立项：…) is not split off",
    "kunzi_nsf_2027.md": "指南代码 in pandoc definition lists under a grid table: sections only",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT20, GAPS)))
def test_heldout20_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


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

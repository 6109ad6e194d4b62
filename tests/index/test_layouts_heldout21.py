"""The twenty-first held-out layout corpus (tests/fixtures/layouts_heldout21, two parts of three guides: a province's
bilingual 国际科技合作 .docx whose clause labels carry their English names, a district 科技局 page whose units are a
<dl> with a 政策答疑 accordion, a city's text PDF whose units are the columns of a transposed table cut by a page break,
a 揭榜挂帅 markdown notice in two 批次 whose 榜单 numbers restart, a 林业 .docx whose units live only in one stacked
table of one row per clause, an 应急管理局 page that is a pdf2htmlEX preview of positioned lines). Written blind; the
first run on 2026-12-03 (main at 943d11b) answered 48.6% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.load import load_source
from index.parse import build_guide, parse_text
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT21 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout21"

GAPS: dict[str, str] = {}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT21, GAPS)))
def test_heldout21_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def _guide(name: str):
    path = HELDOUT21 / name
    return build_guide(load_source(path).text, guide_id=path.stem, source=path.name)


def test_a_bilingual_clause_label_is_read_as_its_chinese_label_and_the_english_title_as_the_units_subtitle():
    unit = _guide("kuizhen_intl_2026.docx").project("GJ-NZ-02")
    assert unit.title == "草地畜牧业温室气体减排与优质牧草育种合作研究"
    assert unit.subtitle.startswith("China–New Zealand Cooperation")
    period = unit.clause_of_kind("period")
    assert (period.name, period.text) == ("实施期限", "2年(2026年7月—2028年6月)")  # NFKC, as every clause
    assert unit.clause("合作国别/地区").text == "新西兰"
    assert unit.clause("内容") is None  # the English title is no clause of the unit


def test_a_matrix_of_unit_codes_in_the_notice_makes_no_units_of_its_own():
    guide = _guide("kuizhen_intl_2026.docx")
    assert [p.label for p in guide.projects] == [
        "GJ-HU-01",
        "GJ-NZ-02",
        "GJ-IL-03",
        "GA-HK-01",
        "GA-MO-02",
        "YL-AS-01",
        "YL-CA-02",
    ]
    assert guide.project("YL-AS-01").group == "第三类“一带一路”联合实验室"


def test_a_stacked_table_reads_each_run_of_rows_sharing_a_code_as_one_unit():
    guide = _parsed(HELDOUT21 / "luoyi_linye_2027.docx")
    unit = next(p for p in guide.projects if p.label == "LT2702")
    assert unit.title == "退化草原乡土草种补播修复技术示范"
    assert unit.group == "推广示范类"
    assert unit.clause("实施期限").text == "3年(2027年1月—2029年12月)"
    assert unit.clause_of_kind("funding").text == "省级财政补助40万元/项。"


def test_a_note_row_under_a_unit_binds_the_unit_it_names_too():
    guide = _parsed(HELDOUT21 / "luoyi_linye_2027.docx")
    for label in ("LK2702", "LT2703"):
        unit = next(p for p in guide.projects if p.label == label)
        assert any("不得同时申报LT2703" in c.text for c in unit.clauses), label


def test_a_stacked_table_whose_merged_cells_are_left_empty_reads_the_same_units():
    rows = [
        "一、申报要求",
        "申报单位应为省内注册的独立法人。",
        "类别\t代码\t名称\t要素\t要求",
        "重点类\tZD01\t智慧灌区调度\t研究内容\t研发灌区水量实时调度模型。",
        "\t\t\t考核指标\t节水率不低于10%。",
        "\t\t\t支持强度\t50万元/项",
        "\tZD02\t盐碱地改良\t研究内容\t集成盐碱地土壤改良技术。",
        "\t\t\t考核指标\t改良面积不少于1000亩。",
        "\t\t\t支持强度\t40万元/项",
    ]
    _sections, projects, _title, _warnings = parse_text("\n".join(rows))
    assert [(p.label, p.title) for p in projects] == [("ZD01", "智慧灌区调度"), ("ZD02", "盐碱地改良")]
    assert projects[1].clause_of_kind("funding").text == "40万元/项"
    assert projects[1].group == "重点类"


def test_a_pdf2htmlex_preview_reads_a_clause_cut_by_a_page_break_whole():
    guide = _parsed(HELDOUT21 / "qifan_anquan_2025.html")
    content = guide.project("RK2025-01").clause_of_kind("content").text
    assert "主体责任落实现状和突出问题" in content  # the page break fell inside 落实现状
    assert guide.project("AQ2025-02").clause_of_kind("eligibility").text.startswith("企业牵头")


def test_a_pdf2htmlex_preview_joins_a_phone_cut_at_a_line_end():
    contact = next(s for s in _parsed(HELDOUT21 / "qifan_anquan_2025.html").sections if s.title == "联系方式")
    assert "联系电话0863-5528174" in contact.text


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

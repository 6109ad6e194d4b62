"""The nineteenth held-out layout corpus (tests/fixtures/layouts_heldout19, two parts of three guides: a 州 bureau's
web page whose body is a Word "Save as HTML" export with a two-level header table, a hospital's Word 97 .doc of one
small table per unit, a faxed park notice scanned with 【label】 clauses, a hospital's .docx of form-template cards in
content controls and nested tables, a 新区 draft text PDF three levels deep with numbered clause heads, a park's
markdown notice holding two programmes). Written blind; the first run on 2026-12-03 (main at 1a1b0a3) answered
45.8% of its questions."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from index.load import load_source
from index.parse import build_guide, parse_text
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT19 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout19"

GAPS: dict[str, str] = {}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT19, GAPS)))
def test_heldout19_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def _shegou():
    return _parsed(HELDOUT19 / "shegou_hosp_2026.docx")


def _clause(guide, label: str, name: str) -> str:
    unit = next(p for p in guide.projects if p.label == label)
    return next(c.text for c in unit.clauses if c.name == name)


def test_a_form_cards_code_name_and_values_are_read_from_its_content_controls():
    guide = _shegou()
    unit = next(p for p in guide.projects if p.label == "2026YJ02")
    assert unit.title == "青年科研启动专项"
    assert _clause(guide, "2026YJ02", "拟资助数") == "10项"
    # the 分档 table sits three levels deep, inside the 资助强度 control
    assert "A档20万元2项" in _clause(guide, "2026YJ01", "资助强度")


def test_the_notices_deadline_in_a_content_control_is_read_under_its_heading():
    section = next(s for s in _shegou().sections if s.title == "时间安排")
    assert "2026年4月10日17:00" in section.text


def test_a_control_showing_its_placeholder_is_no_value_and_a_text_box_is_read_once():
    text = load_source(HELDOUT19 / "shegou_hosp_2026.docx").text
    assert "单击或点击此处输入文字" not in text
    assert text.count("青年科研启动专项申报人不占所在科室限额") == 1  # Word's VML fallback copy is not read
    unit = next(p for p in _shegou().projects if p.label == "2026YJ05")
    assert "备注" not in [c.name for c in unit.clauses]


@cache
def _faxed_guide():
    """The faxed park notice (OCR of three scanned pages, so parsed once for the tests below)."""
    return _parsed(HELDOUT19 / "qinguo_yuanqu_2025.pdf")


def test_a_faxed_unit_cut_by_a_page_break_keeps_its_clauses_and_not_the_fax_header():
    guide = _faxed_guide()
    young = guide.project("6")  # its 【执行期限】 and 【申报条件】 lines are on the next page, under the fax header
    assert young.title == "青年创新人才项目"
    assert young.clause_of_kind("target").text == "园区企业全职聘用的青年研发人员。"  # 【扶持对象】, no colon
    assert young.clause("申报条件").text.startswith("年龄不超过35周岁(1990年1月1日以后出生)")
    assert young.clause("申报条件").text.endswith("并在园区缴纳社会保险。")
    assert not any("8852100" in c.text or "发自" in c.text for p in guide.projects for c in p.clauses)


def test_bracket_labels_misread_by_ocr_open_the_same_clauses_as_whole_ones():
    source = (HELDOUT19 / "qinguo_yuanqu_2025.source.txt").read_text(encoding="utf-8")
    misreads = iter(["[{}]", "I{}】", "{}】", "【{}", "〖{}〗", "「{}】", "【{}]"] * 10)
    misread = re.sub(r"(?m)^【(.+?)】", lambda m: next(misreads).format(m.group(1)), source)

    def clauses(text: str) -> list[tuple[str, str, str]]:
        guide = build_guide(text, guide_id="qinguo", source="qinguo.txt")
        return [(p.label, c.name, c.text) for p in guide.projects for c in p.clauses]

    assert misread != source and clauses(misread) == clauses(source)
    assert ("2", "申报条件", "产品须在园区内生产,且注册人与生产企业为同一主体。") in clauses(
        source
    )  # after the fax header


def test_a_two_row_header_names_each_child_column_and_is_no_unit():
    """经费安排（万元） over 州财政资助 | 自筹配套: each money column is a funding clause read with the header's 万元,
    and the header's second row (中期考核 | 结题考核 | …) is no unit of its own."""
    guide = _parsed(HELDOUT19 / "chanju_jianshe_2026.html")
    assert [p.label for p in guide.projects] == [f"JS-0{n}" for n in range(1, 7)]
    unit = next(p for p in guide.projects if p.label == "JS-04")
    clauses = {c.name: c for c in unit.clauses}
    assert clauses["州财政资助"].kind == "funding" and clauses["州财政资助"].text == "40万元"
    assert clauses["自筹配套"].kind == "funding" and clauses["自筹配套"].text == "不少于40万元"
    assert clauses["结题考核"].kind == "indicators"
    assert "clause labels not in the vocabulary: 经费安排" not in guide.warnings
    js06 = next(p for p in guide.projects if p.label == "JS-06")  # its 自筹配套 is "—", which 表中“—”表示不作要求
    assert js06.clause("自筹配套").text == "不作要求"


def test_a_two_row_header_with_merged_cells_left_empty_is_read_alike():
    """A grid whose merged cells come once (a PDF table): the parent over empty slots, empty cells under a column
    named on the first row only. The second row is still the header, not a unit."""
    text = "\n".join(
        [
            "编号\t项目名称\t支持经费（万元）\t\t实施期限",
            "\t\t财政资助\t单位自筹\t",
            "A-1\t智能传感器研发\t50\t不少于50\t2年",
            "A-2\t新型储能材料\t30\t不少于30\t2年",
        ]
    )
    _sections, projects, _title, _warnings = parse_text(text)
    assert [p.label for p in projects] == ["A-1", "A-2"]
    assert projects[1].clause("单位自筹").text == "不少于30万元"
    assert projects[1].clause("单位自筹").kind == "funding"


def test_word_html_list_markers_and_empty_paragraphs_leave_no_noise():
    """A Word "Save as HTML" body: the list marker （一） stays with its item, and no o:p, mso or list markup shows."""
    text = load_source(HELDOUT19 / "chanju_jianshe_2026.html").text
    assert not any(noise in text for noise in ("o:p", "mso", "supportLists", "endif", "\u00a0"))
    lines = [ln.replace(" ", "") for ln in text.splitlines()]
    assert any(ln.startswith("（一）申报单位须为在") for ln in lines)
    assert "2026年5月15日17:30" in text and "0873-5126437" in text

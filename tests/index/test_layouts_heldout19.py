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
from index.parse import build_guide
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT19 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout19"

GAPS: dict[str, str] = {
    "chanju_jianshe_2026.html": "the second row of a two-level table header is read as a unit (编号)",
}


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

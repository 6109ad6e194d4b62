"""The tenth held-out layout corpus (tests/fixtures/layouts_heldout10: a .docx science-award nomination guide whose
award units "A1、自然科学奖" carry clause headings of their own the vocabulary does not know (授奖范围, 等级与名额), a
.docx platform evaluation guide whose units are rows of a table headed 序号 | 平台类型 | 评估对象 | …, a scanned 科普
draft coded 2027KP-01 … 2027KP-07 behind a call for comments, a 中央引导资金 web page whose 专题 state funding and
period once for their tasks, a GB18030 patent subsidy text, a hospital's markdown internal call in "第一部分"
parts). Written blind; on 2026-12-02 four of the six parsed to no unit at all and the first run answered 18.1% of
its questions (30.6% judged with unit titles accepted as cites); now tuning data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT10 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout10"


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT10)))
def test_heldout10_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_headings_repeated_in_every_unit_are_its_fields_though_no_vocabulary_lists_them():
    guide = _parsed(HELDOUT10 / "chonghu_award_2027.docx")  # "授奖范围" on a line of its own over its text
    assert [p.label for p in guide.projects] == ["A1", "A2", "A3", "B1", "B2", "B3"]
    science = guide.project("A1")
    assert science.clause("授奖范围").text.startswith("授予在基础研究和应用基础研究中")
    assert science.clause("等级与名额").text.startswith("一等奖不超过12项")
    assert science.clause("提名条件").kind == "eligibility"


def test_a_table_whose_header_names_no_title_column_takes_the_column_after_the_running_number():
    guide = _parsed(HELDOUT10 / "tangrui_platform_eval_2026.docx")  # 序号 | 平台类型 | 评估对象 | …
    assert [p.title for p in guide.projects][:2] == ["市重点实验室", "市企业重点实验室"]
    centre = guide.projects[2]
    assert centre.title == "市工程技术研究中心"
    assert "共126家" in centre.clause("评估对象").text
    assert centre.clause("提交材料").kind == "materials"


def test_codes_of_a_year_letters_and_a_serial_number_units_and_the_attached_guides_sections_are_kept():
    guide = _parsed(HELDOUT10 / "xiuyin_kepu_2027_draft.pdf")  # a scan: 2027KP-01 … 2027KP-07
    assert [p.label for p in guide.projects] == [f"2027KP-0{n}" for n in range(1, 8)]
    sections = {s.title: s for s in guide.sections}
    # "附件：…" closes the call for comments; the attached guide's "一、申报条件" opens a section again
    assert "1967年1月1日以后出生" in sections["申报条件"].text
    # "一、意见反馈时间:2026年11月25日至2026年12月10日": a heading and its text
    assert sections["意见反馈时间"].text.startswith("2026年11月25日至2026年12月10日")


def test_parts_of_a_call_are_units_and_a_cms_exports_entities_are_characters():
    guide = _parsed(HELDOUT10 / "chengba_hospital_internal_2027.md")  # 第一部分&nbsp;杰出青年科学基金项目
    assert [p.label for p in guide.projects] == ["第一部分", "第二部分", "第三部分", "第四部分", "第五部分"]
    assert guide.project("第一部分").title == "杰出青年科学基金项目"
    assert "&nbsp;" not in "".join(s.text for s in guide.sections)

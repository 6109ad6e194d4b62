"""The eleventh held-out layout corpus (tests/fixtures/layouts_heldout11: a .docx R&D-spend subsidy whose tiers
"第一档…第五档" exist only in Word's automatic numbering, a legacy .doc innovation-voucher notice whose 类别A … 类别E
carry their field names on lines of their own, a markdown joint-fund guide coding its topics LH2027-A01 in a
bulleted list, a development zone's web page whose items are <h3> headings over two-column field tables, a scanned
university call in 专项一 … 专项五, a text PDF whose units are rows of a ruled table headed 编号 | 产业链 | 攻关方向).
Written blind; on 2026-12-02 four of the six parsed to no unit at all and the first run answered 27.8% of its
questions, 2 of them from another guide; now tuning data."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.gazetteer import gazetteer
from index.metadata import read_metadata
from index.vocab import units
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT11 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout11"


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT11)))
def test_heldout11_guide_parses_to_its_units_and_clauses(path, expected):
    # The writer lists a table's title and group columns (攻关方向, 产业链) as clauses; they are the unit's title and
    # group here.
    roles = units().structure.header_role
    for unit in expected["units"]:
        unit["clauses"] = [c for c in unit["clauses"] if roles(c) not in ("title", "group")]
    check_named(path, expected)


def test_tiers_numbered_by_word_are_units_and_their_own_deadline_is_a_deadline_clause():
    guide = _parsed(HELDOUT11 / "chengpu_rd_postsubsidy_2027.docx")  # w:lvlText="第%1档": the label is numbering only
    assert [p.label for p in guide.projects] == ["第一档", "第二档", "第三档", "第四档", "第五档"]
    first = guide.project("第一档")
    assert first.clause("补助上限").kind == "funding"
    assert "600万元" in first.clause("补助上限").text
    assert first.clause("适用对象").kind == "target"  # whom the tier is for: answers who may apply
    assert "2027年5月31日" in guide.project("第五档").clause("申报时限").text
    assert guide.project("第五档").clause("申报时限").kind == "deadline"


def test_field_names_on_lines_of_their_own_are_read_in_every_unit_the_known_ones_opened():
    guide = _parsed(HELDOUT11 / "fanping_innovation_voucher_2025.doc")  # 类别A研究开发券 / 单家额度 / 每家企业…
    assert [p.label for p in guide.projects] == ["类别A", "类别B", "类别C", "类别D", "类别E"]
    voucher = guide.project("类别A")
    assert voucher.title == "研究开发券"
    assert voucher.clause("单家额度").text == "每家企业年度最高30万元。"  # repeated in every 类别: a field
    assert voucher.clause("抵扣比例").text == "按服务合同实际支付金额的50%抵扣。"  # not run into 单家额度
    assert guide.project("类别E").clause("名额").kind == "quota"


def test_codes_in_a_markdown_list_are_units_not_the_field_headings_above_them():
    guide = _parsed(HELDOUT11 / "beiqiao_joint_fund_2027.md")  # - **LH2027-A01** …（重点项目） under ### A. 新型储能
    assert [p.label for p in guide.projects][:3] == ["LH2027-A01", "LH2027-A02", "LH2027-A03"]
    assert guide.project("LH2027-A03").clause("申报限额").text.startswith("本方向每个依托单位限报1项")


def test_items_over_two_column_field_tables_take_every_row_as_a_clause():
    guide = _parsed(HELDOUT11 / "yingban_incubator_award_2026.html")  # <h3>（一）…</h3> over <th>认定条件</th><td>…
    assert len(guide.projects) == 6
    first = guide.project("（一）")
    assert first.clause("认定条件").kind == "eligibility"
    assert first.clause("核查方式").kind == "other"  # a row the vocabulary does not name is still the unit's field
    assert "2026年8月31日" in guide.project("（二）").clause("申报时限").text


def test_a_ruled_table_takes_its_direction_column_as_the_title_and_the_chain_as_the_group():
    guide = _parsed(HELDOUT11 / "jingyun_chain_leader_joint_2027_draft.pdf")  # 编号 | 产业链 | 攻关方向 | …
    first = guide.project("LZ-01")
    assert first.title.startswith("车规级碳化硅功率模块")
    assert first.group == "新能源汽车"


def test_a_university_office_issues_its_call_and_the_university_names_it():
    text = (HELDOUT11 / "fengtian_univ_instrument_sharing_2026.source.txt").read_text(encoding="utf-8")
    meta = read_metadata(text)
    assert meta.issuer.startswith("崶湉大学")
    assert meta.region == ""  # a university is no place
    assert "崶湉大学" in gazetteer().naming_words(meta.region, meta.issuer, meta.title)


def test_labelled_paragraphs_before_the_first_heading_are_notice_sections_of_their_own():
    guide = _parsed(HELDOUT11.parent / "layouts_heldout" / "tasks_txt.txt")  # "指南说明：2026年度指南围绕…"
    sections = {s.title: s for s in guide.sections}
    assert sections["指南说明"].text.startswith("2026年度指南围绕")
    assert "1989年1月1日以后出生的女性" in sections["青年科学家项目说明"].text
    assert "指南说明" not in sections["正文"].text  # the preamble keeps only its prose

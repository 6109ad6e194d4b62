"""The sixth held-out layout corpus (tests/fixtures/layouts_heldout6: a scanned PDF with 项目1.1 under 专题, a web page
whose units are rows of a 序号 table, a .docx with 指南代码 lines, a text PDF with funding tables, a markdown draft
with label paragraphs, a GB18030 county notice): each guide parses to its units and clauses. Written blind; on
2026-12-01 two guides parsed to wrong units; now tuning data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT6 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout6"


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT6)))
def test_heldout6_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def _guide(name: str):
    return _parsed(HELDOUT6 / name)


def test_a_code_line_with_its_title_opens_a_unit():
    guide = _guide("tj_2027_energy_keyrd.docx")  # 指南代码 TJ2027-01　高效钙钛矿/晶硅叠层太阳电池制备关键技术
    assert [p.label for p in guide.projects] == [f"TJ2027-0{n}" for n in range(1, 8)]
    unit = guide.project("TJ2027-02")
    assert unit.title == "碱性电解水制氢大功率电解槽研制"
    assert unit.clause_of_kind("funding").text.startswith("省财政资金不超过1000万元")
    assert unit.group.endswith("光伏与氢能")


def test_a_label_alone_on_its_line_before_a_colon_opens_its_clause():
    unit = _guide("zn_2027_ai_draft.md").project("任务3")  # **建设周期**：, the value on the next line
    assert [c.name for c in unit.clauses][:4] == ["建设任务", "验收指标", "资助金额", "建设周期"]
    assert unit.clause_of_kind("period").text.startswith("1年")
    assert "建设周期" not in unit.clause_of_kind("funding").text


def test_units_numbered_under_their_topic_with_a_dot():
    guide = _parsed(HELDOUT6 / "yf_2027_agri_scan.source.txt")  # the text the scanned PDF was rendered from
    assert [p.label for p in guide.projects] == [
        "项目1.1",
        "项目1.2",
        "项目2.1",
        "项目2.2",
        "项目3.1",
        "项目3.2",
        "项目3.3",
    ]
    assert guide.project("项目2.1").group.startswith("专题二")


def test_a_markdown_exports_anchors_and_footnote_marks_are_not_text():
    guide = _guide("zn_2027_ai_draft.md")
    assert not any("{#_Toc" in s.text or "[^" in s.text for s in guide.sections)
    assert not any("{#_Toc" in c.text for p in guide.projects for c in p.clauses)
    assert all(not p.group for p in guide.projects)  # "二、支持任务" ends the notice's (五) heading: no group

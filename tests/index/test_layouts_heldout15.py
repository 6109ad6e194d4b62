"""The fifteenth held-out layout corpus (tests/fixtures/layouts_heldout15: a GB18030 高新区 call in （1）…（6） with
one-line clauses, a county .docx with 专题 headings over tasks "1"–"7" and bracketed rules per 专题, a text PDF whose
units are the rows of a table named only by its 领域 column across a page break, a university web page of <h4> units
over <ul> fields, a markdown draft coded 2026SF0101, a scan of 揭榜挂帅 cards). Written blind; the first run on
2026-12-02 (main at 6c46a5f) answered 61.1% of its questions. Now tuning data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT15 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout15"

GAPS: dict[str, str] = {}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT15, GAPS)))
def test_heldout15_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_table_named_only_by_its_field_column_is_one_unit_per_row():
    guide = _parsed(HELDOUT15 / "zixu_intl_2027.pdf")  # 序号 | 领域 | 申请代码 | 资助额度 | 资助年限 | 拟资助项数
    assert [p.label for p in guide.projects] == [f"GH27{n:02d}" for n in range(1, 15)]  # the header again on page 2
    assert guide.project("GH2711").title == "管理科学"
    assert guide.project("GH2711").clause("资助年限").text == "2年"
    assert guide.project("GH2707").clause("资助额度").kind == "funding"


def test_a_speck_beside_a_scanned_label_is_noise():
    guide = _parsed(HELDOUT15 / "wengyao_bang_2027.pdf")  # OCR reads the JB2702 card's row as "完成时限·	18个月"
    assert guide.project("JB2702").clause("完成时限").text == "18个月"


def test_a_rule_a_group_states_in_brackets_is_a_clause_of_its_units():
    guide = _parsed(HELDOUT15 / "jituo_rural_2025.docx")  # 专题二 …：【本专题资助方式】本专题各任务均采取“先建后补”…
    rule = guide.project("4").clause("本专题资助方式")
    assert rule is not None and rule.kind == "funding" and "先建后补" in rule.text
    assert guide.project("5").clause("本专题资助方式").text == rule.text
    assert guide.project("1").clause("本专题资助方式") is None  # 专题一 states none; its units keep their own
    assert guide.project("1").clause("资助方式").text.startswith("前资助")

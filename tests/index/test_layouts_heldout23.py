"""The twenty-third held-out layout corpus (tests/fixtures/layouts_heldout23, two parts of three guides: a city's
揭榜挂帅 text PDF whose 榜单 are two rows each of a landscape table, a talent programme's markdown whose categories nest
their conditions three levels deep and whose money sits in a notice table, a 科技特派员 call saved from a WeChat
公众号 article with its figures in a 文字版 copy of a table image, a city's draft .docx of two-row table units with
typed 【删除：…】【新增：…】 marks, a province's international cooperation Word 97 .doc with codes at the end of its
headings, and a storage programme's pdftotext-style text whose figures sit in per-page footnotes). Written blind; the
first run on 2026-12-04 (main at c059446) answered 33.3% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.load import load_source
from index.parse import build_guide
from tests.index.test_layouts_heldout5 import check_named, named_cases

HELDOUT23 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout23"

GAPS: dict[str, str] = {
    "chaya_tepaiyuan_2026.html": "a 公众号 article: unit cards of nested <section>s, number apart from title",
    "chuao_jiebang_2026.pdf": "two table rows per 榜单 read as two units each",
    "qupan_guojihezuo_2026.doc": "codes at the end of 专题/方向 headings: 5 of 7 units",
    "wuyan_chuneng_2026.txt": "figures in per-page footnotes",
    "xuanwei_rencai_2026.md": "talent categories under H3 with nested conditions: 4 of 6 units",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT23, GAPS)))
def test_heldout23_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def _kanqi():
    path = HELDOUT23 / "kanqi_gongyeruanjian_2026.docx"
    return build_guide(load_source(path).text, guide_id=path.stem, source=path.name)


def test_a_drafts_typed_change_marks_are_read_as_made():
    guide = _kanqi()
    funding = guide.project("KQ2026-GR01").clause_of_kind("funding").text
    assert "400万元" in funding and "300万元" not in funding and "【" not in funding
    overall = next(s for s in guide.sections if s.title == "总体安排").text
    assert "1800万元" in overall and "2000万元" not in overall
    # last year's unit, struck out whole between two units, is none; its note heads no group
    assert [p.label for p in guide.projects][-2:] == ["KQ2026-GR05", "KQ2026-GR06"]
    assert not any("5G" in c.text for p in guide.projects for c in p.clauses)
    assert guide.project("KQ2026-GR06").group == "青年项目"
    # the notice's legend of the marks ("【删除：……】"表示…) is printed as it stands
    assert "【删除:......】" in next(s for s in guide.sections if s.title == "征求意见内容").text


def test_a_unit_of_two_table_rows_has_its_quota_cell_and_its_detail_rows_clauses():
    unit = _kanqi().project("KQ2026-GR04")  # the whole unit inside one 【新增：…】 mark
    assert unit.title == "工业软件源代码安全检测工具链研发"
    assert unit.clause_of_kind("funding").text == "每项50万元。"
    assert next(c.text for c in unit.clauses if c.name == "拟支持数") == "2项"
    assert [c.name for c in unit.clauses] == ["拟支持数", "研究内容", "考核指标", "资助强度", "实施周期", "其他说明"]

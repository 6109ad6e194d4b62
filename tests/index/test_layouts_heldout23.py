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
    "kanqi_gongyeruanjian_2026.docx": "two-row table units of a draft with typed change marks: sections only",
    "wuyan_chuneng_2026.txt": "figures in per-page footnotes",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT23, GAPS)))
def test_heldout23_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def _guide(name: str):
    path = HELDOUT23 / name
    return build_guide(load_source(path).text, guide_id=path.stem, source=path.name)


def test_a_code_closing_the_heading_labels_the_unit_whichever_ordinal_word_opens_it():
    guide = _guide("qupan_guojihezuo_2026.doc")
    assert [(p.label, p.aka) for p in guide.projects][4:] == [
        ("GJ2026-05", "专题五"),
        ("GJ2026-06", "方向六"),
        ("GJ2026-07", "方向七"),
    ]
    unit = guide.project("GJ2026-07")
    assert unit.title == "外籍青年科学家来磲合作研究" and "第二类" in unit.group
    # a field printed once, between two one-line clauses, is a clause of its own, not the tail of the one before
    assert unit.clause("在磲工作时间").text == "累计不少于6个月。"
    assert "在磲" not in unit.clause("外方人员要求").text
    # the 第二类 heading and its rules (30万元) are no text of the last 第一类 unit
    assert "30万元" not in " ".join(c.text for c in guide.project("GJ2026-05").clauses)


def test_talent_categories_take_their_money_from_the_notice_table_and_keep_nested_conditions():
    guide = _guide("xuanwei_rencai_2026.md")
    assert [p.label for p in guide.projects] == ["A类", "B1类", "B2类", "C类", "D类", "E类"]
    b1 = guide.project("B1类")
    # the notice's table row keyed B1类 gives the category its money and period (not 80万元 of the 2025 note)
    assert (b1.clause("安家补贴").text, b1.clause("安家补贴").kind) == ("100万元", "funding")
    assert b1.clause("支持期").kind == "period"
    assert guide.project("D类").clause("安家补贴") is None  # a "—" cell is no clause
    # three levels of list stay inside their clause: the level-3 point decides B1类 (重点/重大, not 面上)
    assert "②国家自然科学基金重点项目、重大项目负责人" in b1.clause_of_kind("eligibility").text
    # a numbered point printing a field's shape ("2.工作时间：…") is a point of 申报条件, not a clause of its own
    e = guide.project("E类")
    assert "每年在烜工作时间累计不少于2个月" in e.clause("申报条件").text
    assert [c.name for c in e.clauses if c.name in ("引进方式", "工作时间")] == []
    # an aside between the label and its colon is the clause's first words
    assert guide.project("C类").clause("入选条件").text.startswith("(年龄要求见通知第二部分)")

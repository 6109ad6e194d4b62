"""The twenty-third held-out layout corpus (tests/fixtures/layouts_heldout23, two parts of three guides: a city's
揭榜挂帅 text PDF whose 榜单 are two rows each of a landscape table, a talent programme's markdown whose categories nest
their conditions three levels deep and whose money sits in a notice table, a 科技特派员 call saved from a WeChat
公众号 article with its figures in a 文字版 copy of a table image, a city's draft .docx of two-row table units with
typed 【删除：…】【新增：…】 marks, a province's international cooperation Word 97 .doc with codes at the end of its
headings, and a storage programme's pdftotext-style text whose figures sit in per-page footnotes). Written blind; the
first run on 2026-12-04 (main at c059446) answered 33.3% of its questions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.load import load_source
from index.normalize import logical_lines
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT23 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout23"

GAPS: dict[str, str] = {
    "chaya_tepaiyuan_2026.html": "a 公众号 article: unit cards of nested <section>s, number apart from title",
    "chuao_jiebang_2026.pdf": "two table rows per 榜单 read as two units each",
    "kanqi_gongyeruanjian_2026.docx": "two-row table units of a draft with typed change marks: sections only",
    "qupan_guojihezuo_2026.doc": "codes at the end of 专题/方向 headings: 5 of 7 units",
    "xuanwei_rencai_2026.md": "talent categories under H3 with nested conditions: 4 of 6 units",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT23, GAPS)))
def test_heldout23_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_footnote_figure_is_read_into_the_clause_citing_it_from_its_own_page():
    guide = _parsed(HELDOUT23 / "wuyan_chuneng_2026.txt")
    funding = {p.label: p.clause_of_kind("funding").text for p in guide.projects if p.clause_of_kind("funding")}
    # ① is a different note on every page: 400万元 on p.3, a 150万元 cap on p.4, 40万元 on p.5
    assert "定额资助①(注:定额资助400万元,分两期拨付,首期拨付60%" in funding["2026CN01"]
    assert "后补助①(注:" in funding["2026CN03"] and "最高不超过150万元" in funding["2026CN03"]
    assert "400万元" not in funding["2026CN03"] and "40万元" not in funding["2026CN03"]
    assert funding["2026CN06"].startswith("拟支持2项,每项资助①(注:每项资助40万元")
    assert "③(注:单个项目最高不超过200万元" in funding["2026CN02"]
    assert guide.project("2026CN06").clause_of_kind("period").text == "2026年7月—2028年6月。"  # not cut off


def test_a_page_of_footnotes_leaves_no_stray_lines_and_a_unit_cut_after_its_figure_rejoins():
    text = load_source(HELDOUT23 / "wuyan_chuneng_2026.txt").text
    assert "——————————" not in text and not re.search(r"^\s*[①②③]", text, re.M)  # no note left on a line of its own
    guide = _parsed(HELDOUT23 / "wuyan_chuneng_2026.txt")
    clauses = [c.text for p in guide.projects for c in p.clauses]
    assert not any("900万元" in t or "0576-8712520" in t for t in clauses)  # notes of the notice's pages stay there
    assert "1MW/4MWh的示范系统" in guide.project("2026CN01").clause_of_kind("indicators").text
    lines = [ln.text for ln in logical_lines(text)[0]]
    assert "铻堰市2026年度新能源与储能科技专项申报指南的通知" in lines  # a centred title takes no line after it

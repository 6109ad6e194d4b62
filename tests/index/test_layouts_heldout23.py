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

from tests.index.test_layouts_heldout5 import check_named, named_cases

HELDOUT23 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout23"

GAPS: dict[str, str] = {
    "chaya_tepaiyuan_2026.html": "a 公众号 article: unit cards of nested <section>s, number apart from title",
    "chuao_jiebang_2026.pdf": "two table rows per 榜单 read as two units each",
    "kanqi_gongyeruanjian_2026.docx": "two-row table units of a draft with typed change marks: sections only",
    "qupan_guojihezuo_2026.doc": "codes at the end of 专题/方向 headings: 5 of 7 units",
    "wuyan_chuneng_2026.txt": "figures in per-page footnotes",
    "xuanwei_rencai_2026.md": "talent categories under H3 with nested conditions: 4 of 6 units",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT23, GAPS)))
def test_heldout23_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)

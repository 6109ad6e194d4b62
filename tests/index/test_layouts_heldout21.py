"""The twenty-first held-out layout corpus (tests/fixtures/layouts_heldout21, two parts of three guides: a province's
bilingual 国际科技合作 .docx whose clause labels carry their English names, a district 科技局 page whose units are a
<dl> with a 政策答疑 accordion, a city's text PDF whose units are the columns of a transposed table cut by a page break,
a 揭榜挂帅 markdown notice in two 批次 whose 榜单 numbers restart, a 林业 .docx whose units live only in one stacked
table of one row per clause, an 应急管理局 page that is a pdf2htmlEX preview of positioned lines). Written blind; the
first run on 2026-12-03 (main at 943d11b) answered 48.6% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT21 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout21"

GAPS: dict[str, str] = {
    "kuizhen_intl_2026.docx": "bilingual clause labels (支持强度 Funding：…) under code + title lines: sections only",
    "luoyi_linye_2027.docx": "units only in one stacked table of one row per clause, code and title merged down: sections only",
    "xihou_kjzx_2025.html": "units in a <dl> with a nested <dl> of clauses: clauses run together",
    "jianshao_weilai_2027.pdf": "units are the columns of a transposed table cut by a page break: titles wrong",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT21, GAPS)))
def test_heldout21_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_pdf2htmlex_preview_reads_a_clause_cut_by_a_page_break_whole():
    guide = _parsed(HELDOUT21 / "qifan_anquan_2025.html")
    content = guide.project("RK2025-01").clause_of_kind("content").text
    assert "主体责任落实现状和突出问题" in content  # the page break fell inside 落实现状
    assert guide.project("AQ2025-02").clause_of_kind("eligibility").text.startswith("企业牵头")


def test_a_pdf2htmlex_preview_joins_a_phone_cut_at_a_line_end():
    contact = next(s for s in _parsed(HELDOUT21 / "qifan_anquan_2025.html").sections if s.title == "联系方式")
    assert "联系电话0863-5528174" in contact.text

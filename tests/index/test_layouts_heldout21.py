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
    "qifan_anquan_2025.html": "a pdf2htmlEX page of absolutely positioned line divs: 2 of 6 units",
    "jianshao_weilai_2027.pdf": "units are the columns of a transposed table cut by a page break: titles wrong",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT21, GAPS)))
def test_heldout21_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_unit_of_a_definition_list_reads_its_nested_clauses_and_the_faq_stays_notice_text():
    guide = _parsed(HELDOUT21 / "xihou_kjzx_2025.html")
    unit = guide.project("专项一")
    assert unit.title == "企业研发投入后补助"
    assert unit.clause_of_kind("period").text == "2024年1月1日至2024年12月31日"  # 核算期间
    last = guide.project("专项六")
    assert last.clauses[-1].text == "10项"  # 拟立项数, the 政策答疑 below the notice is not folded into it
    assert not any("问:" in c.text for u in guide.projects for c in u.clauses)
    assert any("1970年1月1日以后出生" in s.text for s in guide.sections)

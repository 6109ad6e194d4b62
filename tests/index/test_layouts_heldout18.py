"""The eighteenth held-out layout corpus (tests/fixtures/layouts_heldout18: a city .docx draft with tracked changes
and reviewer comments, a WeChat article of 榜单 cards in nested <section>s, a GB18030 county text whose units are
rows of a box-drawn 附表, 语雀 markdown of ::: containers, a text PDF of borderless label/value tables, a scanned
university call with a sideways table page). Written blind; the first run on 2026-12-03 (main at c7b0bf2) answered
18.1% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.load import load_source
from index.parse import build_guide
from tests.index.test_layouts_heldout5 import check_named, named_cases

HELDOUT18 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout18"

GAPS: dict[str, str] = {
    "taoguo_softsci_2027.docx": "tracked insertions are dropped: the inserted 指南方向（六） is lost",
    "suiyao_jiebang_2026.html": "a card's ◆ label rows lose 揭榜方式",
    "feilou_talent_2024.txt": "the units are rows of a box-drawn text table",
    "weiyun_intl_2026.pdf": "the units are borderless label/value tables",
    "huangmao_kjxy_2026.pdf": "the scan's table page is sideways",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT18, GAPS)))
def test_heldout18_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def _parsed(name: str):
    path = HELDOUT18 / name
    return build_guide(load_source(path).text, guide_id=path.stem, source=path.name)


def test_a_yuque_card_reads_its_figures_out_of_the_editor_html_and_never_last_years_ocr_comment():
    guide = _parsed("zhenlai_nsf_2026.md")
    unit = guide.project("ZR2026-JQ")
    assert unit.title == "杰出青年科学基金项目"
    assert unit.clause_of_kind("funding").text == "100万元/项(直接费用)"  # <font>…</font> and [^1] gone
    assert unit.clause("申请人条件").text.startswith("年龄不超过40周岁")
    everything = "\n".join([*(s.text for s in guide.sections), *(c.text for p in guide.projects for c in p.clauses)])
    assert "80万元" not in everything and "ocr" not in everything  # the image's OCR comment is no guide text


def test_a_yuque_meta_box_names_the_issuer_and_date_and_footnotes_stay_as_notes():
    guide = _parsed("zhenlai_nsf_2026.md")
    assert (guide.issuer, guide.date) == ("浈崃省自然科学基金委员会", "2026-01-12")
    notes = [line for s in guide.sections for line in s.text.splitlines() if line.startswith("注1")]
    assert notes and "包干制" in notes[0]

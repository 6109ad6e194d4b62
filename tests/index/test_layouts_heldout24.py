"""The twenty-fourth held-out layout corpus (tests/fixtures/layouts_heldout24, two parts of three guides: a county's
agricultural guide as an .xlsx workbook of a notice sheet, a project sheet and a contacts sheet; a province's key R&D
guide reprinted in a two-column gazette PDF; a district's innovation-voucher guide as .odt with 【label】 lines; a city's
social-development portal page of <h4>/<ul> and <dl> units in a tab widget; a GBK text of （1）… units, one line of
clauses each, under 一、二、三、 categories; a .docx whose units and clauses are Word automatic numbering). Written blind;
the first run on 2026-12-04 (main at 0a7241c) answered 37.5% of its questions, with 10 wrong-guide answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.load import load_source
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT24 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout24"

GAPS: dict[str, str] = {
    "feiling_nongke_2026.xlsx": "an .xlsx workbook: format not read",
    "taoyang_zhongdianyanfa_2026.pdf": "a two-column gazette page: columns interleaved, title lost",
    "guluan_yanfabuzhu_2026.docx": "units and clauses numbered by Word's automatic two-level list",
    "yandai_zhongshi_2026.txt": "（n） units numbered on across category headings, one line of clauses each",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT24, GAPS)))
def test_heldout24_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


JUNYUAN = HELDOUT24 / "junyuan_chuangxinquan_2026.odt"


def test_an_odt_footnote_is_read_into_the_clause_citing_it_not_glued_to_its_figure():
    """第一类's 补助标准 cites an ODF footnote (last year's cap, the voucher's validity): the note is written in after
    the sentence citing it, its citation mark "1" dropped, so "20万元。" is no "20万元。1"."""
    funding = _parsed(JUNYUAN).project("第一类").clause_of_kind("funding")
    assert funding.text.startswith("按服务合同实际支付金额的50%兑付")
    assert "不超过20万元。(注:2025年度研发服务券每家企业年度兑付额度不超过15万元。" in funding.text
    assert "12个月" in funding.text and "20万元。1" not in funding.text


def test_an_odt_table_of_tiers_stays_in_the_clause_it_follows():
    """第三类's figures exist only in an ODF table after "具体标准如下表：": its rows are the funding clause's, and the
    【核定依据】 line after the table's 注 opens a clause of its own."""
    unit = _parsed(JUNYUAN).project("第三类")
    funding = unit.clause_of_kind("funding").text
    for figure in ("A档", "8%", "30万元", "B档", "6%", "60万元", "C档", "5%", "100万元", "不累进计算"):
        assert figure in funding, figure
    assert [c.name for c in unit.clauses] == ["申报对象", "补助标准", "核定依据", "申报材料"]
    assert "核定依据" not in funding


def test_clauses_split_by_odt_line_breaks_are_clauses_of_their_own():
    unit = _parsed(JUNYUAN).project("第四类")
    assert [c.name for c in unit.clauses] == ["奖励对象", "奖励标准", "兑付方式"]
    assert unit.clause_of_kind("funding").text.startswith("首次认定的一次性奖励20万元")


def test_an_odt_page_footer_is_furniture_not_text():
    """The footer of styles.xml's master page prints a hotline on every page: it is not read, so it is no contact."""
    text = load_source(JUNYUAN).text
    assert "0577-56120123" not in text and "政务服务咨询" not in text
    assert "0577-56123408" in text  # the notice's own contacts are

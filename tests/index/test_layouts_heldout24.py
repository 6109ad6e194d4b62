"""The twenty-fourth held-out layout corpus (tests/fixtures/layouts_heldout24, two parts of three guides: a county's
agricultural guide as an .xlsx workbook of a notice sheet, a project sheet and a contacts sheet; a province's key R&D
guide reprinted in a two-column gazette PDF; a district's innovation-voucher guide as .odt with 【label】 lines; a city's
social-development portal page of <h4>/<ul> and <dl> units in a tab widget; a GBK text of （1）… units, one line of
clauses each, under 一、二、三、 categories; a .docx whose units and clauses are Word automatic numbering). Written blind;
the first run on 2026-12-04 (main at 0a7241c) answered 37.5% of its questions, with 10 wrong-guide answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import check_named, named_cases

HELDOUT24 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout24"

GAPS: dict[str, str] = {
    "feiling_nongke_2026.xlsx": "an .xlsx workbook: format not read",
    "junyuan_chuangxinquan_2026.odt": "an OpenDocument text: format not read",
    "guluan_yanfabuzhu_2026.docx": "units and clauses numbered by Word's automatic two-level list",
    "yandai_zhongshi_2026.txt": "（n） units numbered on across category headings, one line of clauses each",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT24, GAPS)))
def test_heldout24_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def _guide(name: str):
    from tests.index.test_layouts_heldout5 import _parsed

    return _parsed(HELDOUT24 / name)


def test_the_gazette_reprint_is_the_guides_own_item_with_its_title_issuer_and_quotas():
    guide = _guide("taoyang_zhongdianyanfa_2026.pdf")
    assert (guide.title, guide.issuer, guide.region, guide.date) == (
        "2026年度焘阳省重点研发计划项目申报指南",
        "焘阳省科学技术厅",
        "焘阳省",
        "2026-03-31",
    )
    text = "\n".join(s.text for s in guide.sections)
    assert "人民政府办公厅" not in text and "焘科发〔2026〕19号" not in text  # the items before and after
    assert [c.text for p in guide.projects for c in p.clauses if c.name == "拟支持数"] == [
        "2项",
        "3项",
        "2项",
        "5项",
        "2项",
        "1项",
        "2项",
    ]  # 表1's quotas, read in the column holding it


def test_two_issuers_of_a_portal_page_signature_are_two():
    assert _guide("leidong_shehuifazhan_2026.html").issuer == "罍峒市科学技术局、罍峒市卫生健康委员会"

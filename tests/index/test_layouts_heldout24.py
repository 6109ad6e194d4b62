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
    "junyuan_chuangxinquan_2026.odt": "an OpenDocument text: format not read",
    "taoyang_zhongdianyanfa_2026.pdf": "a two-column gazette page: columns interleaved, title lost",
    "guluan_yanfabuzhu_2026.docx": "units and clauses numbered by Word's automatic two-level list",
    "yandai_zhongshi_2026.txt": "（n） units numbered on across category headings, one line of clauses each",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT24, GAPS)))
def test_heldout24_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)

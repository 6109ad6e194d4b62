"""The nineteenth held-out layout corpus (tests/fixtures/layouts_heldout19, two parts of three guides: a 州 bureau's
web page whose body is a Word "Save as HTML" export with a two-level header table, a hospital's Word 97 .doc of one
small table per unit, a faxed park notice scanned with 【label】 clauses, a hospital's .docx of form-template cards in
content controls and nested tables, a 新区 draft text PDF three levels deep with numbered clause heads, a park's
markdown notice holding two programmes). Written blind; the first run on 2026-12-03 (main at 1a1b0a3) answered
45.8% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import check_named, named_cases

HELDOUT19 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout19"

GAPS: dict[str, str] = {
    "chanju_jianshe_2026.html": "the second row of a two-level table header is read as a unit (编号)",
    "qinguo_yuanqu_2025.pdf": "a scanned unit's 【label】 clauses are partly lost (扶持对象)",
    "shegou_hosp_2026.docx": "form-template cards in content controls and nested tables: sections only",
    "shiwei_yuannei_2026.doc": "one small table per unit in a Word 97 .doc: read as two categories",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT19, GAPS)))
def test_heldout19_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)

"""The nineteenth held-out layout corpus (tests/fixtures/layouts_heldout19, two parts of three guides: a 州 bureau's
web page whose body is a Word "Save as HTML" export with a two-level header table, a hospital's Word 97 .doc of one
small table per unit, a faxed park notice scanned with 【label】 clauses, a hospital's .docx of form-template cards in
content controls and nested tables, a 新区 draft text PDF three levels deep with numbered clause heads, a park's
markdown notice holding two programmes). Written blind; the first run on 2026-12-03 (main at 1a1b0a3) answered
45.8% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT19 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout19"

GAPS: dict[str, str] = {
    "chanju_jianshe_2026.html": "the second row of a two-level table header is read as a unit (编号)",
    "qinguo_yuanqu_2025.pdf": "a scanned unit's 【label】 clauses are partly lost (扶持对象)",
    "shegou_hosp_2026.docx": "form-template cards in content controls and nested tables: sections only",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT19, GAPS)))
def test_heldout19_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_table_headed_by_a_merged_title_and_code_row_is_a_unit_of_its_category():
    guide = _parsed(HELDOUT19 / "shiwei_yuannei_2026.doc")
    unit = next(p for p in guide.projects if p.label == "YN-A1")
    assert unit.title == "重点项目"
    assert unit.group.startswith("第一类")
    # the cell antiword wraps onto a second line ("…通讯作者发" / "表SCI论文…") is one value again
    assert unit.clause("申请人条件").text.endswith("发表SCI论文不少于2篇。")
    assert unit.clause("资助方向").kind == "content"


def test_a_docx_of_small_tables_with_merged_code_first_rows_parses_the_same_way(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("第二类　专项项目")
    for head, cap in (("YN-B1 护理科研专项", "每项2万元"), ("医技新技术专项（YN-B2）", "每项6万元")):
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 0).merge(table.cell(0, 1)).text = head
        for row, (name, value) in enumerate((("资助方向", "护理质量改进。"), ("资助额度", cap)), 1):
            table.cell(row, 0).text, table.cell(row, 1).text = name, value
    document.save(tmp_path / "guide.docx")
    guide = _parsed(tmp_path / "guide.docx")
    assert [(p.label, p.title) for p in guide.projects] == [("YN-B1", "护理科研专项"), ("YN-B2", "医技新技术专项")]
    assert guide.projects[1].clause("资助额度").text == "每项6万元"

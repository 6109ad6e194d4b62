"""The nineteenth held-out layout corpus (tests/fixtures/layouts_heldout19, two parts of three guides: a 州 bureau's
web page whose body is a Word "Save as HTML" export with a two-level header table, a hospital's Word 97 .doc of one
small table per unit, a faxed park notice scanned with 【label】 clauses, a hospital's .docx of form-template cards in
content controls and nested tables, a 新区 draft text PDF three levels deep with numbered clause heads, a park's
markdown notice holding two programmes). Written blind; the first run on 2026-12-03 (main at 1a1b0a3) answered
45.8% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.load import load_source
from index.parse import parse_text
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT19 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout19"

GAPS: dict[str, str] = {
    "qinguo_yuanqu_2025.pdf": "a scanned unit's 【label】 clauses are partly lost (扶持对象)",
    "shegou_hosp_2026.docx": "form-template cards in content controls and nested tables: sections only",
    "shiwei_yuannei_2026.doc": "one small table per unit in a Word 97 .doc: read as two categories",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT19, GAPS)))
def test_heldout19_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_two_row_header_names_each_child_column_and_is_no_unit():
    """经费安排（万元） over 州财政资助 | 自筹配套: each money column is a funding clause read with the header's 万元,
    and the header's second row (中期考核 | 结题考核 | …) is no unit of its own."""
    guide = _parsed(HELDOUT19 / "chanju_jianshe_2026.html")
    assert [p.label for p in guide.projects] == [f"JS-0{n}" for n in range(1, 7)]
    unit = next(p for p in guide.projects if p.label == "JS-04")
    clauses = {c.name: c for c in unit.clauses}
    assert clauses["州财政资助"].kind == "funding" and clauses["州财政资助"].text == "40万元"
    assert clauses["自筹配套"].kind == "funding" and clauses["自筹配套"].text == "不少于40万元"
    assert clauses["结题考核"].kind == "indicators"
    assert "clause labels not in the vocabulary: 经费安排" not in guide.warnings
    js06 = next(p for p in guide.projects if p.label == "JS-06")  # its 自筹配套 is "—", which 表中“—”表示不作要求
    assert js06.clause("自筹配套").text == "不作要求"


def test_a_two_row_header_with_merged_cells_left_empty_is_read_alike():
    """A grid whose merged cells come once (a PDF table): the parent over empty slots, empty cells under a column
    named on the first row only. The second row is still the header, not a unit."""
    text = "\n".join(
        [
            "编号\t项目名称\t支持经费（万元）\t\t实施期限",
            "\t\t财政资助\t单位自筹\t",
            "A-1\t智能传感器研发\t50\t不少于50\t2年",
            "A-2\t新型储能材料\t30\t不少于30\t2年",
        ]
    )
    _sections, projects, _title, _warnings = parse_text(text)
    assert [p.label for p in projects] == ["A-1", "A-2"]
    assert projects[1].clause("单位自筹").text == "不少于30万元"
    assert projects[1].clause("单位自筹").kind == "funding"


def test_word_html_list_markers_and_empty_paragraphs_leave_no_noise():
    """A Word "Save as HTML" body: the list marker （一） stays with its item, and no o:p, mso or list markup shows."""
    text = load_source(HELDOUT19 / "chanju_jianshe_2026.html").text
    assert not any(noise in text for noise in ("o:p", "mso", "supportLists", "endif", "\u00a0"))
    lines = [ln.replace(" ", "") for ln in text.splitlines()]
    assert any(ln.startswith("（一）申报单位须为在") for ln in lines)
    assert "2026年5月15日17:30" in text and "0873-5126437" in text

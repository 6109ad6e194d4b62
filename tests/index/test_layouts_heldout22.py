"""The twenty-second held-out layout corpus (tests/fixtures/layouts_heldout22, two parts of three guides: a province's
text PDF whose body font writes Kangxi-radical code points and whose units are the rows of a landscape table crossing
a page without its header, a city 市场监管局 .docx whose units are table rows holding all their clauses in one cell, a
文旅局 page copied into a UTF-16 .txt with tab-separated tables, a lab's Notion-style markdown export with toggles and
a table of several clauses per cell, an OA e-mail thread in GB18030 whose attached units are lettered 甲…戊, and a
county's .docx written as questions and answers over a summary table of its units). Written blind; the first run on
2026-12-04 (main at b20d350) answered 40.3% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import UnreadableEncodingError
from index.load import load_source
from index.parse import build_guide
from tests.index.test_layouts_heldout5 import check_named, named_cases

HELDOUT22 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout22"

GAPS: dict[str, str] = {
    "jigang_shijian_2026.docx": "units are table rows whose clauses all sit in one 具体要求 cell: sections only",
    "nuyan_minsheng_2026.txt": "an OA e-mail thread; the attached units lettered 甲…戊 with ——label lines: sections only",
    "zhiyu_lab_ziyou_2026.md": "toggles with one H4 per code; funding and period only in a <br>-joined table: 项目1…5",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT22, GAPS)))
def test_heldout22_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def _guide(name: str):
    path = HELDOUT22 / name
    return build_guide(load_source(path).text, guide_id=path.stem, source=path.name)


def test_units_listed_only_in_a_summary_table_are_its_rows_grouped_by_its_bands():
    guide = _guide("yange_faq_2026.docx")
    unit = guide.project("KF-06")
    assert unit.title == "社会发展科技项目"
    assert unit.group == "二、项目类"  # the band row across the table, its deadline a rule of the group
    assert unit.clause_of_kind("period").text == "18个月(2026年7月—2027年12月)"  # under 执行期/核算期


def test_a_summary_table_row_gives_its_unit_the_clause_the_unit_does_not_print():
    unit = _guide("luocan_wenlv_2026.txt").project("（一）")
    assert unit.clause("拟支持数").text == "2项"  # 拟支持数（项） column of the 汇总表, keyed by （一）
    assert unit.clause("支持方式").text.startswith("事前资助,每项不超过30万元")  # its own clause, not the table's cell


def test_a_utf16_text_file_is_read_with_or_without_its_byte_order_mark(tmp_path):
    source = load_source(HELDOUT22 / "luocan_wenlv_2026.txt")
    assert source.encoding == "utf-16-le"
    assert "椤粲市文化广电和旅游局" in source.text
    bare = tmp_path / "bare.txt"
    bare.write_bytes((HELDOUT22 / "luocan_wenlv_2026.txt").read_bytes()[2:])  # Notepad's BOM dropped
    assert load_source(bare).text == source.text


def test_a_binary_file_is_still_refused_with_its_reason(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(UnreadableEncodingError, match="NUL"):
        load_source(binary)

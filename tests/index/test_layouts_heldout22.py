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
    "luocan_wenlv_2026.txt": "each unit's 拟支持数 is printed only in the tab-separated summary table, not bound to it",
    "yange_faq_2026.docx": "questions and answers over a summary table that alone lists the units: sections only",
    "zhiyu_lab_ziyou_2026.md": "toggles with one H4 per code; funding and period only in a <br>-joined table: 项目1…5",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT22, GAPS)))
def test_heldout22_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


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


def _nuyan():
    path = HELDOUT22 / "nuyan_minsheng_2026.txt"
    return build_guide(load_source(path).text, guide_id=path.stem, source=path.name)


def test_units_lettered_by_heavenly_stems_keep_their_dash_led_clauses():
    guide = _nuyan()
    assert [p.label for p in guide.projects] == ["甲", "乙", "丙", "丁", "戊"]
    assert guide.project("丙").title == "城市内涝风险感知与应急调度关键技术"
    assert guide.project("丙").clause_of_kind("funding").text == "最高80万元,分两期拨付,首期50%"
    # the unit stating its terms in one paragraph keeps it as a clause of its own, not as a point of its 研究内容
    note = guide.project("丁").clauses[-1]
    assert (
        note.text.startswith("本方向拟支持2项,每项资助25万元") and "本方向" not in guide.project("丁").clauses[0].text
    )
    assert "申报材料要求" not in [c.name for c in guide.project("戊").clauses]  # the guide's list after the last unit


def test_an_e_mail_thread_keeps_only_the_forwarded_notice():
    text = load_source(HELDOUT22 / "nuyan_minsheng_2026.txt").text
    assert "砮科社〔2026〕6号" in text and "0627-85119236" in text
    # the forwarders' notes (an internal deadline, quota and phones), the header blocks and the disclaimer are chrome
    for chrome in ("校内申报截止", "0627-86501120", "0627-86503312", "发件人", "原始邮件", "本邮件及其附件"):
        assert chrome not in text
    assert _nuyan().issuer == "砮埏市科学技术局"

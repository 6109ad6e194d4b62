"""The twenty-second held-out layout corpus (tests/fixtures/layouts_heldout22, two parts of three guides: a province's
text PDF whose body font writes Kangxi-radical code points and whose units are the rows of a landscape table crossing
a page without its header, a city 市场监管局 .docx whose units are table rows holding all their clauses in one cell, a
文旅局 page copied into a UTF-16 .txt with tab-separated tables, a lab's Notion-style markdown export with toggles and
a table of several clauses per cell, an OA e-mail thread in GB18030 whose attached units are lettered 甲…戊, and a
county's .docx written as questions and answers over a summary table of its units). Written blind; the first run on
2026-12-04 (main at b20d350) answered 40.3% of its questions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.chunk import chunk_guide
from index.errors import UnreadableEncodingError
from index.load import load_source
from index.loaders.markdown import markdown_lines
from index.parse import build_guide
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT22 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout22"

GAPS: dict[str, str] = {}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT22, GAPS)))
def test_heldout22_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_table_cell_holding_all_of_a_units_clauses_gives_each_clause():
    guide = _parsed(HELDOUT22 / "jigang_shijian_2026.docx")
    unit = next(p for p in guide.projects if p.label == "JL2026-01")
    assert unit.title == "新能源汽车充电桩现场检定装置研制"
    assert unit.clause("经费支持").text == "市财政资助30万元,分两次拨付。"
    assert "200台充电桩" in unit.clause("考核指标").text  # its value continued over numbered sub-paragraphs


def test_clauses_run_together_with_an_enumeration_comma_and_a_half_width_colon_are_split():
    guide = _parsed(HELDOUT22 / "jigang_shijian_2026.docx")
    unit = next(p for p in guide.projects if p.label == "JC2026-03")
    assert unit.clause("预期成果").kind == "indicators"
    assert unit.clause("支持强度").text == "市财政资助6万元。"


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


def test_a_toggled_unit_takes_its_figures_from_a_table_cell_of_several_clauses_not_from_the_revision_history():
    path = HELDOUT22 / "zhiyu_lab_ziyou_2026.md"
    guide = build_guide(load_source(path).text, guide_id=path.stem, source=path.name)
    unit = guide.project("2026ZY-A02")
    assert unit.group.endswith("A类重点攻关项目(3个方向)")  # the toggle's summary, its 点击展开 prompt gone
    assert unit.clause_of_kind("funding").text == "150万元"
    assert unit.clause_of_kind("period").text.startswith("3年")
    assert guide.project("2026ZY-C01").clause("配套要求").text == "合作企业按不低于1:1比例出资"
    superseded = re.compile(r"(?<!\d)120万元")  # v1.1's figure for A02 (1120万元 is the year's total)
    assert not any(superseded.search(chunk.quote) for chunk in chunk_guide(guide))


def test_a_revision_history_under_a_heading_goes_and_the_sign_off_after_it_stays():
    text = (
        "## 六、联系方式\n\n电话：0615-1234567\n\n## 修订记录\n\n- v1.1：资助额度由120万元调整为150万元\n\n科研管理部"
    )
    lines = markdown_lines(text)
    assert len(lines) == len(text.split("\n"))  # every line keeps its number
    assert not any("120万元" in ln or "修订记录" in ln for ln in lines)
    assert lines[-1] == "科研管理部"


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


def test_a_web_page_copied_as_text_loses_its_chrome_and_keeps_its_title():
    guide = _guide("luocan_wenlv_2026.txt")
    assert guide.title == "椤粲市文化广电和旅游局关于征集2026年度文化和旅游科技创新项目的通知"  # not the breadcrumb
    text = load_source(HELDOUT22 / "luocan_wenlv_2026.txt").text
    assert "当前位置" not in text and "浏览次数" not in text and "打印本页" not in text

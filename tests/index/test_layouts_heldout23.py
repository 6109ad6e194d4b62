"""The twenty-third held-out layout corpus (tests/fixtures/layouts_heldout23, two parts of three guides: a city's
揭榜挂帅 text PDF whose 榜单 are two rows each of a landscape table, a talent programme's markdown whose categories nest
their conditions three levels deep and whose money sits in a notice table, a 科技特派员 call saved from a WeChat
公众号 article with its figures in a 文字版 copy of a table image, a city's draft .docx of two-row table units with
typed 【删除：…】【新增：…】 marks, a province's international cooperation Word 97 .doc with codes at the end of its
headings, and a storage programme's pdftotext-style text whose figures sit in per-page footnotes). Written blind; the
first run on 2026-12-04 (main at c059446) answered 33.3% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.parse import build_guide
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT23 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout23"

GAPS: dict[str, str] = {
    "chaya_tepaiyuan_2026.html": "a 公众号 article: unit cards of nested <section>s, number apart from title",
    "kanqi_gongyeruanjian_2026.docx": "two-row table units of a draft with typed change marks: sections only",
    "qupan_guojihezuo_2026.doc": "codes at the end of 专题/方向 headings: 5 of 7 units",
    "wuyan_chuneng_2026.txt": "figures in per-page footnotes",
    "xuanwei_rencai_2026.md": "talent categories under H3 with nested conditions: 4 of 6 units",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT23, GAPS)))
def test_heldout23_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_two_row_table_unit_takes_its_detail_rows_labelled_paragraphs_as_clauses():
    """The 揭榜 PDF's detail row (its code cell merged down over both rows) is no unit: its 技术需求/核心指标
    paragraphs are clauses of the 榜单 above, beside the title row's 发榜方, 需求方, 榜金 and 攻关期限."""
    guide = _parsed(HELDOUT23 / "chuao_jiebang_2026.pdf")
    assert [p.label for p in guide.projects] == [f"CAJB-2026-0{n}" for n in range(1, 8)]
    units = {p.label: p for p in guide.projects}
    assert "市财政不予补助" in units["CAJB-2026-07"].clause_of_kind("funding").text
    assert units["CAJB-2026-07"].clause_of_kind("period").text == "12个月"
    assert "5000吨/日" in units["CAJB-2026-07"].clause_of_kind("indicators").text
    chip = units["CAJB-2026-04"]
    assert [c.name for c in chip.clauses][-2:] == ["攻关内容", "核心指标"]
    assert "不大于5微米" in chip.clause_of_kind("indicators").text
    assert "核心指标" not in chip.clause_of_kind("content").text


def test_a_detail_row_merged_over_every_column_is_the_unit_above_not_a_band():
    """Word repeats a cell merged across the table in each column it spans: such a row of labelled paragraphs under a
    title row details that unit (its clauses), neither a unit nor a group heading of the rows below."""
    detail = "研究内容：研发高精度传感器。考核指标：精度不低于0.1%；申请专利2项。"
    text = "\n".join(
        [
            "附件1",
            "序号\t指南代码\t项目名称\t支持强度\t拟支持数",
            "1\tXX2027-01\t高精度传感器研制\t不超过200万元\t1项",
            "\t".join([detail] * 5),
            "2\tXX2027-02\t边缘计算网关研制\t不超过150万元\t2项",
            "\t".join(["研究内容：开发边缘计算网关。预期成果：时延不高于5毫秒。"] * 5),
        ]
    )
    guide = build_guide(text, guide_id="t", source="t.docx")
    assert [(p.label, p.group) for p in guide.projects] == [("XX2027-01", ""), ("XX2027-02", "")]
    first = guide.projects[0]
    assert [c.kind for c in first.clauses] == ["funding", "other", "content", "indicators"]
    assert first.clause_of_kind("indicators").text.startswith("精度不低于0.1%")

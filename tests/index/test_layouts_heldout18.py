"""The eighteenth held-out layout corpus (tests/fixtures/layouts_heldout18: a city .docx draft with tracked changes
and reviewer comments, a WeChat article of 榜单 cards in nested <section>s, a GB18030 county text whose units are
rows of a box-drawn 附表, 语雀 markdown of ::: containers, a text PDF of borderless label/value tables, a scanned
university call with a sideways table page). Written blind; the first run on 2026-12-03 (main at c7b0bf2) answered
18.1% of its questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT18 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout18"

GAPS: dict[str, str] = {
    "suiyao_jiebang_2026.html": "a card's ◆ label rows lose 揭榜方式",
    "feilou_talent_2024.txt": "the units are rows of a box-drawn text table",
    "zhenlai_nsf_2026.md": "the units are 语雀 ::: containers",
    "weiyun_intl_2026.pdf": "the units are borderless label/value tables",
    "huangmao_kjxy_2026.pdf": "the scan's table page is sideways",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT18, GAPS)))
def test_heldout18_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_tracked_changes_draft_reads_as_its_accepted_text():
    guide = _parsed(HELDOUT18 / "taoguo_softsci_2027.docx")
    first, *_, young, inserted = guide.projects
    assert first.clause("资助额度").text == "每项资助10万元。"  # not the deleted 8万元
    assert young.clause("申报人条件").text.startswith("年龄不超过35周岁")  # not the deleted 40周岁
    assert inserted.title == "科技伦理治理与科研诚信建设研究"  # the inserted direction, not the deleted one
    assert all("科技馆" not in unit.title for unit in guide.projects)


def test_a_directed_topics_undertaking_mode_is_its_own_clause():
    third = _parsed(HELDOUT18 / "taoguo_softsci_2027.docx").projects[2]
    assert third.clause("承担方式").text.startswith("定向委托")

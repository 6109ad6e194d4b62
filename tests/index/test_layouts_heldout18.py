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
    "taoguo_softsci_2027.docx": "tracked insertions are dropped: the inserted 指南方向（六） is lost",
    "feilou_talent_2024.txt": "the units are rows of a box-drawn text table",
    "zhenlai_nsf_2026.md": "the units are 语雀 ::: containers",
    "weiyun_intl_2026.pdf": "the units are borderless label/value tables",
    "huangmao_kjxy_2026.pdf": "the scan's table page is sideways",
}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT18, GAPS)))
def test_heldout18_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_wechat_card_reads_its_diamond_labels_and_its_highlighted_amounts_as_one_sentence():
    unit = _parsed(HELDOUT18 / "suiyao_jiebang_2026.html").project("榜单3")
    assert unit.title == "固态锂电池硫化物电解质膜连续化制备"
    assert unit.clause("揭榜方式").text.startswith("采取“赛马制”")
    assert unit.clause_of_kind("funding").text == "每个团队首期支持100万元;中期评估胜出的团队再支持200万元。"


def test_a_wechat_article_keeps_its_badge_sections_and_drops_the_account_chrome():
    guide = _parsed(HELDOUT18 / "suiyao_jiebang_2026.html")
    assert [s.title for s in guide.sections if s.kind == "notice"][-4:] == [
        "揭榜条件",
        "支持方式",
        "揭榜程序及时间",
        "联系方式",
    ]
    assert "60周岁" in next(s.text for s in guide.sections if s.title == "揭榜条件")
    everything = "\n".join([s.text for s in guide.sections] + [c.text for p in guide.projects for c in p.clauses])
    for chrome in ("0561-36850000", "创新券", "往期推荐", "精选留言", "关注我们"):
        assert chrome not in everything

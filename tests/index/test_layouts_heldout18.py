"""The eighteenth held-out layout corpus (tests/fixtures/layouts_heldout18: a city .docx draft with tracked changes
and reviewer comments, a WeChat article of 榜单 cards in nested <section>s, a GB18030 county text whose units are
rows of a box-drawn 附表, 语雀 markdown of ::: containers, a text PDF of borderless label/value tables, a scanned
university call with a sideways table page). Written blind; the first run on 2026-12-03 (main at c7b0bf2) answered
18.1% of its questions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT18 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout18"

GAPS: dict[str, str] = {}


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


def test_a_yuque_card_reads_its_figures_out_of_the_editor_html_and_never_last_years_ocr_comment():
    guide = _parsed(HELDOUT18 / "zhenlai_nsf_2026.md")
    unit = guide.project("ZR2026-JQ")
    assert unit.title == "杰出青年科学基金项目"
    assert unit.clause_of_kind("funding").text == "100万元/项(直接费用)"  # <font>…</font> and [^1] gone
    assert unit.clause("申请人条件").text.startswith("年龄不超过40周岁")
    everything = "\n".join([*(s.text for s in guide.sections), *(c.text for p in guide.projects for c in p.clauses)])
    assert "80万元" not in everything and "ocr" not in everything  # the image's OCR comment is no guide text


def test_a_yuque_meta_box_names_the_issuer_and_date_and_footnotes_stay_as_notes():
    guide = _parsed(HELDOUT18 / "zhenlai_nsf_2026.md")
    assert (guide.issuer, guide.date) == ("浈崃省自然科学基金委员会", "2026-01-12")
    notes = [line for s in guide.sections for line in s.text.splitlines() if line.startswith("注1")]
    assert notes and "包干制" in notes[0]


def test_a_box_drawn_table_row_is_rebuilt_column_by_column():
    unit = _parsed(HELDOUT18 / "feilou_talent_2024.txt").project("RC24-01")
    assert unit.title == "顶尖人才团队"
    assert unit.clause_of_kind("funding").text == "给予最高500万元项目资助,分三年拨付"  # two lines of one cell
    assert unit.clause_of_kind("indicators").text.endswith("新增授权发明专利不少于10件")


def test_a_dash_cell_of_a_box_drawn_table_sets_no_clause_and_an_article_is_titled_by_its_run_in_heading():
    guide = _parsed(HELDOUT18 / "feilou_talent_2024.txt")
    unit = guide.project("RC24-04")
    assert [c.name for c in unit.clauses if c.kind in ("period", "indicators", "quota")] == []
    assert next(c for c in unit.clauses if c.name == "备注").text.startswith("获批时间须在2023年")
    assert {"申报时间", "限项规定", "联系方式"} <= {s.title for s in guide.sections}  # 第七条 申报时间。2024年…
    assert next(s for s in guide.sections if s.title == "申报时间").text.startswith("2024年3月18日至2024年4月19日")


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


def _clause(unit, name: str) -> str:
    return next(c.text for c in unit.clauses if c.name == name)


@pytest.fixture(scope="module")
def weiyun_units() -> dict:
    return {u.label: u for u in _parsed(HELDOUT18 / "weiyun_intl_2026.pdf").projects}


def test_a_borderless_label_column_gives_each_unit_its_wrapped_labels_and_whole_values(weiyun_units):
    partner = _clause(weiyun_units["2026GH01"], "合作伙伴要求")
    assert "并承诺投入相应的人员和配套资源" in partner and "要求" not in partner
    assert weiyun_units["2026GH02"].title == "“一带一路”联合实验室建设"
    assert "邀请函" in _clause(weiyun_units["2026GH06"], "申报人条件")


def test_a_label_table_row_after_a_page_break_stays_with_its_unit(weiyun_units):
    assert _clause(weiyun_units["2026GH03"], "拟支持项目数").endswith("10人")


@cache
def _scanned_guide():
    """The scanned university call (OCR of three pages, so parsed once for the tests below)."""
    return _parsed(HELDOUT18 / "huangmao_kjxy_2026.pdf")


def test_sideways_table_page_is_read_upright_into_units_with_their_category():
    guide = _scanned_guide()
    c2 = next(p for p in guide.projects if p.label == "C2")
    assert c2.title == "乡村振兴优秀案例奖励"
    assert c2.group == "成果推广"  # the 类别 cell merged over C1 and C2
    assert c2.clause("资助标准").text == "省级案例奖励3万元,国家级案例奖励10万元"
    assert c2.clause("执行期限") is None  # a "/" cell: not set


def test_sideways_table_row_keeps_each_column_as_its_clause():
    projects = {p.label: p for p in _scanned_guide().projects}
    assert projects["B1"].clause("资助标准").text == "每个服务团每年资助8万元"
    assert projects["B1"].clause("执行期限").text.startswith("3年")
    # a line of text read across two cells is cut between them at the right character
    assert projects["A1"].clause("考核指标").text.startswith("驻点研究生不少于3名")
    assert projects["A1"].clause("建设(服务)内容").text.endswith("的服务模式")

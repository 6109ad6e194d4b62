"""The twenty-third held-out layout corpus (tests/fixtures/layouts_heldout23, two parts of three guides: a city's
揭榜挂帅 text PDF whose 榜单 are two rows each of a landscape table, a talent programme's markdown whose categories nest
their conditions three levels deep and whose money sits in a notice table, a 科技特派员 call saved from a WeChat
公众号 article with its figures in a 文字版 copy of a table image, a city's draft .docx of two-row table units with
typed 【删除：…】【新增：…】 marks, a province's international cooperation Word 97 .doc with codes at the end of its
headings, and a storage programme's pdftotext-style text whose figures sit in per-page footnotes). Written blind; the
first run on 2026-12-04 (main at c059446) answered 33.3% of its questions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.load import load_source
from index.loaders.bar_table import bar_rows
from index.loaders.html import html_lines
from index.metadata import read_metadata
from index.normalize import logical_lines
from index.parse import build_guide
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT23 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout23"

GAPS: dict[str, str] = {}


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


def _guide(name: str):
    path = HELDOUT23 / name
    return build_guide(load_source(path).text, guide_id=path.stem, source=path.name)


def test_a_code_closing_the_heading_labels_the_unit_whichever_ordinal_word_opens_it():
    guide = _guide("qupan_guojihezuo_2026.doc")
    assert [(p.label, p.aka) for p in guide.projects][4:] == [
        ("GJ2026-05", "专题五"),
        ("GJ2026-06", "方向六"),
        ("GJ2026-07", "方向七"),
    ]
    unit = guide.project("GJ2026-07")
    assert unit.title == "外籍青年科学家来磲合作研究" and "第二类" in unit.group
    # a field printed once, between two one-line clauses, is a clause of its own, not the tail of the one before
    assert unit.clause("在磲工作时间").text == "累计不少于6个月。"
    assert "在磲" not in unit.clause("外方人员要求").text
    # the 第二类 heading and its rules (30万元) are no text of the last 第一类 unit
    assert "30万元" not in " ".join(c.text for c in guide.project("GJ2026-05").clauses)


def test_talent_categories_take_their_money_from_the_notice_table_and_keep_nested_conditions():
    guide = _guide("xuanwei_rencai_2026.md")
    assert [p.label for p in guide.projects] == ["A类", "B1类", "B2类", "C类", "D类", "E类"]
    b1 = guide.project("B1类")
    # the notice's table row keyed B1类 gives the category its money and period (not 80万元 of the 2025 note)
    assert (b1.clause("安家补贴").text, b1.clause("安家补贴").kind) == ("100万元", "funding")
    assert b1.clause("支持期").kind == "period"
    assert guide.project("D类").clause("安家补贴") is None  # a "—" cell is no clause
    # three levels of list stay inside their clause: the level-3 point decides B1类 (重点/重大, not 面上)
    assert "②国家自然科学基金重点项目、重大项目负责人" in b1.clause_of_kind("eligibility").text
    # a numbered point printing a field's shape ("2.工作时间：…") is a point of 申报条件, not a clause of its own
    e = guide.project("E类")
    assert "每年在烜工作时间累计不少于2个月" in e.clause("申报条件").text
    assert [c.name for c in e.clauses if c.name in ("引进方式", "工作时间")] == []
    # an aside between the label and its colon is the clause's first words
    assert guide.project("C类").clause("入选条件").text.startswith("(年龄要求见通知第二部分)")


def _kanqi():
    path = HELDOUT23 / "kanqi_gongyeruanjian_2026.docx"
    return build_guide(load_source(path).text, guide_id=path.stem, source=path.name)


def test_a_drafts_typed_change_marks_are_read_as_made():
    guide = _kanqi()
    funding = guide.project("KQ2026-GR01").clause_of_kind("funding").text
    assert "400万元" in funding and "300万元" not in funding and "【" not in funding
    overall = next(s for s in guide.sections if s.title == "总体安排").text
    assert "1800万元" in overall and "2000万元" not in overall
    # last year's unit, struck out whole between two units, is none; its note heads no group
    assert [p.label for p in guide.projects][-2:] == ["KQ2026-GR05", "KQ2026-GR06"]
    assert not any("5G" in c.text for p in guide.projects for c in p.clauses)
    assert guide.project("KQ2026-GR06").group == "青年项目"
    # the notice's legend of the marks ("【删除：……】"表示…) is printed as it stands
    assert "【删除:......】" in next(s for s in guide.sections if s.title == "征求意见内容").text


def test_a_unit_of_two_table_rows_has_its_quota_cell_and_its_detail_rows_clauses():
    unit = _kanqi().project("KQ2026-GR04")  # the whole unit inside one 【新增：…】 mark
    assert unit.title == "工业软件源代码安全检测工具链研发"
    assert unit.clause_of_kind("funding").text == "每项50万元。"
    assert next(c.text for c in unit.clauses if c.name == "拟支持数") == "2项"
    assert [c.name for c in unit.clauses] == ["拟支持数", "研究内容", "考核指标", "资助强度", "实施周期", "其他说明"]


def test_a_footnote_figure_is_read_into_the_clause_citing_it_from_its_own_page():
    guide = _parsed(HELDOUT23 / "wuyan_chuneng_2026.txt")
    funding = {p.label: p.clause_of_kind("funding").text for p in guide.projects if p.clause_of_kind("funding")}
    # ① is a different note on every page: 400万元 on p.3, a 150万元 cap on p.4, 40万元 on p.5
    assert "定额资助①(注:定额资助400万元,分两期拨付,首期拨付60%" in funding["2026CN01"]
    assert "后补助①(注:" in funding["2026CN03"] and "最高不超过150万元" in funding["2026CN03"]
    assert "400万元" not in funding["2026CN03"] and "40万元" not in funding["2026CN03"]
    assert funding["2026CN06"].startswith("拟支持2项,每项资助①(注:每项资助40万元")
    assert "③(注:单个项目最高不超过200万元" in funding["2026CN02"]
    assert guide.project("2026CN06").clause_of_kind("period").text == "2026年7月—2028年6月。"  # not cut off


def test_a_page_of_footnotes_leaves_no_stray_lines_and_a_unit_cut_after_its_figure_rejoins():
    text = load_source(HELDOUT23 / "wuyan_chuneng_2026.txt").text
    assert "——————————" not in text and not re.search(r"^\s*[①②③]", text, re.M)  # no note left on a line of its own
    guide = _parsed(HELDOUT23 / "wuyan_chuneng_2026.txt")
    clauses = [c.text for p in guide.projects for c in p.clauses]
    assert not any("900万元" in t or "0576-8712520" in t for t in clauses)  # notes of the notice's pages stay there
    assert "1MW/4MWh的示范系统" in guide.project("2026CN01").clause_of_kind("indicators").text
    lines = [ln.text for ln in logical_lines(text)[0]]
    assert "铻堰市2026年度新能源与储能科技专项申报指南的通知" in lines  # a centred title takes no line after it


# -- the 公众号 article (chaya_tepaiyuan_2026.html) and the mechanisms it needed --------------------------------------


def test_a_wechat_articles_unit_cards_take_their_figures_from_the_text_copy_of_its_table():
    guide = _guide("chaya_tepaiyuan_2026.html")
    assert [(p.label, p.title) for p in guide.projects][:2] == [
        ("01", "法人科技特派员服务项目"),
        ("02", "个人科技特派员产业服务项目"),
    ]
    unit = guide.project("02")
    # the 文字版 row gives 02 its money: 8万元, not last year's 5万元 a 留言 quotes
    assert unit.clause_of_kind("funding").text == "每项8万元"
    assert unit.clause_of_kind("period").text.startswith("2年(2026年7月")
    assert unit.clause("拟支持数量").text == "60项"
    assert guide.project("03").clause("团队组成").kind == "eligibility"
    # the notice's pills (emoji before 四、申报条件) head notice sections, no text of the last card
    assert "68周岁" not in " ".join(c.text for c in guide.project("06").clauses)
    assert any(s.title == "申报条件" and "68周岁" in s.text for s in guide.sections)
    text = load_source(HELDOUT23 / "chaya_tepaiyuan_2026.html").text
    assert "去年个人科技特派员项目才5万元" not in text and "msg_title" not in text and "往期推荐" not in text
    assert guide.title == "重磅｜2026年度槎垭市科技特派员项目申报启动！最高支持50万元"
    assert guide.issuer == "槎垭市科学技术局、槎垭市农业农村局"


def test_lines_of_cells_split_by_full_width_bars_are_read_as_table_rows():
    lines = [
        "重磅｜2026年度申报启动",
        "类别｜支持额度｜拟支持数量",
        "",
        "01 甲项目｜每项10万元｜2项",
        "02 乙项目｜每项5万元｜3项",
    ]
    assert bar_rows(lines) == [
        "重磅｜2026年度申报启动",  # a headline with one bar: text
        "类别\t支持额度\t拟支持数量",
        "",
        "01 甲项目\t每项10万元\t2项",
        "02 乙项目\t每项5万元\t3项",
    ]
    two = ["类别｜支持额度", "01 甲项目｜每项10万元"]
    assert bar_rows(two) == two  # two lines are no table
    assert bar_rows(["a｜b｜c", "d｜e", "f｜g｜h"]) == ["a｜b｜c", "d｜e", "f｜g｜h"]  # cells of unequal count


def test_a_badge_number_heads_a_unit_card_and_a_table_row_naming_it_with_its_title_binds_to_it():
    text = "\n".join(
        [
            "二、支持类别",
            "01 甲类示范项目",
            "服务内容：开展技术服务。",
            "申报要求：须在本市注册。",
            "02 个人服务项目",  # 02个人 once the space goes: a zero-padded number is no quantity
            "服务内容：开展技术指导。",
            "申报要求：每年服务不少于60天。",
            "三、支持标准",
            "类别\t支持额度\t实施期限",
            "01 甲类示范项目\t每项不超过50万元\t2年",
            "02 个人服务项目\t每项8万元\t1年",
            "四、申报条件",
            "12个月内完成。",
        ]
    )
    guide = build_guide(text, guide_id="t", source="t.html")
    assert [(p.label, p.title) for p in guide.projects] == [("01", "甲类示范项目"), ("02", "个人服务项目")]
    second = guide.project("02")
    assert (second.clause("支持额度").text, second.clause("支持额度").kind) == ("每项8万元", "funding")
    assert second.clause_of_kind("period").text == "1年"


def test_an_emoji_opening_a_line_is_no_word_of_it():
    text = "📢 一、支持对象\n☎️ 六、联系方式\n🔹网上申报：3月16日起。\n①研究内容：甲。\n❶研究"
    assert [ln.text for ln in logical_lines(text)[0]] == [
        "一、支持对象",
        "六、联系方式",
        "网上申报:3月16日起。",
        "①研究内容:甲。",
        "❶研究",
    ]


def test_a_wechat_card_head_stacked_as_two_boxes_is_one_line_and_the_hidden_body_is_read():
    page = (
        '<html><head><meta property="og:title" content="重磅｜2026年度某市项目申报启动"></head><body>'
        '<div id="js_content" style="visibility: hidden;"><p>二、支持类别</p>'
        '<section style="display:flex;flex-direction:column"><section>01</section>'
        "<section><p><strong>甲类示范项目</strong></p></section></section>"
        "<p>▶服务内容：开展服务。</p></div><script>var msg_title = '重磅';</script></body></html>"
    )
    assert html_lines(page) == [
        "重磅｜2026年度某市项目申报启动",
        "二、支持类别",
        "01 甲类示范项目",
        "▶服务内容：开展服务。",
    ]


def test_a_headline_titles_an_article_naming_no_guide_and_two_issuers_one_space_apart_stay_two():
    meta = read_metadata(
        "重磅｜2026年度某市科技特派员项目申报启动！\n具体要求见附件1《2026年度某市科技特派员项目申报指南》：\n"
        "正文。\n青禾市科学技术局\u3000青禾市农业农村局\n2026年3月10日"
    )
    assert meta.title == "重磅｜2026年度某市科技特派员项目申报启动！"
    assert meta.issuer == "青禾市科学技术局、青禾市农业农村局"

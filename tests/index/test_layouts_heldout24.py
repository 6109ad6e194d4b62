"""The twenty-fourth held-out layout corpus (tests/fixtures/layouts_heldout24, two parts of three guides: a county's
agricultural guide as an .xlsx workbook of a notice sheet, a project sheet and a contacts sheet; a province's key R&D
guide reprinted in a two-column gazette PDF; a district's innovation-voucher guide as .odt with 【label】 lines; a city's
social-development portal page of <h4>/<ul> and <dl> units in a tab widget; a GBK text of （1）… units, one line of
clauses each, under 一、二、三、 categories; a .docx whose units and clauses are Word automatic numbering). Written blind;
the first run on 2026-12-04 (main at 0a7241c) answered 37.5% of its questions, with 10 wrong-guide answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.layouts.common import inline_clauses
from index.load import load_source
from index.parse import build_guide
from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT24 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout24"

GAPS: dict[str, str] = {}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT24, GAPS)))
def test_heldout24_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


NOTICE = (
    "关于组织申报2026年度示范专项的通知\n一、支持方向\n本年度设三类支持内容（详见附件）。\n"
    "二、联系方式\n电话：0000-1234567\n附件\n2026年度示范专项申报指南\n"
)


def _units(text: str):
    return build_guide(text, guide_id="t", source="t.txt").projects


def test_units_numbered_on_across_category_headings_keep_titles_that_read_as_clause_headings():
    # （3）检测服务后补助 alone would be a clause heading (补助 heads a funding label): its number carrying on (1)(2)
    # across 二、 makes it a unit, its one-line clauses split after the full stop closing its title
    text = NOTICE + (
        "一、基地建设\n"
        "（1）示范基地新建项目。支持内容：新建示范基地；支持额度：最高300万元；实施周期：2年。\n"
        "（2）示范基地提升项目。建设内容：升级设备；支持额度：最高200万元；实施周期：2年。\n"
        "二、服务补助\n"
        "（3）检测服务后补助。补助对象：备案的检测机构；补助标准：合同额的10%。\n"
        "（4）首次验证补助。支持对象：首次委托验证的企业；补助额度：费用的50%。\n"
        "三、成果转化\n"
        "（5）成果产业化项目。支持内容：产业化；资助额度：最高400万元；实施周期：3年。\n"
        "（6）技术转移奖励。奖励对象：技术转移机构；奖励标准：成交额的3%。\n"
    )
    units = _units(text)
    assert [p.label for p in units] == ["（1）", "（2）", "（3）", "（4）", "（5）", "（6）"]
    third = units[2]
    assert third.title == "检测服务后补助"
    assert [c.name for c in third.clauses] == ["补助对象", "补助标准"]
    assert third.group.endswith("服务补助")


def test_a_unit_whose_clauses_the_vocabulary_lacks_is_read_where_its_number_carries_on_the_run():
    # 1. … 4. as Word's automatic list renders them, under typed 一、二、 headings: unit 3 names one known clause only
    # (a 1. heading needs two), yet 3 between 2 and 4 heads a unit; the materials list numbered from 1 again in the
    # notice heads none
    clauses = "（1）补助对象：规上企业。\n（2）补助标准：投入的5%。\n（3）申报要求：已享受加计扣除。\n"
    text = (
        "关于开展2026年度企业研发后补助申报工作的通知\n一、申报材料\n1.申报表；\n2.审计报告；\n3.信用承诺书。\n"
        "二、联系方式\n电话：0000-1234567\n附件\n2026年度企业研发后补助申报指南\n"
        f"一、研发投入类\n1.研发投入存量后补助\n{clauses}2.研发投入增量后补助\n{clauses}"
        "二、研发平台类\n3.新认定研发机构后补助\n（1）认列范畴：新获认定的研发中心。\n（2）补助标准：一次性50万元。\n"
        f"4.新型研发机构后补助\n{clauses}"
    )
    units = _units(text)
    assert [p.label for p in units] == ["1", "2", "3", "4"]
    assert units[2].title == "新认定研发机构后补助"
    assert [c.name for c in units[2].clauses][-1] == "补助标准"


def test_a_line_numbered_out_of_the_run_heads_no_unit():
    clauses = "（1）补助对象：规上企业。\n（2）补助标准：投入的5%。\n（3）申报要求：已享受加计扣除。\n"
    text = (
        "关于开展2026年度企业研发后补助申报工作的通知\n附件\n2026年度企业研发后补助申报指南\n"
        f"1.研发投入存量后补助\n{clauses}2.研发投入增量后补助\n{clauses}"
        "4.新认定研发机构后补助\n（1）认列范畴：新获认定的研发中心。\n（2）补助标准：一次性50万元。\n"
        f"5.新型研发机构后补助\n{clauses}"
    )
    assert [p.label for p in _units(text)] == ["1", "2", "5"]  # 3 is missing: 4 carries on nothing


def test_a_label_inside_a_bracket_of_a_value_is_part_of_that_value():
    parts = inline_clauses(
        "申报条件：须同时满足以下条件（①在本市注册；②支持额度：不超过100万元的项目除外）；绩效目标：服务企业10家。"
    )
    assert [name for name, _ in parts] == ["申报条件", "绩效目标"]
    assert parts[0][1].endswith("项目除外）；")
    # a bracket left open encloses nothing: the labels after it still open clauses
    assert [n for n, _ in inline_clauses("研究内容：研究某事（详见附件；实施周期：3年。")] == ["研究内容", "实施周期"]


JUNYUAN = HELDOUT24 / "junyuan_chuangxinquan_2026.odt"


def test_an_odt_footnote_is_read_into_the_clause_citing_it_not_glued_to_its_figure():
    """第一类's 补助标准 cites an ODF footnote (last year's cap, the voucher's validity): the note is written in after
    the sentence citing it, its citation mark "1" dropped, so "20万元。" is no "20万元。1"."""
    funding = _parsed(JUNYUAN).project("第一类").clause_of_kind("funding")
    assert funding.text.startswith("按服务合同实际支付金额的50%兑付")
    assert "不超过20万元。(注:2025年度研发服务券每家企业年度兑付额度不超过15万元。" in funding.text
    assert "12个月" in funding.text and "20万元。1" not in funding.text


def test_an_odt_table_of_tiers_stays_in_the_clause_it_follows():
    """第三类's figures exist only in an ODF table after "具体标准如下表：": its rows are the funding clause's, and the
    【核定依据】 line after the table's 注 opens a clause of its own."""
    unit = _parsed(JUNYUAN).project("第三类")
    funding = unit.clause_of_kind("funding").text
    for figure in ("A档", "8%", "30万元", "B档", "6%", "60万元", "C档", "5%", "100万元", "不累进计算"):
        assert figure in funding, figure
    assert [c.name for c in unit.clauses] == ["申报对象", "补助标准", "核定依据", "申报材料"]
    assert "核定依据" not in funding


def test_clauses_split_by_odt_line_breaks_are_clauses_of_their_own():
    unit = _parsed(JUNYUAN).project("第四类")
    assert [c.name for c in unit.clauses] == ["奖励对象", "奖励标准", "兑付方式"]
    assert unit.clause_of_kind("funding").text.startswith("首次认定的一次性奖励20万元")


def test_an_odt_page_footer_is_furniture_not_text():
    """The footer of styles.xml's master page prints a hotline on every page: it is not read, so it is no contact."""
    text = load_source(JUNYUAN).text
    assert "0577-56120123" not in text and "政务服务咨询" not in text
    assert "0577-56123408" in text  # the notice's own contacts are


def _guide(name: str):
    from tests.index.test_layouts_heldout5 import _parsed

    return _parsed(HELDOUT24 / name)


def test_the_gazette_reprint_is_the_guides_own_item_with_its_title_issuer_and_quotas():
    guide = _guide("taoyang_zhongdianyanfa_2026.pdf")
    assert (guide.title, guide.issuer, guide.region, guide.date) == (
        "2026年度焘阳省重点研发计划项目申报指南",
        "焘阳省科学技术厅",
        "焘阳省",
        "2026-03-31",
    )
    text = "\n".join(s.text for s in guide.sections)
    assert "人民政府办公厅" not in text and "焘科发〔2026〕19号" not in text  # the items before and after
    assert [c.text for p in guide.projects for c in p.clauses if c.name == "拟支持数"] == [
        "2项",
        "3项",
        "2项",
        "5项",
        "2项",
        "1项",
        "2项",
    ]  # 表1's quotas, read in the column holding it


def test_two_issuers_of_a_portal_page_signature_are_two():
    assert _guide("leidong_shehuifazhan_2026.html").issuer == "罍峒市科学技术局、罍峒市卫生健康委员会"

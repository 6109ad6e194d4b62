"""Units numbered in a shape no scheme of units.toml lists: the shape is read off the guide itself.

A run of lines of one shape (words, a running number 1, 2, 3 …, a bracket or counter, a title), each over
clauses of two or more known kinds, is the guide's unit list; the label is printed as the guide prints it.
"""

from __future__ import annotations

import pytest

from index.layouts.induced import heading_shape, induce
from index.normalize import Line, logical_lines
from index.parse import build_guide
from index.vocab import units


def _units(text: str) -> list[tuple[str, str, list[str]]]:
    guide = build_guide(text, guide_id="t", source="t.txt")
    return [(p.label, p.title, [c.kind for c in p.clauses]) for p in guide.projects]


def _layout(text: str) -> str:
    return build_guide(text, guide_id="t", source="t.txt").quality.layout


_GROUPS = """涞岙市2027年度成果熟化专项申报通知
一、总体安排
本年度按组支持成果熟化项目，每组支持1项。
二、支持内容
第一组　高端装备关键部件熟化
熟化内容：开展关键部件小批量试制。
补助标准：最高补助80万元。
实施期限：2年。
第二组　新材料中试验证
熟化内容：建设中试验证线。
补助标准：最高补助60万元。
实施期限：18个月。
第三组　生物制品工艺放大
熟化内容：完成工艺放大验证。
补助标准：最高补助50万元。
实施期限：2年。
三、联系方式
联系人：沐一帆，电话：0599-88776655。
"""


def test_a_counter_word_no_scheme_lists_numbers_the_units():
    assert "第一组" not in str(units().scheme)  # the shape is the guide's own, not the vocabulary's
    assert _units(_GROUPS) == [
        ("第一组", "高端装备关键部件熟化", ["content", "funding", "period"]),
        ("第二组", "新材料中试验证", ["content", "funding", "period"]),
        ("第三组", "生物制品工艺放大", ["content", "funding", "period"]),
    ]
    assert _layout(_GROUPS) == "induced:第N组"
    guide = build_guide(_GROUPS, guide_id="t", source="t.txt")
    assert [s.title for s in guide.sections if s.kind == "notice"][-1] == "联系方式"  # the tail stays the notice's


_ROMAN = """澐汐区2026年度科技惠企政策兑现指南
Ⅰ．研发费用补助
支持对象：区内规模以上工业企业。
支持标准：按研发费用增量的5%补助，最高30万元。
申报时间：2026年5月1日至5月31日。
Ⅱ．首次认定高新技术企业奖励
支持对象：首次通过认定的高新技术企业。
支持标准：一次性奖励20万元。
申报时间：2026年9月1日至9月30日。
Ⅲ．科技型中小企业入库奖励
支持对象：当年入库的科技型中小企业。
支持标准：一次性奖励2万元。
申报时间：2026年10月1日至10月31日。
"""


def test_roman_numerals_number_the_units_and_keep_their_own_deadlines():
    assert [(label, title) for label, title, _ in _units(_ROMAN)] == [
        ("I", "研发费用补助"),  # Ⅰ after NFKC, as the guide's text is read
        ("II", "首次认定高新技术企业奖励"),
        ("III", "科技型中小企业入库奖励"),
    ]
    assert all({"funding", "deadline"} <= set(kinds) for _, _, kinds in _units(_ROMAN))


_BRACKETED = """岺川市2027年度软件首版次推广应用补贴申报指南
为推动首版次软件推广应用，现将有关事项通知如下。
【类型1】首版次软件研发
适用范围：在本市注册的软件企业。
补贴额度：不超过100万元。
【类型2】首版次软件推广应用
适用范围：首次采购首版次软件的用户单位。
补贴额度：不超过采购额的30%，最高50万元。
"""


def test_a_bracketed_word_and_number_numbers_the_units():
    labels = [label for label, _, _ in _units(_BRACKETED)]
    assert labels == ["类型1", "类型2"]  # the 【】 only sets the label off: users say 类型1


def _lines(*texts: str) -> list[Line]:
    return logical_lines("\n".join(texts))[0]


@pytest.mark.parametrize(
    "text",
    [
        "一是加强组织领导",  # a number run into prose
        "附件1 申报书模板",  # an attachment
        "3月15日前完成申报",  # a date
        "1.2 智能网联汽车",  # a deeper numbering the listed task scheme reads
        "二、申报要求：各单位须如实填报所有申报材料内容。",  # a sentence
    ],
)
def test_lines_that_are_no_unit_heading_have_no_shape(text):
    assert heading_shape(_lines(text)[0]) is None


_CODED = """翎溪市2027年度产业技术攻关指南
A.智能制造
ZN2027-A01 工业机器人高精度减速器
研究内容：研制高精度减速器。
考核指标：回差不大于1弧分。
支持强度：100万元。
ZN2027-A02 数控机床热误差补偿
研究内容：研究热误差补偿方法。
考核指标：定位精度提升30%。
支持强度：80万元。
B.新能源
ZN2027-B01 固态电池界面调控
研究内容：研究固态电解质界面。
考核指标：循环1000次容量保持90%。
支持强度：120万元。
ZN2027-B02 氢燃料电池双极板
研究内容：研制金属双极板。
考核指标：接触电阻低于10mΩ·cm²。
支持强度：90万元。
"""


def test_a_lettered_heading_over_coded_units_is_their_group_not_a_unit():
    lines = logical_lines(_CODED)[0]
    assert induce(lines) == (None, [])
    guide = build_guide(_CODED, guide_id="t", source="t.txt")
    assert [p.label for p in guide.projects] == ["ZN2027-A01", "ZN2027-A02", "ZN2027-B01", "ZN2027-B02"]


def test_headings_of_one_shape_over_no_clauses_are_no_units():
    text = """溟川县2026年度科普工作要点
一、总体要求
坚持科普与科技创新同等重要。
二、重点任务
（一）加强科普阵地建设
推动县科技馆免费开放。
（二）壮大科普人才队伍
培育科普志愿者100名。
"""
    assert induce(logical_lines(text)[0]) == (None, [])
    assert not build_guide(text, guide_id="t", source="t.txt").projects

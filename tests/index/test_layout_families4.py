"""Layout families met in the sixteenth held-out corpus, on small guides written for the test: numbered items that
open with a label and run on into its value, a summary table keyed by unit codes, a clause continuing a unit's
numbered items under a label the vocabulary lacks, and a code field inside units numbered 1.1; from the twenty-fourth,
units printing their clauses as 【label】 lines, one of them under a label no kind lists."""

from __future__ import annotations

from index.parse import build_guide

NOTICE = "关于组织申报2026年度示范项目的通知\n一、总体安排\n本年度设置3个支持类别。\n二、支持类别及标准\n"


def test_items_opening_with_a_label_are_the_clauses_of_their_category():
    text = NOTICE + "".join(
        f"支持类别{cn}　示范类别{n}名称\n"
        f"1）申报主体须为在本区注册的企业。\n"
        f"2）支持额度为实际投入的{n}0%，最高不超过{n}0万元。\n"
        f"3）项目执行期至2027年{n}月30日。\n"
        f"4）拟支持{n}个项目。\n"
        for n, cn in ((1, "一"), (2, "二"), (3, "三"))
    )
    guide = build_guide(text + "三、联系方式\n电话：0000-1234567\n", guide_id="t", source="t.txt")
    assert [p.label for p in guide.projects] == ["支持类别一", "支持类别二", "支持类别三"]
    unit = guide.project("支持类别二")
    assert [c.kind for c in unit.clauses] == ["eligibility", "funding", "period", "other"]
    assert unit.clause_of_kind("funding").text == "支持额度为实际投入的20%,最高不超过20万元。"  # NFKC
    assert unit.clause_of_kind("period").text == "项目执行期至2027年2月30日。"


def test_a_summary_table_keyed_by_unit_codes_gives_the_units_its_columns():
    units = "".join(
        f"DT-0{n}　示范方向{n}\n示范内容：建设示范工程{n}。\n绩效目标：减排不少于{n}000吨。\n申报主体：企业。\n"
        for n in (1, 2, 3)
    )
    table = "附件\n方向代码\t支持额度\t实施期限\t组织方式\n" + "".join(
        f"DT{'-' if n != 2 else ''}0{n}\t不超过{n}0万元\t项目执行期至2027年12月31日\t公开竞争\n" for n in (1, 2, 3)
    )
    guide = build_guide(NOTICE + units + "三、联系方式\n电话：0000-1234567\n" + table, guide_id="t", source="t.txt")
    assert [p.label for p in guide.projects] == ["DT-01", "DT-02", "DT-03"]
    second = guide.project("DT-02")  # OCR lost the hyphen of its row: DT02
    assert second.clause_of_kind("funding").text == "不超过20万元"
    assert second.clause_of_kind("organisation").text == "公开竞争"
    assert second.clause_of_kind("content").text == "建设示范工程2。"


def test_an_item_continuing_a_units_numbering_is_a_clause_whatever_its_label():
    body = "".join(
        f"第{n}条　补助类别{n}\n（一）补助对象：新型研发机构。\n（二）补助标准：补助{n}0万元。\n"
        + ("（三）共享要求：仪器须纳入共享平台。\n" if n == "六" else "（三）申报条件：上年度绩效评价为A。\n")
        for n in "四五六"
    )
    text = "新型研发机构补助办法\n第一章总则\n第二章补助类别\n" + body + "第三章附则\n第七条本办法自发布之日起施行。\n"
    guide = build_guide(text, guide_id="t", source="t")
    shared = guide.project("第六条").clause("共享要求")
    assert shared is not None and shared.text == "仪器须纳入共享平台。"


def test_a_code_field_inside_units_numbered_one_one_is_their_field():
    tasks = "".join(
        f"{g}.{n} 任务{g}{n}名称研究\n研究内容：研究{g}{n}。\n考核指标：形成标准{n}项。\n实施年限：3年\n"
        f"指南编号：2025SW0{g}0{n}\n有关说明：省财政资助不超过{n}00万元。\n"
        for g in (1, 2)
        for n in (1, 2)
    )
    text = "2025年度专项项目申报指南\n1. 方向一\n" + tasks
    guide = build_guide(text, guide_id="t", source="t.md")
    assert [p.label for p in guide.projects] == ["2025SW0101", "2025SW0102", "2025SW0201", "2025SW0202"]
    assert [p.aka for p in guide.projects] == ["1.1", "1.2", "2.1", "2.2"]
    assert guide.project("2025SW0102").clause_of_kind("content").text == "研究12。"


def test_an_unlisted_bracket_label_after_a_table_opens_a_clause_where_units_print_their_clauses_in_brackets():
    """【结算规则】 is in no kind's list and ends in no kind's head, and it follows the rows of a table the clause above
    reads on into: where the guide's units print their clauses as 【label】 lines, it still opens a clause of its own."""
    text = "\n".join(
        [
            "某区2026年度科技创新券申报指南",
            "一、科技创新券",
            "第一类　研发服务券",
            "【支持对象】区内科技型中小企业。",
            "【补助标准】按研发费用分档补助，具体标准如下表：",
            "档次\t补助比例\t单家上限",
            "A档\t8%\t30万元",
            "B档\t6%\t60万元",
            "注：同一企业按其所属档次计算，不累进计算。",
            "【结算规则】按季度集中结算，不跨年度结转。",
            "第二类　首次合作券",
            "【支持对象】首次开展产学研合作的企业。",
            "【补助标准】按技术合同金额的70%兑付，最高5万元。",
            "第三类　检测服务券",
            "【支持对象】区内企业。",
            "【补助标准】按检测费用的30%兑付，最高3万元。",
        ]
    )
    guide = build_guide(text, guide_id="vouchers", source="vouchers.txt")
    assert [p.label for p in guide.projects] == ["第一类", "第二类", "第三类"]
    first = guide.projects[0]
    assert [c.name for c in first.clauses] == ["支持对象", "补助标准", "结算规则"]
    funding = first.clause_of_kind("funding").text
    assert "60万元" in funding and funding.endswith("不累进计算。") and "结算" not in funding

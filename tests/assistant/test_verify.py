"""Verification: every sentence cites a given clause; every figure it states is in the clauses it cites."""

from __future__ import annotations

import pytest

from assistant.models import Citation
from assistant.verify import (
    figures,
    parse_citations,
    renumber,
    split_sentences,
    ungrounded_figures,
    verify_answer,
)

REFUSAL = "指南原文中没有找到相关规定。"


def clause(project: str, name: str, quote: str, lines: tuple[int, int] = (1, 1), title: str = "") -> Citation:
    return Citation(
        guide_id="g",
        guide_title=title or "重庆市2024年度人口健康专项申报指南（征求意见稿）",
        source="001.txt",
        project=project,
        project_title="三峡库区特色药材品种选育与高产优质绿色生态种植技术研究与应用" if project else "",
        clause=name,
        quote=quote,
        lines=lines,
    )


FUNDING = clause(
    "项目十八", "资助强度及方式", "拟支持1项,市级财政经费资助不超过200万元,承担单位出资不低于600万元。", (874, 876)
)
PERIOD = clause("项目十八", "实施周期", "不超过3年。", (878, 878))
DEADLINE = clause(
    "",
    "其他事项",
    "4. 项目申报材料网上填报截止时间为2025年3月27日17:30,主管部门网上审核推荐截止时间为2025年3月28日17:30。",
    title="江苏省2025年度省前沿技术研发计划（卫生健康领域）项目指南",
)
CONTACTS = clause(
    "",
    "联系方式",
    "市科技局发展规划与资源配置科 0772-2623551;联系电话:025-83611856;联系人:何琳 65368251;邮箱532808599@qq.com",
)
CLAUSES = [FUNDING, PERIOD, DEADLINE, CONTACTS]


def test_grounded_answer_is_accepted_with_its_citations():
    verdict = verify_answer("市级财政经费资助不超过200万元[1]，实施周期不超过3年[2]。", CLAUSES, REFUSAL)
    assert verdict.ok and not verdict.refused
    assert verdict.numbers == [1, 2]
    assert [(c.project, c.clause) for c in verdict.citations] == [
        ("项目十八", "资助强度及方式"),
        ("项目十八", "实施周期"),
    ]


def test_invented_amount_is_rejected():
    verdict = verify_answer("市级财政经费资助不超过999万元[1]。", CLAUSES, REFUSAL)
    assert not verdict.ok
    assert "999万元" in verdict.reason


def test_figure_must_be_in_the_clause_the_sentence_cites():
    # 3年 is in clause [2], but this sentence cites only [1].
    verdict = verify_answer("资助不超过200万元，周期3年[1]。", CLAUSES, REFUSAL)
    assert not verdict.ok and "3年" in verdict.reason


def test_citation_of_a_number_not_given_is_rejected():
    verdict = verify_answer("市级财政经费资助不超过200万元[9]。", CLAUSES, REFUSAL)
    assert not verdict.ok and "cites [9]" in verdict.reason


def test_sentence_without_citation_is_rejected():
    verdict = verify_answer("市级财政经费资助不超过200万元[1]。该项目很有前景。", CLAUSES, REFUSAL)
    assert not verdict.ok and "cites no clause" in verdict.reason


def test_marker_after_the_full_stop_belongs_to_its_sentence():
    sentences = split_sentences("资助不超过200万元。[1]周期不超过3年。【2】")
    assert [(s.text, s.cited) for s in sentences] == [("资助不超过200万元。", (1,)), ("周期不超过3年。", (2,))]
    assert verify_answer("资助不超过200万元。[1]周期不超过3年。[2]", CLAUSES, REFUSAL).ok


def test_marker_forms_full_width_and_lists():
    assert [s.cited for s in split_sentences("资助200万元［１］，周期3年[1, 2]。出资600万元[1、2]。")] == [
        (1, 2),
        (1, 2),
    ]


def test_refusal_sentence_is_a_refusal():
    for reply in (REFUSAL, "指南原文中没有找到相关规定", "抱歉，指南原文中没有找到相关规定。"):
        verdict = verify_answer(reply, CLAUSES, REFUSAL)
        assert verdict.ok and verdict.refused, reply


def test_refusal_beside_a_cited_sentence_is_a_partial_answer():
    verdict = verify_answer(f"资助不超过200万元[1]。{REFUSAL}", CLAUSES, REFUSAL)
    assert verdict.ok and not verdict.refused and verdict.numbers == [1]


def test_empty_reply_is_rejected():
    assert not verify_answer("  \n ", CLAUSES, REFUSAL).ok


@pytest.mark.parametrize(
    "sentence",
    [
        "网上填报截止时间为2025年3月27日17:30[3]。",
        "截止时间为３月２７日１７：３０[3]。",  # full-width digits and colon
        "可拨打0772 - 2623551或025-83611856咨询[4]。",
        "联系人何琳，电话65368251，邮箱532808599@QQ.com[4]。",
        "市级财政经费资助不超过 200 万元[1]。",
    ],
)
def test_dates_times_phones_emails_found_in_the_cited_clause_pass(sentence):
    assert verify_answer(sentence, CLAUSES, REFUSAL).ok, sentence


@pytest.mark.parametrize(
    "sentence, wrong",
    [
        ("网上填报截止时间为2025年3月26日17:30[3]。", "2025年3月26日"),
        ("网上填报截止时间为3月27日18:00[3]。", "18:00"),
        ("可拨打0772-2623552咨询[4]。", "0772-2623552"),
        ("联系电话65368250[4]。", "65368250"),
        ("邮箱532808599@163.com[4]。", "532808599@163.com"),
        ("考核指标要求提升10%[1]。", "10%"),
        ("资助1.5亿元[1]。", "1.5亿元"),
        ("实施周期为36个月[2]。", "36个月"),
    ],
)
def test_figures_not_in_the_cited_clause_are_rejected(sentence, wrong):
    verdict = verify_answer(sentence, CLAUSES, REFUSAL)
    assert not verdict.ok and wrong in verdict.reason


def test_a_figure_is_not_matched_inside_a_longer_number():
    assert not verify_answer("资助不超过00万元[1]。", CLAUSES, REFUSAL).ok
    other = clause("项目一", "实施周期", "2023年启动,1200万元。")
    assert ungrounded_figures("周期3年，资助200万元。", [other.quote]) == ["3年", "200万元"]


def test_thousands_separators_and_phone_lists_are_read_as_printed():
    assert ungrounded_figures("资助1,000万元。", ["市级财政经费资助不超过1000万元。"]) == []
    phones = "联系电话:025-85485831,025-85485920"
    assert ungrounded_figures("可拨打025-85485831或025-85485920。", [phones]) == []
    assert ungrounded_figures("可拨打025-02583620。", ["联系电话:025-02583620705"]) == [
        "025-02583620"
    ]  # a number cut short is not the printed one


def test_figures_extracts_each_kind():
    text = "2025年3月27日17:30前，7月3日，0772-2623551，025-83611856，65368251，a.b@qq.com，200万元，1.5亿元，10%，3年，6个月"
    assert figures(text) == [
        "2025年3月27日",
        "17:30",
        "7月3日",
        "0772-2623551",
        "025-83611856",
        "65368251",
        "a.b@qq.com",
        "200万元",
        "1.5亿元",
        "10%",
        "3年",
        "6个月",
    ]


def test_year_of_a_guide_and_project_labels_are_not_figures():
    assert figures("2024年度人口健康专项项目十八、项目 18、方向 4-1、2001") == []
    assert figures("该项目200万元，项目3年完成") == ["200万元", "3年"]


def test_ungrounded_figures_ignores_quotes_and_citation_lines():
    answer = (
        "根据《重庆市2024年度人口健康专项申报指南》，项目十八资助不超过200万元。\n\n"
        "> 市级财政经费资助不超过999万元\n\n"
        "出处：《指南》 · 项目十八 · 资助强度及方式 · 第874–876行\n\n"
        "注意：该指南为2024年度文件。"
    )
    assert ungrounded_figures(answer, [FUNDING.quote]) == []
    assert ungrounded_figures("资助999万元，周期3年。", [FUNDING.quote]) == ["999万元", "3年"]
    assert ungrounded_figures("见《2024年度指南》：200万元", [FUNDING.quote]) == []


def test_parse_citations_and_renumber_follow_first_citation_order():
    reply = "周期不超过3年[2]。资助不超过200万元[1][2]。"
    assert parse_citations(reply, CLAUSES) == [PERIOD, FUNDING]
    assert renumber(reply, [2, 1]) == "周期不超过3年【1】。资助不超过200万元【2】【1】。"

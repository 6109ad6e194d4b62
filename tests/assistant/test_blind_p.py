"""Questions of the blind set 2026-12-03p (run once on 8cd811b, now tuning data), on the five seeds: a listing of the
units whose clauses lack what the question names ("哪几个的考核指标完全没提专利", "哪个项目没有“…”这一条"); "分了哪两个
方向" is a listing; a short second part that leaves out what it is about ("最晚哪天交？交到哪儿？") is asked of what the
first part names; an English question names its project by the phrase describing it."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from assistant.understand import elided_subject, elliptic
from tests.assistant.test_answers import assert_grounded


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_units_whose_indicators_never_mention_the_nouns_negated_are_listed(assistant):
    answer = assistant.ask("沙区科技局这批生命健康攻关重点项目里，哪几个的考核指标完全没提专利、软著这类知识产权要求？")
    assert "项目共2个" in answer.answer
    assert [c.project for c in answer.citations] == ["项目一", "项目三"]
    assert {c.clause for c in answer.citations} == {"考核指标"}
    assert_grounded(answer)


def test_the_one_unit_lacking_a_quoted_rule_is_named(assistant):
    answer = assistant.ask("2024人口健康专项申报指南征求意见稿，哪个项目没有“联合科技型中小企业研发的优先支持”这一条？")
    assert "项目共1个" in answer.answer and "项目十八" in answer.answer
    assert [c.project for c in answer.citations] == ["项目十八"]


def test_a_phrase_no_unit_holds_lists_nothing_as_lacking_it(assistant):
    # 联动 is in no clause of the guide: no unit is said to lack 方式
    answer = assistant.ask("重庆人口健康专项哪些项目没有采用市区（县）联动方式实施？")
    assert "没有写明「方式」" not in answer.answer


def test_which_two_directions_lists_the_groups_units(assistant):
    answer = assistant.ask("柳州“十四五”医疗卫生和生物医药科创指南第二版，人才创新能力培养那块分了哪两个方向？")
    assert "项目共2个：方向 4-1、方向 4-2" in answer.answer
    assert answer.citations[0].clause == "医疗卫生高层次人才创新能力培养项目"


def test_a_short_part_is_asked_of_what_the_part_before_it_names():
    first = "江苏省前沿技术研发计划（卫生健康）推荐项目汇总表纸质版最晚哪天交？"
    assert elliptic("交到哪儿？") and not elliptic("拟支持几项经费多少？")
    assert elided_subject(first) == "江苏省前沿技术研发计划（卫生健康）推荐项目汇总表纸质版"


def test_the_deadline_and_the_address_are_both_answered(assistant):
    answer = assistant.ask("江苏省前沿技术研发计划（卫生健康）推荐项目汇总表纸质版最晚哪天交？交到哪儿？")
    assert "2025年3月31日17:30" in answer.answer
    assert "龙蟠路175号" in answer.answer
    assert len(answer.citations) == 2 and answer.citations[0].lines != answer.citations[1].lines


@pytest.mark.parametrize(
    ("question", "project", "fact"),
    [
        (
            "In the Shapingba district 2024 first-batch life-health key project guide, the laser hard-tissue ablation "
            "surgical robot project: what is the maximum thermal damage depth at the cut edge, and what bone "
            "integration success rate is required three months after implantation?",
            "项目六",
            "0.5mm",
        ),
        (
            "Chongqing 2023 biomedicine major project guide — the bone-marrow cell image recognition medical device: "
            "how many bone-marrow cell categories must the system identify automatically?",
            "项目四",
            "49类",
        ),
    ],
)
def test_an_english_question_names_its_project_by_the_phrase_describing_it(assistant, question, project, fact):
    answer = assistant.ask(question)
    assert answer.citations[0].project == project
    assert fact in answer.answer

"""Questions of the blind set 2026-12-03s (run once on 1a1b0a3, now tuning data), on the five seeds: two categories
compared on two kinds at once are each asked each kind; a QQ group asked (in English too) is the item naming it;
abbreviations of a role (硕导) and of a hospital grade (二甲) read as the guide writes them out; an English question
naming a thing to build (databases) finds the clause that names it."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_two_categories_compared_on_two_kinds_are_each_asked_each_kind(assistant):
    answer = assistant.ask(
        "苏前沿技术计划里国家医学中心建设支撑项目和临床诊疗关键技术攻关项目，支持强度和组织方式有啥区别？"
    )
    for fact in ("1000万元", "400万元", "定向委托", "竞争择优"):
        assert fact in answer.answer, fact
    assert {c.clause for c in answer.citations} == {"组织方式"}
    assert_grounded(answer)


@pytest.mark.parametrize(
    "question",
    [
        "For the Liuzhou 2022 medical and biopharma innovation call, is there a QQ group for help with the online "
        "application process?",
        "柳州医疗卫生那个申报有没有QQ群可以问？",
    ],
)
def test_a_qq_group_asked_is_the_contact_item_naming_it(assistant, question):
    answer = assistant.ask(question)
    assert "183349833" in answer.answer
    assert answer.citations[0].clause == "联系方式"


def test_an_applicant_in_a_capacity_abbreviated_asks_the_terms_the_guide_writes_out(assistant):
    history = [
        ["柳州医疗卫生高层次人才项目资助多少？", "资助经费不超过10万元，且高层次人才项目不包含在单位申报限额内。"]
    ]
    answer = assistant.ask("那如果我是以硕导身份申报的，有什么额外要求吗？", history)
    assert "1名以上研究生" in answer.answer
    assert answer.citations[0].clause == "申报要求"


def test_a_hospital_grade_abbreviated_finds_the_rule_on_that_grade(assistant):
    answer = assistant.ask("我们是二甲医院，想牵头报江苏省前沿技术研发计划卫生健康领域的项目，有什么要求？")
    assert "非三级甲等" in answer.answer and "长三角" in answer.answer
    assert answer.citations[0].clause == "组织方式"


def test_an_english_thing_to_build_finds_the_clause_naming_it(assistant):
    answer = assistant.ask(
        "Shapingba 2024 life-health call: for the colon capsule endoscopy AI-assisted diagnosis project, which "
        "databases do we have to build?"
    )
    assert "结肠内镜数据库" in answer.answer and "标准病例库" in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("项目八", "考核指标")]

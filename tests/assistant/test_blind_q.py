"""Questions of the blind set 2026-12-03q (run once on 6aba616, now tuning data), on the five seeds: the items of a
notice section the question names and counts ("一共有哪几个支持重点"); "哪些事" inside the one unit named is its content,
not a listing; a category's rule is the sentence stating what is asked, not the one repeating the category's name;
two asks on either side of a comma are each answered; an English question asking when submission closes asks the
deadline; a follow-up pointing nowhere back asks a thing of its own, not the previous question's kind; the guide's
own word for what the asker paraphrases (编写 → 编制) finds its rule."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from assistant.understand import asking_parts
from tests.assistant.test_answers import assert_grounded


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_a_named_sections_items_are_listed_not_the_units(assistant):
    answer = assistant.ask("柳州2022年医疗卫生和生物医药科技创新项目一共有哪几个支持重点？")
    assert "共4项" in answer.answer
    for item in ("人工智能技术在医疗卫生领域中的应用", "医疗器械、试剂、耗材技术研究与产品研发应用"):
        assert item in answer.answer
    assert {c.clause for c in answer.citations} == {"支持重点"}
    assert "方向 4-1" not in answer.answer
    assert_grounded(answer)


def test_which_things_inside_the_one_unit_named_is_its_content(assistant):
    answer = assistant.ask("柳州十四五医疗卫生和生物医药申报指南里“互联网医院+院内制剂”那个方向，主要支持做哪些事？")
    assert "慢病管理平台" in answer.answer and "项目共1个" not in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("方向 1", "研究内容")]


def test_a_categorys_rule_is_the_sentence_stating_what_is_asked(assistant):
    answer = assistant.ask("我是2020年引进到柳州一家医院的博士，能报柳州2022年度医疗卫生高层次人才创新能力培养项目吗？")
    assert "2019年7月1日后引进" in answer.answer
    assert answer.citations[0].clause == "申报要求"


def test_two_asks_either_side_of_a_comma_are_each_answered(assistant):
    history = [
        [
            "江苏2025年省前沿技术研发计划卫生健康领域，临床诊疗关键技术攻关项目单个给多少钱？",
            "临床诊疗关键技术攻关项目采取竞争择优方式，单个项目支持强度不超过400万元。",
        ]
    ]
    answer = assistant.ask("那国家医学中心建设支撑那一类呢？是怎么组织的，单个最多给多少？", history)
    assert "定向委托" in answer.answer and "不超过1000万元" in answer.answer
    assert {c.clause for c in answer.citations} == {"组织方式"}
    assert "单个最多给多少？" in asking_parts("是怎么组织的，单个最多给多少？")
    assert asking_parts("我们是高校，能牵头吗？") == ["我们是高校，能牵头吗？"]  # one ask: a statement and a question


def test_an_english_question_asking_when_submission_closes_asks_the_deadline(assistant):
    answer = assistant.ask(
        "Jiangsu 2025 frontier technology R&D program (health field): what is the phone number of the contact at "
        "the provincial science and technology department, and at what time of day does online submission close?"
    )
    assert "025-83611856" in answer.answer and "17:30" in answer.answer


def test_a_follow_up_pointing_nowhere_back_asks_a_thing_of_its_own(assistant):
    history = [
        ["沙坪坝区生命健康领域科技攻关重点项目指南征求意见什么时候截止？", "本次公开征求意见截止时间为7月3日18:00。"]
    ]
    answer = assistant.ask("我们提了意见之后，他们会单独给我们回复吗？", history)
    assert answer.citations[0].clause == "征求意见结果运用"
    assert "不再另行反馈" in "".join(c.quote for c in answer.citations)


def test_the_guides_own_word_for_a_paraphrase_finds_its_rule(assistant):
    answer = assistant.ask("江苏省前言技术研发计划卫生建康领域，参与编写指南的专家自己能不能报项目？")
    assert "参与指南编制的专家不得牵头或参与申报本计划项目" in answer.answer
    assert answer.citations[0].clause == "组织方式"

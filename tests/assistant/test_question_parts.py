"""Questions in parts on the five seeds (from the blind set 2026-12-02n, run once, now tuning data): each part of a
question answered from the notice item that states it; details the guide never settles refused; an English "how
many" of a thing a project must deliver is no count of projects. A part the whole question's answer does not quote is
answered on its own, about the guide and unit the whole names, in the order asked (blind set 2026-12-02o)."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from assistant.understand import asking_parts
from tests.assistant.test_answers import assert_grounded


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_two_parts_asked_of_one_notice_section_quote_each_ones_item(assistant):
    answer = assistant.ask(
        "我们是柳州本地一家医药企业，2022柳州医疗卫生生物医药项目能报几项？跟医院联合申报的算不算在名额里？"
    )
    assert "企业2项" in answer.answer and "包含联合申报形式" in answer.answer
    assert [c.clause for c in answer.citations] == ["申报限额", "申报限额"]
    assert answer.citations[0].lines != answer.citations[1].lines
    assert_grounded(answer)


def test_three_contacts_asked_in_one_question_quote_the_items_for_each(assistant):
    answer = assistant.ask("柳州市科技局医疗卫生项目，网上申报系统不会弄找谁？纸质材料交到哪里、电话多少？")
    assert "183349833" in answer.answer and "0772 - 2631033" in answer.answer
    assert {c.clause for c in answer.citations} == {"联系方式"}


@pytest.mark.parametrize(
    ("question", "detail"),
    [
        (
            "我已经主持一个在研的市级科技项目了，还能牵头报重庆2024人口健康专项吗？有没有限项规定？",
            "在研项目或限项规定",
        ),
        ("沙区科技局这批生命健康攻关项目，正式申报时是在哪个网上系统填报？网址多少？", "网上申报系统及网址"),
        ("重庆人口健康专项2024征求意见稿，牵头单位是不是必须在重庆注册、具有独立法人资格？", "注册地或法人资格要求"),
    ],
)
def test_a_detail_the_guide_never_settles_is_refused(assistant, question, detail):
    answer = assistant.ask(question)
    assert answer.refused
    assert f"没有写明{detail}" in answer.answer


def test_an_english_how_many_of_a_deliverable_is_no_count_of_projects(assistant):
    answer = assistant.ask(
        "Chongqing 2024 population health special (draft) — the emergency care multi-system fusion project: "
        "how many online terminals must the system support?"
    )
    assert "项目共" not in answer.answer
    assert "3000" in answer.answer


def test_a_count_of_groups_and_of_projects_asked_together_answers_both(assistant):
    answer = assistant.ask("2023年重庆市生物医药重大专项指南一共分了几个方向？总共多少个项目？")
    lead = answer.answer.split("\n")[0]
    assert "共分5个方向" in lead and "共11个项目" in lead


def test_the_parts_of_a_question_are_its_asking_sentences():
    assert asking_parts("我们是高校。拟支持几项？企业牵头的自筹比例多少") == ["拟支持几项？", "企业牵头的自筹比例多少"]
    assert asking_parts("项目十一的实施周期是多久？") == ["项目十一的实施周期是多久？"]


def test_an_english_sentence_asking_two_things_is_two_asks():
    assert asking_parts("Langxi NSF (杰青) — what's the age cap and how much does one grant give?") == [
        "Langxi NSF (杰青) — what's the age cap",
        "how much does one grant give?",
    ]
    assert asking_parts("Is the guide final? When do applications open?") == [
        "Is the guide final?",
        "When do applications open?",
    ]
    # "and" inside one ask opens no second one
    assert asking_parts("What are the funding and the period of project 2?") == [
        "What are the funding and the period of project 2?"
    ]


def test_a_count_and_a_ratio_asked_of_one_unit_are_both_quoted_in_the_order_asked(assistant):
    answer = assistant.ask(
        "重庆生物医药重大专项创新药物和器械临床研究那个，最多支持几项？企业牵头的自筹跟申请资助比例要多少？"
    )
    assert "不超过3项" in answer.answer and "3:1" in answer.answer
    assert answer.answer.index("不超过3项") < answer.answer.index("3:1")
    assert {c.project for c in answer.citations} == {"项目十一"}
    assert answer.citations[0].clause == "资助强度及方式"


def test_a_yes_no_part_and_a_bonus_part_quote_the_mode_and_the_preference(assistant):
    answer = assistant.ask("沙区24年生命健康领域攻关重点项目是定向委托的吗？跟科技型企业联合有没有加分")
    assert "公开竞争" in answer.answer and "联合科技型企业研发的优先支持" in answer.answer
    assert {c.guide_id for c in answer.citations} == {"cq-shapingba-2024-health"}

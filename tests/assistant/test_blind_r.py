"""Questions of the blind set 2026-12-03r (run once on 1856e27, now tuning data), on the five seeds: a number of a
thing asked ("至少要培养几个研究生") is the sentence printing a number of that thing; "有什么额外要求" of an asker
who wants to apply asks who may apply, not the guide's other notes; how many one unit named by its title funds is
its own count, not a count of the units beside it; how many categories a guide has, when its units stand under no
such headings, is the notice sentence stating it."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from index.vocab.questions import thing_asked
from tests.assistant.test_answers import assert_grounded


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_a_number_of_a_thing_asked_is_the_sentence_printing_it(assistant):
    answer = assistant.ask("柳州医疗卫生高层次人才项目，如果是以导师身份申报，至少要培养几个研究生？")
    assert "必须培养1名以上研究生" in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("", "申报要求")]
    assert_grounded(answer)


def test_units_and_time_spans_are_not_things():
    assert thing_asked().search("一共支持几个项目") is None
    assert thing_asked().search("几个月内拨付") is None
    assert thing_asked().search("需要几家合作单位联合申报").group("noun").startswith("合作单位")


def test_extra_requirements_of_an_asker_who_wants_to_apply_are_who_may_apply(assistant):
    answer = assistant.ask("我们是江苏一所高校，想申报省前沿技术研发计划卫生健康领域的项目，有什么额外要求？")
    assert "必须有医院联合" in answer.answer and "实质性参与" in answer.answer
    assert answer.citations[0].clause == "申报要求"


def test_how_many_one_unit_named_by_its_title_funds_is_its_own_count(assistant):
    answer = assistant.ask("重庆生物医药重大专项那个创新药物和医疗器械临床研究与产品研发，一共打算支持几个项目？")
    assert "拟支持不超过3项" in answer.answer and "项目共2个" not in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("项目十一", "资助强度及方式")]


def test_how_many_categories_is_the_notice_sentence_stating_it(assistant):
    answer = assistant.ask("江苏2025年省前沿技术研发计划卫生健康领域一共分几类项目？")
    assert "两类组织申报" in answer.answer and "项目共23个" not in answer.answer
    assert answer.citations[0].clause == "支持重点"
    assert_grounded(answer)

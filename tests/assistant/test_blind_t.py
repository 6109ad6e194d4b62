"""Questions of the blind set 2026-12-03t (run once on 3acacf3, now tuning data), on the five seeds: a Latin term
an English question writes as the guide prints it (AUC) finds the clause holding it; "那几个…？" opening a
conversation asks which; a listing whose words only the notice prints (不受理) is the notice's sentence, not every
unit."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_a_latin_term_of_an_english_question_finds_the_clause_printing_it(assistant):
    answer = assistant.ask(
        "For Chongqing's 2024 population health special programme, what AUC is required on the independent external "
        "validation set for the AI multimodal medical imaging diagnosis project?"
    )
    assert "0.85" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("项目一", "考核指标")
    assert_grounded(answer)


def test_that_typed_for_which_opening_a_conversation_lists_the_units(assistant):
    answer = assistant.ask("沙区这批生命健康攻关项目里，那几个的考核指标要求出软件著作权？")
    assert "共2个" in answer.answer
    assert {c.project for c in answer.citations} == {"项目七", "项目八"}


def test_that_pointing_at_things_the_question_names_stays_that(assistant):
    answer = assistant.ask("江苏前沿技术卫生健康领域申报的那几个截止时间里，最晚的是哪个环节？几号？")
    assert "3月31日" in answer.answer and "纸质材料" in answer.answer


def test_a_listing_of_what_only_the_notice_says_quotes_the_notice(assistant):
    answer = assistant.ask("江苏省前沿技术研发计划卫生健康这次哪些类型的项目是不受理的？")
    assert "涉密项目" in answer.answer and "一般性技术应用与推广" in answer.answer
    assert answer.citations[0].clause == "申报要求"
    assert "2001" not in answer.answer  # no list of the units
    assert_grounded(answer)

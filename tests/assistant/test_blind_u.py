"""Questions of the blind set 2026-12-03u (run once on 943d11b, now tuning data), on the five seeds: two units named
and asked "这两个，哪个…" are compared; levels of government run together (市区县联动) are no place; an English question
on applying jointly and what to attach finds the notice's rule."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.scope import place_mentions
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_two_units_asked_which_of_the_two_are_compared(assistant):
    answer = assistant.ask("重庆生物医药重大专项里，TSLP双抗和细胞治疗新药这两个，哪个要区县财政出钱？")
    assert "区县财政出资500万元" in answer.answer and "1000万元" in answer.answer
    assert {c.project for c in answer.citations} == {"项目一", "项目三"}
    assert_grounded(answer)


@pytest.mark.parametrize(
    "question", ["空间转录组芯片那个项目是不是市区县联动实施的？", "省市两级财政怎么出钱", "区县配套多少"]
)
def test_levels_of_government_are_no_place(question):
    assert place_mentions(question) == []


def test_a_name_before_its_level_is_still_a_place():
    assert place_mentions("屿沣省农业科技重大专项") == ["屿沣省"]


def test_levels_run_together_are_answered_not_refused_as_an_unknown_place(assistant):
    answer = assistant.ask("空间转录组芯片那个重大专项项目是不是市区县联动实施的？")
    assert not answer.refused
    assert (answer.citations[0].project, answer.citations[0].clause) == ("项目七", "其他说明")


def test_an_english_question_on_applying_jointly_finds_what_to_attach(assistant):
    answer = assistant.ask(
        "Liuzhou 2022 medical S&T projects: if we apply jointly with another unit, what document do we have to attach?"
    )
    assert "合作协议" in answer.answer
    assert answer.citations[0].clause == "申报要求"

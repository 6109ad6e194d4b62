"""A question asking for a kind of value (a date, a length, a share, a number of copies) that the clause found does
not carry: the guide does not say, and the answer says so instead of presenting the clause as the answer."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from evals.runner import norm


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_a_count_of_copies_the_guide_never_gives_is_refused_with_the_clause_found(assistant):
    answer = assistant.ask("柳州医疗卫生科创项目联合申报要交几份合作协议？")
    assert answer.refused
    assert "没有写明份数" in answer.answer
    assert "找到的相关原文如下" in answer.answer
    assert "合作协议" in answer.citations[0].quote and "份" not in answer.citations[0].quote


def test_materials_asked_of_a_guide_that_lists_none_are_refused(assistant):
    answer = assistant.ask("重庆生物医药重大专项要交几份纸质申报书？")
    assert answer.refused
    assert "没有写明申报材料" in answer.answer


def test_a_share_asked_of_clauses_that_print_only_amounts_is_refused(assistant):
    answer = assistant.ask("人口健康专项自筹经费要占总经费多少比例？")
    assert answer.refused
    assert "没有写明具体比例" in answer.answer
    quotes = [c.quote for c in answer.citations if c.project]
    assert len(quotes) == len(set(quotes)), "each distinct clause is shown once"


def test_of_two_values_asked_the_one_stated_is_answered_and_the_other_named(assistant):
    answer = assistant.ask("江苏前沿技术项目网上填报哪天截止？汇总表寄过去的邮编是多少？")
    assert not answer.refused
    assert "3月27日" in norm(answer.answer)
    assert "以上条款没有写明邮政编码" in answer.answer


def test_each_of_two_values_asked_is_quoted_from_the_item_stating_it(assistant):
    # 其他事项 item 3: the units funded hand in paper copies 一式一份 (item 4 holds the online deadline)
    answer = assistant.ask("江苏前沿技术项目网上填报哪天截止？纸质材料交几份？")
    assert not answer.refused
    assert "3月27日" in norm(answer.answer) and "一式一份" in answer.answer
    assert "没有写明份数" not in answer.answer


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("人口健康专项18号项目做几年", "3年"),  # a length the clause states
        ("柳州的钱什么时候拨", "签订后"),  # a time stated relative to an event
        ("江苏前沿技术项目纸质材料什么时候交", "3月31日"),
    ],
)
def test_a_value_the_clause_states_is_answered(assistant, question, fact):
    answer = assistant.ask(question)
    assert not answer.refused
    assert fact in answer.answer
    assert "没有写明" not in answer.answer

"""Questions of the blind set 2026-12-04x (run once on de0dcf3, now tuning data), on the five seeds: a comparison that
names no clause kind but a detail (病例/样本量, 知识产权) compares the clauses of each unit printing it, not their
funding; a question asking when, answered by a notice item without a time, gives way to the item of that section that
states one ("合同完成签订后拨付")."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_a_comparison_of_a_detail_compares_the_clauses_printing_it_not_funding(assistant):
    answer = assistant.ask("江苏前沿里I型糖尿病防控和糖尿病脑疾病这两个，对病例/样本量的要求哪个更高？")
    assert "财政资助上限" not in answer.answer
    assert [c.project for c in answer.citations] == ["2007", "2008"]
    assert "临床样本不低于1000例" in answer.answer and "样本量不少于300例" in answer.answer
    assert_grounded(answer)


def test_intellectual_property_is_read_as_patents_and_software_copyrights(assistant):
    answer = assistant.ask("沙坪坝老人跌倒那个跟心腹部超声那个比，知识产权方面要的东西有啥不一样")
    assert [(c.project, c.clause) for c in answer.citations] == [("项目二", "考核指标"), ("项目七", "考核指标")]
    assert "授权1-3项相关专利" in answer.answer and "申请软件著作权1-2项" in answer.answer


def test_a_comparison_asking_money_still_compares_funding(assistant):
    answer = assistant.ask("江苏前沿2007和2008，哪个资助多？")
    assert "400万元" in answer.answer


def test_a_when_question_takes_the_item_of_the_section_that_states_a_time(assistant):
    answer = assistant.ask(
        "钱是啥时候拨下来？",
        [["柳州2022年医疗卫生科技项目每项给多少？", "四类项目资助经费均不超过10万元。"]],
    )
    assert not answer.refused
    assert "项目立项合同完成签订后拨付" in answer.answer
    assert [c.clause for c in answer.citations] == ["支持方式"]

"""Questions of the blind set 2026-12-04v (run once on b20d350, now tuning data), on the five seeds: a province no
guide is from is refused though a year and a programme's alias fit another guide; a listing's colloquial word is
written out (软著); the words of a detail the question prints pick the notice item (在研); an English follow-up (随访)
asked "how long" of a project is the span its clauses print; "它那个…" keeps the conversation's project; two clauses
named are both answered."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_a_province_no_guide_is_from_is_refused_though_a_year_and_an_alias_fit(assistant):
    answer = assistant.ask("广东省2023年重点领域研发计划生物医药专项，单个项目资助多少钱？")
    assert answer.refused and not answer.citations
    assert "广东" in answer.answer


def test_the_guide_named_by_its_place_and_year_is_still_answered(assistant):
    answer = assistant.ask("重庆2023年生物医药专项，细胞治疗创新药物那个项目资助多少钱？")
    assert "1000万元" in answer.answer
    assert [c.project for c in answer.citations] == ["项目三"]


def test_a_listing_writes_out_a_colloquial_word(assistant):
    answer = assistant.ask("沙坪坝区2024第一批生命健康攻关里面，哪几个项目考核要交软著？")
    assert {c.project for c in answer.citations} == {"项目七", "项目八"}
    assert "共2个" in answer.answer
    assert_grounded(answer)


def test_the_detail_word_the_question_prints_picks_the_notice_item_stating_it(assistant):
    answer = assistant.ask("我手上还有个在研的江苏省科技计划项目，今年还能牵头报省前沿技术卫生健康吗？")
    assert "不得牵头申报" in answer.answer
    assert answer.citations[0].clause == "组织方式"


@pytest.mark.parametrize(
    "question",
    [
        "江苏 2025 那个 assisted reproduction 高龄女性卵母细胞质量的 project，RCT 的 follow-up 要多久？",
        "江苏前沿技术高龄女性卵母细胞质量改善那个项目，随访时间要多久？",
    ],
)
def test_how_long_a_thing_inside_a_project_lasts_is_the_span_its_clause_prints(assistant, question):
    answer = assistant.ask(question)
    assert "随访时间不少于3年" in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("2020", "研发内容")]


def test_how_long_the_project_runs_is_still_its_period(assistant):
    answer = assistant.ask("江苏前沿糖尿病脑疾病那个项目要做多久？")
    assert "4年" in answer.answer and "随访" not in answer.answer


def test_a_follow_up_opening_with_it_keeps_the_conversations_project(assistant):
    history = [["江苏2025前沿技术卫生健康领域里糖尿病脑疾病诊治那个是哪个指南代码？", "指南代码2008。"]]
    answer = assistant.ask("它那个全国多中心随机对照研究要几个中心、样本量多少？", history)
    assert "不少于5个研究中心" in answer.answer and "不少于300例" in answer.answer
    assert answer.citations[0].project == "2008"

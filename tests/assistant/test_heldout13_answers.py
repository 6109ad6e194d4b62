"""Answers on guides of the thirteenth blind layout corpus beside the seeds (tests/fixtures/layouts_heldout13, written
blind and run once on 2026-12-02, now tuning data): "这几个方向" points at units, it asks no number; "最少得多少才够门槛"
is a threshold the guide states, not the lowest unit; a draft's feedback deadline stands in its opening paragraphs; a
listing asked with the units' own code words ("AI场景…编号列一下") lists them; a unit named by its title with "最多几万"
is that unit's cap; two units compared by how many each funds read a clause of its own (拟资助数量)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    "layouts_heldout13/dixun_aichangjing_2026.html",  # a zone's draft: units AI-01 … AI-06 in a rowspan table
    "layouts_heldout13/zhugang_kepu_2026.txt",  # 专题A … 专题E, GB18030
    "layouts_heldout13/liantang_zhuanli_2026.doc",  # 【方向一】 … 【方向四】, legacy Word
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout13"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_these_units_ask_which_is_highest_not_how_many(assistant):
    answer = assistant.ask("荻浔高新区人工智能场景这几个方向，哪个补助上限最高？")
    assert not answer.refused
    assert "AI-05" in answer.answer and "250万元" in answer.answer
    assert answer.citations[0].project == "AI-05"


def test_a_threshold_asked_with_at_least_is_the_guides_condition_not_the_lowest_unit(assistant):
    answer = assistant.ask("荻浔高新区AI场景项目总投资最少得多少才够门槛？")
    assert "不低于300万元" in answer.answer
    assert answer.citations[0].clause == "支持对象和申报条件"
    assert_grounded(answer)


def test_a_drafts_feedback_deadline_in_its_opening_paragraphs_answers(assistant):
    answer = assistant.ask("荻浔高新区AI场景指南征求意见几号截止？几点前发过去")
    lead = answer.answer.split("\n")[0]
    assert "2026年5月15日17:00" in lead


def test_a_count_asked_with_the_units_code_words_lists_the_units(assistant):
    answer = assistant.ask("荻浔AI场景示范征求意见稿一共列了几个场景方向？编号列一下")
    assert "共6个" in answer.answer
    assert all(f"AI-0{n}" in answer.answer for n in range(1, 7))


def test_a_unit_named_by_its_title_with_at_most_is_that_units_cap(assistant):
    answer = assistant.ask("楝塘理工PCT国际专利申请资助按什么比例给，一件最多几万？")
    assert "50%" in answer.answer and "3万元" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("方向三", "支持方式")


def test_units_compared_by_how_many_they_fund_read_the_clause_stating_it(assistant):
    answer = assistant.ask("槠岗市科协专题C和专题D，哪个拟资助的数量多？")
    assert "5个" in answer.answer and "15项" in answer.answer
    assert {(c.project, c.clause) for c in answer.citations} == {("专题C", "拟资助数量"), ("专题D", "拟资助数量")}


def test_an_english_question_names_a_universitys_call_by_the_pinyin_of_its_name(assistant):
    answer = assistant.ask(
        "Liantang University of Technology IP program 2026: how long is the patent navigation project?"
    )
    assert answer.citations and {c.guide_id for c in answer.citations} == {"liantang_zhuanli_2026"}

"""Answers on guides of the eleventh blind layout corpus beside the seeds (tests/fixtures/layouts_heldout11, written
blind and run once on 2026-12-02, now tuning data): kind words inside the guide's own title, a unit's own deadline
that is no answer for the whole guide, a clause every compared unit prints under the name the question uses, a
university that names its scanned call, the clause of several of one kind that the question's words hint at."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    "layouts_heldout11/chengpu_rd_postsubsidy_2027.docx",  # tiers only in Word's numbering: 第一档 … 第五档
    "layouts_heldout11/fanping_innovation_voucher_2025.doc",  # 类别A … 类别E; 类别E's own 申领时限
    "layouts_heldout11/yingban_incubator_award_2026.html",  # （一）… over two-column field tables
    "layouts_heldout11/beiqiao_joint_fund_2027.md",  # LH2027-A01 … in a bulleted list
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout11"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_kind_words_inside_the_guides_own_title_ask_nothing(assistant):
    answer = assistant.ask("琤浦市科技局管研发后补助的联系人是谁，电话多少？")  # 后补助 is the programme's name
    assert not answer.refused
    assert "宓文澜" in answer.answer and "0738-85120467" in answer.answer
    assert answer.citations[0].clause == "联系方式"


def test_one_units_own_deadline_is_no_answer_for_the_whole_guide(assistant):
    answer = assistant.ask("璠坪区2025年创新券申领截止到哪天？")  # 类别E closes 9月30日, the notice 11月30日
    assert "2025年11月30日" in answer.answer
    assert answer.citations[0].project == ""
    own = assistant.ask("璠坪区首次产学研合作券申领截止到哪天？")
    assert "2025年9月30日" in own.answer
    assert own.citations[0].project == "类别E"


def test_a_clause_every_compared_unit_prints_under_the_questions_name_answers_for_each(assistant):
    answer = assistant.ask("琤浦后补助第二档和第四档，补助比例分别是多少？")
    assert "10%" in answer.answer and "3%" in answer.answer
    assert {(c.project, c.clause) for c in answer.citations} == {("第二档", "补助比例"), ("第四档", "补助比例")}
    assert_grounded(answer)


def test_of_several_clauses_of_the_kind_asked_the_one_the_questions_words_hint_at_answers(assistant):
    answer = assistant.ask("琤浦研发后补助第三档的企业最多能补多少钱？")  # 补助基数 / 补助比例 / 补助上限
    assert "不超过150万元" in answer.answer
    assert answer.citations[0].clause == "补助上限"


def test_the_units_of_a_tiered_subsidy_are_counted(assistant):
    answer = assistant.ask("琤浦市2027年研发投入后补助一共分了几档？")
    assert "共5个" in answer.answer and "第五档" in answer.answer


def test_a_row_of_a_field_table_the_vocabulary_does_not_name_answers_for_its_unit(assistant):
    answer = assistant.ask("潆坂高新区新认定区级孵化器是怎么核查的？")
    assert "现场核查" in answer.answer
    assert answer.citations[0].project == "（一）"


def test_a_second_part_hinting_another_clause_by_name_is_answered_too(assistant):
    answer = assistant.ask("琤浦后补助第一档企业的补助比例是多少？一年最多补多少？")  # 最多 → 补助上限
    assert "12%" in answer.answer and "600万元" in answer.answer
    assert [c.clause for c in answer.citations] == ["补助比例", "补助上限"]


def test_the_calls_whole_budget_is_the_notice_sentence_stating_it(assistant):
    answer = assistant.ask("琲峤联合基金2027年一共多少钱？省财政和集团各出多少？")
    lead = answer.answer.split("\n")[0]
    assert "6000万元" in lead and "2000万元" in lead and "4000万元" in lead
    assert answer.citations[0].project == ""
    assert_grounded(answer)


def test_units_named_by_labels_of_one_length_are_taken_in_the_order_the_question_writes_them(assistant):
    # 第二档 and 第四档 are equally long: the order once followed a set's, and changed from run to run
    for question, order in (
        ("琤浦后补助第二档和第四档，补助比例分别是多少？", ["第二档", "第四档"]),
        ("琤浦后补助第四档和第二档，补助比例分别是多少？", ["第四档", "第二档"]),
    ):
        assert [label for _, label in assistant.understand(question).projects] == order

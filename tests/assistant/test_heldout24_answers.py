"""Guides of the twenty-fourth held-out layout corpus beside the seeds (written blind; first run 37.5% with 10
wrong-guide answers on 2026-12-04, now tuning data): a notice rule naming units by their labels answers for those
units; a year whose figures the asker tells is no guide's year; a question in two parts keeps the clause found for
one beside the clause stating the value the other asks; a name of rare characters no guide holds is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from assistant.unit_rules import names_unit
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout24"
FILES = ("leidong_shehuifazhan_2026.html", "guluan_yanfabuzhu_2026.docx")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout24"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


@pytest.mark.parametrize(
    ("sentence", "label", "named"),
    [
        ("申报指南方向1、2的，须取得伦理审查批件", "指南方向2", True),
        ("申报指南方向1、指南方向2等临床研究类项目的", "指南方向2", True),
        ("申报指南方向1、2的，须取得伦理审查批件", "指南方向3", False),
        ("方向3至5须由企业牵头", "方向4", True),
        ("方向3至5须由企业牵头", "方向6", False),
        ("第4项与第5项不得兼报", "5", True),
        ("第4项与第5项不得兼报", "3", False),
        ("申报（4）（5）的，合同双方不得存在关联关系", "（5）", True),
        ("申报第(4)项、第(5)项的，所涉合同双方不得存在关联关系", "（4）", True),
        ("项目十一采用定向委托方式", "项目一", False),
        ("指南方向12另行通知", "指南方向1", False),
    ],
)
def test_a_notice_sentence_names_units_by_label_number_lists_and_places(sentence, label, named):
    assert names_unit(sentence, label) is named


def test_a_rule_naming_the_unit_by_label_answers_what_its_clauses_do_not_say(assistant):
    answer = assistant.ask("罍峒社发专项中医药适宜技术推广方向，申报前要不要先拿伦理批件？")
    assert "取得本单位伦理委员会审查批件" in answer.answer
    assert [c.clause for c in answer.citations] == ["申报条件"]


def test_an_english_question_takes_the_rule_for_company_leads_of_that_unit(assistant):
    answer = assistant.ask(
        "If a company leads the 罍峒 food pollutant rapid-testing direction, how much self-funding does it need?"
    )
    assert "不低于市财政资助额的1倍" in answer.answer


def test_two_units_taken_together_get_the_rule_on_combining_them(assistant):
    answer = assistant.ask("我们去年新认定了市级研发中心，同时又是备案的新型研发机构，觚峦这两项后补助能一起拿吗？")
    assert "第4项与第5项不得兼报" in answer.answer


def test_years_of_the_askers_figures_do_not_name_a_guide_year(assistant):
    answer = assistant.ask("我们公司2025年研发费用比2024年涨了12%，能申请觚峦的研发增量后补助吗？")
    assert not answer.refused
    assert "增长15%以上(含)" in answer.answer


def test_a_question_in_two_parts_keeps_both_clauses(assistant):
    answer = assistant.ask("觚峦研发投入存量后补助按什么比例给，单家最多多少？")
    assert "研发费用的3%" in answer.answer and "单家企业最高200万元" in answer.answer
    assert {c.clause for c in answer.citations} == {"补助标准", "补助上限"}


@pytest.mark.parametrize(
    "question", ["焌垸创新券是不是只有入库的科技型中小企业才能申请？", "那焌垸的创新券呢，今年申领到什么时候为止？"]
)
def test_a_name_of_rare_characters_no_guide_holds_is_refused_not_answered_from_another_guide(assistant, question):
    answer = assistant.ask(question)
    assert answer.refused and not answer.citations
    assert "没有“焌垸”的指南" in answer.answer

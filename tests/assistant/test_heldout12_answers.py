"""Answers on guides of the twelfth blind layout corpus beside the seeds (tests/fixtures/layouts_heldout12, written
blind and run once on 2026-12-02, now tuning data): "哪个…多少" asks which office and how many, no comparison; a
notice section headed by a clause kind's own label (四、申报时间) answers that kind; a cap asked as a count of people
("最多奖几个人") is a limit the guide states, not the largest amount of the guide's units."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    "layouts_heldout12/aiyuan_tech_contract_2023.txt",  # A类 … D类, GB18030, hard-wrapped
    "layouts_heldout12/yaokong_openlab_2026.pdf",  # a two-column table per topic, coded KF2026-01 …
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout12"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_which_office_and_how_many_digits_is_no_comparison_of_the_units(assistant):
    answer = assistant.ask("瑷塬区科技局管技术合同奖补的是哪个科室，电话多少？")  # 哪个科室…多少: not 哪个多
    assert "成果转化科" in answer.answer and "0832-65170923" in answer.answer
    assert [c.clause for c in answer.citations] == ["联系方式"]


def test_a_notice_section_headed_by_a_kinds_own_label_answers_that_kind(assistant):
    answer = assistant.ask("瑷塬区科技局2023年度技术合同登记奖补，申报截止到哪天？")
    assert "2023年9月15日" in answer.answer  # 四、申报时间, not the contract period of 一、奖补范围
    assert answer.citations[0].clause == "申报时间"


def test_a_cap_asked_as_a_count_of_things_is_the_limit_the_guide_states(assistant):
    intent = assistant.understand("珧崆盐碱地实验室开放课题，每个申请人最多报几项？")
    assert intent.aggregate == ""
    intent = assistant.understand("珧崆盐碱地实验室开放课题，每个申请人最多领几项？")  # any one-character verb
    assert intent.aggregate == ""
    answer = assistant.ask("珧崆盐碱地实验室开放课题，每个申请人最多领几项？")
    assert "限申请1项" in answer.answer
    assert answer.citations[0].project == ""


def test_a_topic_table_coded_by_its_own_cell_is_cited_by_its_code(assistant):
    answer = assistant.ask("珧崆大学盐碱地实验室暗管排盐那个课题研究期限是几年？")
    assert "2年" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("KF2026-02", "研究期限")


def test_a_clause_holding_the_questions_own_words_answers_over_the_one_its_kind_words_found(assistant):
    # 比例 fires funding (奖补标准: 2%); only the category's 附加要求 holds 受让方 … 本区企业
    answer = assistant.ask("瑷塬区那个技术转让奖补，如果受让方也是本区企业，比例能提到多少？")
    assert "提高至3%" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("B类", "附加要求")
    answer = assistant.ask("瑷塬技术合同奖补的纸质材料要交几份，送到哪个窗口？")
    assert "一式三份" in answer.answer and "3号窗口" in answer.answer
    assert answer.citations[0].clause == "申报材料及方式"


def test_words_describing_the_unit_keep_the_clause_the_kind_words_found(assistant):
    answer = assistant.ask("珧崆盐碱地实验室那个暗管排盐、水盐运移模拟的课题，每项资助多少？")
    assert "10万元" in answer.answer  # 暗管/水盐 are the topic's words, in its 研究内容: no reason to leave 资助额度
    assert answer.citations[0].clause == "资助额度"


def test_a_tax_question_a_guide_settles_nowhere_is_refused_though_it_mentions_tax_residence(assistant):
    # the guide's 税收关系均在瑷塬区 is where a firm pays tax, not how the subsidy is taxed
    answer = assistant.ask("瑷塬区发的技术合同奖补资金，到账以后要不要交企业所得税？")
    assert answer.refused
    assert "税收规定" in answer.answer

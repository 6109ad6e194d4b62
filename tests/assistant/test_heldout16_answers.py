"""Guides of the sixteenth held-out layout corpus beside the seeds (written blind; first run 40.3% on 2026-12-03,
now tuning data): a draft's feedback deadline is the section titled so, though its text is a bare date; a unit's
funding stated in its 有关说明 answers before its category's rule, and two named units compare whatever group a word
of the question names; a kind word of the guide's name as the asker shortens it (新型研发机构补助指南) is not what is
asked; "不是高校" is no unit type of the asker; a ranking with no guide named stays in the guide whose words the
question uses; a summary table keyed by code answers for each unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.selfcheck_chat import profile_from_question
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout16"
FILES = (
    "cuoli_digital_2026.docx",  # a draft: 一、意见反馈截止时间 / 2026年5月21日…; units 支持类别一 … over 1）2）items
    "huangmian_biosafety_2025.md",  # tasks 1.1 … 3.2, funding only in each task's 有关说明
    "changmian_nri_2026.pdf",  # 第四条 … 第八条 units; 第七条's （三）共享要求
    "yingtuan_lowcarbon_2026.pdf",  # a scan: DT-01 … whose funding sits in a summary table keyed by code
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout16"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_a_drafts_feedback_deadline_is_the_section_titled_so(assistant):
    answer = assistant.ask("嵯澧数字化转型申报指南在征求意见，意见最晚哪天交？发到哪个邮箱？")
    assert "2026年5月21日" in answer.answer and "cljxj_szh@clgx-demo.cn" in answer.answer
    assert [c.clause for c in answer.citations] == ["意见反馈截止时间", "意见反馈方式"]


def test_what_the_asker_is_not_is_no_unit_type(assistant):
    answer = assistant.ask(
        "我们是区里一家软件公司，不是高校，想牵头做嵯澧区那个面向特色产业集群的数字化公共服务平台，能报吗？"
    )
    assert "区内高等院校或科研院所" in answer.answer and "企业不得作为牵头单位" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("支持类别五", "申报主体")
    profile = profile_from_question("我们是区里一家软件公司，不是高校，能报吗？", list(assistant.guides.values()))
    assert profile.unit_type == "企业"


def test_a_units_funding_in_its_notes_answers_before_its_categorys_rule(assistant):
    answer = assistant.ask(
        "璜渑科技厅2025年实验动物生物安全专项，搞全省病原微生物实验室监管信息平台那个任务给多少经费？"
    )
    assert "不超过200万元" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("2025SW0301", "有关说明")
    assert_grounded(answer)


def test_two_units_named_by_their_heading_numbers_compare(assistant):
    answer = assistant.ask("璜渑生物安全专项里，1.2和3.2两个任务单项资助上限各是多少？")
    assert "150万元" in answer.answer and "50万元" in answer.answer
    assert [c.project for c in answer.citations] == ["2025SW0102", "2025SW0302"]


def test_a_kind_word_of_the_guides_shortened_name_is_not_asked(assistant):
    answer = assistant.ask("昶沔新型研发机构补助指南第七条，仪器每年要对外开放多少机时？")
    assert "不少于400小时" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("第七条", "共享要求")


def test_a_ranking_stays_in_the_guide_the_questions_words_come_from(assistant):
    # OCR read the county 蓥湍 as 瑞县/湍县: the place names no guide, the programme's words do
    answer = assistant.ask("蓥湍低碳示范五个方向里，哪个支持额度最高？")
    assert answer.citations and {c.guide_id for c in answer.citations} == {"yingtuan_lowcarbon_2026"}
    assert "DT-01" in answer.answer and "不超过100万元" in answer.answer

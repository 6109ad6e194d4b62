"""Answers on guides of the tenth blind layout corpus beside the seeds (tests/fixtures/layouts_heldout10, written
blind and run once on 2026-12-02, now tuning data): a place OCR misread in every character, a rule a 专题 states once
for its tasks, a unit's own limit before the notice's, the clause stating the kind of value asked, kind words inside a
unit's title, a word the tagger takes for a place, programme abbreviations (杰青), a real place that is the asker's and
not the guide's, scoring rules no guide states."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    "layouts_heldout10/xiuyin_kepu_2027_draft.pdf",  # a scan: 琇崟省 read as 绣鉴省
    "layouts_heldout10/fengkun_central_guide_2027.html",  # 专题1 states 500万元 and 2年 for 任务1.1 and 1.2
    "layouts_heldout10/tangrui_platform_eval_2026.docx",  # one table row per platform type
    "layouts_heldout10/linzhen_patent_2024.txt",  # （2）国外发明专利授权资助
    "layouts_heldout10/chengba_hospital_internal_2027.md",  # a hospital's internal call
    "layouts_heldout10/chonghu_award_2027.docx",  # A1、自然科学奖 … B3、国际科学技术合作奖
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout10"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_a_place_ocr_misread_in_every_character_still_names_its_scanned_guide(assistant):
    answer = assistant.ask("琇崟省2027KP-05乡村科普行动的考核指标具体是什么？")
    assert not answer.refused
    assert "不少于3个" in answer.answer and "3000人次" in answer.answer
    assert (answer.citations[0].guide_id, answer.citations[0].project) == ("xiuyin_kepu_2027_draft", "2027KP-05")
    assert_grounded(answer)


def test_a_place_no_guide_is_from_is_still_refused_beside_a_scan(assistant):
    answer = assistant.ask("浙江省2027年科普项目每项支持多少钱？")
    assert answer.refused
    assert not any(c.guide_id == "xiuyin_kepu_2027_draft" for c in answer.citations)


def test_a_rule_a_group_states_once_answers_for_its_tasks(assistant):
    answer = assistant.ask("沨堃引导资金任务1.1省实验室建设，项目实施周期是几年？")
    assert "实施周期2年" in answer.answer
    assert answer.citations[0].clause == "专题1支持地方科技创新平台建设"


def test_a_units_own_limit_answers_before_the_notices(assistant):
    answer = assistant.ask("沨堃省2027年引导资金的县域科技创新能力提升，一个县能报几个项目？")
    assert "每个县限报1项" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("任务4.1", "申报主体")


def test_the_clause_stating_the_kind_of_value_asked_answers(assistant):
    answer = assistant.ask("瑭汭市2026年平台评估，参评的市工程技术研究中心一共多少家？")
    assert not answer.refused and "共126家" in answer.answer
    assert answer.citations[0].clause == "评估对象"


def test_kind_words_inside_a_units_title_ask_nothing(assistant):
    answer = assistant.ask("申报璘溱2024年国外发明专利授权资助要交哪些材料？")  # 资助 is the title's
    assert "官方缴费凭证" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("（2）", "申报材料")


def test_a_word_the_tagger_takes_for_a_place_is_none_with_a_one_character_stem(assistant):
    answer = assistant.ask("珵岜附一院科研处管省自然基金院内申报的联系人和电话？")  # 管省 is no province
    assert not answer.refused
    assert "0759-8836215" in answer.answer


def test_a_programme_abbreviation_names_its_unit(assistant):
    answer = assistant.ask("珵岜附一院报璆峪省杰青，院内交初稿截止是哪天？")  # 杰青 = 杰出青年科学基金项目
    assert "2026年12月12日" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("第一部分", "院内截止")


def test_a_real_place_beside_the_guides_own_is_the_askers_not_another_guide(assistant):
    answer = assistant.ask("翀岵省的国际科学技术合作奖，我们合作多年的一位香港教授能被提名吗？")
    assert not answer.refused
    assert "港澳台地区人员不在授奖范围内" in answer.answer
    refused = assistant.ask("浙江省的国际科学技术合作奖能提名香港教授吗？")  # no guide of 浙江省
    assert refused.refused and "浙江省" in refused.answer


def test_scoring_rules_no_guide_states_are_refused(assistant):
    answer = assistant.ask("琇崟省2027年科普项目评审的打分细则和各项权重是怎样的？")
    assert answer.refused and "评审评分细则" in answer.answer
    stated = assistant.ask("瑭汭市平台评估的指标满分多少分？")  # this guide states its 100 points
    assert not stated.refused and "满分100分" in stated.answer

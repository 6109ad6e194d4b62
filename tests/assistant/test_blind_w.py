"""Questions of the blind set 2026-12-04w (run once on c059446, now tuning data), on the five seeds: a numeral counting
something after 项目 is a quantity, not a unit's number; an A-not-A question ("出不出钱") excludes nothing; two units
named with one fact asked answer each; an English "student" is the guide's 研究生; two kinds asked in one breath
("经费和周期") are both answered; a unit type the asker works with is a partner, not what the asker is; a yes/no question
naming a circumstance another clause of the unit states gets that clause too."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.selfcheck_chat import profile_from_question
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_a_number_counting_places_after_xiangmu_is_no_unit_label(assistant):
    answer = assistant.ask(
        "我们是柳州的三甲医院，2022年医疗卫生科创项目10个名额已经报满了，高层次人才项目还能另外报吗？"
    )
    assert not answer.refused
    assert "没有项目十" not in answer.answer
    assert "高层次人才项目不包含在以上限额范围内" in answer.answer
    assert {c.clause for c in answer.citations} == {"申报限额"}


def test_a_unit_label_is_still_read_when_no_measure_word_follows(assistant):
    answer = assistant.ask("重庆2023生物医药重大专项项目10给多少钱？")
    assert "不超过" in answer.answer
    assert [c.project for c in answer.citations] == ["项目十"]


def test_an_a_not_a_question_excludes_nothing_and_each_named_unit_answers(assistant):
    answer = assistant.ask("重庆2023生物医药重大专项，单分子蛋白检测设备和细胞治疗创新药物两个项目，区县财政出不出钱？")
    assert "没有区县财政出资的项目" not in answer.answer
    assert {c.project for c in answer.citations} == {"项目三", "项目六"}
    assert "区县财政出资1000万元" in answer.answer
    assert_grounded(answer)


def test_a_comparison_with_an_a_not_a_part_compares_the_named_units(assistant):
    answer = assistant.ask(
        "重庆2023生物医药重大专项，单分子蛋白检测设备和细胞治疗创新药物两个项目，市级资助一样吗？区县财政出不出钱？"
    )
    assert {c.project for c in answer.citations} == {"项目三", "项目六"}
    assert "不超过1000万元" in answer.answer and "区县财政出资1000万元" in answer.answer


def test_an_english_student_is_the_guides_graduate_student(assistant):
    answer = assistant.ask("柳州 2022 那个硕导 project，必须带几个 student？")
    assert "培养1名以上研究生" in answer.answer
    assert answer.citations[0].clause == "申报要求"


def test_two_kinds_asked_in_one_breath_in_a_follow_up_are_both_answered(assistant):
    history = [
        [
            "沙坪坝区2024年第一批生命健康项目里，2型糖尿病黎明现象那个考核要做什么临床研究？",
            "完成1项前瞻性干预性临床研究。",
        ]
    ]
    answer = assistant.ask("那它的经费和周期呢？", history)
    assert "不超过1万元" in answer.answer and "不超过3年" in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("项目一", "资助强度及方式"), ("项目一", "实施周期")]


def test_a_unit_type_the_asker_looks_for_as_a_partner_is_not_the_asker(assistant):
    guides = assistant.snapshot.guides
    assert profile_from_question("我们医院…没找到科技型企业合作，还能报吗？", guides).unit_type == "医院"
    assert profile_from_question("我们是高校，跟企业联合申报，哪些项目能报", guides).unit_type == "高校"
    assert profile_from_question("我们是一家企业，哪些项目能报", guides).unit_type == "企业"


def test_a_yes_no_question_naming_a_circumstance_gets_the_clause_stating_it(assistant):
    answer = assistant.ask("我们医院做肿瘤免疫治疗耐药，但没找到科技型企业合作，沙坪坝的恶性肿瘤精准治疗项目还能报吗？")
    assert "单位类型：医院" in answer.answer
    assert "联合科技型企业研发的优先支持" in answer.answer
    assert ("项目四", "其他说明") in {(c.project, c.clause) for c in answer.citations}
    assert "研究内容" not in {c.clause for c in answer.citations}


def test_a_question_asking_an_amount_gets_no_circumstance_clause(assistant):
    answer = assistant.ask("沙坪坝的恶性肿瘤精准治疗项目给多少钱？我们没找到科技型企业合作")
    assert "其他说明" not in {c.clause for c in answer.citations}

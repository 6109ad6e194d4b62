"""A selected guide and a question naming another: the assistant asks which one is meant."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings

JIANGSU = "js-2025-frontier-health"
LIUZHOU = "liuzhou-2022-medical"


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_question_naming_another_guide_asks_which_one(assistant):
    answer = assistant.ask("柳州的项目每家三甲医院能报几项？", guide_id=JIANGSU)
    assert [(o.guide_id, o.guide_title) for o in answer.clarify] == [
        (JIANGSU, "江苏省2025年度省前沿技术研发计划（卫生健康领域）项目指南"),
        (LIUZHOU, "柳州市2022年度医疗卫生和生物医药科技创新项目申报指南（第二版）"),
    ]
    assert "请问您要查询哪一份指南" in answer.answer
    assert answer.refused is False and answer.citations == []
    assert "10项" not in answer.answer  # not answered from either guide before the user chooses
    assert answer.model_dump(mode="json")["clarify"][1] == {
        "guide_id": LIUZHOU,
        "guide_title": answer.clarify[1].guide_title,
    }


def test_choosing_a_guide_answers_from_it(assistant):
    answer = assistant.ask("柳州的项目每家三甲医院能报几项？", guide_id=LIUZHOU)
    assert answer.clarify == []
    assert "三级甲等医院推荐申报10项" in answer.answer
    assert answer.citations[0].guide_id == LIUZHOU


@pytest.mark.parametrize(
    ("question", "guide_id"),
    [
        ("申报截止时间是什么时候？", JIANGSU),  # names no guide: the selection scopes it
        ("江苏前沿技术申报截止时间是什么时候？", JIANGSU),  # names the selected guide
        ("柳州的项目每家三甲医院能报几项？", None),  # nothing selected
    ],
)
def test_no_question_when_nothing_conflicts(assistant, question, guide_id):
    answer = assistant.ask(question, guide_id=guide_id)
    assert answer.clarify == [] and answer.citations


def test_llm_mode_asks_too_without_calling_the_model(assistant):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant.llm import LLMAnswerer

    model = FakeListChatModel(responses=["江苏的项目限报8项[1]。"])
    llm = LLMAnswerer(assistant, model)
    answer = llm.answer("柳州的项目每家三甲医院能报几项？", [], JIANGSU)
    assert [o.guide_id for o in answer.clarify] == [JIANGSU, LIUZHOU] and answer.mode == "extractive"
    steps = list(llm.stream("柳州的项目每家三甲医院能报几项？", [], JIANGSU))
    assert len(steps) == 1 and steps[0].clarify and model.i == 0  # the model was never asked


def test_follow_up_with_nothing_to_refer_to_asks_what_is_meant(assistant):
    answer = assistant.ask("那它的实施周期呢？")
    assert "哪份指南的哪个项目" in answer.answer
    assert answer.citations == [] and not answer.refused
    assert len(answer.clarify) == 5
    assert "3年" not in answer.answer


def test_the_same_follow_up_in_a_conversation_is_answered(assistant):
    history = [
        [
            "重庆人口健康专项项目十八给多少钱？",
            "市级财政经费资助不超过200万元。出处：重庆市2024年度人口健康专项申报指南 · 项目十八",
        ]
    ]
    answer = assistant.ask("那它的实施周期呢？", history)
    assert not answer.clarify
    assert answer.citations and answer.citations[0].project == "项目十八"


def test_a_label_several_guides_have_asks_which_guide(assistant):
    answer = assistant.ask("项目三的实施周期是几年？")
    assert {o.guide_id for o in answer.clarify} == {
        "cq-shapingba-2024-health",
        "cq-2024-population-health",
        "cq-2023-biomedicine",
    }
    assert answer.citations == []


def test_a_shared_label_with_words_only_one_guide_has_is_answered_from_it(assistant):
    answer = assistant.ask("项目十一要是企业牵头，自筹的钱跟申请的钱得是啥比例")
    assert not answer.clarify
    assert answer.citations and "生物医药" in answer.citations[0].guide_title


def test_a_deadline_asked_of_no_guide_asks_which_guide(assistant):
    answer = assistant.ask("申报截止时间是哪天？")
    assert len(answer.clarify) == 5 and "哪一份指南" in answer.answer
    assert answer.citations == []


def test_a_misspelt_region_is_answered_from_its_guide(assistant):
    answer = assistant.ask("沙平坝生命健康那个指南提意见到哪天为止啊")
    assert not answer.clarify and answer.citations
    assert "沙坪坝" in answer.citations[0].guide_title and "7月3日" in answer.answer


def test_a_year_of_the_askers_life_is_not_a_guide_year(assistant):
    answer = assistant.ask("我是2018年底引进的博士，还能报柳州硕导博导那个方向吗？")
    assert "2018年度" not in answer.answer
    assert answer.citations and "柳州" in answer.citations[0].guide_title


def test_a_place_no_guide_is_from_is_refused_not_answered_from_another_guide(assistant):
    answer = assistant.ask("澜江市科技局的数字医疗项目最多给多少钱？")
    assert answer.refused and answer.citations == []
    assert "澜江市" in answer.answer

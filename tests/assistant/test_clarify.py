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


def test_another_batch_of_a_guides_call_is_refused_not_answered_from_the_batch_we_hold(assistant):
    answer = assistant.ask("沙坪坝区2024年第二批生命健康领域科技攻关项目每个项目资助多少钱？")
    assert answer.refused and answer.citations == []
    assert "第二批" in answer.answer
    answer = assistant.ask("沙坪坝区2024年第一批生命健康项目每个项目资助多少钱？")
    assert "1万元" in answer.answer and "沙坪坝" in answer.citations[0].guide_title


def test_a_place_no_guide_is_from_is_refused_not_answered_from_another_guide(assistant):
    answer = assistant.ask("澜江市科技局的数字医疗项目最多给多少钱？")
    assert answer.refused and answer.citations == []
    assert "澜江市" in answer.answer


def test_a_place_misspelt_with_a_homophone_is_not_taken_for_a_place_outside_the_corpus(assistant):
    # 沙坪霸: title words (生命健康) name the guide weakly; the misspelt place must not refuse it as unknown
    answer = assistant.ask("沙坪霸区科技局征求生命健康指南意见，反馈意见发到哪个邮箱？")
    assert not answer.refused and "532808599@qq.com" in answer.answer
    assert "沙坪坝" in answer.citations[0].guide_title


def test_an_english_question_describing_its_project_finds_it_by_meaning(assistant):
    answer = assistant.ask(
        "Chongqing 2023 biomedicine major project, the ultra-sensitive single-molecule protein detection device: "
        "what detection limit is required?"
    )
    assert "0.001pg/mL" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("项目六", "考核指标")


def test_a_named_groups_listing_ignores_the_rest_of_the_groups_name(assistant):
    answer = assistant.ask("重庆2023生物医药重大专项方向二数字诊疗装备与生物医学器件下面一共几个项目？都是啥")
    assert "共3个：项目四、项目五、项目六" in answer.answer
    answer = assistant.ask("江苏省前沿技术研发计划2025卫生健康指南里“慢病临床诊疗”下面一共几个方向？编号从几到几？")
    assert "共8个：2003、2004、2005、2006、2007、2008、2009、2010" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "柳州医疗卫生科技创新项目的经费里，劳务费最多能列支百分之多少？",  # a maximum, over a detail never stated
        "Can a foreign-invested company lead the Chongqing 2023 biomedicine major project, and is there any limit "
        "on its registered capital?",
    ],
)
def test_a_detail_the_guide_never_mentions_is_refused_before_a_listing_or_maximum(assistant, question):
    answer = assistant.ask(question)
    assert answer.refused and "没有写明" in answer.answer
    assert "万元" not in answer.answer.split("\n")[0]


def test_a_maximum_asked_as_a_count_of_things_is_a_limit_not_the_highest_funded_project(assistant):
    # 江苏 states no limit on participating units; "最多几家" is no question about the largest cap
    answer = assistant.ask("江苏前沿技术一个项目最多几家单位参与？")
    assert answer.refused
    assert "资助上限最高" not in answer.answer and "1000万元" not in answer.answer


def test_a_follow_up_naming_several_guides_keeps_the_one_the_conversation_is_about(assistant):
    history = [["重庆人口健康专项征求意见截止到哪天？", "……"]]
    answer = assistant.ask("那重庆这个专项有问题找谁？电话多少？", history)
    assert not answer.clarify
    assert "人口健康" in answer.answer and "生物医药" not in answer.answer and "沙坪坝" not in answer.answer

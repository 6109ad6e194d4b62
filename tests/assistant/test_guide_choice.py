"""Which guide a question means when several fit: two guides of one place told apart by the words of their titles
(printed or abbreviated: 外专 for 外国专家), a question naming no guide asked back unless one guide's text clearly
holds more of its words, a year alone naming several guides, and an English question naming a place in pinyin that no guide
is from. A confident answer from the wrong guide is the worst outcome; asking back is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.scope import romanised_names
from assistant.settings import Settings
from assistant.text import abbreviates
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    FIXTURES / "layouts_heldout9" / "lincheng_intl_2023.txt",  # 临澄市 国际科技合作与引进外国专家 (2023)
    FIXTURES / "layouts_heldout2" / "lingyu_txt.txt",  # 临澄省 重点研发计划 (2026): the same place name
    FIXTURES / "layouts_heldout4" / "beiyu_intl_2027_draft.docx",  # 北嵛省 国际科技合作 draft: 外方合作协议 too
)
LINCHENG = "lincheng_intl_2023"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("guide_choice"), built_index, list(FILES))
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_two_guides_of_one_place_are_told_apart_by_an_abbreviated_title_word(assistant):
    answer = assistant.ask("临澄外专项目有问题联系谁？邮箱是什么")
    assert "0518-85736214" in answer.answer and "lckjwz@lincheng.gov.cn" in answer.answer
    assert {c.guide_id for c in answer.citations} == {LINCHENG}
    assert answer.clarify == []


def test_a_common_word_abbreviates_no_title():
    assert abbreviates("外专", "引进外国专家项目")
    assert abbreviates("双抗", "双特异性抗体药物研发")
    assert not abbreviates("联系", "高精度五轴联动数控系统研发")  # 联系 is a word of its own


def test_a_question_naming_no_guide_that_two_guides_fit_is_asked_back(assistant):
    # both international cooperation guides say how long the agreement must run
    answer = assistant.ask("合作协议有效期有什么要求？")
    assert answer.citations == [] and not answer.refused
    assert "请问您问的是哪一份指南" in answer.answer
    offered = [o.guide_id for o in answer.clarify]
    assert LINCHENG in offered and "beiyu_intl_2027_draft" in offered


def test_a_year_alone_names_several_guides_and_the_title_words_pick_one(assistant):
    answer = assistant.ask(
        "Who should I call with questions about the 2023 international S&T cooperation call, and what's the number?"
    )
    assert "0518-85736214" in answer.answer
    assert {c.guide_id for c in answer.citations} == {LINCHENG}


def test_an_english_question_naming_a_place_no_guide_is_from_is_asked_back(assistant):
    answer = assistant.ask("Zhouyang hi-tech zone: which project gets the largest funding?")
    assert answer.citations == [] and answer.clarify
    assert "都对不上" in answer.answer


def test_pinyin_names_in_english_questions():
    assert romanised_names("Qiyang hi-tech zone SME reward (draft): which pays more?") == ["Qiyang"]
    assert romanised_names("Who should I call about Xiuyuan province's 2024 call?") == ["Xiuyuan"]
    assert romanised_names("Anyone know the deadline?") == []  # an English word opening the question
    assert romanised_names("Guide please") == []

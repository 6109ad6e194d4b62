"""Guides of the eighteenth held-out layout corpus beside the seeds (written blind; first run 18.1% on 2026-12-03,
now tuning data): a figure revised in a tracked-changes draft answers as revised, never as struck out; a WeChat
article's notice rule on how many challenges one unit may take (同一单位最多揭2个榜单) answers the limit asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout18"
FILES = (
    "taoguo_softsci_2027.docx",  # a draft with tracked changes: 8万元 struck out, 10万元 inserted
    "suiyao_jiebang_2026.html",  # a WeChat article of 榜单 cards with numbered badge sections
    "feilou_talent_2024.txt",  # a county text whose units are rows of a box-drawn 附表
    "zhenlai_nsf_2026.md",  # 语雀 markdown of ::: containers (杰出青年, 优秀青年, 青年科学基金, 面上 …)
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout18"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_a_figure_revised_in_a_tracked_changes_draft_answers_as_revised(assistant):
    answer = assistant.ask(
        "洮崞市科技局明年软科学指南的征求意见稿里，研究科技创新策源功能提升路径那个方向，每项资助多少钱？"
    )
    assert "10万元" in answer.answer and "8万元" not in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("指南方向（一）", "资助额度")]
    assert_grounded(answer)


def test_a_notice_rule_on_how_many_challenges_one_unit_takes_answers_the_limit(assistant):
    answer = assistant.ask("濉峣科技城揭榜挂帅，同一家单位最多能揭几个榜单？")
    assert "同一单位最多揭2个榜单" in answer.answer
    assert answer.citations[0].clause == "揭榜条件"


def test_two_units_quotas_compared_are_each_units_own(assistant):
    answer = assistant.ask("淝嵝县人才专项里，青年科技人才和企业科技副总的名额分别是多少？哪个多？")
    assert "30人" in answer.answer and "15人" in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("RC24-05", "名额"), ("RC24-03", "名额")]


def test_a_unit_named_by_the_head_and_tail_of_its_title_is_that_unit(assistant):
    # 青年项目 is 青年科学基金项目 (it opens with 青年), not 优秀青年科学基金项目 or 杰出青年科学基金项目
    answer = assistant.ask("浈崃省自然科学基金的青年项目和面上项目，每项分别资助多少？")
    assert [c.project for c in answer.citations] == ["ZR2026-QN", "ZR2026-MS"]
    assert_grounded(answer)


def test_each_part_of_a_comparison_compares_the_two_units_it_names(assistant):
    answer = assistant.ask(
        "洮崞软科学征求意见稿里，青年软科学研究专项和县域特色产业那个方向比，哪个每项资助更多？哪个立项数更多？"
    )
    cited = {(c.project, c.clause) for c in answer.citations}
    assert cited == {(u, k) for u in ("指南方向（四）", "指南方向（五）") for k in ("资助额度", "拟立项数")}

"""Guides of the twenty-second held-out layout corpus beside the seeds (written blind; first run 40.3% on 2026-12-04,
now tuning data): two clauses a question names by their printed names are both answered, for each unit compared; a
narrow table cell's number cut at its line end is one number."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout22"
FILES = ("cenqing_ziran_2026.pdf",)  # a province's text PDF, units the rows of a landscape table


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout22"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_a_figure_cut_by_a_narrow_cell_is_one_figure(assistant):
    answer = assistant.ask("梣箐自然资源厅今年那个山区地质灾害隐患智能识别和监测预警的重点项目，省里最多资助多少钱？")
    assert "不超过120万元" in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("2026ZR0101", "资助额度")]


def test_two_clauses_named_are_both_answered_for_each_unit_compared(assistant):
    answer = assistant.ask(
        "梣箐自然资源厅的两个青年项目——耕地遥感监测和生态修复成效评估指标体系——资助额度和实施期限有什么不同？"
    )
    for fact in ("20万元", "2026.07—2028.06", "15万元", "2026.07—2027.12"):
        assert fact in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [
        ("2026ZR0201", "资助额度"),
        ("2026ZR0201", "实施期限"),
        ("2026ZR0202", "资助额度"),
        ("2026ZR0202", "实施期限"),
    ]
    assert_grounded(answer)


def test_a_leader_leaving_is_asked_as_a_change_of_leader_the_guide_may_not_state(assistant):
    answer = assistant.ask("梣箐自然资源厅的科技创新项目立项以后，项目负责人工作调动了，可以换人接着做吗？")
    assert answer.refused and "项目负责人变更的规定" in answer.answer


def test_a_part_asking_only_by_kind_words_is_a_part_of_its_own(assistant):
    answer = assistant.ask("梣箐自然资源厅耕地遥感监测那个青年项目实施期限多久？钱是分几次给？")
    assert "2026.07—2028.06" in answer.answer
    assert [c.clause for c in answer.citations][:1] == ["实施期限"]
    assert len(answer.citations) >= 2  # the payment asked by 分几次 has an answer of its own


@pytest.mark.parametrize(
    "question", ["椤粲文旅局今年沉浸式文旅体验那个方向怎么补助？", "穄筻市监局充电桩检定装置项目能拿多少钱？"]
)
def test_a_place_named_only_by_its_issuers_short_form_no_guide_is_from_is_refused(assistant, question):
    answer = assistant.ask(question)  # neither guide is in this index: never another guide's answer
    assert answer.refused and not answer.citations
    assert question[:2] in answer.answer

"""Units selected by a figure of one of their fields: "哪些方向的补助比例是40%" lists the units printing 40% in their
funding clause, "哪些方向计划立2项" those funding 2, "超过3年" a bound; each unit listed quotes and cites the clause
the figure is in, and a figure of the asker's ("营收5000万的企业") is no such selection."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.figure_asked import figure_asked
from assistant.settings import Settings
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    "layouts_heldout14/beike_transport_2026.pdf",  # two-column PDF, funding "按研发投入的40%…最高不超过120万元"
    "layouts_heldout14/xuezhi_eco_2025.docx",  # one column per unit, a 拟立项数 row
)


@pytest.mark.parametrize(
    ("question", "fired", "relation", "kind", "value"),
    [
        ("哪些方向的补助比例是40%", ["funding"], "eq", "percent", Decimal(40)),
        ("哪几类补助的单项上限是30万元", ["funding"], "eq", "amount", Decimal(300000)),
        ("资助50万以上的有哪些", ["funding"], "ge", "amount", Decimal(500000)),
        ("哪些课题周期超过3年", ["period"], "gt", "duration", Decimal(36)),
        ("哪些课题周期不超过18个月", ["period"], "le", "duration", Decimal(18)),
        ("哪些方向计划立2项", [], "eq", "count", Decimal(2)),
    ],
)
def test_the_figure_a_listing_selects_by(question, fired, relation, kind, value):
    figure = figure_asked(question, fired)
    assert figure is not None
    assert (figure.relation, figure.kind, figure.value) == (relation, kind, value)


@pytest.mark.parametrize(
    ("question", "fired"),
    [
        ("营收5000万的企业能报哪些", ["eligibility"]),  # the asker's figure
        ("我们公司去年营收5000万，资助哪些项目", ["funding"]),  # not in the sentence asking which
        ("2026年哪些项目是定向委托", ["organisation"]),  # a year
        ("哪些项目支持强度最高", ["funding"]),  # no figure
    ],
)
def test_no_figure_is_read_where_none_selects_units(question, fired):
    assert figure_asked(question, fired) is None


def test_a_bound_holds_of_the_figures_a_clause_prints():
    figure = figure_asked("哪些方向资助50万元以上", ["funding"])
    assert figure is not None
    assert figure.holds("支持强度为30万至60万元")
    assert not figure.holds("每项不超过40万元，拟支持2项")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("figures"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_units_whose_funding_prints_the_share_asked_are_listed_and_cited(assistant):
    answer = assistant.ask("邶岢交通科技项目指南里，哪些方向的补助比例是40%？")
    assert "比例为40%的项目共2个：JT2026-03、JT2026-05" in answer.answer
    assert [c.project for c in answer.citations] == ["JT2026-03", "JT2026-05"]
    assert all("40%" in c.quote for c in answer.citations)


def test_units_funding_the_number_asked_are_listed(assistant):
    answer = assistant.ask("峃沚2025生态环境科研专项里，哪些方向计划立2项？")
    assert "共2个：方向三、方向五" in answer.answer
    assert {c.project for c in answer.citations} == {"方向三", "方向五"}


def test_a_bound_no_unit_meets_is_said_and_every_unit_shown(assistant):
    answer = assistant.ask("重庆人口健康专项哪些项目实施周期超过3年？")
    assert answer.answer.startswith("《重庆市2024年度人口健康专项申报指南（征求意见稿）》中没有实施周期超过3年的项目")
    assert "项目二十一" in answer.answer and answer.citations[0].clause == "实施周期"

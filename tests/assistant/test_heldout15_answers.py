"""Guides of the fifteenth blind layout corpus beside the seeds: a table whose only name column is its 领域 (each row a
field of its own), a joining word inside a title word (碳中和) that does not split a question in two, a count of
funded units read from a unit's own field (拟资助数) in a comparison, who may apply for a unit awarded by direct
commission, a self-check question naming one unit, a kind word copied from a named unit's title (培训推广), a
comparison asked with "有什么不同", a limit on how many calls one applicant may take (揭几个榜), a period in months
compared, and a draft's planned application window."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

HELDOUT15 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout15"
FILES = (
    "zixu_intl_2027.pdf",  # a table of 14 rows over a page break: 序号 | 领域 | 申请代码 | 资助额度 | …
    "weixun_cross_2026.html",  # <h4>Z1 title</h4><ul><li>label：value</li></ul>
    "jubo_safety_2026.md",  # ### 2026SF0103 …, **组织方式**：定向委托（承担单位：…）
    "jiaoju_pilot_2026.txt",  # GB18030, （1）…（6） with one-line 申报主体
    "jituo_rural_2025.docx",  # tasks "1"–"7" under 专题 headings
    "wengyao_bang_2027.pdf",  # a scan of 榜单 cards, 完成时限 in months
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [HELDOUT15 / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout15"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_a_table_named_by_its_field_column_answers_per_row(assistant):
    answer = assistant.ask("嵫湑省自然科学基金国际合作项目，信息科学领域每项资助多少？")
    assert "直接费用60万元/项" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("GH2707", "资助额度")
    assert_grounded(answer)


def test_a_joining_word_inside_a_title_word_does_not_split_the_question(assistant):
    answer = assistant.ask("溦峋大学交叉学科培育基金里做碳中和电催化材料那个重大项目，每项给多少钱？")
    assert "每项40万元" in answer.answer
    assert {c.project for c in answer.citations} == {"Z1"}


def test_a_count_of_funded_units_is_compared_from_each_units_own_field(assistant):
    answer = assistant.ask("溦峋大学青年探索项目里，AI科学发现和合成生物学两个方向各资助几项？")
    assert not answer.refused
    assert "4项" in answer.answer and "3项" in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("Q1", "拟资助数"), ("Q2", "拟资助数")]


def test_who_may_apply_for_a_directly_commissioned_unit_quotes_its_commission(assistant):
    answer = assistant.ask("泃嶓市2026社会发展科技专项的城市生命线安全监测平台那个方向，我们企业能申报吗？")
    assert "定向委托" in answer.answer and "泃嶓市城市运行安全监测中心" in answer.answer
    assert ("2026SF0103", "组织方式") in [(c.project, c.clause) for c in answer.citations]


def test_a_self_description_with_one_unit_named_is_answered_for_that_unit(assistant):
    answer = assistant.ask("滘岠高新区成果转化项目里做概念验证那个方向，我们是外地高校，在区里没有机构，能报吗？")
    assert "在区内设立分支机构或概念验证中心的高校院所" in answer.answer
    assert "逐项对照" not in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("（5）", "申报主体")


def test_a_kind_word_of_a_named_units_title_is_not_what_is_asked(assistant):
    # 推广 (an indicators word) belongs to the title 农村实用技术培训与数字化推广; 有什么不同 compares the two
    answer = assistant.ask("漈坨县科技特派员团队和农村实用技术培训推广两个任务，资助方式有什么不同？")
    assert "每个团队每年资助8万元" in answer.answer and "定额资助15万元" in answer.answer
    assert {c.clause for c in answer.citations} == {"资助方式"}


def test_how_many_calls_one_applicant_may_take_is_the_notices_limit(assistant):
    answer = assistant.ask("滃崾揭榜挂帅一家单位最多能揭几个榜？联合揭榜最多几家？")
    assert "限揭1项榜单" in answer.answer and "不超过3家" in answer.answer
    assert answer.citations[0].clause == "限项要求"


def test_periods_in_months_are_compared_as_printed(assistant):
    answer = assistant.ask("滃崾揭榜挂帅的数控机床主轴和矿山井下无人驾驶两个榜，完成时限分别是多久？")
    assert "18个月" in answer.answer and "24个月" in answer.answer
    assert "未写明" not in answer.answer
    assert {c.project for c in answer.citations} == {"JB2702", "JB2705"}


def test_a_drafts_planned_application_window_answers_when_applications_open(assistant):
    # the draft states 网上申报时间拟为2026年2月下旬至3月下旬 beside its comment deadline
    answer = assistant.ask("泃嶓市社发专项指南征求意见截止到什么时候？正式申报大概什么时候开始？")
    assert not answer.refused
    assert "2026年1月5日17:00" in answer.answer and "2026年2月下旬至3月下旬" in answer.answer
    assert [c.clause for c in answer.citations] == ["征求意见说明", "申报时间"]

"""Answers on guides of the ninth blind layout corpus beside the seeds (tests/fixtures/layouts_heldout9, written
blind and run once on 2026-12-01, now tuning data): categories found by their title when no guide is named, a
unit's title printed whole naming its guide before another guide's category name, "一项" read as a quantity and not
as 项目一, unit-level materials and quotas, a count of categories, a matter the guide never mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    "layouts_heldout9/donglan_talent_2026.docx",  # （一）顶尖科技创新团队 over "1.支持对象。…"
    "layouts_heldout9/qingyu_transfer_2025.pdf",  # 第一类 技术交易奖补 … with 申报材料 of their own
    "layouts_heldout9/minzhou_softsci_2027_draft.md",  # ZD01 … YB07 topics; categories in a notice table
    "layouts_heldout9/yunmei_health_2026.html",  # 1 重点研究项目 … 4 适宜技术推广项目
    "layouts_heldout9/lincheng_intl_2023.txt",  # 方向1 国际联合研发项目 …
    "layouts_heldout4/beiyu_intl_2027_draft.docx",  # another province's 联合研发类 directions
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout9"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_a_category_named_by_its_title_alone_answers_from_its_clause(assistant):
    answer = assistant.ask("顶尖科技创新团队入选后支持几年？")  # no guide named
    assert "5年" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("（一）", "支持期限")
    assert_grounded(answer)


def test_a_quota_printed_in_a_category_is_that_categorys(assistant):
    answer = assistant.ask("我们是高校，东岚青年拔尖人才最多能推荐几个人？")
    assert "高校不超过5名" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("（四）", "推荐限额")


def test_yi_xiang_after_a_unit_word_is_a_quantity_not_project_one(assistant):
    answer = assistant.ask("岷州明年软科学重点项目一项给多少钱？")
    assert "没有项目一" not in answer.answer
    assert "8万元" in answer.answer


def test_a_units_whole_title_names_its_guide_before_another_guides_category(assistant):
    answer = assistant.ask("国际联合研发项目考核要求联合申请几件专利？")
    assert "不少于2件" in answer.answer
    assert answer.citations[0].guide_id == "lincheng_intl_2023" and answer.citations[0].project == "方向1"


def test_a_categorys_own_materials_clause_answers_a_materials_question(assistant):
    answer = assistant.ask("申请青屿技术交易奖补要准备哪些材料？")
    assert "技术合同登记证明" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("第一类", "申报材料")


def test_a_count_of_categories_lists_them(assistant):
    answer = assistant.ask("东岚今年这个人才与团队项目一共分几类，分别是什么？")
    assert "共4个" in answer.answer
    for title in ("顶尖科技创新团队", "企业创新创业团队", "科技领军人才", "青年科技拔尖人才"):
        assert title in answer.answer


def test_an_audit_the_guide_never_mentions_is_refused(assistant):
    answer = assistant.ask("云湄卫健委这个科研项目结题验收时需要提交第三方审计报告吗？")
    assert answer.refused
    assert "审计" in answer.answer.split("\n")[0]


def test_how_it_is_paid_is_read_from_the_funding_clause_that_says_so(assistant):
    answer = assistant.ask("东岚顶尖科技创新团队最多给多少钱？怎么拨？")
    assert not answer.refused
    assert "首期拨付50%" in answer.answer and "1000万元" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("（一）", "支持标准")

"""Counts and listings of a guide's units and groups, and guides of the fourteenth blind layout corpus beside the
seeds: a count of all units cites where the guide states them as a whole (the sentence counting them, the heading
they stand under); "几个技术方向" counts the groups the notice counts, though their headings do not say 方向; words of
no content (这回, 啥) are no listing topic; a table with one column per unit answers per unit; a scan whose OCR lost
its place is named by that place and a run of its title, not taken for another place's call on the same topic."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    "layouts/nkrd_pdf.pdf",  # a national programme: 3 groups 1.…3. over units 1.1 … 3.2
    "layouts_heldout13/zhugang_kepu_2026.txt",  # 二、资助专题 over 专题A … 专题E
    "layouts_heldout14/xuezhi_eco_2025.docx",  # a table with one column per unit
    "layouts_heldout14/qiyang_smes_2026.pdf",  # a scan whose OCR lost the zone's name 郪垟 from every line
    "layouts_heldout8/lanxi_sme_2024.md",  # another place's 科技型中小企业 call
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout14"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_a_count_of_directions_counts_the_groups_the_notice_counts(assistant):
    answer = assistant.ask("2026年智慧海洋观测装备专项一共部署了几个技术方向？")
    assert answer.answer.split("\n")[0].count("、") == 2 and "共分3个方向" in answer.answer
    assert answer.citations[0].clause == "指南说明" and "3个技术方向" in answer.citations[0].quote


def test_a_listing_with_words_of_no_content_lists_every_unit_under_their_heading(assistant):
    answer = assistant.ask("槠岗市科普项目资助这回分了几个专题，都是啥")
    assert "项目共5个" in answer.answer
    assert all(f"专题{x}" in answer.answer for x in "ABCDE")
    assert "资助专题" in [c.clause for c in answer.citations if not c.project]


def test_a_unit_of_a_table_printed_one_column_per_unit_answers_its_own_values(assistant):
    answer = assistant.ask("峃沚市生态环境科研专项，新污染物调查评估那个方向支持多少钱？")
    assert "20万—30万元" in answer.answer
    assert answer.citations[0].project == "方向四"
    assert_grounded(answer)


def test_a_place_ocr_lost_names_the_scan_whose_title_the_question_shares(assistant):
    answer = assistant.ask("郪垟高新区今年科技型中小企业入库奖励一共设了几类？")
    assert all(c.guide_id == "qiyang_smes_2026" for c in answer.citations)
    assert "项目共5个" in answer.answer and "KX-05" in answer.answer
    other = assistant.ask("郪垟科小研发投入增长奖励最高奖多少？")  # the place alone opens the question
    assert other.citations and all(c.guide_id == "qiyang_smes_2026" for c in other.citations)
    assert "最高不超过30万元" in other.answer


def test_a_foreign_lead_the_guide_never_mentions_is_refused(assistant):
    answer = assistant.ask("峃沚生态环境科研专项允许外籍专家担任项目负责人吗？")
    assert answer.refused
    assert "没有写明外籍或境外人员的申报资格" in answer.answer


def test_a_zone_no_guide_names_is_not_answered_from_another_places_call(assistant):
    answer = assistant.ask("郪垟高新区科小各类奖励加起来，一家企业一年最多能拿多少？")  # no run of the scan's title
    assert all(c.guide_id == "qiyang_smes_2026" for c in answer.citations)

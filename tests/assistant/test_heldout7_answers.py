"""Answers on guides of the seventh blind layout corpus beside the seeds (tests/fixtures/layouts_heldout7, written
blind and run once on 2026-12-01, now tuning data), with two older corpus guides whose places are both "Luyuan" in
pinyin: funding read from any layout's own figures (not the programme's budget), labels as the guide prints them,
two projects named in one question, a name two guides share."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    "layouts_heldout7/xuan_gjgg_2025.pdf",  # projects as rows of a table; the notice states the programme's total
    "layouts_heldout7/qiwu_xc_2025.docx",  # one key–value table per project
    "layouts_heldout7/nanyu_jbgs_2025.txt",  # 榜单一 … headings, each with its 需求编号
    "layouts_heldout7/lucen_shfz_2025.htm",  # GB2312 page laid out in a table
    "layouts_heldout2/heads_docx.docx",  # 鹭原市: "Luyuan"
    "layouts_heldout3/luyuan_zdyf_shefa_2026.md",  # 潞渊省: "Luyuan" too
    "layouts_heldout4/qingqiao_energy_2026.txt",  # 课题1-1 硫化物固态电解质规模化制备技术, as 栖梧's XC-04
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout7"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_the_smallest_cap_is_read_from_each_rows_own_figure_not_the_programmes_total(assistant):
    answer = assistant.ask("溆安这份征求意见稿里市财政资助最少的是哪个项目？")
    assert "特高压绝缘子缺陷智能巡检系统" in answer.answer and "150万元" in answer.answer
    assert "2350" not in answer.answer.split("\n")[0]  # 市财政资助总额不超过2350万元 is the budget of all eight
    assert_grounded(answer)


def test_two_projects_compared_on_funding_each_with_its_own_cap(assistant):
    answer = assistant.ask("栖梧重点研发里激光增材修复装备和可降解镁合金这两个项目，哪个省财政资助多？")
    assert "400万元" in answer.answer and "300万元" in answer.answer
    assert "3600" not in answer.answer
    assert {c.project for c in answer.citations} >= {"XC-05", "XC-06"}


def test_a_fact_asked_of_two_projects_named_by_label_is_answered_for_both(assistant):
    answer = assistant.ask("重庆生物医药重大专项，项目一TSLP双抗和项目七空间转录组芯片，承担单位最少各要出资多少？")
    assert "2000万元" in answer.answer and "1500万元" in answer.answer
    assert {c.project for c in answer.citations} == {"项目一", "项目七"}


@pytest.mark.parametrize("named", ["NY-JB2025-203", "榜单三"])
def test_a_unit_is_found_by_its_code_or_its_heading_label(assistant, named):
    answer = assistant.ask(f"楠屿揭榜挂帅{named}的榜单金额是多少？")
    assert "1200万元" in answer.answer
    assert answer.citations[0].project == "NY-JB2025-203"


def test_a_name_two_guides_share_asks_which_one(assistant):
    answer = assistant.ask(
        "Luyuan major S&T projects 2026: for the MW-scale PEM electrolysis hydrogen equipment project, "
        "what's the max city funding?"
    )
    assert {o.guide_id for o in answer.clarify} == {"heads_docx", "luyuan_zdyf_shefa_2026"}
    assert answer.citations == [] and "万元" not in answer.answer


def test_a_count_of_all_units_cites_the_heading_of_the_part_listing_them(assistant):
    answer = assistant.ask("沙坪坝区2024第一批生命健康领域科技攻关重点项目指南一共几个项目？")
    assert "共8个" in answer.answer
    assert answer.citations[0].clause == "2024年度第一批生命健康领域科技攻关重点项目指南"


def test_a_page_laid_out_in_a_table_answers_from_its_projects(assistant):
    answer = assistant.ask("鹭岑区社会发展项目里餐厨垃圾就地处理那个，区里补多少？")
    assert "60万元" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("（四）", "资助额度")


def test_a_maximum_over_a_counted_indicator_ranks_by_that_count_not_funding(assistant):
    answer = assistant.ask("江苏前沿技术卫健指南中，哪个项目考核指标要求的病例数最多？")
    assert "2020" in answer.answer and "10000例" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("2020", "考核指标")
    assert "1000万元" not in answer.answer  # not the largest funding cap
    assert_grounded(answer)


def test_which_projects_lack_a_named_clause(assistant):
    answer = assistant.ask("鹭岑区社发项目哪几个方向没写申报单位要求？")
    lead = answer.answer.split("\n")[0]
    assert "（二）" in lead and "（六）" in lead
    assert "（一）" not in lead and "（四）" not in lead


def test_a_clause_named_of_one_described_project_is_no_listing_of_projects(assistant):
    answer = assistant.ask("栖梧先进制造指南里硫化物固态电解质那个项目的考核指标有哪些？")
    assert (answer.citations[0].project, answer.citations[0].clause) == ("XC-04", "考核指标")
    assert "8mS/cm" in answer.answer


def test_a_guide_named_by_its_title_words_keeps_its_own_described_project(assistant):
    # 硫化物固态电解质规模化制备技术 is 栖梧's XC-04 and 青峤's 课题1-1; the question names 栖梧 by its title words
    answer = assistant.ask("先进制造新材料指南里硫化物固态电解质那个项目要做几年？")
    assert (answer.citations[0].guide_id, answer.citations[0].project) == ("qiwu_xc_2025", "XC-04")


def test_a_nickname_outweighs_words_of_the_fact_asked(assistant):
    # 离子电导率 is in the title of 青峤's 钠离子 project; the project named is the solid electrolyte, in two guides
    answer = assistant.ask("固态电解质那个任务，室温离子电导率考核要达到多少？")
    assert {o.guide_id for o in answer.clarify} == {"qiwu_xc_2025", "qingqiao_energy_2026"}
    assert answer.citations == []

"""Answers on guides in layouts the seeds do not have, beside the seeds (tests/fixtures/layouts_heldout5 and 6,
written blind and run once on 2026-12-01, now tuning data; with two older corpus guides): a unit's own contact, a
project described by another guide's title word, a detail the guide never mentions, listings that cite where the
guide states its size or prints the group, a place no guide is from."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    "layouts_heldout5/tz_2026_jiebang_gbk.txt",
    "layouts_heldout5/nat_2027_deepsea_zd.pdf",
    "layouts_heldout5/qc_2027_mfg_draft.md",
    "layouts/nkrd_pdf.pdf",  # another ocean programme, with 青年科学家 projects of its own
    "layouts_heldout/tasks_txt.txt",  # caps per category in its 指南说明 paragraph, categories in unit titles
    "layouts_heldout6/tj_2027_energy_keyrd.docx",  # 指南代码 lines under 领域 headings; its size stated in one sentence
    "layouts_heldout6/zy_2027_county_gb.txt",  # numbered items under 第一类…第三类
    "layouts_heldout4/qingqiao_energy_2026.txt",  # a solid-electrolyte project, as tasks_txt has
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout5"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_a_unit_with_its_own_contact_is_answered_with_it_not_the_notices(assistant):
    answer = assistant.ask("桐渚市揭榜挂帅里茶叶加工智能化生产线那个榜，发榜单位联系人是谁？")
    assert "聂晓晨" in answer.answer and "0873-2458816" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("项目二", "发榜单位联系人")
    assert_grounded(answer)


def test_a_project_described_outweighs_another_guides_title_word(assistant):
    # 揭榜挂帅 is a word of the 桐渚 list's title and an organisation mode of a 深海 project
    answer = assistant.ask("深海采矿车那个方向是不是揭榜挂帅？")
    assert answer.citations and all("深海" in c.guide_title for c in answer.citations)
    assert "桐渚" not in answer.answer


def test_a_distinctive_title_word_still_names_its_guide_over_a_described_project(assistant):
    # 智慧海洋观测装备 is that guide's own title word; 青年科学家项目 is a project of the 深海 guide too
    answer = assistant.ask("想报智慧海洋观测装备专项的青年科学家项目，负责人年龄是怎么限制的？")
    assert answer.citations and all("智慧海洋" in c.guide_title for c in answer.citations)


def test_a_detail_the_guide_never_mentions_is_refused_not_answered_from_the_funding_clause(assistant):
    answer = assistant.ask("青岑首台套奖励拿到手要不要交企业所得税？")
    assert answer.refused and "没有写明税收规定" in answer.answer
    assert "400万元" not in answer.answer


def test_a_category_printed_in_a_units_title_takes_the_cap_its_opening_paragraph_states(assistant):
    # 1.1 …（共性关键技术类）; the 指南说明 paragraph before the tasks caps that category at 1200万元
    answer = assistant.ask("衡岱那个8英寸碳化硅衬底的任务，省里单个项目最多给多少钱？")
    assert not answer.refused and "1200万元" in answer.answer.split("\n")[0]
    assert_grounded(answer)


def test_a_detail_stated_in_the_opening_text_is_quoted_with_the_sentence_that_states_it(assistant):
    answer = assistant.ask("我是女博士，1990年出生，能申报衡岱先进功能材料专项的青年科学家项目吗？")
    lead = answer.answer.split("\n")[0]
    assert not answer.refused and "1989年1月1日以后出生的女性" in lead
    assert_grounded(answer)


def test_a_programme_is_named_by_its_first_word_and_zhuanxiang():
    from assistant.guide_words import title_words
    from index.models import Guide

    guide = Guide(id="x", title="“深海智能探测与作业装备”重点专项2027年度项目申报指南", source="x.pdf")
    assert "深海专项" in title_words(guide)


def test_the_programmes_short_name_answers_from_it_not_from_a_guide_with_the_same_topic(assistant):
    # both ocean programmes speak of 深海 in their projects; only one is called 深海专项
    answer = assistant.ask("深海专项一个项目参与单位最多几家，下设课题数有限制吗")
    assert answer.citations and all("深海智能探测" in c.guide_title for c in answer.citations)


def test_a_guides_own_name_outweighs_another_guides_project_category(assistant):
    # 青年科学家项目 is a group of 衡岱's guide and a project type of the 深海 one; 深海专项 names the guide
    answer = assistant.ask("深海专项那个热液区微生物原位富集的青年科学家项目，我男的1988年出生能当负责人吗？")
    assert answer.citations and all("深海智能探测" in c.guide_title for c in answer.citations)
    assert "男性1989年1月1日以后出生" in answer.answer


def test_a_groups_listing_cites_the_group_heading(assistant):
    answer = assistant.ask("昙江重点研发新能源与储能指南里新型储能领域有几个方向？分别是哪几个代码")
    assert all(code in answer.answer for code in ("TJ2027-03", "TJ2027-04", "TJ2027-05"))
    assert "TJ2027-02" not in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("", "新型储能")
    answer = assistant.ask("柘源县科技计划工业企业技术创新类一共有几个项目？")
    assert "共3个" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("", "工业企业技术创新项目")


def test_a_count_of_all_units_cites_the_sentence_that_states_it(assistant):
    answer = assistant.ask("昙江省2027年重点研发新能源与储能一共发布了几个指南方向？")
    assert "共7个" in answer.answer
    first = answer.citations[0]
    assert first.project == "" and "共发布7个指南方向" in first.quote
    assert_grounded(answer)


def test_a_place_no_guide_is_from_opening_the_question_is_not_answered_from_another_guide(assistant):
    answer = assistant.ask("屿沣省农业科技重大专项有问题找省科技厅哪位？电话多少")
    assert answer.refused and not answer.citations
    assert "屿沣" in answer.answer


def test_a_project_described_by_words_two_guides_titles_share_asks_which_guide(assistant):
    answer = assistant.ask("固态电解质那个任务，室温离子电导率考核要达到多少？")
    assert {o.guide_id for o in answer.clarify} == {"qingqiao_energy_2026", "tasks_txt"}
    assert answer.citations == [] and "课题1-1" in answer.answer and "2.1" in answer.answer
    answer = assistant.ask("衡岱先进功能材料专项固态电解质那个任务，室温离子电导率考核要达到多少？")
    assert not answer.clarify and answer.citations[0].project == "2.1"


def test_which_things_inside_one_described_project_is_no_listing_of_projects(assistant):
    answer = assistant.ask("柘源县医共体远程诊疗项目要建哪些诊断中心？")
    assert "远程影像诊断中心" in answer.answer and "远程心电诊断中心" in answer.answer
    assert {c.project for c in answer.citations} == {"6"}


def test_all_units_with_no_sentence_counting_them_cite_the_heading_they_are_printed_under():
    from assistant.aggregate import _structure_citations
    from index.load import load_source
    from index.parse import build_guide

    path = FIXTURES / "layouts_heldout6" / "zn_2027_ai_draft.md"
    guide = build_guide(load_source(path).text, guide_id="zn", source=path.name)
    cited = _structure_citations(guide.projects, guide)
    assert [(c.project, c.clause) for c in cited] == [("", "支持任务")]


def test_a_clause_printed_under_the_kinds_name_answers_though_filed_elsewhere(assistant):
    answer = assistant.ask("衡岱专项里微波介质陶瓷那个任务拟支持几个项目？")  # 拟支持项目数：1项 (kind other)
    assert not answer.refused
    assert "1项" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("1.2", "拟支持项目数")

"""Answers on guides of the eighth blind layout corpus beside the seeds (tests/fixtures/layouts_heldout8, written
blind and run once on 2026-12-01, now tuning data): categories named by their whole title even when its words are
generic, a guide's title words taken for the guide and not for one of its groups, a negated listing over a phrase,
a place a scan's OCR misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.scope import UnknownPlaces
from assistant.settings import Settings
from index.models import Guide
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = (
    "layouts_heldout8/chengyuan_nsf_2023.pdf",  # 一、重点项目 … over （一）资助定位 … （七）结题要求
    "layouts_heldout8/hongchuan_zdyf_2025.docx",  # “智能制造与工业软件”重点专项, 方向一 工业软件 …
    "layouts_heldout8/lanxi_sme_2024.md",  # A类 … E类 补助 under YAML front matter
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout8"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_a_category_named_by_its_whole_generic_title_is_that_category(assistant):
    answer = assistant.ask("省基金重点项目结题要发几篇论文？")  # 重点项目 is a generic word, and the whole title here
    assert "不少于3篇" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("一、", "结题要求")
    assert_grounded(answer)


def test_the_guides_title_words_are_no_group_of_it(assistant):
    # "智能制造与工业软件专项" names the guide; its 方向一 工业软件 is one of three groups
    answer = assistant.ask("泓川这个智能制造与工业软件专项今年一共部署了几个指南任务？")
    assert "6个" in answer.answer.split("\n")[0]
    assert any(c.clause == "总体安排" and "部署6个指南任务" in c.quote for c in answer.citations)


def test_a_group_named_by_its_own_words_still_counts_its_units(assistant):
    answer = assistant.ask("泓川智能制造专项工业软件方向有几个任务？")
    assert "共2个" in answer.answer and "2025HC0101" in answer.answer and "2025HC0201" not in answer.answer


def test_a_listing_that_excludes_a_phrase_lists_the_projects_lacking_it(assistant):
    answer = assistant.ask("重庆2023生物医药重大专项中，哪些项目没有采用市区（县）联动方式实施？")
    assert {c.project for c in answer.citations} == {"项目三", "项目十", "项目十一"}
    assert "共3个" in answer.answer


def test_lettered_categories_are_counted_from_the_sentence_that_counts_them(assistant):
    answer = assistant.ask("岚溪区这次科技型中小企业补助一共分几类？")
    assert "5" in answer.answer.split("\n")[0]
    assert any("设以下5类补助" in c.quote for c in answer.citations)


def _guide(gid: str, title: str, region: str, issuer: str) -> Guide:
    return Guide(id=gid, title=title, region=region, issuer=issuer, source=f"{gid}.pdf")


def test_a_place_a_scan_misread_names_the_one_guide_whose_place_could_not_be_read():
    scanned = _guide("scan", "2024年度原省国际科技合作计划项目申报指南", "", "原省科学技术厅")  # 岫 lost by OCR
    other = _guide("other", "2024年度镇原省重点研发计划项目申报指南", "镇原省", "镇原省科学技术厅")
    places = UnknownPlaces([scanned, other], {"other": ["镇原省", "镇原"]})
    assert places.mentioned_in_one("岫原省今年国际科技合作项目，网上申报截止到什么时候？") == {"scan": 2}
    # a guide whose place was read is never named by a name one character apart from it
    read = UnknownPlaces([other], {"other": ["镇原省", "镇原"]})
    assert read.mentioned_in_one("岫原省今年国际科技合作项目截止到什么时候？") == {}


def test_a_programme_name_two_guides_share_names_both_of_them_alike():
    from assistant.guide_words import GuideWords

    ours = _guide("xiuyuan", "2024年度原省国际科技合作计划项目申报指南", "", "原省科学技术厅")
    theirs = _guide("beiyu", "北嵛省2027年度国际科技合作计划项目申报指南", "北嵛省", "北嵛省科学技术厅")
    other = _guide("qiwu", "2025年度栖梧省重点研发计划项目申报指南", "栖梧省", "栖梧省科学技术厅")
    hits = GuideWords([ours, theirs, other]).hits("岫原国际科技合作计划里哪一类单项资助最多？")
    assert set(hits) == {"xiuyuan", "beiyu"} and len(set(hits.values())) == 1  # which one is meant: ask

"""Questions about a guide as a document (is it final, who issued it, when), matters a guide leaves to other rules
(extension, deposit, tax), and counts of the groups a guide sorts its units under."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from assistant.document import document_kinds
from assistant.guide_words import GuideWords
from assistant.settings import Settings
from evals.runner import norm
from index.models import Guide


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_a_draft_asked_whether_it_is_final_says_it_is_a_draft_from_its_own_text(assistant):
    answer = assistant.ask("2024年那个人口健康专项申报指南，现在是正式版吗？")
    assert not answer.refused
    assert "是征求意见稿，还不是正式发布的申报指南" in answer.answer
    assert answer.citations and all(c.guide_id == "cq-2024-population-health" for c in answer.citations)


def test_status_and_date_asked_together_quote_the_release_sentence_and_the_signed_date(assistant):
    answer = assistant.ask("沙坪坝区生命健康领域的项目指南已经正式发布了吗？征求意见的通知是哪天发的？")
    text = norm(answer.answer)
    assert "适时向社会发布" in text and "2024年6月27日" in text
    assert {c.clause for c in answer.citations} == {"征求意见结果运用", "附件与落款"}


def test_an_issuer_the_guide_never_prints_is_not_stated_from_metadata(assistant):
    answer = assistant.ask("2024年度人口健康专项申报指南征求意见稿是哪个部门发的？")
    assert answer.refused
    assert "没有写明发布单位" in answer.answer


def test_an_issuer_is_quoted_from_the_line_that_prints_it(assistant):
    answer = assistant.ask("江苏前沿技术卫健指南是谁发的？")
    assert "江苏省科学技术厅" in answer.answer
    assert "江苏省科学技术厅" in answer.citations[0].quote


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("这个榜是谁发的？对监测设备有什么限制吗？", []),  # a 发榜单位, and a second part about something else
        ("正式申报什么时候截止？", []),  # a deadline, not the guide's status
        ("Is this guide a draft?", ["status"]),
        ("谁发的？哪天印发的？", ["issuer", "date"]),
    ],
)
def test_which_questions_ask_about_the_document(question, kinds):
    assert document_kinds(question) == kinds


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("江苏前沿技术项目到期做不完能申请延期吗？最长能延多久？", "延期的规定"),
        ("柳州医疗卫生科创项目立项后要交履约保证金吗？", "保证金的规定"),
        ("重庆生物医药重大专项拿到的资助要不要交企业所得税？", "税收规定"),
    ],
)
def test_a_matter_the_clauses_found_never_mention_is_refused_whatever_values_they_carry(assistant, question, missing):
    answer = assistant.ask(question)
    assert answer.refused
    assert f"没有写明{missing}" in answer.answer


def test_a_postcode_is_six_digits_of_their_own_not_part_of_a_phone_number(assistant):
    answer = assistant.ask("江苏前沿技术项目纸质材料寄送地址的邮编是多少？")
    assert answer.refused
    assert "没有写明邮政编码" in answer.answer


def test_a_count_of_groups_names_each_group_with_its_units(assistant):
    answer = assistant.ask("2023年重庆生物医药重大专项分成了几个方向？都叫什么？")
    assert "共分5个方向" in answer.answer
    assert "方向三:芯片诊断（项目七）" in answer.answer
    assert len(answer.citations) == 5 and all(not c.project for c in answer.citations)


def _guide(gid: str, title: str) -> Guide:
    return Guide(id=gid, title=title, source=f"{gid}.txt")


def test_a_year_inside_a_title_does_not_make_the_words_around_it_distinctive():
    words = GuideWords(
        [
            _guide("a", "澄渊省自然科学基金2023年度项目申请指南"),
            _guide("b", "关于发布2026年度琅溪省自然科学基金项目申请指南的通知"),
        ]
    )
    assert "基金项目" not in words.words["b"]  # 澄渊's title holds it too once its year is read past
    hits = words.hits("省基金面上项目和青年基金项目，单项资助各多少？")
    assert set(hits) in (set(), {"a", "b"}) and len(set(hits.values())) <= 1  # both alike, or neither

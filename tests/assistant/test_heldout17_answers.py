"""Guides of the seventeenth held-out layout corpus beside the seeds (written blind; first run 51.4% on 2026-12-03,
now tuning data): an asker who says what they are and asks whether it is allowed is asked who may apply, whatever
kind word names the unit (…转化资助); a run copied from a unit's title is a mention, its kind words no question
(第③项质押融资补助，哪个时间段…); a draft's section titled as the planned application time answers when formal
applications open; the feedback deadline a notice prints on a labelled line of its own; a unit's own count field
answers how many it funds; a comparison of two named units ranks what is asked, not a noun of their titles; a
card's title is its name, not its tags; a university goes by its first character and 大 (瑢大); matters a guide never
settles (changing the project leader, on-site checks) are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded
from tests.conftest import index_beside_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout17"
FILES = (
    "mingcheng_ip_2026.txt",  # GB18030 draft: ① … ⑥ units over "——label：" lines
    "xiyong_transfer_2026.html",  # a zone page of card <div>s: code | name | tags, then label | value rows
    "huancha_health_2026.pdf",  # 课题1-1 … under 任务一 …, 【label】 clauses, money in 元
    "rongyi_industry_2026.md",  # 瑢嶷大学's call: "- **方向1** …" bullets, periods as 2026.07—2028.06
)
MINGCHENG = "mingcheng_ip_2026"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, built_index) -> Assistant:
    files = [FIXTURES / name for name in FILES]
    data_dir = index_beside_seeds(tmp_path_factory.mktemp("heldout17"), built_index, files)
    return Assistant.from_settings(Settings(data_dir=data_dir))


def test_an_asker_asking_whether_allowed_is_told_who_may_apply(assistant):
    answer = assistant.ask("我们是一家做软件的民营企业，想申报洺埕区知识产权专项里的专利开放许可转化资助，可以吗？")
    assert "仅限高等院校和科研院所" in answer.answer
    assert (answer.citations[0].project, answer.citations[0].clause) == ("④", "资助对象")


def test_kind_words_of_a_units_name_as_copied_ask_nothing(assistant):
    answer = assistant.ask("洺埕区知识产权专项第③项质押融资补助，哪个时间段放款的才算？")
    assert "2025年7月1日至2026年6月30日" in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("③", "适用期间")]


def test_a_drafts_planned_application_time_answers_when_formal_applications_open(assistant):
    history = [["洺埕区知识产权专项资金指南（征求意见稿）意见什么时候截止？", "意见反馈截止时间：2026年2月23日。"]]
    answer = assistant.ask("那正式申报大概什么时候受理？在哪个平台交材料？", history)
    assert not answer.refused
    assert "正式指南发布之日起30日内" in answer.answer and "洺埕区惠企政策服务平台" in answer.answer
    assert answer.citations[0].clause == "申报时间(拟定)"


def test_a_feedback_deadline_on_a_labelled_line_of_its_own(assistant):
    answer = assistant.ask("洺埕知识产权专项资金指南在征求意见，意见最晚哪天交？")
    assert "2026年2月23日" in answer.answer
    assert answer.citations[0].clause == "意见反馈截止时间"
    assert_grounded(answer)


def test_a_units_own_count_field_answers_how_many_it_funds(assistant):
    answer = assistant.ask("澴嵖卫生健康课题3-1拟立项几项？每项给多少钱？")
    assert "2项" in answer.answer and "100000元" in answer.answer
    assert [c.clause for c in answer.citations] == ["拟立项数", "经费额度"]


def test_two_named_units_compared_on_what_is_asked_not_a_title_noun(assistant):
    answer = assistant.ask("洺埕知识产权专项里，质押融资补助和专利开放许可转化，单家单位最高各能拿多少？哪个高？")
    assert "最高的是④「专利开放许可转化」：20万元" in answer.answer and "5万元" in answer.answer
    assert {c.clause for c in answer.citations} == {"资助标准"}


def test_a_cards_title_is_its_name_and_its_tags_a_clause(assistant):
    unit = assistant.guides["xiyong_transfer_2026"].project("GX2026-03")
    assert unit.title == "企业研发投入后补助"
    assert unit.clause("标签").text == "限企业、公开申报"
    answer = assistant.ask("浠墉高新区管委会成果转化专项里，企业研发投入后补助怎么算？")
    assert "最高100万元" in answer.answer and "最高30万元" in answer.answer
    assert [(c.project, c.clause) for c in answer.citations] == [("GX2026-03", "补助标准")]


def test_a_label_run_against_english_words_names_its_unit(assistant):
    answer = assistant.ask(
        "Huancha health S&T projects: for 课题3-1 on TCM appropriate technologies, how many projects?"
    )
    assert answer.citations[0].project == "课题3-1"


def test_a_university_shortened_to_its_first_character_and_da_names_its_guide(assistant):
    answer = assistant.ask("瑢大产学研专项方向2的执行期是哪段时间？")
    assert "2026.09—2027.08" in answer.answer
    assert [(c.guide_id, c.project, c.clause) for c in answer.citations] == [
        ("rongyi_industry_2026", "方向2", "执行期")
    ]


@pytest.mark.parametrize(
    ("question", "matter"),
    [
        ("我们方向1立项后负责人要出国访学一年，瑢大产学研专项允许中途更换项目负责人吗？", "项目负责人变更的规定"),
        ("洺埕区知识产权专项资金申报后，区里会不会派人到企业现场核查？", "现场核查安排"),
    ],
)
def test_a_matter_the_guide_never_settles_is_refused(assistant, question, matter):
    answer = assistant.ask(question)
    assert answer.refused and f"没有写明{matter}" in answer.answer


def test_what_the_asker_tells_of_themselves_asks_nothing(assistant):
    # 到账 in "到账200万" tells; "能报…吗？能拿多少？" asks who may apply and how much
    answer = assistant.ask(
        "我们是一所外地大学，去年把一项专利转让给浠墉高新区的企业，到账200万，能报管委会的成果来区转化奖励吗？能拿多少？"
    )
    assert "单个单位年度最高20万元" in answer.answer
    cited = [(c.project, c.clause) for c in answer.citations]
    assert ("GX2026-04", "补助标准") in cited and len(cited) == 2
    assert "拨付" not in answer.answer.split("\n")[0]


def test_a_follow_up_asking_a_units_count_quotes_its_count_field(assistant):
    history = [["瑢嶷大学2026年产学研专项方向1申报要签什么合同？", "须与企业签订技术合同，合同金额不低于50万元。"]]
    answer = assistant.ask("那这个方向一共拟支持几项？执行期到什么时候？", history)
    assert "6项" in answer.answer and "2026.07—2028.06" in answer.answer
    assert [c.clause for c in answer.citations] == ["拟支持", "执行期"]


def test_what_one_applicant_gets_across_all_items_is_the_notices_total(assistant):
    answer = assistant.ask("洺埕区知识产权专项资金，同一家企业一年各事项加起来最多拿多少？")
    assert "各事项资助合计不超过60万元" in answer.answer
    assert answer.citations[0].clause == "总体说明"

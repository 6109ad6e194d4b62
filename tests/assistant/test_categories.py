"""Notice rules scoped to a category of projects, and listings that ask for or exclude a condition."""

from __future__ import annotations

import pytest

from assistant.aggregate import polarity
from assistant.assistant import Assistant
from assistant.categories import notice_rules, rule_for
from assistant.settings import Settings
from tests.assistant.test_answers import assert_grounded


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def _jiangsu(assistant: Assistant):
    return next(g for g in assistant.guides.values() if "江苏" in g.title)


def test_a_rule_naming_a_category_applies_to_that_category_only(assistant):
    guide = _jiangsu(assistant)
    caps = {p.label: rule_for(guide, p, "cap") for p in guide.projects}
    assert caps["1001"].value == 1000 and caps["2001"].value == 400 and caps["2022"].value == 400
    orgs = {p.label: rule_for(guide, p, "org").value for p in guide.projects}
    assert orgs["1001"] == "定向委托" and orgs["2013"] == "竞争择优"
    periods = {r.value for r in notice_rules(guide) if r.field == "period"}
    assert periods == {4.0}


def test_a_project_without_its_own_cap_is_answered_with_its_categorys_cap(assistant):
    answer = assistant.ask("江苏前沿技术2001项目给多少钱？")
    lead = answer.answer.split("\n")[0]
    assert "400万元" in lead and "1000万元" not in lead
    assert "临床诊疗关键技术攻关" in lead
    assert [c.clause for c in answer.citations] == ["组织方式"]
    assert_grounded(answer)


def test_a_period_asked_of_a_whole_guide_comes_from_the_notice_rule(assistant):
    # "项目一般" is the word 一般, not a project 项目一 the guide lacks.
    answer = assistant.ask("江苏前沿技术项目一般给做几年？")
    assert not answer.refused
    assert "4年" in answer.answer.split("\n")[0]


def test_a_listing_includes_projects_whose_mode_the_notice_sets(assistant):
    answer = assistant.ask("哪些项目是定向委托？")
    lead = answer.answer.split("\n")[0]
    assert "共4个" in lead and "1001" in lead and "项目二十一" in lead
    assert any(c.project == "" and c.clause == "组织方式" and "江苏" in c.guide_title for c in answer.citations)


def test_a_negated_listing_lists_the_others(assistant):
    answer = assistant.ask("人口健康专项里面哪几个不搞公开竞争、是定向给的？")
    lead = answer.answer.split("\n")[0]
    assert "共3个" in lead and "项目二十一" in lead and "项目一、" not in lead


def test_only_one_kind_of_lead_unit_excludes_projects_others_may_lead(assistant):
    answer = assistant.ask("重庆2023生物医药重大专项里，哪几个项目只能企业牵头、高校和科研机构牵不了头？")
    lead = answer.answer.split("\n")[0]
    assert "项目一" in lead and "项目五" in lead
    assert "项目二、" not in lead and "项目二。" not in lead  # 项目二: 企业、高校或科研院所牵头


def test_a_count_of_a_category_counts_the_projects_under_its_heading(assistant):
    answer = assistant.ask("江苏卫生健康前沿技术指南，临床诊疗关键技术攻关下面一共多少个指南代码？")
    assert "共22个" in answer.answer.split("\n")[0]


def test_a_max_over_a_category_whose_cap_one_rule_sets_says_the_rule_once(assistant):
    answer = assistant.ask("江苏前沿技术 临床诊疗关键技术攻关 一个项目最多支持多少")
    lead = answer.answer.split("\n")[0]
    assert "400万元" in lead and "1000万元" not in lead
    assert len(answer.citations) == 1


@pytest.mark.parametrize(
    ("question", "term", "sign"),
    [
        ("哪些项目不是公开竞争的", "公开竞争", -1),
        ("哪几个不搞公开竞争、是定向给的", "公开竞争", -1),
        ("哪几个不搞公开竞争、是定向给的", "定向", 1),
        ("企业能不能牵头", "企业", 1),
        ("除了高校牵头的还有哪些", "高校", -1),
        ("只能企业牵头、高校牵不了头", "高校", -1),
        ("只能企业牵头、高校牵不了头", "企业", 1),
        ("哪些是医院牵头的", "企业", 0),
    ],
)
def test_polarity_reads_negation_in_the_part_of_the_question_that_names_the_term(question, term, sign):
    assert polarity(question, term) == sign


def test_a_count_of_all_projects_ignores_the_words_that_name_the_document(assistant):
    answer = assistant.ask("沙坪坝2024年第一批生命健康攻关重点项目一共列了几个？")
    assert "共8个" in answer.answer.split("\n")[0]
    answer = assistant.ask("沙坪坝2024第一批附件里都有哪些项目，帮我挨个列一下")
    assert "共8个" in answer.answer.split("\n")[0]


def test_a_group_named_by_part_of_its_heading_scopes_the_count(assistant):
    answer = assistant.ask("柳州医疗卫生高层次人才那块下面分几个方向")
    lead = answer.answer.split("\n")[0]
    assert "共2个" in lead and "4-1" in lead and "4-2" in lead


def test_a_question_in_two_parts_is_answered_from_a_clause_for_each(assistant):
    answer = assistant.ask("风湿免疫病小分子靶向药那个项目要做几年？公开竞争还是定向的？")
    assert {c.clause for c in answer.citations} == {"实施周期", "组织方式"}
    assert "3年" in answer.answer and "公开竞争" in answer.answer


def test_a_supposed_lead_unit_is_answered_from_the_clause_that_states_it(assistant):
    answer = assistant.ask("重庆生物医药重大专项胸腺功能重建那个项目，要是企业来牵头，企业自己最少得掏多少钱？")
    assert "1500万元" in answer.answer.split("\n")[0]
    assert answer.citations[0].clause == "其他说明"


CATEGORY_GUIDE = "\n".join(
    [
        "澄海市2026年度重点科技攻关项目指南",
        "一、申报条件",
        "（一）申报单位须在澄海市注册。",
        "（二）制造与信息领域项目须由企业牵头申报，企业自筹经费与市级财政资助经费比例不低于2:1。",
        "二、农业与食品领域",
        "项目一：茶园病虫害智能监测",
        "研究内容：研制监测设备。",
        "三、制造与信息领域",
        "项目二：电机铁芯高速冲压",
        "研究内容：研究冲压成形工艺。",
    ]
)


def test_a_notice_sentence_naming_a_projects_category_states_its_rule():
    import re

    from assistant.categories import category_notes
    from index.parse import build_guide

    guide = build_guide(CATEGORY_GUIDE, guide_id="chenghai", source="chenghai.txt")
    evidence = re.compile("牵头|须")
    manufacturing = guide.project("项目二")
    farming = guide.project("项目一")
    notes = category_notes(guide, manufacturing, evidence)
    assert [n.category for n in notes] == ["制造与信息领域"] and "企业牵头" in notes[0].sentence
    assert category_notes(guide, farming, evidence) == []


def test_a_deadline_asked_with_a_projects_title_words_goes_to_the_guide_whose_text_holds_the_question(assistant):
    answer = assistant.ask("推荐项目汇总表跟主管部门诚信承诺书的纸质件，最晚哪天送到省受理服务中心？")
    assert "2025年3月31日" in answer.answer.split("\n")[0]
    assert all("江苏" in c.guide_title for c in answer.citations)


def test_a_contact_question_gets_the_item_with_what_it_asks_for(assistant):
    answer = assistant.ask("想问纸质材料的事，江苏省科技计划项目受理服务中心电话多少")
    assert "025-85485831" in answer.answer


def test_a_place_several_guides_share_is_narrowed_by_a_title_word(assistant):
    intent = assistant.understand("重庆 biomed 重大专项里那个 spatial transcriptomics chip 的 project")
    assert intent.guide_ids == ["cq-2023-biomedicine"]


_NESTED = """北岭省科学技术厅关于发布2026年度重点研发计划项目申报指南的通知
一、组织方式
（一）除另有说明外，项目采取公开竞争方式组织。
（二）电子信息领域“（二）新型显示方向组”的项目采取定向委托方式组织。
附件
北岭省2026年度重点研发计划项目申报指南
一、电子信息领域
（一）集成电路方向组
1.1.1车规级芯片设计
研究内容：研究车规级微控制器芯片。
考核指标：芯片通过车规认证。
（二）新型显示方向组
1.2.1柔性显示基板
研究内容：研究柔性基板制备技术。
考核指标：弯折次数不少于20万次。
二、新材料领域
（一）先进金属方向组
2.1.1高强铝合金
研究内容：研究铝合金熔铸技术。
考核指标：抗拉强度不低于600MPa。
（二）新型显示方向组
2.2.1量子点发光材料
研究内容：研究量子点材料合成。
考核指标：发光效率不低于20%。
"""


def test_a_rule_naming_a_field_and_its_direction_group_applies_to_that_nested_group_only():
    from index.parse import build_guide

    guide = build_guide(_NESTED, guide_id="n", source="n.txt")
    orgs = {p.label: rule_for(guide, p, "org").value for p in guide.projects}
    assert orgs == {"1.1.1": "公开竞争", "1.2.1": "定向委托", "2.1.1": "公开竞争", "2.2.1": "公开竞争"}


def test_of_two_clauses_of_one_kind_the_one_whose_name_the_question_echoes_answers():
    from assistant.extractive import Extractive
    from index.models import Clause, Project

    project = Project(
        label="榜单6",
        title="集装箱智能理货系统",
        lines=(1, 4),
        clauses=[
            Clause(name="发榜单位", text="沅屿港务集团有限公司", lines=(2, 2), kind="eligibility"),
            Clause(name="揭榜条件", text="具有计算机视觉项目经验2个以上", lines=(3, 3), kind="eligibility"),
        ],
    )
    chosen = Extractive._named_clause(project, "eligibility", "想揭那个榜，揭榜方要满足什么条件？")
    assert chosen is not None and chosen.name == "揭榜条件"
    assert Extractive._named_clause(project, "eligibility", "谁能报？") is None


def test_a_deadline_printed_after_the_signature_is_found():
    from pathlib import Path

    from assistant.extractive import Extractive
    from assistant.settings import Settings
    from assistant.understand import Intent
    from index.load import load_source
    from index.parse import build_guide

    page = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout2" / "dl_html.html"
    guide = build_guide(load_source(page).text, guide_id="tingwan", source=page.name)
    extractive = Extractive(Settings(), [guide], search=None)
    asked = Intent(question="网上申报几号截止？", search_text="网上申报几号截止？")
    section, item = extractive._notice_item(guide, "deadline", asked)
    assert "2026年4月20日17:00" in (item.text if item else section.text)


def test_the_category_a_note_names_is_the_most_specific_one_in_every_process():
    # The project's categories are a set; which one a sentence is filed under must not follow the hash seed.
    import os
    import subprocess
    import sys

    script = (
        "import re; from index.parse import build_guide; from assistant.categories import category_notes; "
        "from tests.assistant.test_categories import _NESTED; "
        "g = build_guide(_NESTED, guide_id='n', source='n.txt'); "
        "print([n.category for n in category_notes(g, g.project('1.2.1'), re.compile('定向委托'))])"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ | {"PYTHONHASHSEED": str(seed)},
        ).stdout.strip()
        for seed in range(4)
    }
    assert seen == {"['电子信息领域·新型显示方向组']"}


def test_a_group_is_named_by_a_word_only_its_name_holds():
    from pathlib import Path

    from assistant.aggregate import named_category
    from tests.index.test_layouts import parsed_guide

    guide = parsed_guide(
        Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout4", "qingqiao_energy_2026.txt"
    )
    assert (
        named_category("青峤省新能源专项在氢能方向一共设了几个课题？", [guide], by_word=True) == "任务2氢能制备与储运"
    )
    assert named_category("电池材料那块有几个课题", [guide], by_word=True) == "任务1高比能长寿命电池材料"
    assert named_category("储能方向有哪些课题", [guide], by_word=True) == ""  # 储能 is a word of the guide's title
    assert named_category("青峤省新能源专项一共几个课题", [guide], by_word=True) == ""
    assert named_category("氢能方向最多给多少钱", [guide]) == ""  # only a listing names a group by one word

"""The eval runner judges answers the way the facts file says, and writes its reports."""

from __future__ import annotations

import json
import re

from assistant.models import Answer, Citation
from assistant.settings import Settings
from assistant.verify import ungrounded_figures
from evals.runner import DEFAULT_FACTS, check_gate, judge, load_facts, run_eval

CITE = Citation(
    guide_id="g",
    guide_title="重庆市2024年度人口健康专项申报指南",
    source="001.txt",
    project="项目十八",
    project_title="三峡",
    clause="资助强度及方式",
    quote="市级财政经费资助不超过200万元,承担单位出资不低于600万元。",
    lines=(874, 876),
)
ITEM = {
    "id": "x",
    "category": "funding",
    "question": "q",
    "facts": [["200 万元"]],
    "cite": {"guide": "人口健康", "project": "项目十八", "clause": "资助强度及方式"},
    "refuse": False,
}


def test_correct_answer_passes_all_verdicts():
    v = judge(ITEM, Answer(answer="资助不超过200万元。\n> ...", citations=[CITE]), True)
    assert v.correct and v.facts_ok and v.citation_ok and v.grounded


def test_wrong_clause_fails_citation():
    other = CITE.model_copy(update={"clause": "实施周期"})
    v = judge(ITEM, Answer(answer="200万元", citations=[other]), False)
    assert v.facts_ok and not v.citation_ok and not v.correct


def test_invented_figure_is_ungrounded():
    assert ungrounded_figures("资助999万元，周期3年。", [CITE.quote]) == ["999万元", "3年"]
    assert ungrounded_figures("见《2024年度指南》：200万元", [CITE.quote]) == []


def test_refusal_passes_only_when_refused_without_figures():
    item = {**ITEM, "facts": [], "cite": None, "refuse": True}
    assert judge(item, Answer(answer="抱歉，指南没有写明。", refused=True), None).correct
    assert not judge(item, Answer(answer="大约300万元", refused=True), None).correct
    assert not judge(item, Answer(answer="200万元", citations=[CITE]), None).correct


def test_answer_citing_another_guide_counts_as_wrong_guide():
    other = CITE.model_copy(update={"guide_title": "江苏省2025年度省前沿技术研发计划（卫生健康领域）项目指南"})
    assert judge(ITEM, Answer(answer="200万元", citations=[other]), False).wrong_guide
    assert not judge(ITEM, Answer(answer="200万元", citations=[CITE]), True).wrong_guide
    assert not judge(ITEM, Answer(answer="抱歉，指南没有写明。", refused=True), None).wrong_guide


def test_facts_file_is_wellformed():
    items = load_facts(DEFAULT_FACTS)
    assert len(items) >= 150
    assert len({i["id"] for i in items}) == len(items)
    for i in items:
        assert i["refuse"] == (i["cite"] is None) or i["refuse"], i["id"]
        assert i.get("note"), i["id"]


def test_run_eval_writes_reports_and_gate(built_index, tmp_path):
    facts = tmp_path / "facts.jsonl"
    items = load_facts(DEFAULT_FACTS)[:6] + [i for i in load_facts(DEFAULT_FACTS) if i["refuse"]][:2]
    facts.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    summary = run_eval(Settings(data_dir=built_index), facts, tmp_path / "out", baseline=False)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert len(report["questions"]) == 8
    assert "verdict" in report["questions"][0] and "citations" in report["questions"][0]["answer"]
    assert (tmp_path / "out" / "chart.png").stat().st_size > 1000
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "Per category" in markdown
    assert re.search(r"\| latency_p50_ms \| \d+\.\d ms \|", markdown), markdown[:600]
    assert "| wrong_guide_answers | 0 |" in markdown
    s = summary["ours-extractive"]["summary"]
    assert check_gate(s, {"min_accuracy": 1.01}) and not check_gate(s, {"min_accuracy": 0.0})


def test_a_clause_name_differing_only_in_bracket_width_is_the_same_clause():
    printed = CITE.model_copy(update={"clause": "资助额度(万元)"})
    item = {**ITEM, "cite": {**ITEM["cite"], "clause": "资助额度（万元）"}}
    assert judge(item, Answer(answer="资助不超过200万元。", citations=[printed]), True).citation_ok
    other = CITE.model_copy(update={"clause": "资助额度"})
    assert not judge(item, Answer(answer="资助不超过200万元。", citations=[other]), True).citation_ok


def test_a_gold_clause_written_with_its_headings_number_is_the_same_clause():
    # The contract names a clause without its numbering (申报限额); a writer may copy the heading (三、申报限额).
    notice = CITE.model_copy(update={"project": "", "clause": "申报限额"})
    for written in ("三、申报限额", "（三）申报限额", "3.申报限额", "申报限额"):
        item = {**ITEM, "facts": [], "cite": {"guide": "人口健康", "project": "", "clause": written}}
        assert judge(item, Answer(answer="每单位限报3项。", citations=[notice]), True).citation_ok, written
    item = {**ITEM, "facts": [], "cite": {"guide": "人口健康", "project": "", "clause": "三、申报要求"}}
    assert not judge(item, Answer(answer="每单位限报3项。", citations=[notice]), True).citation_ok
    # a number that is the name's own (2025年度…) stays
    year = CITE.model_copy(update={"project": "", "clause": "2025年度申报安排"})
    item = {**ITEM, "facts": [], "cite": {"guide": "人口健康", "project": "", "clause": "申报安排"}}
    assert not judge(item, Answer(answer="x", citations=[year]), True).citation_ok


def test_a_headings_scope_note_and_a_run_in_item_label_name_the_clause():
    section = CITE.model_copy(update={"project": "", "clause": "申报条件（适用于全部专题）"})
    item = {**ITEM, "facts": [], "cite": {"guide": "人口健康", "project": "", "clause": "申报条件"}}
    assert judge(item, Answer(answer="个人不得直接申报。", citations=[section]), True).citation_ok
    item = {**ITEM, "facts": [], "cite": {"guide": "人口健康", "project": "", "clause": "时间安排"}}
    run_in = CITE.model_copy(
        update={"project": "", "clause": "申报要求", "quote": "(三)时间安排。网上填报截至5月29日。"}
    )
    assert judge(item, Answer(answer="5月29日", citations=[run_in]), True).citation_ok
    plain = run_in.model_copy(update={"quote": "网上填报截至5月29日。"})
    assert not judge(item, Answer(answer="5月29日", citations=[plain]), True).citation_ok


def test_a_guide_keyword_copied_off_the_printed_heading_names_the_catalog_title_without_its_year():
    from evals.runner import names_guide

    title = "柳州市2022年度医疗卫生和生物医药科技创新项目申报指南（第二版）"
    assert names_guide(title, "柳州市医疗卫生")  # printed "2022 年度柳州市医疗卫生…", catalogued with the year inside
    assert names_guide(title, "2022年度医疗卫生")
    assert not names_guide(title, "重庆市医疗卫生")
    assert not names_guide("重庆市2024年度人口健康专项申报指南", "柳州市医疗卫生")


def test_a_writers_shortened_clause_name_opening_the_printed_one_names_it():
    # 资助强度 for 资助强度及方式; two characters (资助) are too few to name a clause
    item = {**ITEM, "cite": {**ITEM["cite"], "clause": "资助强度"}}
    assert judge(item, Answer(answer="资助不超过200万元。", citations=[CITE]), True).citation_ok
    item = {**ITEM, "cite": {**ITEM["cite"], "clause": "资助"}}
    assert not judge(item, Answer(answer="资助不超过200万元。", citations=[CITE]), True).citation_ok
    item = {**ITEM, "cite": {**ITEM["cite"], "clause": "强度及方式"}}
    assert not judge(item, Answer(answer="资助不超过200万元。", citations=[CITE]), True).citation_ok


def test_a_passage_naming_the_unit_cites_it_when_the_writer_names_no_clause():
    # the fact sits in a topic's paragraph: "其中子课题1-2为60万元"
    item = {**ITEM, "facts": [["60万元"]], "cite": {"guide": "人口健康", "project": "子课题1-2", "clause": ""}}
    topic = CITE.model_copy(
        update={"project": "", "clause": "专题一", "quote": "其中子课题1-1为80万元、子课题1-2为60万元"}
    )
    assert judge(item, Answer(answer="60万元", citations=[topic]), True).citation_ok
    other = topic.model_copy(update={"quote": "其中子课题1-1为80万元"})
    assert not judge(item, Answer(answer="60万元", citations=[other]), True).citation_ok
    # a bare number is no label a passage names
    item = {**item, "cite": {**item["cite"], "project": "2"}}
    assert not judge(item, Answer(answer="60万元", citations=[topic]), True).citation_ok


def test_a_notice_section_cited_by_its_heading_number_beside_a_unit_is_the_notices():
    # a writer's ("KQ2026-GR04", "二、申报条件"): the age rule of every 青年 unit sits in the notice's 二、申报条件
    item = {
        **ITEM,
        "facts": [["不超过35周岁"]],
        "cite": {"guide": "人口健康", "project": "项目四", "clause": "二、申报条件"},
    }
    notice = CITE.model_copy(update={"project": "", "clause": "申报条件", "quote": "青年项目负责人不超过35周岁"})
    assert judge(item, Answer(answer="不超过35周岁", citations=[notice]), True).citation_ok
    # … not another notice section, nor the writer's unit clause named without the heading number
    other = notice.model_copy(update={"clause": "联系方式"})
    assert not judge(item, Answer(answer="不超过35周岁", citations=[other]), True).citation_ok
    item = {**item, "cite": {**item["cite"], "clause": "申报条件"}}
    assert not judge(item, Answer(answer="不超过35周岁", citations=[notice]), True).citation_ok


def test_a_writers_two_units_joined_by_a_slash_accept_either():
    item = {**ITEM, "cite": {"guide": "人口健康", "project": "项目三/项目十八", "clause": "资助强度/支持强度"}}
    assert judge(item, Answer(answer="资助不超过200万元。", citations=[CITE]), True).citation_ok
    item = {**item, "cite": {**item["cite"], "project": "项目五/项目六"}}
    assert not judge(item, Answer(answer="资助不超过200万元。", citations=[CITE]), True).citation_ok

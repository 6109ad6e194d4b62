"""Pure parts of the web app: answer rendering, streaming steps, tables, the LLM stream adapter."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

from assistant.models import Answer, Citation
from assistant.web import answer_stream, parse_history
from assistant.web_compare import comparison_rows
from assistant.web_lookup import example_questions, highlight, query_terms, relevant, warning_text
from assistant.web_render import answer_message, plain_text, question_bubble, stream_steps, strip_sources
from index.models import Clause, Guide, Project

CITE = Citation(
    guide_id="g",
    guide_title="某指南",
    source="001.txt",
    project="项目十八",
    project_title="药材",
    clause="资助强度及方式",
    quote="市级财政经费资助不超过200万元,\n承担单位出资不低于600万元。",
    lines=(874, 876),
)


def test_answer_message_replaces_sources_with_expandable_chips_and_copies_plain_text():
    text = "根据《某指南》：200万元。\n\n> 市级财政经费资助不超过200万元\n\n出处：《某指南》 · 项目十八 · 资助强度及方式 · 第874–876行"
    answer = Answer(answer=text, citations=[CITE])
    html = answer_message(answer)
    assert "<blockquote>市级财政经费资助不超过200万元</blockquote>" in html
    assert "<summary>《某指南》 · 项目十八 · 资助强度及方式</summary>" in html
    assert "第874–876行" in html and "200万元,<br>承担单位" in html
    assert "001.txt" not in html  # the readable title stands for the file
    assert plain_text(answer) == (
        "根据《某指南》：200万元。\n\n市级财政经费资助不超过200万元\n\n出处：《某指南》 · 项目十八 · 资助强度及方式 · 第874–876行"
    )


def test_markup_from_questions_and_guides_is_escaped():
    hostile = CITE.model_copy(update={"quote": '<img src="http://203.0.113.9/x.png">![a](http://203.0.113.9/y.png)'})
    html = answer_message(Answer(answer="> <script>alert(1)</script>\n<b>粗</b>", citations=[hostile]))
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert "&lt;img src=&quot;http://203.0.113.9/x.png&quot;&gt;" in html
    assert question_bubble("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"


def test_lookup_highlight_escapes_then_marks_and_relevance_needs_a_query_word():
    terms = query_terms("定向委托")
    assert highlight("<b>采用定向委托方式</b>", terms) == "&lt;b&gt;采用<mark>定向委托</mark>方式&lt;/b&gt;"
    assert relevant("项目采用定向委托方式组织", "定向委托项目有哪些")
    assert not relevant("市级财政经费资助不超过200万元", "zzzxxx")


def test_strip_sources_drops_listing_citation_block():
    text = "共2个：\n- 项目一\n- 项目二\n出处：\n《甲》 · 项目一 · 组织方式 · 第1行\n《甲》 · 项目二 · 组织方式 · 第9行\n注意：草稿。"
    assert strip_sources(text) == "共2个：\n- 项目一\n- 项目二\n\n注意：草稿。"


def test_stream_steps_grow_to_the_whole_text_in_few_steps():
    text = "第一句。" * 40
    steps = stream_steps(text)
    assert steps[-1] == text and len(steps) <= 12
    assert all(a in b for a, b in itertools.pairwise(steps))


def test_warning_text_in_chinese():
    assert warning_text("项目三 lacks 其他说明 (6 clauses)") == "项目三 缺少 其他说明（该项目共6条）"
    assert warning_text("something else") == "something else"


def test_comparison_and_examples_from_catalog():
    clauses = [
        Clause(
            name="资助强度及方式",
            text="拟支持1项,市级财政经费资助不超过200万元,承担单位出资不低于600万元。",
            lines=(1, 1),
        ),
        Clause(name="实施周期", text="不超过3年。", lines=(2, 2)),
        Clause(name="组织方式", text="定向委托。", lines=(3, 3)),
    ]
    guide = Guide(
        id="g",
        title="某指南",
        source="x.txt",
        projects=[
            Project(label="项目一", title="甲", clauses=clauses),
            Project(label="项目二", title="乙", clauses=clauses),
        ],
    )
    assert comparison_rows(guide)[0] == [
        "项目一",
        "甲",
        "200万元",
        "未规定",
        "600万元",
        "不超过3年",
        "定向委托",
        "未规定",
        "某指南",
        "x.txt",
        "0",
    ]
    assert example_questions(guide)[:3] == [
        "项目一的资助强度是多少？",
        "项目二的实施周期是多久？",
        "哪些项目是定向委托？",
    ]


def test_parse_history_accepts_pairs_and_json():
    assert parse_history([["问", "答"]]) == [["问", "答"]]
    assert parse_history('[["问", "答"]]') == [["问", "答"]]
    assert parse_history(None) == []


def test_llm_stream_is_passed_through_and_ends_with_its_answer():
    final = Answer(answer="不超过200万元。", mode="llm", citations=[CITE])

    class FakeLLM:
        def stream(self, question, history, guide_id):
            assert (question, history, guide_id) == ("项目十八给多少钱？", [["q", "a"]], "g")
            yield from ("不超过", "200万元。")
            yield final

    assistant = SimpleNamespace(llm=FakeLLM(), validate=lambda q: q.strip())
    steps = list(answer_stream(assistant, " 项目十八给多少钱？", [["q", "a"]], "g"))
    assert steps[:2] == ["不超过", "不超过200万元。"]
    assert steps[-1] is final and final.latency_ms > 0

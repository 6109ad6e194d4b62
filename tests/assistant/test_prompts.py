"""Prompts are files loaded by name and rendered strictly: every one renders, a missing variable raises."""

from __future__ import annotations

import pytest

from assistant import prompts
from assistant.llm import clause_block, history_text
from assistant.models import Citation

CLAUSE = Citation(
    guide_id="g",
    guide_title="重庆市2024年度人口健康专项申报指南（征求意见稿）",
    source="001.txt",
    project="项目十八",
    project_title="三峡库区特色药材品种选育与高产优质绿色生态种植技术研究与应用",
    clause="资助强度及方式",
    quote="拟支持1项,市级财政经费资助不超过200万元,承担单位出资不低于600万元。",
    lines=(874, 876),
)
SAMPLES = {
    "refusal": {},
    "system": {"refusal": "指南原文中没有找到相关规定。"},
    "answer": {"question": "项目十八给多少钱？", "clauses": clause_block(1, CLAUSE)},
    "condense": {
        "history": history_text([["重庆人口健康专项项目十八给多少钱？", "资助不超过200万元【1】。\n> 原文\n出处：…"]]),
        "question": "那它做几年？",
    },
}


def test_every_prompt_file_has_a_sample():
    assert set(prompts.names()) == set(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_prompt_renders_with_sample_values(name):
    text = prompts.render(name, **SAMPLES[name])
    assert text.strip() and "$" not in text
    for value in SAMPLES[name].values():
        assert value in text


def test_answer_prompt_numbers_the_clauses_and_carries_the_question():
    text = prompts.render("answer", **SAMPLES["answer"])
    assert "[1] 《重庆市2024年度人口健康专项申报指南（征求意见稿）》 项目十八「三峡库区" in text
    assert "200万元" in text and "项目十八给多少钱？" in text


def test_system_prompt_states_the_rules():
    text = prompts.render("system", **SAMPLES["system"])
    for rule in ("编号", "[1]", "指南原文中没有找到相关规定。", "不执行", "不透露"):
        assert rule in text


def test_condense_prompt_shows_history_without_quoted_lines():
    text = prompts.render("condense", **SAMPLES["condense"])
    assert "用户：重庆人口健康专项项目十八给多少钱？" in text and "> 原文" not in text and "那它做几年？" in text


@pytest.mark.parametrize("name", ["system", "answer", "condense"])
def test_missing_variable_raises(name):
    values = dict(SAMPLES[name])
    values.pop(next(iter(values)))
    with pytest.raises(KeyError, match="missing"):
        prompts.render(name, **values)


def test_unexpected_variable_raises():
    with pytest.raises(KeyError, match="unexpected"):
        prompts.render("refusal", question="x")


def test_unknown_prompt_raises():
    with pytest.raises(FileNotFoundError, match="no prompt named"):
        prompts.load("nonexistent")


def test_refusal_is_one_fixed_sentence():
    assert prompts.load("refusal") == "指南原文中没有找到相关规定。"

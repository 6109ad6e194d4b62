"""The /ask endpoint through gradio_client: answer JSON with citations, errors as {"error": ...}."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def client(served):
    from gradio_client import Client

    return Client(served.url, verbose=False)


def test_ask_returns_answer_json_with_citations(client):
    result = client.predict("重庆人口健康专项项目十八给多少钱？", None, None, api_name="/ask")
    assert result["refused"] is False and result["mode"] == "extractive"
    assert "200万元" in result["answer"]
    cite = result["citations"][0]
    assert (cite["project"], cite["clause"], cite["lines"]) == ("项目十八", "资助强度及方式", [874, 876])


def test_ask_follow_up_and_guide_filter(client):
    first = client.predict("重庆人口健康专项项目十八给多少钱？", None, None, api_name="/ask")
    history = [["重庆人口健康专项项目十八给多少钱？", first["answer"]]]
    follow = client.predict("那它的实施周期呢？", history, None, api_name="/ask")
    assert "3年" in follow["answer"] and follow["citations"][0]["clause"] == "实施周期"
    scoped = client.predict("每个单位限报几项？", None, "liuzhou-2022-medical", api_name="/ask")
    assert scoped["citations"][0]["guide_id"] == "liuzhou-2022-medical"


@pytest.mark.parametrize(
    ("question", "history", "guide_id", "message"),
    [
        ("", None, None, "问题不能为空"),
        ("问" * 1001, None, None, "问题过长"),
        ("项目十八给多少钱？", [["only one"]], None, "对话历史格式不正确"),
        ("项目十八给多少钱？", None, "no-such-guide", "没有编号为"),
    ],
)
def test_bad_input_returns_chinese_error(client, question, history, guide_id, message):
    result = client.predict(question, history, guide_id, api_name="/ask")
    assert set(result) == {"error"} and message in result["error"]


def test_ask_with_a_guide_and_a_question_naming_another_returns_clarify(client):
    result = client.predict("柳州的项目每家三甲医院能报几项？", None, "js-2025-frontier-health", api_name="/ask")
    assert result["refused"] is False and result["citations"] == []
    assert [c["guide_id"] for c in result["clarify"]] == ["js-2025-frontier-health", "liuzhou-2022-medical"]
    plain = client.predict("重庆人口健康专项项目十八给多少钱？", None, None, api_name="/ask")
    assert plain["clarify"] == []

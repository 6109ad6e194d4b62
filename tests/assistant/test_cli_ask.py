"""`ask` as a user runs it: a batch goes on past a bad line; an unknown --guide is an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

FUNDING_Q = "重庆人口健康专项项目十八给多少钱？"
GUIDE_IDS = [
    "cq-2023-biomedicine",
    "cq-2024-population-health",
    "cq-shapingba-2024-health",
    "js-2025-frontier-health",
    "liuzhou-2022-medical",
]


@pytest.fixture
def runner(built_index, monkeypatch) -> CliRunner:
    monkeypatch.setenv("GUIDE_ASSISTANT_DATA_DIR", str(built_index))
    return CliRunner()


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "q.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_batch_reports_each_bad_line_with_its_number_and_answers_the_rest(runner, tmp_path):
    good = json.dumps({"id": "good", "question": FUNDING_Q}, ensure_ascii=False)
    batch = write(
        tmp_path,
        good,
        '{"id": "broken", "question": ',  # malformed JSON
        json.dumps({"id": "h1", "question": FUNDING_Q, "history": "oops"}, ensure_ascii=False),
        json.dumps({"id": "h2", "question": FUNDING_Q, "history": [[1, 2]]}, ensure_ascii=False),
        json.dumps({"id": "h3", "question": "那它做几年？", "history": [[FUNDING_Q]]}, ensure_ascii=False),
        "",
        json.dumps({"id": "noq"}),
        json.dumps({"id": "last", "question": "那它做几年？", "history": [[FUNDING_Q, "200万元"]]}, ensure_ascii=False),
    )
    result = runner.invoke(app, ["ask", "--batch", str(batch)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["good", 2, "h1", "h2", "h3", "noq", "last"]
    assert "200万元" in out[0]["answer"] and "3年" in out[-1]["answer"]  # the follow-up kept its history
    assert all("error" in o for o in out[1:-1])
    stderr = result.stderr
    assert f"{batch}:2: 该行不是有效的 JSON" in stderr
    assert f"{batch}:3: 该行格式不对" in stderr and "history" in stderr.split(f"{batch}:3:")[1].splitlines()[0]
    assert f"{batch}:4: 该行格式不对" in stderr
    assert f"{batch}:5: 该行格式不对" in stderr
    assert f"{batch}:7: 该行格式不对" in stderr and "question" in stderr.split(f"{batch}:7:")[1].splitlines()[0]
    assert f"{batch}:1:" not in stderr and f"{batch}:8:" not in stderr
    assert "5 line(s)" in stderr


def test_batch_of_good_lines_exits_0(runner, tmp_path):
    batch = write(tmp_path, json.dumps({"id": 7, "question": FUNDING_Q}, ensure_ascii=False))
    result = runner.invoke(app, ["ask", "--batch", str(batch)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == 7


@pytest.mark.parametrize("content", ["", "\n \n"], ids=["empty", "blank-lines"])
def test_empty_batch_file_is_a_clear_error(runner, tmp_path, content):
    batch = tmp_path / "q.jsonl"
    batch.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["ask", "--batch", str(batch)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "中没有问题（文件为空）" in result.stderr


@pytest.mark.parametrize("batch", [False, True])
def test_unknown_guide_is_an_error_listing_the_valid_ids(runner, tmp_path, batch):
    args = ["--batch", str(write(tmp_path, json.dumps({"question": FUNDING_Q})))] if batch else [FUNDING_Q]
    result = runner.invoke(app, ["ask", *args, "--guide", "no-such-guide"])
    assert result.exit_code == 2
    assert result.stdout == ""
    message = " ".join(result.stderr.split())
    assert "未知的指南 ID“no-such-guide”" in message
    assert "可用的 ID：" + "、".join(GUIDE_IDS) in message


def test_known_guide_scopes_the_answer(runner):
    result = runner.invoke(app, ["ask", "截止时间是什么时候", "--guide", "js-2025-frontier-health", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert {c["guide_id"] for c in answer["citations"]} == {"js-2025-frontier-health"}

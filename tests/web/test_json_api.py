"""The JSON API of `guide-assistant serve` (a real process on a free 127.0.0.1 port, the real index).

Answers with citations, Chinese errors with their status codes, the catalog, the docs, the request
limits (bodies, uploads) and the start-up page shown while the index is built.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.local import ask_api, free_port, stop
from tests.conftest import GUIDES, ROOT
from tests.test_offline import external_references

QUESTION = "重庆人口健康专项项目十八给多少钱？"


def request(base: str, path: str, body: bytes | dict | None = None, headers: dict | None = None) -> tuple[int, str]:
    """(status, text) of a GET, or of a POST when body is given (a dict is sent as JSON)."""
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    req = urllib.request.Request(
        base + path, data=data, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def start_serve(data_dir: Path, log: Path, **env: str) -> tuple[subprocess.Popen, str]:
    """`python -m assistant serve` on a free port with data_dir; (process, base URL)."""
    port = free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GUIDE_ASSISTANT_DATA_DIR": str(data_dir),
        "GUIDE_ASSISTANT_GUIDES_DIR": str(GUIDES),
        **env,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=environment,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    return proc, f"http://127.0.0.1:{port}"


def wait_ready(base: str, proc: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    """Wait until /api/status says ready; fail with the log when the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"serve exited with {proc.returncode}: {log.read_text()[-2000:]}")
        try:
            status, text = request(base, "/api/status")
            if status == 200 and json.loads(text)["ready"]:
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"serve not ready within {timeout:.0f} s: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def api(built_index, tmp_path_factory) -> Iterator[str]:
    """A serve process on a copy of the session's index (votes and logs stay in the copy)."""
    folder = tmp_path_factory.mktemp("api")
    data_dir = folder / "data"
    shutil.copytree(built_index, data_dir)
    log = folder / "serve.log"
    proc, base = start_serve(data_dir, log)
    try:
        wait_ready(base, proc, log)
        yield base
    finally:
        stop(proc)


def ask(base: str, body: dict | bytes, headers: dict | None = None) -> tuple[int, dict]:
    status, text = request(base, "/api/ask", body, headers)
    return status, json.loads(text)


def test_ask_returns_answer_json_with_citations(api):
    status, answer = ask(api, {"question": QUESTION})
    assert status == 200
    assert set(answer) == {"answer", "refused", "mode", "citations", "latency_ms", "notice", "clarify"}
    assert answer["refused"] is False and answer["mode"] == "extractive" and answer["clarify"] == []
    assert "200万元" in answer["answer"]
    cite = answer["citations"][0]
    assert (cite["guide_id"], cite["project"], cite["clause"], cite["lines"]) == (
        "cq-2024-population-health",
        "项目十八",
        "资助强度及方式",
        [874, 876],
    )
    assert "200万元" in cite["quote"] and cite["source"].startswith("001_")


def test_follow_up_with_history_and_a_guide(api):
    _, first = ask(api, {"question": QUESTION})
    _, follow = ask(api, {"question": "那它的实施周期呢？", "history": [[QUESTION, first["answer"]]], "guide": None})
    assert "3年" in follow["answer"] and follow["citations"][0]["clause"] == "实施周期"
    _, scoped = ask(api, {"question": "每个单位限报几项？", "history": None, "guide": "liuzhou-2022-medical"})
    assert {c["guide_id"] for c in scoped["citations"]} == {"liuzhou-2022-medical"}


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"question": ""}, 400, "问题不能为空"),
        ({"question": "问" * 1001}, 400, "问题过长"),
        ({"question": "项目十八给多少钱？", "guide": "no-such-guide"}, 400, "没有编号为“no-such-guide”的指南"),
        ({"question": "项目十八给多少钱？", "history": [["only one"]]}, 422, "对话历史格式不正确"),
        ({"question": "项目十八给多少钱？", "history": "[[1, 2]]"}, 422, "对话历史格式不正确"),
        ({"question": 18}, 422, "问题（question）必须是文字"),
        ({"history": []}, 422, "缺少问题"),
        ({"question": "项目十八给多少钱？", "guide_id": "x"}, 422, "不认识的字段“guide_id”"),
        (b"not json", 422, "请求内容应为 JSON 对象"),
        (b"[]", 422, "请求内容应为 JSON 对象"),
    ],
)
def test_bad_requests_get_a_chinese_error(api, body, status, message):
    got, payload = ask(api, body)
    assert got == status
    assert set(payload) == {"error"} and message in payload["error"], payload


def test_guides_lists_the_catalog(api):
    status, text = request(api, "/api/guides")
    assert status == 200
    catalog = json.loads(text)
    guides = {g["id"]: g for g in catalog["guides"]}
    assert len(guides) == 5 and catalog["generation"]
    population = guides["cq-2024-population-health"]
    assert population["title"] == "重庆市2024年度人口健康专项申报指南（征求意见稿）"
    assert (population["status"], population["year"], population["projects"]) == ("draft", 2024, 24)
    assert population["clauses"] == 24 * 7 and population["region"]
    assert guides["liuzhou-2022-medical"]["sections"] >= 5


def test_docs_are_served_without_other_hosts(api):
    status, page = request(api, "/api/docs")
    assert status == 200 and "swagger-ui" in page
    assert external_references(page) == [], external_references(page)
    for asset in ("/api/static/swagger-ui-bundle.js", "/api/static/swagger-ui.css"):
        assert request(api, asset)[0] == 200
    status, text = request(api, "/api/openapi.json")
    spec = json.loads(text)
    ask_op = spec["paths"]["/api/ask"]["post"]
    assert {"200", "400", "413", "422", "503"} <= set(ask_op["responses"])
    assert set(spec["components"]["schemas"]["AskRequest"]["properties"]) == {"question", "history", "guide"}
    assert "/api/guides" in spec["paths"]


def test_gradio_ask_endpoint_stays(api):
    assert "200万元" in ask_api(api, QUESTION)["answer"]


def test_body_over_the_cap_is_refused_with_413(api):
    history = [[QUESTION, "答" * 2000]] * 60  # about 700 KB of JSON
    body = json.dumps({"question": QUESTION, "history": history}, ensure_ascii=False).encode()
    # By hand: the server answers and closes without reading the body, which urllib takes for a broken pipe.
    reply = raw_http(api, f"POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}", body)
    assert reply.startswith("HTTP/1.1 413")
    assert json.loads(reply.split("\r\n\r\n", 1)[1]) == {
        "error": "请求内容过大（上限 256 KB），请缩短问题或对话历史后重试。"
    }
    history = [[QUESTION, "答" * 2000]] * 20  # about 240 KB: under the cap
    assert ask(api, {"question": "那它的实施周期呢？", "history": history})[0] == 200


def raw_http(base: str, head: str, body: bytes = b"", wait: float = 10.0) -> str:
    """Send a hand-made request (head lines without the blank line) and return the reply's first bytes."""
    host, port = base.removeprefix("http://").split(":")
    reply = b""
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        with contextlib.suppress(ConnectionError):  # the server may answer and close before the body is sent
            sock.sendall(head.encode() + b"\r\n\r\n" + body)
        while b"\r\n\r\n" not in reply or len(reply.split(b"\r\n\r\n", 1)[1]) < _length(reply):
            piece = sock.recv(4096)
            if not piece:
                break
            reply += piece
    return reply.decode("utf-8", "replace")


def _length(reply: bytes) -> int:
    head = reply.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower()
    return next((int(line.split(":")[1]) for line in head.splitlines() if line.startswith("content-length:")), 0)


def test_a_500_mb_body_is_refused_before_it_is_sent(api):
    started = time.monotonic()
    reply = raw_http(
        api,
        "POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 524288000",
    )
    assert reply.startswith("HTTP/1.1 413") and "请求内容过大" in reply
    assert time.monotonic() - started < 5


def test_a_chunked_body_over_the_cap_is_refused(api):
    chunk = b"a" * 65536
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(6)) + b"0\r\n\r\n"
    reply = raw_http(
        api,
        "POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
        body,
    )
    assert reply.startswith("HTTP/1.1 413") and "请求内容过大" in reply


def test_uploads_are_refused(api):
    boundary = "x" * 16
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        f"hello\r\n--{boundary}--\r\n"
    ).encode()
    status, text = request(
        api, "/gradio_api/upload", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    assert status == 403 and json.loads(text) == {"error": "本应用不接受文件上传。"}
    reply = raw_http(api, "POST /gradio_api/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 524288000")
    assert reply.startswith("HTTP/1.1 403")


def test_start_up_shows_progress_then_the_app(fresh_data_dir, tmp_path):
    """No index yet: the port answers at once with a Chinese progress page, the API says 503, then all works."""
    log = tmp_path / "serve.log"
    proc, base = start_serve(fresh_data_dir, log)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, page = request(base, "/", headers={"Accept": "text/html"})
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail(f"the port did not answer: {log.read_text()[-2000:]}")
                time.sleep(0.1)
        assert status == 503 and "索引正在构建" in page and 'http-equiv="refresh"' in page
        status, payload = ask(base, {"question": QUESTION})
        assert status == 503 and payload["error"].startswith("索引正在构建…")
        status, text = request(base, "/api/status")
        assert status == 200 and json.loads(text)["ready"] is False
        assert request(base, "/api/docs")[0] == 200  # the docs do not wait for the index
        wait_ready(base, proc, log)
        status, page = request(base, "/", headers={"Accept": "text/html"})
        assert status == 200 and "申报指南问答助手" in page and "索引正在构建" not in page
        status, answer = ask(base, {"question": QUESTION})
        assert status == 200 and "200万元" in answer["answer"]
    finally:
        stop(proc)


def test_serve_without_index_or_guides_fails_before_binding(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GUIDE_ASSISTANT_DATA_DIR": str(tmp_path / "data")}
    env["GUIDE_ASSISTANT_GUIDES_DIR"] = str(tmp_path / "missing")
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    message = " ".join(result.stderr.split())  # rich wraps at the terminal width
    assert "missing does not exist" in message and "Traceback" not in message


def test_load_script_drives_the_api_and_reports(api):
    script = ROOT / "scripts" / "load_test.py"
    command = [sys.executable, str(script), "--url", api, "--users", "5", "--seconds", "2", "--json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(result.stdout.splitlines()[-1])
    assert figures["requests"] > 0 and figures["errors"] == 0
    assert figures["p95_ms"] >= figures["p50_ms"] > 0 and figures["rss_mb"]["max"] > 100
    refused = subprocess.run(
        [sys.executable, str(script), "--url", "http://example.com:7860"], capture_output=True, text=True, timeout=60
    )
    assert refused.returncode != 0 and "only http://127.0.0.1" in refused.stderr

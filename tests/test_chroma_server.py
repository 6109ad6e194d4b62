"""The same index and answers against a Chroma server (`chroma run`, HttpClient), as a shared deployment runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.local import NotServingError, ask_api, free_port, stop, wait_until_serving
from tests.conftest import GUIDES

QUESTION = "重庆人口健康专项项目十八给多少钱？"
START_TIMEOUT = 90.0


def chroma_executable() -> str | None:
    """The `chroma` CLI installed with chromadb: beside this Python first, else on PATH."""
    beside = Path(sys.executable).parent / "chroma"
    return str(beside) if beside.exists() else shutil.which("chroma")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory) -> Iterator[str]:
    """URL of a Chroma server started for these tests on 127.0.0.1 (free port, temp path)."""
    exe = chroma_executable()
    if exe is None:
        message = "the `chroma` executable (installed by chromadb) was not found"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must test the Chroma server)")
        pytest.skip(message)
    path = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = (path / "server.log").open("w")
    proc = subprocess.Popen(
        [exe, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_serving(url + "/api/v2/heartbeat", proc, START_TIMEOUT)
        except NotServingError as exc:
            pytest.fail(f"chroma run {exc}: {(path / 'server.log').read_text()[-2000:]}")
        yield url
    finally:
        stop(proc, timeout=15)
        log.close()


def test_ingest_and_answer_through_a_chroma_server(chroma_url, fresh_data_dir):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from assistant.assistant import Assistant
    from assistant.settings import Settings
    from index.ingest import ingest

    report = ingest(fresh_data_dir, GUIDES, "e5-small", chroma_url=chroma_url)
    assert not report.failed and report.changed and report.chunks > 300
    assert not (fresh_data_dir / "chroma").exists()  # the vectors went to the server, not to DATA_DIR

    answer = Assistant.from_settings(Settings(data_dir=fresh_data_dir, chroma_url=chroma_url)).ask(QUESTION)
    assert "200万元" in answer.answer
    assert answer.citations[0].project == "项目十八" and answer.citations[0].clause == "资助强度及方式"

    client = chromadb.HttpClient(
        host="127.0.0.1", port=int(chroma_url.rsplit(":", 1)[1]), settings=ChromaSettings(anonymized_telemetry=False)
    )
    names = [c if isinstance(c, str) else c.name for c in client.list_collections()]
    ours = [n for n in names if n.endswith(report.generation)]
    assert len(ours) == 1 and client.get_collection(ours[0]).count() == report.chunks

    again = ingest(fresh_data_dir, GUIDES, "e5-small", chroma_url=chroma_url)
    assert not again.changed and again.generation == report.generation
    assert all(f.status == "unchanged" for f in again.files)
    after = [c if isinstance(c, str) else c.name for c in client.list_collections()]
    assert sorted(after) == sorted(names)  # an unchanged re-ingest writes nothing to the server


JIANGSU = "江苏前沿技术 网上填报截止时间是什么时候"


def test_two_serve_processes_on_one_chroma_server_follow_an_ingest(chroma_url, fresh_data_dir, guides_copy, tmp_path):
    """The deployment of the README: one Chroma server, two serve processes, a maintainer's ingest reaches both."""
    from index.ingest import ingest

    jiangsu = next(guides_copy.glob("004_*.txt"))
    aside = tmp_path / jiangsu.name
    shutil.move(jiangsu, aside)
    ingest(fresh_data_dir, guides_copy, "e5-small", chroma_url=chroma_url)
    env = {
        **os.environ,
        "GUIDE_ASSISTANT_DATA_DIR": str(fresh_data_dir),
        "GUIDE_ASSISTANT_GUIDES_DIR": str(guides_copy),
        "GUIDE_ASSISTANT_CHROMA_URL": chroma_url,
        "GUIDE_ASSISTANT_EMBED_THREADS": "1",
    }
    bases, procs, logs = [], [], []
    try:
        for n in range(2):
            port = free_port()
            logs.append((tmp_path / f"serve{n}.log").open("w"))
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "assistant", "serve", "--port", str(port)],
                    env=env,
                    stdout=logs[-1],
                    stderr=subprocess.STDOUT,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base, proc in zip(bases, procs, strict=True):
            wait_until_serving(base + "/", proc, 180)
        for base in bases:
            before = ask_api(base, JIANGSU)
            assert before["refused"] and not before["citations"], before

        shutil.move(aside, jiangsu)
        result = subprocess.run(
            [sys.executable, "-m", "assistant", "ingest"], env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        assert "js-2025-frontier-health" in result.stdout

        deadline = time.monotonic() + 120
        answers = {}
        while len(answers) < len(bases) and time.monotonic() < deadline:
            for base in bases:
                answer = ask_api(base, JIANGSU)
                if not answer.get("refused"):
                    answers[base] = answer
            time.sleep(0.5)
        assert len(answers) == len(bases), "a serve process did not switch to the new index within 120 s"
        for answer in answers.values():
            assert answer["citations"][0]["guide_id"] == "js-2025-frontier-health"
            assert "2025年3月27日" in answer["answer"]
    finally:
        for proc in procs:
            stop(proc)
        for log in logs:
            log.close()

"""The same index and answers against a Chroma server (`chroma run`, HttpClient), as a shared deployment runs."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import GUIDES

QUESTION = "重庆人口健康专项项目十八给多少钱？"
START_TIMEOUT = 90.0


def chroma_executable() -> str | None:
    """The `chroma` CLI installed with chromadb: beside this Python first, else on PATH."""
    beside = Path(sys.executable).parent / "chroma"
    return str(beside) if beside.exists() else shutil.which("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    port = _free_port()
    log = (path / "server.log").open("w")
    proc = subprocess.Popen(
        [exe, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}: {(path / 'server.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url + "/api/v2/heartbeat", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"chroma run did not answer on {url} within {START_TIMEOUT:.0f} s")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
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

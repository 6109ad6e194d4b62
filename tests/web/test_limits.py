"""Limits on what anonymous clients can make the server hold: votes, the feedback file, waiting requests, Gradio state."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import pytest

from assistant.api import Answering, BusyError, create_api
from assistant.limits import RateLimiter
from assistant.models import Answer
from assistant.settings import Settings
from assistant.startup import Startup
from assistant.web import FeedbackLog, FeedbackRefusedError

VOTE = {"time": "2026-12-01T10:00:00+08:00", "vote": "up", "question": "项目十八给多少钱？", "answer": "200万元"}


def test_rate_limiter_counts_per_key_in_a_sliding_window():
    limiter = RateLimiter(2, window=60)
    assert limiter.allow("a", now=0) and limiter.allow("a", now=1)
    assert not limiter.allow("a", now=2)
    assert limiter.allow("b", now=2)  # another client is not affected
    assert not limiter.allow("a", now=59.9)
    assert limiter.allow("a", now=60.5)  # the first vote left the window


def test_rate_limiter_forgets_the_oldest_keys():
    limiter = RateLimiter(1, window=60, max_keys=3)
    for key in "abcd":
        assert limiter.allow(key, now=0)
    assert limiter.allow("a", now=1)  # "a" was forgotten when "d" came
    assert not limiter.allow("d", now=1)


def test_votes_beyond_the_rate_are_refused_in_chinese(tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl", votes_per_minute=2)
    log.append(VOTE, client="10.0.0.1")
    log.append(VOTE, client="10.0.0.1")
    with pytest.raises(FeedbackRefusedError, match="提交过于频繁"):
        log.append(VOTE, client="10.0.0.1")
    log.append(VOTE, client="10.0.0.2")
    lines = (tmp_path / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and json.loads(lines[0])["question"] == VOTE["question"]


def test_a_full_feedback_file_refuses_votes_politely(tmp_path):
    path = tmp_path / "feedback.jsonl"
    line = len((json.dumps(VOTE, ensure_ascii=False) + "\n").encode())
    log = FeedbackLog(path, votes_per_minute=100, max_bytes=3 * line)
    for n in range(3):
        log.append(VOTE, client=f"c{n}")
    with pytest.raises(FeedbackRefusedError, match="反馈记录已满"):
        log.append(VOTE, client="c9")
    assert path.stat().st_size == 3 * line


def test_answering_refuses_beyond_the_waiting_line():
    release = threading.Event()

    async def scenario():
        answering = Answering(workers=1, max_waiting=1)
        first = asyncio.create_task(answering.run(release.wait, 10))
        second = asyncio.create_task(answering.run(release.wait, 10))
        await asyncio.sleep(0.05)
        with pytest.raises(BusyError):
            await answering.run(release.wait, 10)
        release.set()
        assert await first and await second
        assert answering.pending == 0
        answering.pool.shutdown()

    # In a thread of its own: Playwright's sync API may keep an event loop running in this one.
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if failure:
        raise failure[0]
    assert not thread.is_alive()


class SlowAssistant:
    """Answers after a pause (to fill the answering threads); knows one guide."""

    def __init__(self) -> None:
        self.guides = {"g1": object()}

    def ask(self, question, history=None, guide_id=None):
        time.sleep(0.5)
        return Answer(answer=f"答：{question}")


def test_api_says_busy_and_not_ready_in_chinese():
    from fastapi.testclient import TestClient

    startup = Startup()
    app = create_api(Settings(concurrency_limit=1, api_max_waiting=0), startup)
    with TestClient(app) as client:
        not_ready = client.post("/api/ask", json={"question": "项目十八给多少钱？"})
        assert not_ready.status_code == 503 and not_ready.json()["error"].startswith("索引正在构建…")
        assert not_ready.headers["retry-after"]
        startup.assistant = SlowAssistant()
        results: list = []
        threads = [
            threading.Thread(target=lambda: results.append(client.post("/api/ask", json={"question": "问题"})))
            for _ in range(3)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        codes = sorted(r.status_code for r in results)
        assert codes[0] == 200 and codes[-1] == 503, codes
        busy = next(r for r in results if r.status_code == 503)
        assert busy.json() == {"error": "服务繁忙，请稍后再试。"}


def test_gradio_is_mounted_without_history_monitoring_or_unbounded_state(built_index):
    from fastapi import FastAPI

    from assistant.assistant import Assistant
    from assistant.server import mount_web
    from assistant.web import build_app

    settings = Settings(data_dir=built_index, max_sessions=25)
    blocks = build_app(Assistant.from_settings(settings), settings)
    gradio_app = mount_web(FastAPI(), blocks, settings)
    assert gradio_app.state_holder.capacity == 25
    assert blocks.run_history is False and blocks.enable_monitoring is False
    assert blocks._queue.ANALYTICS_MAX_EVENTS == 1
    assert blocks._queue.ANAYLTICS_CACHE_FREQUENCY > 10**9
    assert blocks.max_file_size == 1

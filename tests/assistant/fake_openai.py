"""A tiny OpenAI-compatible server for tests: POST /v1/chat/completions with scripted replies.

Each request takes the next scripted step: a reply text (sent as JSON, or as SSE chunks when the
request asks to stream) or a failure mode: "401", "429", "malformed" (invalid JSON), "hang" (no
reply until the test ends). Every request body is recorded.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAILURES = ("401", "429", "malformed", "hang", "echo-key")


class FakeOpenAI:
    """An OpenAI-compatible chat completions endpoint on 127.0.0.1 serving scripted replies."""

    def __init__(self) -> None:
        self.steps: deque[str] = deque()
        self.requests: list[dict[str, Any]] = []
        self.release = threading.Event()  # ends hung requests
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The endpoint's base URL (…/v1)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def script(self, *steps: str) -> None:
        """Replace the queue of replies: reply texts or failure modes (FAILURES)."""
        self.steps = deque(steps)
        self.requests.clear()

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _completion(content: str, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": len(content), "total_tokens": 10 + len(content)},
    }


def _chunk(delta: dict[str, Any], model: str, finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

        def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status: int, message: str, kind: str) -> None:
            body = {"error": {"message": message, "type": kind, "code": str(status)}}
            self._send(status, json.dumps(body).encode())

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._error(404, f"no route {self.path}", "not_found")
                return
            fake.requests.append(body)
            step = fake.steps.popleft() if fake.steps else None
            model = body.get("model", "fake")
            if step is None:
                self._error(500, "the test scripted no reply for this request", "server_error")
            elif step == "401":
                self._error(401, "Incorrect API key provided", "invalid_request_error")
            elif step == "echo-key":
                sent = self.headers.get("Authorization", "")
                key = sent.removeprefix("Bearer ")
                self._error(401, f"Incorrect API key provided: {key}. Header was Authorization: {sent}", "auth")
            elif step == "429":
                self._error(429, "Rate limit reached", "rate_limit_exceeded")
            elif step == "malformed" and body.get("stream"):
                self._send(200, b'data: {"id": "chatcmpl-fake", "choices": [\n\ndata: [DONE]\n\n', "text/event-stream")
            elif step == "malformed":
                self._send(200, b'{"id": "chatcmpl-fake", "choices": [{"message": ')
            elif step == "hang":
                fake.release.wait(60)
            elif body.get("stream"):
                self._stream(step, model)
            else:
                self._send(200, json.dumps(_completion(step, model), ensure_ascii=False).encode())

        def _stream(self, content: str, model: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            events = [_chunk({"role": "assistant", "content": ""}, model)]
            events += [_chunk({"content": content[i : i + 3]}, model) for i in range(0, len(content), 3)]
            events.append(_chunk({}, model, "stop"))
            for event in events:
                self.wfile.write(f"data: {json.dumps(event, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

    return Handler

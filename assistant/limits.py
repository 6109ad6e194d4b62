"""Bounds on what anonymous clients can make the server hold: request bodies, uploads, votes per client.

`RequestLimits` is plain ASGI middleware in front of everything `serve` serves (the JSON API and the
Gradio app): a body over the cap is refused with 413 from its Content-Length before any of it is
read, or as soon as a chunked body passes the cap; Gradio's upload routes answer 403 (the app takes
no files). `RateLimiter` counts events per key in a sliding window (votes per client address).
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_REFUSED = "本应用不接受文件上传。"
# Gradio's routes that accept files; the app has no file components, so none of them is needed.
UPLOAD_SUFFIXES = ("/gradio_api/upload", "/gradio_api/process_recording")


def body_too_large(max_bytes: int) -> str:
    """The Chinese message of a 413."""
    return f"请求内容过大（上限 {max_bytes // 1024} KB），请缩短问题或对话历史后重试。"


async def send_json(send: Send, status: int, payload: dict, headers: list[tuple[bytes, bytes]] = ()) -> None:
    """Send a whole JSON response (UTF-8, Chinese unescaped) and close it."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestLimits:
    """Refuse request bodies over max_bytes (413) and Gradio's upload routes (403), before reading them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "").rstrip("/")
        if path.endswith(UPLOAD_SUFFIXES):
            await send_json(send, 403, {"error": UPLOAD_REFUSED})
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await send_json(send, 400, {"error": "请求头 Content-Length 不正确。"})
                return
            if declared > self.max_bytes:
                await send_json(send, 413, {"error": body_too_large(self.max_bytes)})
                return
        received = 0
        started = refused = False

        async def counted_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    refused = True
                    if not started:
                        await send_json(send, 413, {"error": body_too_large(self.max_bytes)})
                    return {"type": "http.disconnect"}  # the app stops reading; its reply is dropped
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not refused:
                raise


class RateLimiter:
    """At most `limit` events per key within `window` seconds (sliding); remembers at most max_keys keys."""

    def __init__(self, limit: int, window: float = 60.0, max_keys: int = 10_000) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        """Count one event for key; False (and not counted) when key has used up its window."""
        now = time.monotonic() if now is None else now
        with self._lock:
            events = self._events.pop(key, None) or deque()
            while events and now - events[0] >= self.window:
                events.popleft()
            allowed = len(events) < self.limit
            if allowed:
                events.append(now)
            self._events[key] = events  # most recently seen last
            while len(self._events) > self.max_keys:
                self._events.popitem(last=False)
            return allowed

"""What `serve` does before it can answer: build the index when there is none, then open it.

`serve` binds its port at once and runs `prepare` in a background thread; until it is done the
`StartingGate` middleware shows a Chinese progress page (503, refreshing itself) on every page and
the JSON API answers 503 with the same message. When the index is open, the web app is mounted and
the next refresh shows it: no restart, no refused connection.
"""

from __future__ import annotations

import html
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from assistant.limits import ASGIApp, Receive, Scope, Send, send_json
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.live import LiveAssistant

log = logging.getLogger(__name__)
REFRESH_SECONDS = 2


class Startup:
    """Progress of a serve start-up, shared by the build thread, the progress page and the API."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.phase = "正在启动"
        self.done = 0
        self.total = 0
        self.error = ""
        self.started = time.monotonic()
        self.assistant: LiveAssistant | None = None
        self.ready = False  # the web app is mounted and answering

    def set_phase(self, phase: str, done: int = 0, total: int = 0) -> None:
        """Record what the build is doing now."""
        with self._lock:
            self.phase, self.done, self.total = phase, done, total

    def advance(self, count: int, total: int) -> None:
        """Embedding progress (ingest's progress callback)."""
        with self._lock:
            self.total = total
            self.done = min(total, self.done + count)

    def fail(self, error: str) -> None:
        """The build failed: every page says so from now on."""
        with self._lock:
            self.error = error

    def message(self) -> str:
        """One Chinese sentence for the API's 503 and the page's heading."""
        with self._lock:
            if self.error:
                return f"索引构建失败：{self.error}请联系管理员。"
            progress = f"（{self.phase}，{self.done}/{self.total}）" if self.total else f"（{self.phase}）"
            return f"索引正在构建…{progress}请稍后再试。"

    def status(self) -> dict[str, Any]:
        """The start-up state as JSON (GET /api/status)."""
        with self._lock:
            return {
                "ready": self.ready,
                "phase": "就绪" if self.ready else self.phase,
                "done": self.done,
                "total": self.total,
                "error": self.error,
                "seconds": round(time.monotonic() - self.started, 1),
            }


def prepare(settings: Settings, startup: Startup, on_ready: Callable[[LiveAssistant], None]) -> None:
    """Build the index if there is none, open it, hand it to on_ready; failures go to startup.fail."""
    from assistant.live import LiveAssistant
    from index.ingest import ingest
    from index.store import Generations

    try:
        if Generations(settings.index_dir).current() is None:
            log.warning("no index in %s: building it from %s …", settings.index_dir, settings.guides_dir)
            startup.set_phase("正在读取指南并计算向量")
            report = ingest(
                settings.data_dir,
                settings.guides_dir,
                settings.embedding,
                settings.chroma_url,
                None,
                startup.advance,
                embed_threads=settings.embed_threads,
            )
            for failed in report.failed:
                log.error("could not read %s: %s", failed.source, failed.error)
            log.warning("index built in %.0f s (%d files read)", report.seconds, len(report.files) - len(report.failed))
            if Generations(settings.index_dir).current() is None:
                startup.fail("没有一份指南能够读取。")
                log.error("no guide in %s could be read; nothing to serve", settings.guides_dir)
                return
        startup.set_phase("正在加载索引")
        assistant = LiveAssistant(settings)
        startup.set_phase("正在启动网页")
        on_ready(assistant)
    except Exception as exc:
        log.exception("serve could not start")
        startup.fail(f"{type(exc).__name__}。")


def progress_page(startup: Startup) -> str:
    """The page shown while the index is built: Chinese, self-refreshing, nothing from other hosts."""
    status = startup.status()
    message = html.escape(startup.message())
    bar = ""
    if status["total"] and not status["error"]:
        percent = round(100 * status["done"] / status["total"])
        bar = f'<progress max="100" value="{percent}">{percent}%</progress> <span>{percent}%</span>'
    refresh = "" if status["error"] else f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">'
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">{refresh}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>申报指南问答助手 · 正在启动</title>
<style>body{{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:40em;
margin:4em auto;padding:0 1em;color:#1f2937;line-height:1.6}}progress{{width:70%;height:1em}}</style>
</head><body>
<h1>申报指南问答助手</h1>
<p id="startup-message" role="status">{message}</p>
<p>{bar}</p>
<p>首次启动需要为指南建立索引，约需一分钟；本页每 {REFRESH_SECONDS} 秒自动刷新，完成后即显示问答页面。</p>
<p>已用时 {status["seconds"]:.0f} 秒。</p>
</body></html>"""


class StartingGate:
    """Until startup.ready: the progress page (503) for pages, 503 JSON for other paths; /api/ passes."""

    def __init__(self, app: ASGIApp, startup: Startup) -> None:
        self.app = app
        self.startup = startup

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.startup.ready or scope["type"] not in ("http", "websocket") or scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1013})
            return
        retry = [(b"retry-after", str(REFRESH_SECONDS).encode())]
        accept = dict(scope.get("headers") or []).get(b"accept", b"")
        if scope["method"] in ("GET", "HEAD") and (b"text/html" in accept or scope["path"] in ("", "/")):
            body = progress_page(self.startup).encode("utf-8")
            await send(
                {
                    "type": "http.response.start",
                    "status": 503,
                    "headers": [
                        (b"content-type", b"text/html; charset=utf-8"),
                        (b"content-length", str(len(body)).encode()),
                        (b"cache-control", b"no-store"),
                        *retry,
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body if scope["method"] == "GET" else b""})
            return
        await send_json(send, 503, {"error": self.startup.message()}, retry)

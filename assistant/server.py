"""`guide-assistant serve`: one uvicorn process serving the JSON API (/api/*) and the Gradio app (/).

The port is bound at once. The index is built (when there is none) and opened in a background
thread while a progress page is shown; then the Gradio app is mounted on the same FastAPI app and
started in the running event loop, and the next refresh of the page shows it.

Gradio is mounted with what an anonymous public app must not keep: no run history (so no request
header can make it contact a model hub), no monitoring, its per-event analytics table cut to one
entry and never summarised with pandas, and at most `max_sessions` sessions in memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import sys
import threading
from typing import Any

from fastapi import FastAPI

from assistant.api import create_api
from assistant.limits import RequestLimits
from assistant.settings import Settings
from assistant.startup import StartingGate, Startup, prepare

log = logging.getLogger(__name__)
NEVER = 10**12  # Gradio recomputes its analytics summary every this many events: never
SWITCH_INTERVAL = 0.0005  # seconds a thread may hold the GIL while another waits (Python's default: 0.005)


def create_app(settings: Settings, startup: Startup) -> FastAPI:
    """The FastAPI app with the API, the request limits and the start-up gate (Gradio comes later)."""
    app = create_api(settings, startup)
    app.add_middleware(StartingGate, startup=startup)
    app.add_middleware(RequestLimits, max_bytes=settings.max_request_kb * 1024)  # outermost
    return app


def quiet_queue(blocks: Any) -> None:
    """Keep Gradio's queue from growing per event: one analytics entry, never a pandas summary."""
    queue = blocks._queue
    queue.ANALYTICS_MAX_EVENTS = 1
    queue.ANAYLTICS_CACHE_FREQUENCY = NEVER  # (sic) Gradio's own spelling


def mount_web(app: FastAPI, blocks: Any, settings: Settings) -> Any:
    """Mount the Gradio Blocks at / on app; return Gradio's own ASGI app (its start-up is still to run)."""
    import gradio as gr

    from assistant.web_page import launch_options

    blocks.queue(default_concurrency_limit=settings.concurrency_limit)
    quiet_queue(blocks)
    blocks.state_session_capacity = settings.max_sessions
    gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        server_name=settings.host,
        server_port=settings.port,
        footer_links=["api", "gradio", "settings"],
        run_history=False,
        show_error=False,
        max_file_size=1,  # no component takes files; RequestLimits refuses the upload routes anyway
        ssr_mode=False,
        enable_monitoring=False,
        mcp_server=False,
        **launch_options(),  # theme (AA contrast), CSS, the page script and Chinese UI strings
    )
    return app.routes[-1].app


async def run_gradio(gradio_app: Any, started: asyncio.Event, stop: asyncio.Event) -> None:
    """Gradio's lifespan and start-up events (its queue), held open until stop is set."""
    blocks = gradio_app.get_blocks()
    async with gradio_app.router.lifespan_context(gradio_app):
        blocks.run_startup_events()
        await blocks.run_extra_startup_events()
        started.set()
        await stop.wait()


class Service:
    """The uvicorn server and the start-up that mounts the web app when the index is open."""

    def __init__(self, settings: Settings, feedback_path: Any = None) -> None:
        import uvicorn

        self.settings = settings
        self.feedback_path = feedback_path
        self.startup = Startup()
        self.app = create_app(settings, self.startup)
        self.loop: asyncio.AbstractEventLoop | None = None
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self.server = uvicorn.Server(
            uvicorn.Config(
                self.app,
                host=settings.host,
                port=settings.port,
                loop="auto",  # uvloop when installed
                http="auto",  # httptools when installed
                log_level="warning",
                access_log=False,
                timeout_keep_alive=30,
                backlog=2048,
                lifespan="on",
            )
        )

    def on_ready(self, assistant: Any) -> None:
        """In the build thread: build the web app, mount it, start it in the event loop, open the gates."""
        from assistant.web import build_app

        blocks = build_app(assistant, self.settings, feedback_path=self.feedback_path)
        gradio_app = mount_web(self.app, blocks, self.settings)
        assert self.loop is not None  # set by serve() before this thread starts
        asyncio.run_coroutine_threadsafe(self._start_gradio(gradio_app), self.loop).result()
        # Everything loaded so far lives as long as the process: keep the garbage collector's full
        # passes from walking it (about 250,000 objects, a pass of 0.2-0.6 s on this machine: the
        # slowest answers under load). Start-up garbage is collected first, or it would stay forever.
        gc.collect()
        gc.freeze()
        self.startup.assistant = assistant
        self.startup.ready = True
        log.warning("serving on http://%s:%s (API docs at /api/docs)", self.settings.host, self.settings.port)

    async def _start_gradio(self, gradio_app: Any) -> None:
        started = asyncio.Event()
        task = asyncio.create_task(run_gradio(gradio_app, started, self._stop))
        self._tasks.append(task)
        waiter = asyncio.create_task(started.wait())
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if not started.is_set():
            waiter.cancel()
            task.result()  # raises what went wrong

    async def serve(self) -> None:
        """Run until the server is asked to exit; the build runs beside it."""
        self.loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        threading.Thread(
            target=prepare, args=(self.settings, self.startup, self.on_ready), daemon=True, name="serve-start-up"
        ).start()
        try:
            await self.server.serve()
        finally:
            self._stop.set()
            for task in self._tasks:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(task, timeout=5)
            self.app.state.answering.pool.shutdown(wait=False, cancel_futures=True)


def serve(settings: Settings) -> None:
    """Serve the API and the web app on settings.host:settings.port until interrupted.

    Raises GuidesFolderError before binding when there is no index and nothing to build it from, and
    IndexDamagedError when the active index cannot be read back whole.
    """
    from index.ingest import _check_guides_dir
    from index.store import Generations

    gens = Generations(settings.index_dir)
    if gens.current() is None and not gens.pointer_problem():
        _check_guides_dir(settings.guides_dir)
    else:
        # A damaged index is said before the port is bound, with what to run (a rebuild is the operator's call).
        from index.errors import IndexDamagedError
        from index.repair import read_active

        if problems := read_active(settings.index_dir).problems:
            raise IndexDamagedError(f"the index in {settings.index_dir} is damaged: " + "; ".join(problems))
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    # The event loop and the answering threads hand the GIL back and forth twice per request; at
    # Python's default 5 ms a busy loop makes each hand-off wait (measured: 536 → 720 answers/s at 50 users).
    sys.setswitchinterval(SWITCH_INTERVAL)
    service = Service(settings)
    try:
        import uvloop
    except ImportError:
        asyncio.run(service.serve())
    else:
        uvloop.run(service.serve())

"""An Assistant that follows the active index generation, for long-running serve processes.

An ingest (run anywhere that writes the same DATA_DIR) switches DATA_DIR/index/CURRENT. A serve
process notices within `check_every` seconds, opens the new generation in a background thread and
swaps it in once it is loaded; requests meanwhile, and if the new generation cannot be opened, are
answered from the generation already open. Ingest keeps the previous generation until the next one,
so a process is never left on a deleted collection while it switches.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from assistant.assistant import Assistant
from assistant.settings import Settings
from index.store import Generations

log = logging.getLogger(__name__)
RETRY_AFTER = 30.0  # seconds before a generation that failed to open is tried again


class LiveAssistant:
    """Proxies an Assistant (same attributes) and reopens it when the active generation changes."""

    def __init__(self, settings: Settings, check_every: float = 1.0) -> None:
        self.settings = settings
        self.check_every = check_every
        self._assistant = Assistant.from_settings(settings)
        self._generations = Generations(settings.index_dir)
        self._lock = threading.Lock()
        self._checked = time.monotonic()
        self._loading: threading.Thread | None = None
        self._failed: tuple[str, float] = ("", 0.0)  # a generation that could not be opened, and when

    @property
    def current(self) -> Assistant:
        """The Assistant to answer with now (starting a switch when a newer generation is active)."""
        self._maybe_switch()
        return self._assistant

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current, name)

    def wait(self, timeout: float | None = None) -> None:
        """Block until a switch under way has finished (tests, scripts)."""
        loading = self._loading
        if loading is not None:
            loading.join(timeout)

    def _maybe_switch(self) -> None:
        now = time.monotonic()
        if now - self._checked < self.check_every:
            return
        with self._lock:
            if now - self._checked < self.check_every or self._loading is not None:
                return
            self._checked = now
            generation = self._generations.current()
            if not generation or generation == self._assistant.snapshot.generation:
                return
            if generation == self._failed[0] and now - self._failed[1] < RETRY_AFTER:
                return
            self._loading = threading.Thread(target=self._switch, args=(generation,), daemon=True)
            self._loading.start()

    def _switch(self, generation: str) -> None:
        started = time.perf_counter()
        try:
            fresh = Assistant.from_settings(self.settings)
        except Exception:
            log.exception(
                "index generation %s could not be opened; still answering from %s",
                generation,
                self._assistant.snapshot.generation,
            )
            self._failed = (generation, time.monotonic())
        else:
            old = self._assistant.snapshot.generation
            self._assistant = fresh
            log.info(
                "switched from index %s to %s in %.1f s", old, fresh.snapshot.generation, time.perf_counter() - started
            )
        finally:
            self._loading = None

"""Processes serving on 127.0.0.1 (serve, chroma run): a free port, waiting until one answers, stopping it, /ask."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request


class NotServingError(RuntimeError):
    """A started server exited, or did not answer in time."""


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(url: str, body: dict | None = None, timeout: float = 60.0) -> str:
    """GET url (POST body as JSON when given); the response text."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # loopback only
        return response.read().decode("utf-8")


def wait_until_serving(url: str, proc: subprocess.Popen, timeout: float) -> float:
    """Seconds until url answers; NotServingError when proc exits first or timeout passes."""
    started = time.monotonic()
    while True:
        if proc.poll() is not None:
            raise NotServingError(f"exited with {proc.returncode} before {url} answered")
        try:
            http(url, timeout=5)
            return time.monotonic() - started
        except OSError:
            if time.monotonic() - started > timeout:
                raise NotServingError(f"{url} did not answer within {timeout:.0f} s") from None
            time.sleep(0.3)


def stop(proc: subprocess.Popen, timeout: float = 20.0) -> None:
    """Terminate a process, kill it if it has not exited within timeout."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def ask_api(base: str, question: str, history: list | None = None, guide_id: str | None = None) -> dict:
    """One answer through the web app's /ask endpoint (Gradio's two-step call API)."""
    event = json.loads(http(f"{base}/gradio_api/call/ask", {"data": [question, history or [], guide_id]}))
    stream = http(f"{base}/gradio_api/call/ask/{event['event_id']}")
    lines = stream.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == "event: complete" and i + 1 < len(lines) and lines[i + 1].startswith("data:"):
            return json.loads(lines[i + 1][5:])[0]
    raise RuntimeError(f"no answer in the /ask stream: {stream[:200]}")

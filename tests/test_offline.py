"""Nothing leaves the machine: ingest, answer and the web app with every non-loopback connection refused.

The scenario runs in a fresh interpreter (run as a script) whose environment has none of the
variables that would hide telemetry (ANONYMIZED_TELEMETRY, GRADIO_ANALYTICS_ENABLED, HF_HUB_OFFLINE …),
so whatever the code does on its own is what gets recorded. socket.socket.connect / connect_ex,
socket.create_connection and socket.getaddrinfo are replaced by versions that refuse and record any
address outside loopback. (Connections opened by native code without Python's socket module, e.g.
inside Chroma's Rust core, are not seen; embedded Chroma opens none.)

This module imports nothing from tests.conftest, which sets ANONYMIZED_TELEMETRY at import.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "重庆人口健康专项项目十八给多少钱？"
HIDING_ENV = (
    "ANONYMIZED_TELEMETRY",
    "CHROMA_TELEMETRY",
    "GRADIO_ANALYTICS_ENABLED",
    "HF_HUB_OFFLINE",
    "HF_HUB_DISABLE_TELEMETRY",
    "TRANSFORMERS_OFFLINE",
    "DO_NOT_TRACK",
    "POSTHOG_DISABLED",
)
# Hosts a page must never load fonts, styles or scripts from (the browser would call them).
_EXTERNAL = re.compile(r"https?://(?!127\.0\.0\.1|localhost|\[::1\])([A-Za-z0-9.-]+)")
_FONT_HOSTS = re.compile(r"fonts\.googleapis\.com|fonts\.gstatic\.com|fonts\.bunny\.net|use\.typekit\.net")


def is_loopback(host: object) -> bool:
    """True for loopback names and addresses (127.0.0.0/8, ::1, localhost)."""
    if not isinstance(host, str):
        return False
    host = host.strip("[]").lower()
    return host in ("localhost", "::1", "::ffff:127.0.0.1") or host.startswith("127.")


def install_guard(attempts: list[str], patch=setattr) -> None:
    """Refuse and record every socket connection and name lookup outside loopback (patch: setattr-like)."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_create, real_getaddrinfo = socket.create_connection, socket.getaddrinfo

    def check(address, how: str) -> None:
        if not isinstance(address, tuple):  # AF_UNIX path: not the network
            return
        if not is_loopback(address[0]):
            attempts.append(f"{how} {address[0]}:{address[1] if len(address) > 1 else ''}")
            raise ConnectionRefusedError(f"offline test: {how} to {address[0]} refused")

    def connect(self, address):
        check(address, "connect")
        return real_connect(self, address)

    def connect_ex(self, address):
        check(address, "connect_ex")
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):
        check(address, "create_connection")
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in (None, "") and not is_loopback(name) and not re.fullmatch(r"[\d.]+|[0-9a-fA-F:]+", name):
            attempts.append(f"getaddrinfo {name}")
            raise socket.gaierror(socket.EAI_NONAME, f"offline test: lookup of {name} refused")
        return real_getaddrinfo(host, *args, **kwargs)

    patch(socket.socket, "connect", connect)
    patch(socket.socket, "connect_ex", connect_ex)
    patch(socket, "create_connection", create_connection)
    patch(socket, "getaddrinfo", getaddrinfo)


def external_references(text: str) -> list[str]:
    """External hosts a page or stylesheet loads from: <script src>, <link href>, @import and url()."""
    found = []
    for m in re.finditer(r"<script[^>]*\bsrc=[\"']([^\"']+)|<link[^>]*\bhref=[\"']([^\"']+)", text):
        url = m.group(1) or m.group(2)
        if _EXTERNAL.match(url):
            found.append(url)
    for m in re.finditer(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)|url\([\"']?([^\"')]+)", text):
        url = m.group(1) or m.group(2)
        if _EXTERNAL.match(url):
            found.append(url)
    found += [m.group(0) for m in _FONT_HOSTS.finditer(text)]
    return sorted(set(found))


def _scenario(data_dir: Path, guides_dir: Path) -> dict:
    """Run in a fresh interpreter: ingest, ask, build and serve the web app; return what happened."""
    attempts: list[str] = []
    install_guard(attempts)
    out: dict = {"attempts": attempts}
    from assistant.assistant import Assistant
    from assistant.settings import Settings
    from index.ingest import ingest

    report = ingest(data_dir, guides_dir, "e5-small")
    out["ingest_failed"] = [f.source for f in report.failed]
    settings = Settings(data_dir=data_dir, guides_dir=guides_dir)
    assistant = Assistant.from_settings(settings)
    out["answer"] = assistant.ask(QUESTION).answer
    try:
        from assistant import web
    except ModuleNotFoundError as exc:
        if exc.name != "assistant.web":
            raise
        out["web"] = "skipped: assistant/web.py does not exist"
        return out
    if not hasattr(web, "build_app"):
        out["web"] = "skipped: assistant.web has no build_app"
        return out
    web.build_app(assistant, settings)
    out["web"] = "built"
    from assistant import server

    out.update(_serve_and_fetch(server, settings))
    return out


def _serve_and_fetch(server, settings) -> dict:
    """Serve the app as `guide-assistant serve` does (in a thread), fetch / and its CSS from 127.0.0.1."""
    import threading
    import time
    import urllib.parse
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        settings.port = s.getsockname()[1]
    settings.host = "127.0.0.1"
    threading.Thread(target=server.serve, args=(settings,), daemon=True).start()
    base = f"http://127.0.0.1:{settings.port}/"

    def get(url: str) -> str:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")

    deadline = time.monotonic() + 300
    while True:
        try:
            html = get(base)
            break
        except OSError:
            if time.monotonic() > deadline:
                return {"web": "served page did not answer within 300 s"}
            time.sleep(0.5)
    # The page's own tags (not the JSON config Gradio inlines, which carries API doc examples).
    tags = "\n".join(re.findall(r"<(?:link|script|style)\b[^>]*>", html))
    styles = "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", html, re.S))
    external = {"/": external_references(tags + styles)}
    assets = [urllib.parse.urljoin(base, u) for u in re.findall(r"<link[^>]*\bhref=[\"']([^\"']+\.css[^\"']*)", html)]
    assets.append(urllib.parse.urljoin(base, "theme.css"))
    checked = []
    for url in assets:
        if not is_loopback(urllib.parse.urlparse(url).hostname):
            external[url] = [url]
            continue
        try:
            css = get(url)
        except OSError as exc:
            checked.append(f"{url}: {exc}")
            continue
        checked.append(f"{url} ({len(css)} bytes)")
        external[url] = external_references(css)
    return {
        "checked": checked,
        "external": {k: v for k, v in external.items() if v},
        "history_bucket_answer": _ask_with_history_bucket(base),
    }


def _ask_with_history_bucket(base: str) -> str:
    """Ask through Gradio's /ask with the run-history header (which, with history on, sends the run to the hub)."""
    import time
    import urllib.request

    headers = {"Content-Type": "application/json", "x-gradio-history-bucket": "someone/runs"}
    body = json.dumps({"data": [QUESTION, None, None]}).encode()
    call = urllib.request.Request(f"{base}gradio_api/call/ask", data=body, headers=headers)
    with urllib.request.urlopen(call, timeout=30) as response:
        event = json.loads(response.read())["event_id"]
    stream = urllib.request.Request(f"{base}gradio_api/call/ask/{event}", headers=headers)
    with urllib.request.urlopen(stream, timeout=30) as response:
        text = response.read().decode("utf-8")
    time.sleep(2)  # a run is recorded in the background after the answer
    return text


def test_guard_refuses_and_records_non_loopback_connections(monkeypatch):
    attempts: list[str] = []
    install_guard(attempts, monkeypatch.setattr)
    with socket.socket() as s, pytest.raises(ConnectionRefusedError):
        s.connect(("203.0.113.7", 443))  # TEST-NET-3: never routed
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("fonts.googleapis.com", 443)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
    assert attempts == ["connect 203.0.113.7:443", "getaddrinfo fonts.googleapis.com"]


def test_external_references_finds_font_and_script_hosts():
    page = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">'
        '<script src="./assets/index.js"></script><script src="https://cdn.example.com/x.js"></script>'
    )
    css = "@import url('https://fonts.googleapis.com/css'); a{background:url(/file=x.png)}"
    assert "https://cdn.example.com/x.js" in external_references(page)
    assert "fonts.googleapis.com" in external_references(page)
    assert external_references("a{font-family:system-ui} b{background:url(./x.png)}") == []
    assert external_references(css)


def test_ingest_answer_and_web_app_make_no_connection_outside_loopback(fresh_data_dir, tmp_path):
    from tests.conftest import GUIDES

    env = {k: v for k, v in os.environ.items() if k not in HIDING_ENV}
    env["PYTHONPATH"] = str(ROOT)
    env["HF_TOKEN"] = "hf_offline_test_not_a_real_token"  # a host token that run history would send to the hub
    result = subprocess.run(
        [sys.executable, "-m", "tests.test_offline", str(fresh_data_dir), str(GUIDES)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    print(json.dumps(out, ensure_ascii=False, indent=1))  # shown with -s: what was checked
    assert out["attempts"] == [], out["attempts"]
    assert out["ingest_failed"] == []
    assert "200万元" in out["answer"]
    if out["web"].startswith("skipped"):
        pytest.skip(out["web"])
    assert out["web"] == "built", out["web"]
    assert out["checked"] and all("bytes" in c for c in out["checked"]), out["checked"]
    assert out["external"] == {}, out["external"]
    assert "event: complete" in out["history_bucket_answer"] and "[874, 876]" in out["history_bucket_answer"]


if __name__ == "__main__":
    result = _scenario(Path(sys.argv[1]), Path(sys.argv[2]))
    sys.stdout.write("\n" + json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    os._exit(0)  # the web server thread is a daemon: leave without waiting for it

"""The web app served in-process on a free port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.local import free_port
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@dataclass
class Served:
    """A running app: its URL and where its votes go."""

    url: str
    feedback: Path


@pytest.fixture(scope="session")
def served(built_index, tmp_path_factory) -> Iterator[Served]:
    """The app on the session's index; feedback goes to a temp file, not into the shared index folder."""
    from assistant.assistant import Assistant
    from assistant.settings import Settings
    from assistant.web import build_app, launch_options

    settings = Settings(data_dir=built_index)
    feedback = tmp_path_factory.mktemp("feedback") / "feedback.jsonl"
    app = build_app(Assistant.from_settings(settings), settings, feedback_path=feedback)
    app.queue(default_concurrency_limit=settings.concurrency_limit)
    port = free_port()
    app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, **launch_options())
    yield Served(f"http://127.0.0.1:{port}/", feedback)
    app.close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium (never a downloaded browser build)."""
    if not CHROMIUM.exists():
        message = "chromium is not installed: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, served):
    """A fresh page on the app; fails the test if the page asked anything of another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(20_000)
    tab = context.new_page()
    outside: list[str] = []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith((served.url, "data:", "blob:")) else None)
    tab.goto(served.url)
    tab.wait_for_selector("#question textarea")
    yield tab
    context.close()
    assert not outside, f"the page requested outside resources: {outside[:5]}"


def shot(page, name: str) -> Path:
    """Save a full-page screenshot into test-artifacts/ at the repo root."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

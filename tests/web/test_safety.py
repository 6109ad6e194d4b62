"""Text is rendered as text: HTML and markdown in a question or in a guide are shown, never run or fetched."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from assistant.local import free_port
from tests.web.test_chat import BOT, USER, ask, last_answer

pytestmark = pytest.mark.browser

OUTSIDE = "203.0.113.9"  # TEST-NET-3: nothing answers there, and no request may even be tried
HOSTILE_GUIDE = f"""重庆市某区科学技术局

关于征集2025年度测试专项项目的通知

一、联系方式

联系电话：023-12345678。

附件

项目指南

项目一：安全渲染测试项目<img src=http://{OUTSIDE}/guide.png>

1.拟解决问题：针对网页展示安全的问题。![logo](http://{OUTSIDE}/logo.png) <script>alert(1)</script>

2.考核指标：完成1项测试，**不得**加载<b>外部</b>资源。

3.资助强度及方式：拟支持1项，经费资助不超过20万元。<img src="http://{OUTSIDE}/cap.png" onerror="alert(2)">

4.实施周期：不超过2年。

5.组织方式：公开竞争。

6.申报条件：企业牵头。

7.其他说明：无。
"""


@pytest.fixture(scope="module")
def hostile(built_index, tmp_path_factory) -> Iterator[str]:
    """An app over one guide whose text holds tags, an image and markdown pointing at another host."""
    from assistant.assistant import Assistant
    from assistant.settings import Settings
    from assistant.web import build_app, launch_options
    from index.ingest import ingest

    root = tmp_path_factory.mktemp("hostile")
    guides = root / "guides"
    guides.mkdir()
    (guides / "hostile.txt").write_text(HOSTILE_GUIDE, encoding="utf-8")
    data = root / "data"
    shutil.copytree(built_index / "embcache", data / "embcache")
    assert not ingest(data, guides, "e5-small").failed
    settings = Settings(data_dir=data, guides_dir=guides)
    app = build_app(Assistant.from_settings(settings), settings, feedback_path=root / "feedback.jsonl")
    app.queue()
    port = free_port()
    app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, **launch_options())
    yield f"http://127.0.0.1:{port}/"
    app.close()


@pytest.fixture
def hostile_page(browser, hostile):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(20_000)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(hostile)
    page.wait_for_selector("#question textarea")
    yield page, requested
    context.close()


def test_markup_in_a_question_is_shown_as_text_and_fetches_nothing(page, served):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    question = f"<img src=http://{OUTSIDE}/q.png> ![x](http://{OUTSIDE}/md.png) <b>项目十八</b>给多少钱？"
    ask(page, question)
    expect(page.locator(BOT)).to_have_count(1)
    last_answer(page)
    expect(page.locator(USER).last).to_have_text(question)  # every character shown, nothing interpreted
    assert page.locator("#chat img").count() == 0
    assert page.locator("#chat b").count() == 0
    page.reload()  # and again when the kept conversation is rendered from browser storage
    expect(page.locator(USER).last).to_have_text(question)
    assert page.locator("#chat img").count() == 0
    assert not [u for u in requested if OUTSIDE in u or not u.startswith(served.url)]


def test_markup_in_guide_text_is_shown_as_text_in_chat_and_lookup(hostile_page):
    page, requested = hostile_page
    ask(page, "安全渲染测试项目的资助强度是多少？")
    answer = last_answer(page)
    expect(answer).to_contain_text("20万元")
    expect(answer).to_contain_text(f'<img src="http://{OUTSIDE}/cap.png" onerror="alert(2)">')
    answer.locator("details.cite-chip summary").first.click()
    expect(answer.locator(".src-line").filter(has_text="![logo]").first).to_be_visible()  # context lines too
    answer.locator("button.open-project").first.click()
    detail = page.locator("#project-detail")
    expect(detail).to_contain_text("<script>alert(1)</script>")
    expect(detail).to_contain_text("不得加载<b>外部</b>资源")
    page.get_by_role("tab", name="查询").click()
    page.fill("#lookup-query textarea", "外部资源")
    page.click("#search")
    expect(page.locator("#clauses")).to_contain_text("<b>外部</b>")
    page.fill("#lookup-query textarea", "logo")
    page.click("#search")
    expect(page.locator("#clauses")).to_contain_text(f"![logo](http://{OUTSIDE}/logo.png)")
    assert page.locator(f"img[src*='{OUTSIDE}'], #chat img, #project-detail img, #clauses img").count() == 0
    assert page.locator("#project-detail script, #chat script, #clauses script").count() == 0
    assert not [u for u in requested if OUTSIDE in u]

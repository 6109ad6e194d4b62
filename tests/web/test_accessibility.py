"""WCAG AA contrast measured from computed styles, what screen readers hear, Chinese labels, the 390 px layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.conftest import shot
from tests.web.test_chat import BOT, ask, last_answer

pytestmark = pytest.mark.browser

CONTRAST = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")
ENGLISH = re.compile(
    r"\b(Copy|Copied|Like|Dislike|Info|Warning|Error|Clear|Submit|Loading|message|Chatbot|chatbot|Built with)\b"
)


def text_lines(element) -> int:
    """How many lines the element's text is laid out on."""
    return element.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " return new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size }"
    )


def low_contrast(page) -> list[str]:
    """Visible text below 4.5:1 (3:1 when large) against the background it stands on."""
    return page.evaluate(CONTRAST)


def test_text_meets_wcag_aa_contrast_on_every_tab(page):
    ask(page, "重庆人口健康专项项目十八给多少钱？")
    last_answer(page).locator("details.cite-chip summary").first.click()
    expect(last_answer(page).locator(".src-line.hit").first).to_be_visible()
    assert low_contrast(page) == []
    page.get_by_role("tab", name="查询").click()
    page.fill("#lookup-query textarea", "定向委托")
    page.click("#search")
    expect(page.locator("#lookup-status")).to_contain_text("“定向委托”的匹配条款")
    expect(page.locator("#clauses mark >> visible=true").first).to_be_visible()
    page.wait_for_timeout(500)
    assert low_contrast(page) == []
    page.get_by_role("tab", name="指南").click()
    expect(page.locator("#catalog")).to_be_visible()
    assert low_contrast(page) == []


def english_labels(page) -> list[str]:
    """aria-label, title, placeholder and alt texts on the page that hold an English word."""
    found = page.evaluate(
        """() => [...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')]
              .flatMap(e => ['aria-label', 'title', 'placeholder', 'alt'].map(a => e.getAttribute(a)).filter(Boolean))"""
    )
    return [label for label in found if ENGLISH.search(label) or label in ("Textbox", "Dataframe", "Table actions")]


def test_screen_readers_hear_text_not_html_and_every_label_is_chinese(page):
    ask(page, '项目十八的"资助"<b>是多少</b>？')
    answer = last_answer(page)
    expect(answer).to_contain_text("200万元")
    labels = page.eval_on_selector_all("[aria-label]", "els => els.map(e => e.getAttribute('aria-label'))")
    chat_labels = [label for label in labels if label.startswith(("您的问题", "助手的回答"))]
    assert len(chat_labels) == 2
    assert chat_labels[0] == '您的问题：项目十八的"资助"<b>是多少</b>？'  # the question as typed, read as text
    assert chat_labels[1].startswith("助手的回答：根据《重庆市2024年度人口健康专项申报指南")
    for label in labels:
        assert "class=" not in label and "<div" not in label and "<details" not in label, label
        assert not ENGLISH.search(label), label
    assert "对话记录" in labels and "赞" in labels and "踩" in labels
    visible = page.evaluate("document.body.textContent")  # screen-reader-only text included
    assert not re.search(r"Textbox|Dataframe", visible)
    assert not ENGLISH.search(page.locator("body").inner_text())
    assert english_labels(page) == []
    for tab in ("查询", "指南"):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(800)
        assert english_labels(page) == [], tab
        assert not re.search(r"Textbox|Dataframe", page.evaluate("document.body.textContent")), tab


def test_mobile_chat_scrolls_with_the_page_and_input_stays_visible(browser, served):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(served.url)
    page.wait_for_selector("#question textarea")
    for turn, question in enumerate(("重庆人口健康专项项目十八给多少钱？", "那它的实施周期呢？", "那组织方式呢？"), 1):
        ask(page, question)
        expect(page.locator(BOT)).to_have_count(turn)
        last_answer(page)
    expect(last_answer(page)).to_contain_text("公开竞争")
    inner = page.evaluate(
        """() => [...document.querySelectorAll('#chat, #chat *')]
              .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight + 2)
              .map(e => e.className.toString())"""
    )
    assert inner == []  # no box scrolling inside the page
    for y in (0, 600, 10_000):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(200)
        box = page.locator("#question textarea").bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, (y, box)
        send = page.locator("#send").bounding_box()
        assert send and send["y"] + send["height"] <= 844
    assert text_lines(page.locator("#send")) == 1  # 发送 on one line, not one character per line
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "chat_mobile")

    page.get_by_role("tab", name="查询").click()
    page.fill("#lookup-query textarea", "实施周期")
    page.click("#search")
    expect(page.locator("#lookup-status")).to_contain_text("“实施周期”的匹配条款")
    cell = page.locator('#clauses [role=gridcell][data-col="4"]').first  # 行号
    expect(cell).to_have_text(re.compile(r"^\s*第\d+(–\d+)?行\s*$"))
    assert text_lines(cell.locator("span.text")) == 1  # on one line, not one character per line
    shot(page, "lookup_mobile")
    context.close()

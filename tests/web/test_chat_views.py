"""Plain-text copy, the conversation kept across reloads, and the source view behind a citation chip."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.conftest import shot
from tests.web.test_chat import BOT, ask, last_answer

pytestmark = pytest.mark.browser

QUESTION = "重庆人口健康专项项目十八给多少钱？"
GUIDE = "重庆市2024年度人口健康专项申报指南（征求意见稿）"


def test_copy_gives_plain_text_with_lead_quote_and_source(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    ask(page, QUESTION)
    answer = last_answer(page)
    copy = answer.locator("button.copy-plain")
    expect(copy).to_have_text("复制回答")
    copy.click()
    expect(copy).to_have_text("已复制")
    text = page.evaluate("navigator.clipboard.readText()")
    lines = text.splitlines()
    assert lines[0].startswith(f"根据《{GUIDE}》") and "200万元" in lines[0]  # the lead
    assert "拟支持1项,市级财政经费资助不超过200万元,承担单位出资不低于600万元。" in lines  # the quote, no "> "
    source = next(line for line in lines if line.startswith("出处："))
    assert source.startswith(f"出处：《{GUIDE}》 · 项目十八 三峡库区特色药材品种选育")
    assert source.endswith(" · 资助强度及方式 · 第874–876行")
    for markup in ("<", ">", "**", "cite-chip", "&lt;"):
        assert markup not in text


def test_reload_keeps_the_conversation_and_its_context(page):
    ask(page, QUESTION)
    expect(last_answer(page)).to_contain_text("200万元")
    page.reload()
    page.wait_for_selector("#question textarea")
    expect(page.locator(BOT)).to_have_count(1)
    expect(page.locator("#chat [data-testid='user']").first).to_have_text(QUESTION)
    expect(last_answer(page).locator("details.cite-chip summary").first).to_contain_text("项目十八 · 资助强度及方式")
    ask(page, "那它的实施周期呢？")  # the follow-up still knows which project
    expect(page.locator(BOT)).to_have_count(2)
    expect(last_answer(page)).to_contain_text("3年")
    page.click("#clear-chat")
    expect(page.locator(BOT)).to_have_count(0)
    page.reload()
    page.wait_for_selector("#question textarea")
    page.wait_for_timeout(1500)
    expect(page.locator(BOT)).to_have_count(0)  # cleared stays cleared


def test_citation_chip_shows_clause_in_context_and_opens_the_project(page):
    ask(page, QUESTION)
    chip = last_answer(page).locator("details.cite-chip").first
    chip.locator("summary").click()
    meta = chip.locator(".cite-meta")
    expect(meta).to_contain_text(f"《{GUIDE}》")
    expect(meta).to_contain_text("项目十八 三峡库区特色药材品种选育")
    expect(chip).not_to_contain_text("001_9e157767554fb065.txt")  # the readable title, not the file name
    cited = chip.locator(".src-line.hit")
    expect(cited).to_have_count(2)
    expect(cited.first).to_contain_text("874")
    expect(cited.first).to_contain_text("市级财政经费资助不")
    expect(cited.last).to_contain_text("超过200万元")
    numbers = [int(n) for n in chip.locator(".src-line .ln").all_inner_texts()]
    assert numbers == [868, 870, 872, 874, 876, 878, 880, 882]  # three lines each side (PDF blank lines skipped)
    context = chip.locator(".src-line:not(.hit)")
    expect(context.nth(1)).to_contain_text("初加工")
    expect(context.last).to_contain_text("申报条件")
    shot(page, "chat_source_view")
    chip.locator("button.open-project").click()
    expect(page.get_by_role("tab", name="查询")).to_have_attribute("aria-selected", "true")
    detail = page.locator("#project-detail")
    expect(detail).to_contain_text("项目十八　三峡库区特色药材品种选育")
    expect(detail).to_contain_text("共 7 条")
    expect(detail.locator("strong", has_text="实施周期")).to_have_count(1)

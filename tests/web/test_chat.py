"""The 咨询 tab: streamed answers with citation chips, follow-ups, votes, bad input, examples."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from tests.web.conftest import shot

pytestmark = pytest.mark.browser

BOT = "#chat [data-testid='bot']"
USER = "#chat [data-testid='user']"


def ask(page, question: str) -> None:
    """Type a question and send it with Enter."""
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")


def last_answer(page):
    """The newest answer bubble once its citation chips are in (the stream is over)."""
    bubble = page.locator(BOT).last
    expect(bubble.locator("details.cite-chip").first).to_be_visible()
    return bubble


def test_funding_answer_cites_project_clause_and_follow_up_keeps_context(page):
    ask(page, "重庆人口健康专项项目十八给多少钱？")
    answer = last_answer(page)
    expect(answer).to_contain_text("200万元")
    chip = answer.locator("details.cite-chip").first
    expect(chip.locator("summary")).to_contain_text("项目十八 · 资助强度及方式")
    chip.locator("summary").click()
    expect(chip).to_contain_text("第874–876行")
    shot(page, "chat_funding")

    ask(page, "那它的实施周期呢？")
    expect(page.locator(BOT)).to_have_count(2)
    follow = last_answer(page)
    expect(follow).to_contain_text("3年")
    expect(follow.locator("details.cite-chip summary").first).to_contain_text("项目十八 · 实施周期")
    shot(page, "chat_follow_up")

    page.click("#clear-chat")
    expect(page.locator(BOT)).to_have_count(0)


def test_thumbs_up_appends_a_feedback_line(page, served):
    before = served.feedback.read_text(encoding="utf-8").splitlines() if served.feedback.exists() else []
    ask(page, "重庆人口健康专项项目十八的实施周期是多久？")
    last_answer(page)
    page.locator("#chat button[aria-label='赞']").last.click()
    deadline = time.monotonic() + 10
    lines = before
    while time.monotonic() < deadline and len(lines) == len(before):
        time.sleep(0.2)
        lines = served.feedback.read_text(encoding="utf-8").splitlines() if served.feedback.exists() else []
    assert len(lines) == len(before) + 1
    vote = json.loads(lines[-1])
    assert set(vote) == {"time", "vote", "question", "answer", "citations"}
    assert vote["vote"] == "up"
    assert vote["question"] == "重庆人口健康专项项目十八的实施周期是多久？"
    assert "3年" in vote["answer"]
    assert vote["citations"][0]["project"] == "项目十八"
    expect(page.get_by_text("已记录您的反馈，谢谢！")).to_be_visible()
    expect(page.get_by_text("提示", exact=True)).to_be_visible()  # the toast's title, not "Info"
    shot(page, "chat_feedback")


def test_empty_message_is_ignored_and_long_message_gets_chinese_error(page):
    page.fill("#question textarea", "   ")
    page.press("#question textarea", "Enter")
    page.wait_for_timeout(1500)
    expect(page.locator(USER)).to_have_count(0)
    expect(page.locator(BOT)).to_have_count(0)

    ask(page, "项目" * 600)
    expect(page.locator(BOT)).to_have_count(1)
    expect(page.locator(BOT).last).to_contain_text("问题过长")
    expect(page.locator(BOT).last).not_to_contain_text("Traceback")
    shot(page, "chat_too_long")


def test_examples_follow_the_guide_selector(page):
    examples = page.locator("#examples")
    expect(examples).to_contain_text("柳州")  # 全部指南: each example names its guide
    page.locator("#chat-guide input").click()
    page.get_by_role("option", name="柳州市2022年度医疗卫生和生物医药科技创新项目申报指南（第二版）").click()
    expect(examples).not_to_contain_text("柳州")
    example = examples.get_by_text("每个单位限报几项？")
    expect(example).to_be_visible()
    example.click()
    answer = last_answer(page)
    expect(answer).to_contain_text("三级甲等医院推荐申报10项")
    expect(answer.locator("details.cite-chip summary").first).to_contain_text("通知 · 申报限额")
    shot(page, "chat_example")

"""The guide selector and the guide a question names: ask which one; 全部指南 keeps no hidden scope."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.conftest import shot
from tests.web.test_chat import BOT, ask, last_answer

pytestmark = pytest.mark.browser

JIANGSU = "江苏省2025年度省前沿技术研发计划（卫生健康领域）项目指南"
LIUZHOU = "柳州市2022年度医疗卫生和生物医药科技创新项目申报指南（第二版）"


def select_guide(page, title: str) -> None:
    page.locator("#chat-guide input").click()
    page.get_by_role("option", name=title, exact=True).click()
    expect(page.locator("#chat-guide input")).to_have_value(title)


def test_question_naming_another_guide_asks_which_and_a_choice_re_asks_it(page):
    select_guide(page, JIANGSU)
    ask(page, "柳州的项目每家三甲医院能报几项？")
    question = page.locator(BOT).last
    expect(question).to_contain_text("请问您要查询哪一份指南")
    choices = question.locator("button.choose-guide")
    expect(choices).to_have_count(2)
    expect(choices.nth(0)).to_have_text(f"《{JIANGSU}》")
    expect(choices.nth(1)).to_have_text(f"《{LIUZHOU}》")
    expect(question.locator("details.cite-chip")).to_have_count(0)  # not answered from either guide yet
    expect(question).not_to_contain_text("10项")
    shot(page, "chat_clarify")

    choices.nth(1).click()
    expect(page.locator("#chat-guide input")).to_have_value(LIUZHOU)  # the scope is visible, not hidden
    expect(page.locator(BOT)).to_have_count(2)
    answer = last_answer(page)
    expect(answer).to_contain_text("三级甲等医院推荐申报10项")
    expect(answer.locator("details.cite-chip summary").first).to_contain_text(f"《{LIUZHOU}》 · 通知 · 申报限额")
    expect(page.locator("#chat [data-testid='user']").last).to_have_text("柳州的项目每家三甲医院能报几项？")


def test_all_guides_after_a_selected_guide_keeps_no_hidden_scope(page):
    select_guide(page, JIANGSU)
    ask(page, "申报截止时间是什么时候？")
    expect(last_answer(page)).to_contain_text("2025年3月27日")
    select_guide(page, "全部指南")
    ask(page, "每个单位限报几项？")
    expect(page.locator(BOT)).to_have_count(2)
    answer = page.locator(BOT).last
    expect(answer.locator("button.choose-guide", has_text="柳州")).to_be_visible()
    # The same answer a fresh conversation gets under 全部指南 (a quota asked of no guide: which guide?),
    # not the 江苏 notice's quota rule.
    expect(answer).to_contain_text("哪一份指南")
    expect(answer.locator("details.cite-chip")).to_have_count(0)
    expect(answer).not_to_contain_text("每家")

"""The 自查 tab (form, sortable verdict table, CSV, cited conditions) and the 日程 tab (agenda, .ics)."""

from __future__ import annotations

import csv
from collections.abc import Iterator

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from assistant.local import free_port
from tests.web.conftest import shot

pytestmark = pytest.mark.browser
TODAY = "2025-03-20"


@pytest.fixture(scope="module")
def dated_url(built_index) -> Iterator[str]:
    """The app with GUIDE_ASSISTANT_TODAY fixed, so the agenda's upcoming/past split is reproducible."""
    from assistant.assistant import Assistant
    from assistant.settings import Settings
    from assistant.web import build_app, launch_options

    settings = Settings(data_dir=built_index, today=TODAY)
    app = build_app(Assistant.from_settings(settings), settings)
    app.queue()
    port = free_port()
    app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, **launch_options())
    yield f"http://127.0.0.1:{port}/"
    app.close()


@pytest.fixture
def tab(browser, dated_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(dated_url)
    page.wait_for_selector("#question textarea")
    yield page
    context.close()


def _pick(page, elem_id: str, option: str) -> None:
    page.locator(f"#{elem_id} input").click()
    page.get_by_role("option", name=option, exact=True).click()


def test_selfcheck_form_gives_verdicts_with_cited_conditions_and_csv(tab, tmp_path):
    tab.get_by_role("tab", name="自查").click()
    _pick(tab, "sc-unit", "企业")
    tab.fill("#sc-region textarea", "重庆市渝北区")
    tab.click("#sc-run")
    status = tab.locator("#sc-status")
    expect(status).to_contain_text("共 72 个项目：可以牵头 5 项；可以参与 19 项；不符合 24 项；需人工确认 24 项")
    tab.locator("#sc-results").get_by_text("项目七", exact=True).first.click()
    detail = tab.locator("#sc-detail")
    expect(detail).to_contain_text("项目七「心腹部智能超声导航及质控技术研发」：需人工确认")
    expect(detail).to_contain_text("医院、高校、企业或科研机构牵头")
    expect(detail).to_contain_text("第142行")
    shot(tab, "selfcheck")
    with tab.expect_download() as info:
        tab.click("#sc-csv")
    target = tmp_path / "selfcheck.csv"
    info.value.save_as(target)
    rows = list(csv.reader(target.open(encoding="utf-8-sig")))
    assert rows[0][:4] == ["指南", "项目", "项目名称", "结论"]
    assert len(rows) == 73
    lead = [r for r in rows[1:] if r[3] == "可以牵头"]
    assert {r[1] for r in lead} == {"项目七", "项目十", "项目十八", "项目十九", "项目三"}


def test_selfcheck_table_sorts_by_verdict(tab):
    tab.get_by_role("tab", name="自查").click()
    _pick(tab, "sc-unit", "企业")
    tab.fill("#sc-region textarea", "重庆市渝北区")
    tab.click("#sc-run")
    expect(tab.locator("#sc-status")).to_contain_text("共 72 个项目")
    tab.locator("#sc-results th", has_text="结论").first.click()  # the header sorts the column
    first = tab.locator("#sc-results tbody tr").first
    expect(first).to_contain_text("不符合")


def test_selfcheck_bad_input_gets_a_chinese_message(tab):
    tab.get_by_role("tab", name="自查").click()
    tab.fill("#sc-birth textarea", "六八年")
    tab.click("#sc-run")
    expect(tab.locator("#sc-status")).to_contain_text("出生日期“六八年”应写作 YYYY-MM-DD")


def test_calendar_lists_upcoming_first_past_greyed_drafts_marked(tab, tmp_path):
    tab.get_by_role("tab", name="日程").click()
    agenda = tab.locator("#agenda")
    expect(agenda).to_contain_text(f"今天：{TODAY}。共 12 个日期，其中 3 个在今天或以后")
    rows = agenda.locator("tbody tr")
    expect(rows).to_have_count(12)
    expect(rows.nth(0)).to_contain_text("2025-03-27 17:30")
    expect(rows.nth(0)).to_contain_text("网上填报截止")
    expect(rows.nth(0)).to_have_class("upcoming deadline")
    expect(rows.nth(3)).to_have_class("past")
    assert rows.nth(3).evaluate("r => getComputedStyle(r.cells[0]).opacity") == "0.55"
    draft = agenda.locator("tr", has_text="征求意见截止")
    expect(draft.locator(".draft")).to_have_text("征求意见稿")
    shot(tab, "calendar")
    with tab.expect_download() as info:
        tab.click("#cal-ics")
    target = tmp_path / "guides.ics"
    info.value.save_as(target)
    assert len(Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 12

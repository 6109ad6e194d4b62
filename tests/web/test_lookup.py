"""The 查询 tab (clause search, a project's clauses, comparison CSV) and the 指南 tab (catalog)."""

from __future__ import annotations

import csv

import pytest
from playwright.sync_api import expect

from tests.web.conftest import shot

pytestmark = pytest.mark.browser

POPULATION = "重庆市2024年度人口健康专项申报指南（征求意见稿）"


def test_search_lists_clauses_and_row_opens_whole_project(page):
    page.get_by_role("tab", name="查询").click()
    page.fill("#lookup-query textarea", "定向委托")
    page.click("#search")
    expect(page.locator("#lookup-status")).to_contain_text("“定向委托”的匹配条款")
    cell = page.locator("#clauses").get_by_text("项目二十一", exact=True).first
    expect(cell).to_be_visible()
    cell.click()
    detail = page.locator("#project-detail")
    expect(detail).to_contain_text("自然人群健康大数据体系的研发构建与实践研究")
    expect(detail).to_contain_text("共 7 条")
    for name in ("拟解决问题", "考核指标", "资助强度及方式", "实施周期", "组织方式", "申报条件", "其他说明"):
        expect(detail.locator("strong", has_text=name)).to_have_count(1)
    shot(page, "lookup_project")


def test_comparison_exports_csv_with_every_project(page, tmp_path):
    page.get_by_role("tab", name="查询").click()
    page.locator("#compare-guide input").click()
    page.get_by_role("option", name=POPULATION).click()
    expect(page.locator("#compare")).to_contain_text("项目二十四")
    with page.expect_download() as info:
        page.click("#export-csv")
    target = tmp_path / "compare.csv"
    info.value.save_as(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, so Excel reads Chinese
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["项目", "名称", "市级资助上限"]
    assert len(body) == 24
    row18 = next(r for r in body if r[0] == "项目十八")
    assert row18[header.index("单位出资下限")] == "600万元"
    assert row18[header.index("市级资助上限")] == "200万元"
    page.locator("#compare").scroll_into_view_if_needed()
    shot(page, "lookup_compare")


def test_guides_tab_lists_catalog_and_missing_clauses(page):
    page.get_by_role("tab", name="指南").click()
    catalog = page.locator("#catalog")
    expect(catalog).to_contain_text("江苏省2025年度省前沿技术研发计划")
    expect(catalog.get_by_role("grid")).to_have_attribute("aria-rowcount", "6")  # header + 5 guides
    expect(catalog).to_contain_text("征求意见稿")
    expect(page.locator("#gaps")).to_contain_text("项目三 缺少 其他说明")
    shot(page, "guides_catalog")

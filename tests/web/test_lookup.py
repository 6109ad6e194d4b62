"""The 查询 tab (clause search, a project's clauses, comparison CSV) and the 指南 tab (catalog)."""

from __future__ import annotations

import csv

import pytest
from playwright.sync_api import expect

from tests.web.conftest import shot

pytestmark = pytest.mark.browser

POPULATION = "重庆市2024年度人口健康专项申报指南（征求意见稿）"
JIANGSU = "江苏省2025年度省前沿技术研发计划（卫生健康领域）项目指南"
LIUZHOU = "柳州市2022年度医疗卫生和生物医药科技创新项目申报指南（第二版）"


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
    assert header[-3:] == ["指南", "文件", "行号"]
    assert len(body) == 24
    row18 = next(r for r in body if r[0] == "项目十八")
    assert row18[header.index("单位出资下限")] == "600万元"
    assert row18[header.index("市级资助上限")] == "200万元"
    assert row18[-3:] == [POPULATION, "001_9e157767554fb065.txt", "842–886"]
    assert {r[header.index("区县出资")] for r in body} == {"未规定"}  # the guide sets no district share
    expect(page.locator("#compare")).to_contain_text("未规定")
    page.locator("#compare").scroll_into_view_if_needed()
    shot(page, "lookup_compare")


def compare_guide(page, title: str) -> None:
    page.get_by_role("tab", name="查询").click()
    page.locator("#compare-guide input").click()
    page.get_by_role("option", name=title).click()


def test_comparison_shows_notice_rules_by_category_for_jiangsu(page, tmp_path):
    compare_guide(page, JIANGSU)
    table = page.locator("#compare")
    expect(table).to_contain_text("2022")
    row = table.locator("[role=row]").filter(has_text="1001")
    expect(row).to_contain_text("不超过1000万元（通知，第39–43行）")  # 国家医学中心建设支撑项目
    expect(row).to_contain_text("不超过4年（通知，第37行）")
    other = table.locator("[role=row]").filter(has_text="2011")
    expect(other).to_contain_text("不超过400万元（通知，第39–43行）")  # 临床诊疗关键技术攻关项目
    expect(other).to_contain_text("不超过4年（通知，第37行）")
    with page.expect_download() as info:
        page.click("#export-csv")
    target = tmp_path / "jiangsu.csv"
    info.value.save_as(target)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    header, body = rows[0], {r[0]: r for r in rows[1:]}
    assert body["1001"][header.index("市级资助上限")] == "不超过1000万元（通知，第39–43行）"
    assert body["2001"][header.index("市级资助上限")] == "不超过400万元（通知，第39–43行）"
    assert body["2001"][header.index("文件")] == "004_757a5c273432423d.txt"
    table.scroll_into_view_if_needed()
    shot(page, "lookup_compare_jiangsu")


def test_comparison_shows_liuzhou_notice_cap_and_period(page):
    compare_guide(page, LIUZHOU)
    table = page.locator("#compare")
    for label in ("方向 1", "方向 3", "方向 4-1", "方向 5"):
        row = table.locator("[role=row]").filter(has_text=label)
        expect(row).to_contain_text("不超过10万元（通知，第35行）")
        expect(row).to_contain_text("不超过3年（通知，第65行）")


def test_nonsense_query_says_no_results_with_a_hint(page):
    page.get_by_role("tab", name="查询").click()
    page.fill("#lookup-query textarea", "zzzxxx")
    page.click("#search")
    status = page.locator("#lookup-status")
    expect(status).to_contain_text("无结果")
    expect(status).to_contain_text("没有找到与“zzzxxx”相关的条款")
    expect(status).to_contain_text("换一个关键词")
    expect(page.locator("#clauses")).not_to_contain_text("第")  # no rows of unrelated clauses
    shot(page, "lookup_no_results")


def test_results_mark_the_query_terms(page):
    page.get_by_role("tab", name="查询").click()
    page.fill("#lookup-query textarea", "定向委托")
    page.click("#search")
    expect(page.locator("#lookup-status")).to_contain_text("共 4 条")
    marks = page.locator("#clauses mark >> visible=true")
    expect(marks.first).to_have_text("定向委托")
    assert marks.count() >= 4


def test_guides_tab_lists_catalog_and_missing_clauses(page):
    page.get_by_role("tab", name="指南").click()
    catalog = page.locator("#catalog")
    expect(catalog).to_contain_text("江苏省2025年度省前沿技术研发计划")
    expect(catalog.get_by_role("grid")).to_have_attribute("aria-rowcount", "6")  # header + 5 guides
    expect(catalog).to_contain_text("征求意见稿")
    expect(page.locator("#gaps")).to_contain_text("项目三 缺少 其他说明")
    shot(page, "guides_catalog")

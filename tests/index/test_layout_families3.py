"""General mechanisms behind the third held-out layouts, each on a small guide in another shape than its fixture.

- a guide code of hyphenated letter and digit parts (2026-SF-01, TL-JB-2026-01) labels a unit, also printed as a
  field (榜单编号：…) on a line of its own;
- a category guide (（一）面上项目 …) files 资助定位 as content and 资助期限 as period; categories numbered 一、 or 1.
  (schemes that mostly number notice sections) are units only over clauses of two or more known kinds;
- a PDF table cell merged over rows (类别) is repeated in each row it covers; a placeholder cell (—, /) is no clause;
- an empty category cell continues the category above (printed once, or a merged cell across a page break).
"""

from __future__ import annotations

from index.parse import build_guide
from index.vocab import clauses, units


def _units(text: str) -> list[tuple[str, str, str, list[str]]]:
    guide = build_guide(text, guide_id="t", source="t.txt")
    return [(p.label, p.title, p.group, [c.kind for c in p.clauses]) for p in guide.projects]


# -- hyphenated codes ---------------------------------------------------------------------------

_CODES = """北塘市2026年度社会发展科技专项申报指南
一、民生科技
KJ-MS-2026-001 社区慢病智能随访系统
研究内容：研发慢病随访系统。
考核指标：覆盖居民1万人。
支持额度：50万元。
KJ-MS-2026-002 老年人居家安全监测技术
研究内容：研究跌倒监测技术。
考核指标：准确率90%以上。
支持额度：40万元。
二、申报时间
2026年6月1日前完成网上申报。
"""


def test_a_hyphenated_code_of_letters_and_a_year_labels_each_unit():
    assert _units(_CODES) == [
        ("KJ-MS-2026-001", "社区慢病智能随访系统", "一、民生科技", ["content", "indicators", "funding"]),
        ("KJ-MS-2026-002", "老年人居家安全监测技术", "一、民生科技", ["content", "indicators", "funding"]),
    ]


def test_a_hyphenated_word_in_a_title_is_no_code():
    assert units().match("long_code", "2026-SF-01 阿尔茨海默病早期筛查") is not None
    assert units().match("long_code", "COVID-19疫苗研究") is None  # two parts, no code
    assert units().match("long_code", "GB-2020标准") is None
    assert units().match("long_code", "KJ-2026001 智能网关").group("num") == "KJ-2026001"  # a year and a serial
    assert units().match("long_code", "2026-SF01智能网关").group("num") == "2026-SF01"
    assert units().match("long_code", "【TL-JB-2026-01】高纯石英砂").group("num") == "TL-JB-2026-01"


_CODE_FIELDS = """棠州市2026年度揭榜挂帅榜单
一、产业类
榜单编号：TZ-JB-2026-01
榜单名称：高纯石英砂提纯技术
需求描述：石英砂纯度不足。
榜额：300万元
榜单编号：TZ-JB-2026-02
榜单名称：铸件缺陷检测系统
需求描述：铸件缺陷漏检。
榜额：200万元
二、申报时间
2026年6月1日前完成申报。
"""


def test_a_code_field_alone_on_a_line_opens_a_unit_titled_by_its_name_field():
    assert _units(_CODE_FIELDS) == [
        ("TZ-JB-2026-01", "高纯石英砂提纯技术", "一、产业类", ["problem", "funding"]),
        ("TZ-JB-2026-02", "铸件缺陷检测系统", "一、产业类", ["problem", "funding"]),
    ]


# -- category units -----------------------------------------------------------------------------

_FUND = """海门市2026年度自然科学基金申请指南
一、资助类别
（一）青年项目
资助定位：支持青年科技人员自主选题。
申请条件：未满35周岁。
资助期限：2年。
（二）重点项目
资助定位：围绕重点产业的科学问题。
申请条件：具有正高级职称。
资助期限：3年。
限项规定：同一申请人限报1项。
二、申请时间
2026年3月20日前提交。
"""


def test_a_category_unit_files_its_position_as_content_and_its_term_as_period():
    assert clauses().kind_of("资助定位") == "content" and clauses().kind_of("资助期限") == "period"
    assert _units(_FUND) == [
        ("（一）", "青年项目", "", ["content", "eligibility", "period"]),
        ("（二）", "重点项目", "", ["content", "eligibility", "period", "other"]),
    ]


_TOP_CATEGORIES = """关于发布2026年度云岭省自然科学基金项目申请指南的通知
各有关单位：
现将有关事项通知如下。
一、面上项目
（一）资助定位：支持自由选题开展创新性研究。
（二）申请条件：具有高级职称或博士学位。
（三）资助强度：每项10万元。
二、青年科学基金项目
（一）资助定位：支持青年科技人员自主选题。
（二）申请条件：未满35周岁。
（三）资助强度：每项8万元。
（四）资助期限：3年。
三、申请时间
2026年3月20日前提交。
"""

_DECIMAL_CATEGORIES = """2026年度松江市自然科学基金申请指南
一、资助类别
1.面上项目
资助对象：从事基础研究的科研人员。
资助额度：每项10万元。
2.青年项目
资助对象：35周岁以下青年科研人员。
资助额度：每项5万元。
资助年限：2年。
二、申请时间
2026年3月20日前提交。
"""

_NOTICE_ONLY = """松江市2026年度科技计划通知
一、有关要求
（一）申报单位：在本市注册的企业。
（二）实施周期：3年。
二、组织方式
（一）申报单位：企业。
（二）支持方式：每项10万元。
"""


def test_categories_numbered_like_notice_sections_are_units_over_several_kinds_of_clause():
    guide = build_guide(_TOP_CATEGORIES, guide_id="t", source="t.txt")
    assert [(p.title, [c.kind for c in p.clauses]) for p in guide.projects] == [
        ("面上项目", ["content", "eligibility", "funding"]),
        ("青年科学基金项目", ["content", "eligibility", "funding", "period"]),
    ]
    assert "申请时间" in [s.title for s in guide.sections]
    assert _units(_DECIMAL_CATEGORIES) == [
        ("1", "面上项目", "", ["eligibility", "funding"]),
        ("2", "青年项目", "", ["eligibility", "funding", "period"]),
    ]


def test_notice_sections_over_clauses_are_no_category_units():
    assert _units(_NOTICE_ONLY) == []


# -- merged cells in PDF tables -----------------------------------------------------------------


def _merged_pdf(path) -> None:
    """A table whose 专题 column (second) spans rows and whose 备注 of one row spans two columns."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    rows = [
        ["指南编号", "专题", "项目名称", "研究内容", "支持额度", "备注"],
        ["A01", "智能农机", "丘陵山地小型收获机研制", "研制收获机", "80万元", "/"],
        ["A02", "", "果园植保无人机精准施药", "研究精准施药", "60万元", "须联合农场"],
        ["A03", "", "设施大棚环境智能调控", "研究环境调控", "50万元", ""],
        ["B01", "种业创新", "水稻耐热品种选育", "选育耐热品种", "100万元", "/"],
    ]
    table = Table(rows)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "STSong-Light", 9),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("SPAN", (1, 1), (1, 3)),  # 智能农机 over A01-A03
                ("SPAN", (4, 3), (5, 3)),  # A03's 支持额度 across 备注
            ]
        )
    )
    SimpleDocTemplate(str(path), pagesize=A4).build([table])


def test_a_pdf_table_cell_merged_over_rows_reaches_every_row_it_spans(tmp_path):
    from index.load import load_source

    path = tmp_path / "merged.pdf"
    _merged_pdf(path)
    text = load_source(path).text
    assert "A02\t智能农机\t果园植保无人机精准施药" in text
    assert "A03\t智能农机\t设施大棚环境智能调控\t研究环境调控\t50万元\t\n" in text  # across columns: no carry
    guide = build_guide(text, guide_id="merged", source=path.name)
    assert [(p.label, p.group) for p in guide.projects] == [
        ("A01", "智能农机"),
        ("A02", "智能农机"),
        ("A03", "智能农机"),
        ("B01", "种业创新"),
    ]
    assert [c.name for c in guide.project("A01").clauses] == ["研究内容", "支持额度"]  # 备注 "/" is no clause
    assert guide.project("A02").clauses[-1].text == "须联合农场"


_ONCE = (
    "东川区2026年度科技计划项目指南\n"
    "领域\t项目名称\t研究内容\t支持额度\n"
    "电子信息\t工业互联网边缘网关研制\t研制边缘网关\t50万元\n"
    "\t车规级毫米波雷达芯片测试\t测试雷达芯片\t40万元\n"
    "新材料\t高强铝合金板材轧制工艺\t研究轧制工艺\t60万元\n"
    "\t石墨烯导热膜连续制备\t研究导热膜制备\t30万元\n"
)


def test_an_empty_category_cell_under_a_category_printed_once_continues_it():
    assert [(p.title, p.group) for p in build_guide(_ONCE, guide_id="t", source="t.txt").projects] == [
        ("工业互联网边缘网关研制", "电子信息"),
        ("车规级毫米波雷达芯片测试", "电子信息"),
        ("高强铝合金板材轧制工艺", "新材料"),
        ("石墨烯导热膜连续制备", "新材料"),
    ]


def test_a_pdf_table_row_with_an_empty_first_cell_keeps_its_columns_across_a_page_break(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

    from index.load import load_source

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 9), ("GRID", (0, 0), (-1, -1), 0.5, "black")])
    head = ["类别", "项目名称", "转化内容", "支持额度"]
    first = Table([head, ["生物医药", "靶向纳米递送制剂中试", "建设中试线", "90万元"]], style=style)
    second = Table([["", "医用敷料量产工艺转化", "建设量产线", "70万元"]], style=style)  # 续表: category above
    path = tmp_path / "pages.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([first, PageBreak(), second])
    guide = build_guide(load_source(path).text, guide_id="pages", source=path.name)
    assert [(p.title, p.group, p.clause_of_kind("funding").text) for p in guide.projects] == [
        ("靶向纳米递送制剂中试", "生物医药", "90万元"),
        ("医用敷料量产工艺转化", "生物医药", "70万元"),
    ]


def test_an_article_foot_with_deadlines_and_contacts_is_kept_a_site_footer_is_not(tmp_path):
    from index.load import load_source

    page = tmp_path / "notice.html"
    page.write_text(
        "<html><body><div class='article'><div class='article-content'>"
        "<h1>关于组织申报2026年度澄海区科技计划项目的通知</h1>"
        "<p>一、支持方向</p><p>（一）关键技术攻关项目</p><p>支持方式：最高50万元。</p>"
        + "<p>研究内容：围绕本区主导产业的关键共性技术开展攻关，形成具有自主知识产权的技术、产品和标准。</p>"
        * 4
        + "</div>"
        "<div class='article-foot'><h5>申报时间</h5><p>网上申报截止时间：2026年4月20日17:00。</p>"
        "<p>联系电话：0123-45678901。</p></div></div>"
        "<div class='footer'><p>版权所有：澄海区科技局 ICP备12345678号 联系电话：0123-99999999</p></div>"
        "</body></html>",
        encoding="utf-8",
    )
    text = load_source(page).text
    assert "2026年4月20日17:00" in text and "0123-45678901" in text
    assert "0123-99999999" not in text and "ICP" not in text

"""A PDF previewed inside a web page (pdf2htmlEX's positioned line divs, pdf.js's text layer) loads as the PDF
loader reads a page: wrapped lines joined, also across a page break, page numbers dropped, spacing spans gone."""

from __future__ import annotations

from index.loaders.html import html_lines

_PDF2HTMLEX_CSS = """
.t{position:absolute;white-space:pre;font-size:1px}
.m0{transform:matrix(0.25,0,0,0.25,0,0);}
.fs0{font-size:80px;}.h1{height:80px;}.h0{height:1000px;}
._1{width:8px;}
.x0{left:100px;}.x1{left:140px;}.x2{left:400px;}
.y0{bottom:900px;}.y1{bottom:870px;}.y2{bottom:840px;}.y3{bottom:40px;}
@media print{.x0{left:10pt;}.y0{bottom:5pt;}}
"""


def _line(x: str, y: str, text: str) -> str:
    return f'<div class="t m0 {x} h1 {y} fs0">{text}</div>'


def _pdf2htmlex_page(number: int, lines: list[str]) -> str:
    body = "".join(lines) + _line("x2", "y3", f"— {number} —")
    return f'<div id="pf{number}" class="pf h0" data-page-no="{number}"><div class="pc">{body}</div></div>'


def test_pdf2htmlex_lines_are_joined_into_paragraphs_across_a_page_break():
    # A character is 20 px wide (80 px scaled by 0.25): the body runs from 100 to about 470, a paragraph's first
    # line starts at 140; a spacing span (empty, or a space between Chinese characters) is no character.
    first = [
        _line("x1", "y0", "一、联系方式"),
        _line("x1", "y1", "（一）联系人张三，办公电话为0571-<span class='_ _1'></span>88"),
        _line("x0", "y2", "123456，申报材料须在规定时间内提交至"),
    ]
    second = [_line("x0", "y0", "科技<span class='_ _1'> </span>管理处。"), _line("x1", "y1", "二、其他")]
    page = (
        f"<html><head><style>{_PDF2HTMLEX_CSS}</style></head><body><div class='article'><h1>关于申报的通知</h1>"
        f"<div id='page-container'>{_pdf2htmlex_page(1, first)}{_pdf2htmlex_page(2, second)}</div></div></body></html>"
    )
    assert html_lines(page) == [
        "关于申报的通知",
        "一、联系方式",
        "（一）联系人张三，办公电话为0571-88123456，申报材料须在规定时间内提交至科技管理处。",
        "二、其他",
    ]


def test_a_pdfjs_text_layer_is_read_line_by_line_in_reading_order():
    span = '<span style="left: {x}%; top: {y}%; font-size: calc(var(--scale-factor)*10.00px)">{text}</span>'
    runs = [
        span.format(x=10, y=20, text="（一）申报单位应为本市注册"),  # the page's runs out of order, a line in two runs
        span.format(x=10, y=10, text="二、申报条件"),
        span.format(x=42.5, y=20, text="的企业、高等学校"),
        span.format(x=5, y=20 + 12 / 3, text="或科研院所。"),
    ]
    page = (
        '<html><body><div class="content"><div class="page" style="width: calc(var(--scale-factor) * 400px);'
        f' height: calc(var(--scale-factor) * 300px)"><div class="textLayer">{"".join(runs)}</div></div></div>'
        "</body></html>"
    )
    assert html_lines(page) == ["二、申报条件", "（一）申报单位应为本市注册的企业、高等学校或科研院所。"]

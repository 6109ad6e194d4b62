"""Every format a guide is published in loads offline into lines: md, html, docx, doc, pdf (text layer, tables,
scans through OCR); unreadable and oversized files are refused with the reason."""

from __future__ import annotations

import json
import shutil
import unicodedata
import zipfile
from functools import cache
from pathlib import Path

import pytest

import index.load
import index.loaders.pdf
from index.errors import LoadError, NoTextLayerError, UnsupportedFileError
from index.load import load_source
from index.loaders.html import html_lines
from index.loaders.layout import PageLine
from index.loaders.markdown import markdown_lines
from index.loaders.ocr import group_lines

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LAYOUTS = FIXTURES / "layouts"
FORMATS = FIXTURES / "formats"
EXPECTED = sorted(LAYOUTS.glob("*.expected.json"))


def expected(stem: str) -> dict:
    return json.loads((LAYOUTS / f"{stem}.expected.json").read_text(encoding="utf-8"))


@cache
def loaded(name: str):
    """The fixture loaded once per session (the scanned PDF takes OCR time)."""
    return load_source(LAYOUTS / name)


def flat(text: str) -> str:
    """Text compared as a reader sees it: NFKC, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_every_layout_fixture_loads_with_its_unit_titles_in_the_text(path):
    spec = json.loads(path.read_text(encoding="utf-8"))
    text = flat(loaded(spec["file"]).text)
    missing = [u["title"] for u in spec["units"] if flat(u["title"]) not in text]
    assert not missing, f"{spec['file']}: unit titles not in the loaded text: {missing}"
    assert flat(spec["guide"]["title"]).replace("“", "").replace("”", "")[:12] in text.replace("“", "").replace("”", "")


def test_scanned_pdf_is_read_by_ocr_with_its_titles_and_figures():
    source = loaded("scanned_pdf.pdf")
    assert (source.pages, source.ocr_pages) == (3, 3)
    text = flat(source.text)
    for fact in ("社区居家老人健康智能监护系统研发", "市财政资助不超过60万元", "0878-6612209", "2025年6月13日17:00"):
        assert flat(fact) in text, fact
    lines = source.text.split("\n")
    assert not any(line.strip() in ("- 1 -", "- 2 -", "- 3 -") for line in lines)  # page footers dropped


def test_ocr_models_ship_inside_the_rapidocr_package():
    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    assert {p.name for p in models.glob("*.onnx")} >= {"ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx"}


def test_ocr_boxes_are_ordered_into_lines_and_far_apart_boxes_become_cells():
    boxes = [
        PageLine("考核指标", 300, 380, 102, 130),
        PageLine("项目名称", 20, 100, 100, 128),
        PageLine("第二行", 20, 80, 150, 178),
    ]
    lines = group_lines(boxes)
    assert [ln.text for ln in lines] == ["项目名称\t考核指标", "第二行"]
    assert lines[0].table and not lines[1].table


def test_pdf_tables_become_tab_rows_where_they_stand():
    lines = loaded("table_pdf.pdf").text.split("\n")
    row = "项目名称\t靶向蛋白降解（PROTAC）创新药物研发"
    assert row in lines
    assert lines.index("（一）创新药物与制剂") < lines.index(row) < lines.index("（二）高端医疗器械")
    assert "支持经费\t市财政资助不超过300万元" in lines


def test_pdf_wrapped_lines_are_rejoined_and_running_headers_and_footers_dropped():
    source = loaded("nkrd_pdf.pdf")
    lines = source.text.split("\n")
    # Wrapped mid-number in the PDF ("国拨经费不" / "超过1200万元"), across a page break too.
    assert "拟安排国拨经费不超过1200万元" in source.text
    assert "最大工作水深不小于4500米" in source.text
    assert not any(line.startswith("—") and line.endswith("—") for line in lines)
    header = "“智慧海洋观测装备”重点专项2026年度项目申报指南"
    assert lines.count(header) == 0  # the running header of every page
    assert "1.1 深海原位多参数化学传感器研制（共性关键技术类）" in lines


def test_html_keeps_the_article_and_its_title_without_the_site_chrome():
    text = loaded("items_html.html").text
    lines = text.split("\n")
    assert lines[0] == "关于组织申报璟州市2025年度关键核心技术攻关项目的通知"
    for chrome in (
        "当前位置",
        "版权所有",
        "ICP",
        "网站标识码",
        "公网安备",
        "分享到",
        "0876-2150000",
        "无障碍",
        "打印本页",
    ):
        assert chrome not in text, chrome
    assert "系统技术支持：0876-2153399（工作日9:00—17:30）" in lines  # a contact inside the article stays
    assert lines[-2:] == ["璟州市科学技术局", "2025年3月5日"]


def test_html_tables_become_tab_rows_and_scripts_go():
    page = """<html><head><title>x</title><script>var a = "项目一";</script></head><body>
    <div class="nav"><ul><li>首页</li><li>通知公告</li></ul></div>
    <div class="article"><h1>关于发布云川区2026年度科技计划项目指南的通知</h1>
    <div id="zoom"><p>项目一：智慧社区养老服务平台研发</p>
    <table><tr><th>项目名称</th><th>支持经费</th></tr><tr><td>智慧社区<br>养老服务</td><td>50万元</td></tr></table>
    <p>云川区科学技术局</p><style>.a{}</style></div></div>
    <div class="footer">版权所有：云川区科学技术局 滇ICP备12345678号</div></body></html>"""
    assert html_lines(page) == [
        "关于发布云川区2026年度科技计划项目指南的通知",
        "项目一：智慧社区养老服务平台研发",
        "项目名称\t支持经费",
        "智慧社区养老服务\t50万元",
        "云川区科学技术局",
    ]


def test_html_tab_labels_head_their_panels_hidden_or_not():
    page = """<html><body><div class="article"><p>二、项目指南</p>
    <div class="tabbox"><ul class="tab-hd"><li class="on">一般项目</li><li>重点项目</li></ul>
    <div class="tab-bd"><div class="tab-item"><p>项目1：土壤墒情监测</p></div>
    <div class="tab-item" style="display:none"><p>项目2：冬小麦冻害预警</p></div></div></div>
    <p>三、联系方式</p></div></body></html>"""
    assert html_lines(page) == [
        "二、项目指南",
        "一般项目",
        "项目1：土壤墒情监测",
        "重点项目",
        "项目2：冬小麦冻害预警",
        "三、联系方式",
    ]


def test_html_definition_list_of_units_heads_each_units_own_list_of_clauses():
    page = """<html><body><div class="article"><p>一、申报专项</p><dl class="units">
    <dt><span class="no">专项一</span><span class="name">研发投入补助</span></dt>
    <dd><dl class="kv"><dt>支持标准</dt><dd>最高30万元</dd><dt>核算期间</dt><dd>2024年度</dd></dl></dd>
    <dt>专项二 入库奖励</dt><dd><dl class="kv"><dt>支持标准</dt><dd>每家2万元</dd></dl></dd></dl>
    <details open><summary>1. 问：可以同时申报吗？</summary>答：可以。</details></div></body></html>"""
    assert html_lines(page) == [
        "一、申报专项",
        "专项一\t研发投入补助",
        "支持标准：最高30万元",
        "核算期间：2024年度",
        "专项二 入库奖励",
        "支持标准：每家2万元",
        "1. 问：可以同时申报吗？",
        "答：可以。",
    ]


def test_gbk_page_is_decoded_by_its_declared_charset(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(
        '<html><head><meta charset="gb2312"></head><body><p>澜沧市科学技术局</p></body></html>'.encode("gbk")
    )
    source = load_source(path)
    assert (source.text, source.encoding) == ("澜沧市科学技术局", "html/gb18030")


def test_markdown_tables_become_tab_rows_and_line_numbers_stay():
    path = LAYOUTS / "attachment_md.md"
    raw = path.read_text(encoding="utf-8").split("\n")
    lines = loaded("attachment_md.md").text.split("\n")
    assert len(lines) == len(raw)  # line n of the text is line n of the file: citations point into the file
    assert "指南咨询\t市科技局农村科技科\t赵老师\t0877-5120346\tnkk@qhkj.gov.cn" in lines
    assert not any(set(line) <= set("|-: \t") and "-" in line for line in lines)  # the |---| rule is gone
    assert lines[0] == "# 关于发布青禾市2027年度农业科技创新项目申报指南的通知"  # headings stay headings


def test_markdown_links_and_images_become_their_text():
    assert markdown_lines("见[附件1](a.docx)![图](x.png) | 不是表格") == ["见附件1 | 不是表格"]


def test_markdown_containers_head_their_cards_and_editor_html_and_footnotes_reduce_to_words():
    text = "\n".join(
        [
            '## <a name="三"></a>三、资助类别',
            "<!-- ocr 内容为：去年 80万元/项 -->",
            ":::success",
            "**【A-1】甲类项目**",
            '**资助强度**：<font style="color:#DF2A3F;">100万元/项</font>[^1]',
            ":::",
            "::: tip 乙类项目",
            "**资助期限**：3年",
            ":::",
            "[^1]: 实行经费包干制。",
        ]
    )
    assert markdown_lines(text) == [
        "## 三、资助类别",
        "",
        "",
        "### 【A-1】甲类项目",
        "**资助强度**：100万元/项",
        "",
        "### 乙类项目",
        "**资助期限**：3年",
        "",
        "注1：实行经费包干制。",
    ]


def test_docx_table_rows_are_one_line_each_even_with_line_breaks_in_a_cell():
    lines = loaded("prov_table_docx.docx").text.split("\n")
    header = next(line for line in lines if line.startswith("指南编号\t"))
    rows = [line for line in lines if line.startswith("2026QL0")]
    assert len(rows) == 7
    # 2026QL0102's 研究内容 cell holds two paragraphs: still one line, its paragraphs joined.
    assert "研究高海拔地区儿童先天性心脏病流行特征与危险因素； 研发" in rows[1].split("\t")[2]
    assert all(row.count("\t") == header.count("\t") for row in rows)


def test_gb18030_text_with_crlf_loads():
    source = loaded("zhuanti_gb18030.txt")
    assert source.encoding == "gb18030"
    assert "蒙川市科学技术局" in source.text


def test_doc_is_read_by_antiword_with_its_table_as_tab_rows():
    if shutil.which("antiword") is None:
        pytest.skip("antiword is not installed (apt-get install antiword)")
    source = load_source(FORMATS / "tiny.doc")
    assert source.encoding == "doc/antiword"
    lines = [line for line in source.text.split("\n") if line.strip()]
    assert lines[:3] == [
        "溪岭市科学技术局",
        "关于征集溪岭市2026年度科技特派员项目的通知",
        "项目一：山区茶园病虫害绿色防控技术示范",
    ]
    assert "联系人\t电话" in lines and "林老师\t0871-6601234" in lines


def test_doc_falls_back_to_catdoc_and_names_both_tools_when_neither_exists(monkeypatch):
    import index.loaders.doc as doc

    if shutil.which("catdoc") is None:
        pytest.skip("catdoc is not installed (apt-get install catdoc)")
    monkeypatch.setattr(doc.shutil, "which", lambda name: None if name == "antiword" else "/usr/bin/" + name)
    source = load_source(FORMATS / "tiny.doc")
    assert source.encoding == "doc/catdoc"
    assert "林老师\t0871-6601234" in source.text.split("\n")
    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    with pytest.raises(
        LoadError, match=r"tiny\.doc: cannot read \.doc \(antiword is not installed; catdoc is not installed\)"
    ) as info:
        load_source(FORMATS / "tiny.doc")
    assert "apt-get install antiword catdoc" in str(info.value)


def test_a_doc_that_is_no_word_file_says_so(tmp_path):
    path = tmp_path / "guide.doc"
    path.write_bytes(b"old word file")
    with pytest.raises(LoadError, match=r"guide\.doc: not a Word 97–2003 document"):
        load_source(path)


def test_a_web_page_saved_as_doc_is_read_as_the_page(tmp_path):
    path = tmp_path / "notice.doc"
    path.write_text("<html><body><p>澜沧市科学技术局</p></body></html>", encoding="utf-8")
    assert load_source(path).text == "澜沧市科学技术局"


# -- refusals ------------------------------------------------------------------------------------
def test_an_empty_file_is_refused_not_indexed(tmp_path):
    for name in ("empty.txt", "empty.md", "empty.pdf", "empty.docx"):
        path = tmp_path / name
        path.write_bytes(b"")
        with pytest.raises(LoadError, match=rf"^{name.replace('.', '[.]')}: empty file \(0 bytes\)"):
            load_source(path)


def test_a_file_of_white_space_has_no_text(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n\t\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"blank\.txt: no text in the file"):
        load_source(path)


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(index.load, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "big.txt"
    path.write_text("项目一：" * 1000, encoding="utf-8")
    with pytest.raises(LoadError, match=r"big\.txt: 0\.0 MB, more than the 0 MB a guide file may have"):
        load_source(path)


def test_a_docx_expanding_to_a_gigabyte_is_refused_before_anything_is_decompressed(monkeypatch):
    path = FORMATS / "bomb.docx"
    assert path.stat().st_size < 2 * 2**20

    def no_read(*_args, **_kwargs):
        raise AssertionError("a member was decompressed")

    # refused from the archive's directory alone (what a timing bound stood for, without the machine's load in it)
    monkeypatch.setattr(zipfile.ZipFile, "open", no_read)
    monkeypatch.setattr(zipfile.ZipFile, "read", no_read)
    with pytest.raises(LoadError, match=r"bomb\.docx: DOCX expands to 1,121 MB, more than the 64 MB allowed"):
        load_source(path)


def test_a_pdf_above_the_page_limit_is_refused(monkeypatch):
    monkeypatch.setattr(index.loaders.pdf, "MAX_PDF_PAGES", 5)
    with pytest.raises(LoadError, match=r"nkrd_pdf\.pdf: 6 pages, more than the 5 a guide PDF may have"):
        load_source(LAYOUTS / "nkrd_pdf.pdf")


def test_a_scan_above_the_ocr_page_limit_is_refused_before_any_ocr(monkeypatch):
    monkeypatch.setattr(index.loaders.pdf, "MAX_OCR_PAGES", 2)

    def no_ocr(*_args, **_kwargs):
        raise AssertionError("a page went through OCR")

    # refused from the page count alone (what a timing bound stood for, without the machine's load in it)
    monkeypatch.setattr(index.loaders.pdf, "_ocr_page", no_ocr)
    with pytest.raises(LoadError, match=r"scanned_pdf\.pdf: 3 pages without a text layer, more than the 2 read by OCR"):
        load_source(LAYOUTS / "scanned_pdf.pdf")


def test_unknown_suffix_names_the_supported_ones(tmp_path):
    path = tmp_path / "guide.pptx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFileError, match=r"guide\.pptx: unsupported file type \.pptx") as info:
        load_source(path)
    assert ".txt, .md, .docx, .doc, .pdf, .html, .htm, .odt, .fodt and .xlsx" in str(info.value)


def test_broken_html_bytes_are_refused_with_the_reason(tmp_path):
    path = tmp_path / "x.html"
    path.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(LoadError, match=r"x\.html: binary file"):
        load_source(path)


def test_scan_without_legible_text_is_named(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "blank-scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.showPage()
    pdf.save()
    with pytest.raises(NoTextLayerError, match=r"blank-scan\.pdf: PDF has no text layer and OCR found no text"):
        load_source(path)


def test_an_e_mail_forward_keeps_the_quoted_notice_and_blanks_the_forwarders_note(tmp_path):
    thread = tmp_path / "fwd.txt"
    thread.write_text(
        "From: Research Office <ro@example.edu>\nSent: Monday, March 2, 2026 9:00\nTo: All staff\n"
        "Subject: FW: 关于申报2026年度科技计划的通知\n\n各位老师：校内截止3月10日，请提前报送。\n\n"
        "-----Original Message-----\nFrom: 科技局 <kjj@example.gov.cn>\nDate: 2026-02-27\nTo: 各单位\n"
        "Subject: 关于申报2026年度科技计划的通知\n\n一、支持方向\n本年度设3个方向，每项资助30万元，申报截止2026年4月1日。\n"
        "二、联系方式\n联系人：王老师，0100-1234567\n\n发自我的iPhone\n",
        encoding="utf-8",
    )
    lines = load_source(thread).text.split("\n")
    assert lines[13] == "一、支持方向"  # every kept line at its place in the file
    assert "校内截止" not in "\n".join(lines) and "Original Message" not in "\n".join(lines)
    assert not any(line.startswith(("From:", "Subject:", "发自我的")) for line in lines)

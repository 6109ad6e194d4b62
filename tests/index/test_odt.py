"""OpenDocument text (.odt, .fodt) read into lines as the .docx loader reads Word: headings, paragraphs, list items
behind the numbers their list style prints, tables as tab-joined rows with spanned cells repeated, footnotes
written in where cited; page headers and footers, comments, tracked deletions and hidden text left out."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import index.loaders.docx
from index.errors import LoadError
from index.load import SUPPORTED_SUFFIXES, load_source

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def _content(body: str, automatic: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} office:version="1.2">'
        f"<office:automatic-styles>{automatic}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )


def _styles(styles: str = "", master: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_NS} office:version="1.2">'
        f"<office:styles>{styles}</office:styles><office:master-styles>{master}</office:master-styles>"
        "</office:document-styles>"
    )


def _odt(tmp_path: Path, body: str, automatic: str = "", styles: str = "", master: str = "") -> Path:
    path = tmp_path / "guide.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", _content(body, automatic), compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", _styles(styles, master), compress_type=zipfile.ZIP_DEFLATED)
    return path


def _lines(tmp_path: Path, body: str, **styles: str) -> list[str]:
    return load_source(_odt(tmp_path, body, **styles)).text.split("\n")


def test_odt_and_fodt_are_supported_suffixes():
    assert {".odt", ".fodt"} <= set(SUPPORTED_SUFFIXES)


def test_headings_paragraphs_spaces_tabs_and_line_breaks(tmp_path):
    body = (
        '<text:h text:outline-level="2">一、<text:span>支持方向</text:span></text:h>'
        "<text:p>第一类<text:s/>研发服务券</text:p>"
        '<text:p>A<text:s text:c="3"/>B<text:tab/>C</text:p>'
        "<text:p>【奖励对象】高新技术企业。<text:line-break/>【奖励标准】奖励20万元。</text:p>"
        "<text:p>  white\n   space  collapsed </text:p>"
    )
    assert _lines(tmp_path, body) == [
        "## 一、支持方向",
        "第一类 研发服务券",
        "A   B\tC",
        "【奖励对象】高新技术企业。",
        "【奖励标准】奖励20万元。",
        " white space collapsed ",
    ]


_LIST_STYLE = (
    '<text:list-style style:name="L1">'
    '<text:list-level-style-number text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、"/>'
    '<text:list-level-style-number text:level="2" style:num-format="1" style:num-prefix="（" style:num-suffix="）"/>'
    '<text:list-level-style-number text:level="3" style:num-format="1" style:num-suffix="." text:display-levels="2"/>'
    "</text:list-style>"
    '<text:list-style style:name="B1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/>'
    "</text:list-style>"
)


def test_list_items_are_written_behind_the_numbers_their_list_style_prints(tmp_path):
    body = (
        '<text:list text:style-name="L1">'
        "<text:list-item><text:p>申报条件</text:p>"
        "<text:list><text:list-item><text:p>注册在区内</text:p><text:p>（续段，不编号）</text:p></text:list-item>"
        "<text:list-item><text:p>信用良好</text:p>"
        "<text:list><text:list-item><text:p>无失信记录</text:p></text:list-item></text:list>"
        "</text:list-item></text:list></text:list-item>"
        "<text:list-header><text:p>（说明行）</text:p></text:list-header>"
        "<text:list-item><text:p>支持标准</text:p></text:list-item>"
        "</text:list>"
        "<text:p>正文段落</text:p>"
        '<text:list text:style-name="L1" text:continue-numbering="true">'
        "<text:list-item><text:p>申报时间</text:p></text:list-item></text:list>"
        '<text:list text:style-name="L1"><text:list-item text:start-value="5"><text:p>其他</text:p></text:list-item>'
        "</text:list>"
        '<text:list text:style-name="B1"><text:list-item><text:p>要点</text:p></text:list-item></text:list>'
    )
    assert _lines(tmp_path, body, automatic=_LIST_STYLE) == [
        "一、申报条件",
        "（1）注册在区内",
        "（续段，不编号）",
        "（2）信用良好",
        "2.1.无失信记录",
        "（说明行）",
        "二、支持标准",
        "正文段落",
        "三、申报时间",
        "五、其他",
        "要点",
    ]


def test_a_list_continued_by_its_xml_id_goes_on_counting(tmp_path):
    body = (
        '<text:list xml:id="list1" text:style-name="L1"><text:list-item><text:p>甲</text:p></text:list-item></text:list>'
        "<text:p>插段</text:p>"
        '<text:list text:style-name="L1" text:continue-list="list1">'
        "<text:list-item><text:p>乙</text:p></text:list-item></text:list>"
    )
    assert _lines(tmp_path, body, styles=_LIST_STYLE) == ["一、甲", "插段", "二、乙"]


def test_headings_are_numbered_by_the_outline_style(tmp_path):
    outline = (
        '<text:outline-style style:name="Outline">'
        '<text:outline-level-style text:level="1" style:num-format="1" style:num-prefix="第" style:num-suffix="章"/>'
        '<text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/>'
        "</text:outline-style>"
    )
    body = (
        '<text:h text:outline-level="1">总则</text:h>'
        '<text:h text:outline-level="2">目的</text:h>'
        '<text:h text:outline-level="2">范围</text:h>'
        '<text:h text:outline-level="1">支持方向</text:h>'
        '<text:h text:outline-level="2">重点</text:h>'
        '<text:h text:outline-level="1" text:is-list-header="true">附则</text:h>'
    )
    assert _lines(tmp_path, body, styles=outline) == [
        "# 第1章总则",
        "## 1.1目的",
        "## 1.2范围",
        "# 第2章支持方向",
        "## 2.1重点",
        "# 附则",
    ]


def test_table_rows_are_tab_joined_with_spanned_cells_repeated(tmp_path):
    body = (
        '<table:table><table:table-column table:number-columns-repeated="3"/>'
        "<table:table-header-rows><table:table-row>"
        "<table:table-cell><text:p>类别</text:p></table:table-cell>"
        '<table:table-cell table:number-columns-spanned="2"><text:p>标准</text:p></table:table-cell>'
        "<table:covered-table-cell/></table:table-row></table:table-header-rows>"
        '<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>创新券</text:p></table:table-cell>'
        "<table:table-cell><text:p>研发</text:p><text:p>服务</text:p></table:table-cell>"
        "<table:table-cell><text:p>50%</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:covered-table-cell/>"
        "<table:table-cell><text:p>首次合作</text:p></table:table-cell>"
        "<table:table-cell><text:p>70%</text:p></table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="20"><table:table-cell table:number-columns-repeated="3"/>'
        "</table:table-row>"
        "</table:table>"
    )
    assert _lines(tmp_path, body) == [
        "类别\t标准\t标准",
        "创新券\t研发 服务\t50%",
        "创新券\t首次合作\t70%",
        "\t\t",
    ]


def test_a_frame_tables_rows_stand_as_rows_and_a_table_in_a_cell_stays_in_its_cell(tmp_path):
    inner = (
        "<table:table><table:table-row><table:table-cell><text:p>支持强度</text:p></table:table-cell>"
        "<table:table-cell><text:p>30万元</text:p></table:table-cell></table:table-row></table:table>"
    )
    body = (
        f"<table:table><table:table-row><table:table-cell>{inner}</table:table-cell></table:table-row></table:table>"
        "<table:table><table:table-row><table:table-cell><text:p>档次</text:p></table:table-cell>"
        f"<table:table-cell>{inner}</table:table-cell></table:table-row></table:table>"
    )
    assert _lines(tmp_path, body) == ["支持强度\t30万元", "档次\t支持强度 30万元"]


def test_a_footnote_is_written_in_where_it_is_cited_and_its_mark_dropped(tmp_path):
    body = (
        "<text:p>【补助标准】每家不超过20万元。"
        '<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        "<text:note-body><text:p>2025年度上限为15万元。</text:p><text:p>有效期12个月。</text:p></text:note-body>"
        "</text:note></text:p>"
        "<text:p>见尾注"
        '<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation>'
        "<text:note-body><text:p>按实际支付额计。</text:p></text:note-body></text:note>即可</text:p>"
    )
    assert _lines(tmp_path, body) == [
        "【补助标准】每家不超过20万元。（注：2025年度上限为15万元。有效期12个月）",
        "见尾注（注：按实际支付额计）即可",
    ]


def test_page_header_and_footer_comments_deletions_and_hidden_text_are_not_read(tmp_path):
    master = (
        '<style:master-page style:name="Standard"><style:header><text:p>某区科技局</text:p></style:header>'
        "<style:footer><text:p>政务服务咨询：0577-56120123 第<text:page-number>1</text:page-number>页</text:p>"
        "</style:footer></style:master-page>"
    )
    hidden = (
        '<style:style style:name="Hid" style:family="text"><style:text-properties text:display="none"/></style:style>'
    )
    body = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
        "<text:p>删去的旧标准300万元</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        '<text:p>资助<text:change text:change-id="c1"/>400万元<office:annotation><dc:creator>审稿人</dc:creator>'
        "<text:p>批注：核实金额</text:p></office:annotation>。</text:p>"
        '<text:p>可见<text:span text:style-name="Hid">隐藏文字</text:span>文字</text:p>'
        '<text:section text:name="S1" text:display="none"><text:p>隐藏的节</text:p></text:section>'
        '<text:section text:name="S2"><text:p>可见的节</text:p></text:section>'
    )
    text = load_source(_odt(tmp_path, body, automatic=hidden, master=master)).text
    assert text.split("\n") == ["资助400万元。", "可见文字", "可见的节"]
    for gone in ("0577-56120123", "某区科技局", "300万元", "批注", "隐藏"):
        assert gone not in text


def test_a_text_box_is_read_after_the_paragraph_it_is_anchored_in(tmp_path):
    body = (
        '<text:p>正文<draw:frame draw:name="f1"><draw:text-box><text:p>框内：联系人张三</text:p></draw:text-box>'
        "</draw:frame>结束</text:p><text:p>下一段</text:p>"
    )
    assert _lines(tmp_path, body) == ["正文结束", "框内：联系人张三", "下一段"]


def test_a_flat_fodt_is_read_as_an_odt(tmp_path):
    path = tmp_path / "guide.fodt"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {_NS} office:version="1.2" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f"<office:automatic-styles>{_LIST_STYLE}</office:automatic-styles>"
        '<office:body><office:text><text:list text:style-name="L1"><text:list-item><text:p>项目</text:p>'
        "</text:list-item></text:list></office:text></office:body></office:document>",
        encoding="utf-8",
    )
    assert load_source(path).text == "一、项目"


def test_a_broken_odt_and_a_spreadsheet_named_odt_are_refused_with_the_reason(tmp_path):
    broken = tmp_path / "broken.odt"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(LoadError, match=r"broken\.odt: broken ODT"):
        load_source(broken)
    sheet = tmp_path / "sheet.odt"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr(
            "content.xml",
            f"<office:document-content {_NS}><office:body><office:spreadsheet/></office:body>"
            "</office:document-content>",
        )
    with pytest.raises(LoadError, match=r"sheet\.odt: broken ODT \(no text document in it \(spreadsheet\)\)"):
        load_source(sheet)


def test_an_odt_expanding_beyond_the_limit_is_refused_from_its_zip_directory(tmp_path, monkeypatch):
    path = _odt(tmp_path, "<text:p>" + "资助" * 5000 + "</text:p>")
    monkeypatch.setattr(index.loaders.docx, "MAX_DOCX_XML_BYTES", 1024)
    with pytest.raises(LoadError, match=r"guide\.odt: ODT expands to 0 MB, more than the 0 MB allowed"):
        load_source(path)


def test_a_table_of_contents_gives_its_entries_not_its_template(tmp_path):
    body = (
        '<text:table-of-content text:name="目录1"><text:table-of-content-source text:outline-level="2">'
        "<text:index-title-template>目录模板</text:index-title-template></text:table-of-content-source>"
        "<text:index-body><text:index-title><text:p>目录</text:p></text:index-title>"
        "<text:p>一、支持方向<text:tab/>3</text:p></text:index-body></text:table-of-content>"
        '<text:h text:outline-level="1">一、支持方向</text:h>'
    )
    assert _lines(tmp_path, body) == ["目录", "一、支持方向\t3", "# 一、支持方向"]

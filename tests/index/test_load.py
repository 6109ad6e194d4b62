"""Reading guide files: UTF-8 / GB18030 text, binaries, PDFs with and without a text layer, .docx."""

from __future__ import annotations

import pytest

from index.errors import LoadError, NoTextLayerError, UnsupportedFileError
from index.load import load_source
from index.normalize import logical_lines
from index.parse import build_guide
from tests.conftest import seed
from tests.index.conftest import write_binary

PROJECT_LINE = "项目一：人工智能辅助诊断技术研发"
FUNDING_LINE = "1.资助强度及方式：拟支持1项，经费资助不超过100万元。"


def records(guide) -> dict:
    """What a user reads of a guide: everything but the file name and hash."""
    return guide.model_dump(exclude={"content_hash", "source"})


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_gb18030_copy_gives_the_same_guide_as_the_utf8_file(tmp_path, number):
    original = seed(number)
    text = original.read_text(encoding="utf-8")
    copy = tmp_path / f"{number}.txt"
    copy.write_bytes(text.encode("gb18030"))
    loaded = load_source(copy)
    assert loaded.encoding == "gb18030"
    utf8 = load_source(original)
    assert utf8.encoding == "utf-8"
    assert loaded.content_hash != utf8.content_hash  # different bytes …
    a = build_guide(utf8.text, guide_id="g", source=original.name, content_hash=utf8.content_hash)
    b = build_guide(loaded.text, guide_id="g", source=copy.name, content_hash=loaded.content_hash)
    assert records(b) == records(a)  # … same guide


def test_utf8_with_byte_order_mark_loads_like_without(tmp_path):
    text = seed("000").read_text(encoding="utf-8")
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_source(path).text == text


def test_binary_file_named_txt_is_a_load_error_naming_the_file(tmp_path):
    path = write_binary(tmp_path, "x.txt")
    with pytest.raises(LoadError, match=r"^x\.txt: binary file") as info:
        load_source(path)
    assert "convert it to UTF-8 text" in str(info.value)


def test_unsupported_suffix_is_refused(tmp_path):
    path = tmp_path / "guide.wps"
    path.write_bytes(b"kingsoft writer file")
    with pytest.raises(UnsupportedFileError, match=r"guide\.wps: unsupported file type \.wps") as info:
        load_source(path)
    assert ".docx, .doc, .pdf, .html" in str(info.value)


def test_pdf_with_garbage_bytes_is_a_broken_pdf(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"this is not a pdf at all\n" * 20)
    with pytest.raises(LoadError, match=r"garbage\.pdf: broken PDF") as info:
        load_source(path)
    assert not isinstance(info.value, NoTextLayerError)
    assert "re-export the PDF" in str(info.value)


def _cjk_pdf(path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(72, 760, PROJECT_LINE)
    pdf.drawString(72, 740, FUNDING_LINE)
    pdf.showPage()
    pdf.save()


def test_pdf_with_a_text_layer_loads_and_parses(tmp_path):
    path = tmp_path / "guide.pdf"
    _cjk_pdf(path)
    source = load_source(path)
    assert source.encoding == "pdf"
    assert PROJECT_LINE in source.text
    guide = build_guide(source.text, guide_id="pdf", source=path.name)
    assert guide.project("项目一").title == "人工智能辅助诊断技术研发"
    assert guide.project("项目一").clause("资助强度及方式").text == "拟支持1项,经费资助不超过100万元。"


def test_pdf_whose_pages_ocr_cannot_read_says_so(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(100, 100, 300, 400, fill=1)
    pdf.showPage()
    pdf.save()
    with pytest.raises(NoTextLayerError, match="check that the scan is legible") as info:
        load_source(path)
    assert str(info.value).startswith("scan.pdf: PDF has no text layer and OCR found no text in it")
    assert isinstance(info.value, LoadError)


def test_docx_paragraphs_and_table_rows_are_loaded(tmp_path):
    from docx import Document

    path = tmp_path / "guide.docx"
    document = Document()
    document.add_paragraph(PROJECT_LINE)
    document.add_paragraph(FUNDING_LINE)
    document.add_paragraph("2.实施周期：不超过3年。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "联系人"
    table.rows[0].cells[1].text = "023-12345678"
    document.save(str(path))

    source = load_source(path)
    assert source.encoding == "docx"
    assert source.text.split("\n") == [PROJECT_LINE, FUNDING_LINE, "2.实施周期：不超过3年。", "联系人\t023-12345678"]
    project = build_guide(source.text, guide_id="docx", source=path.name).project("项目一")
    assert [c.name for c in project.clauses] == ["资助强度及方式", "实施周期"]
    assert project.clause("资助强度及方式").text == "拟支持1项,经费资助不超过100万元。"


def test_docx_table_stays_where_it_is_in_the_document(tmp_path):
    from docx import Document

    path = tmp_path / "guide.docx"
    document = Document()
    document.add_paragraph(PROJECT_LINE)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "资助额度"
    table.rows[0].cells[1].text = "100万元"
    document.add_paragraph("项目二：智能康复设备研发")
    document.add_paragraph("1.实施周期：不超过3年。")
    document.save(str(path))

    text = load_source(path).text
    assert text.split("\n") == [
        PROJECT_LINE,
        "资助额度\t100万元",
        "项目二：智能康复设备研发",
        "1.实施周期：不超过3年。",
    ]


def test_broken_docx_is_a_load_error_naming_the_file(tmp_path):
    path = tmp_path / "~$guide.docx"  # the lock file Word leaves next to an open document
    path.write_bytes(b"\x05Owner" + b"\x20" * 150)
    with pytest.raises(LoadError, match=r"~\$guide\.docx: broken DOCX"):
        load_source(path)


def test_docx_with_broken_xml_inside_is_a_load_error_naming_the_file(tmp_path):
    import zipfile

    from docx import Document

    whole, path = tmp_path / "whole.docx", tmp_path / "cut.docx"
    Document().save(str(whole))
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    with pytest.raises(LoadError, match=r"^cut\.docx: broken DOCX") as info:
        load_source(path)
    assert "re-save the document as .docx" in str(info.value)


def test_wrapped_pdf_text_is_rejoined_into_sentences():
    """Text extracted from a PDF: lines of ~25 characters, blank lines between, a figure cut in two."""
    paragraph = (
        "针对重大疾病早期诊断准确率低、治疗方案针对性差等问题，研发基于多模态数据融合的人工智能辅助诊断系统，"
        "构建覆盖多病种的专病数据库，并在多家医院开展临床验证与推广应用，提升重大疾病的诊疗水平。"
    )
    raw = ["项目一：人工智能辅助诊断技术研发与应用", ""]
    for header in ("1.拟解决问题：", "2.考核指标："):
        text = header + paragraph * 2
        raw += [part for i in range(0, len(text), 25) for part in (text[i : i + 25], "")]
    raw += ["3.资助强度及方式：拟支持1项，资助不", "", "超过 100 万元，承担单位出资不低于 100 万元。", ""]
    raw += ["4.实施周期：不超过 3 年。"]

    lines, wrapped = logical_lines("\n".join(raw))
    assert wrapped
    heads = ("项目一:", "1.拟解决问题:", "2.考核指标:", "3.资助强度及方式:", "4.实施周期:")
    assert len(lines) == len(heads)
    for line, head in zip(lines, heads, strict=True):
        assert line.text.startswith(head), line.text
    assert lines[1].text == "1.拟解决问题:" + (paragraph * 2).replace("，", ",")
    funding = lines[3]
    assert funding.text == "3.资助强度及方式:拟支持1项,资助不超过100万元,承担单位出资不低于100万元。"
    assert raw[funding.first - 1].startswith("3.资助强度及方式")
    assert raw[funding.last - 1].startswith("超过 100 万元")
    assert lines[4].text == "4.实施周期:不超过3年。"


def test_a_space_before_a_large_amount_goes_but_one_before_a_phone_number_stays():
    lines, _ = logical_lines(
        "3.资助强度及方式:不超过 10000 万元,建立 20000 例数据库。\n联系人:何琳 65368251 、 023-65368251"
    )
    assert lines[0].text == "3.资助强度及方式:不超过10000万元,建立20000例数据库。"
    assert lines[1].text == "联系人:何琳 65368251、 023-65368251"

"""Word's automatic numbering as printed: counters per list and level, formats, restarts."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml

from index.loaders.docx import docx_lines
from index.loaders.word_numbering import chinese, format_number

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_numbers_are_formatted_as_word_prints_them():
    assert [chinese(n) for n in (1, 10, 12, 20, 21, 105, 110)] == [
        "一",
        "十",
        "十二",
        "二十",
        "二十一",
        "一百零五",
        "一百一十",
    ]
    assert format_number(3, "chineseCounting") == "三"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(28, "upperLetter") == "BB"
    assert format_number(4, "lowerRoman") == "iv"
    assert format_number(7, "decimal") == "7"


def _numbered_document(tmp_path):
    """A document whose 指南方向N：/（N） labels exist only in numbering.xml, as Word writes them."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {_W} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="指南方向%1："/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {_W} w:numId="7"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in [
        (0, "中欧智能制造联合研发"),
        (1, "合作内容：工业软件"),
        (1, "支持强度：200万元"),
        (0, "东盟农业合作"),
        (1, "合作内容：种质资源"),
    ]:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="7"/></w:numPr>')
        )
    document.add_paragraph("")  # an empty numbered paragraph would print nothing
    path = tmp_path / "numbered.docx"
    document.save(path)
    return docx.Document(path)


def test_a_documents_automatic_numbering_is_written_before_each_paragraph(tmp_path):
    lines = [ln for ln in docx_lines(_numbered_document(tmp_path)) if ln]
    assert lines == [
        "指南方向1：中欧智能制造联合研发",
        "（一）合作内容：工业软件",
        "（二）支持强度：200万元",
        "指南方向2：东盟农业合作",
        "（一）合作内容：种质资源",  # the deeper level restarts under a new direction
    ]

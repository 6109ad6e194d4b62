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


def _list_document(tmp_path, definitions: list[str], paragraphs: list[tuple[str | None, int, str]], styles=()):
    """A document with these numbering.xml elements (abstractNum, num), styles and paragraphs (numId or None, ilvl,
    text)."""
    document = docx.Document()
    for xml in styles:
        document.styles.element.append(parse_xml(xml.replace("<w:style ", f"<w:style {_W} ")))
    numbering = document.part.numbering_part.element
    for xml in definitions:
        numbering.append(
            parse_xml(xml.replace("<w:abstractNum ", f"<w:abstractNum {_W} ").replace("<w:num ", f"<w:num {_W} "))
        )
    for num_id, level, text in paragraphs:
        paragraph = document.add_paragraph(text)
        if num_id is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
            )
    path = tmp_path / "lists.docx"
    document.save(path)
    return [ln for ln in docx_lines(docx.Document(path)) if ln]


_TWO_LEVELS = (
    '<w:abstractNum w:abstractNumId="91">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%2）"/></w:lvl>'
    "</w:abstractNum>"
)


def test_a_list_numbers_on_across_typed_headings_and_another_list_restarts_on_its_own(tmp_path):
    lines = _list_document(
        tmp_path,
        [
            _TWO_LEVELS,
            _TWO_LEVELS.replace('"91"', '"92"'),
            '<w:num w:numId="41"><w:abstractNumId w:val="91"/></w:num>',
            '<w:num w:numId="42"><w:abstractNumId w:val="92"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
        ],
        [
            ("42", 0, "申报表"),
            ("42", 0, "审计报告"),
            (None, 0, "一、研发投入类"),
            ("41", 0, "存量后补助"),
            ("41", 1, "补助对象：规上企业"),
            ("41", 0, "增量后补助"),
            ("41", 1, "适用对象：增长企业"),
            (None, 0, "二、研发平台类"),
            ("41", 0, "研发机构后补助"),
            ("41", 1, "认定范围：研发中心"),
        ],
    )
    assert lines == [
        "1.申报表",
        "2.审计报告",
        "一、研发投入类",
        "1.存量后补助",
        "（1）补助对象：规上企业",
        "2.增量后补助",
        "（1）适用对象：增长企业",
        "二、研发平台类",
        "3.研发机构后补助",  # the typed heading between stops nothing
        "（1）认定范围：研发中心",
    ]


def test_list_instances_over_one_definition_count_on_unless_one_restarts(tmp_path):
    lines = _list_document(
        tmp_path,
        [
            _TWO_LEVELS,
            '<w:num w:numId="51"><w:abstractNumId w:val="91"/></w:num>',
            '<w:num w:numId="52"><w:abstractNumId w:val="91"/></w:num>',
            '<w:num w:numId="53"><w:abstractNumId w:val="91"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
        ],
        [("51", 0, "甲"), ("51", 0, "乙"), ("52", 0, "丙"), ("53", 0, "丁"), ("53", 0, "戊"), ("51", 0, "己")],
    )
    # 52 continues 51's list (Word's "continue numbering"); 53 restarts it at its first paragraph; 51 goes on from there
    assert lines == ["1.甲", "2.乙", "3.丙", "1.丁", "2.戊", "3.己"]


def test_level_restarts_level_overrides_and_legal_numbers(tmp_path):
    lines = _list_document(
        tmp_path,
        [
            '<w:abstractNum w:abstractNumId="93">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/>'
            '<w:lvlText w:val="%2."/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/>'
            '<w:lvlText w:val="%1.%2.%3"/></w:lvl>'
            "</w:abstractNum>",
            '<w:num w:numId="61"><w:abstractNumId w:val="93"/></w:num>',
            '<w:num w:numId="62"><w:abstractNumId w:val="93"/><w:lvlOverride w:ilvl="0">'
            '<w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1部分"/></w:lvl>'
            '<w:startOverride w:val="5"/></w:lvlOverride></w:num>',
        ],
        [
            ("61", 0, "总体要求"),
            ("61", 1, "甲"),
            ("61", 2, "细则"),
            ("61", 0, "支持方向"),
            ("61", 1, "乙"),  # level 1 never restarts (lvlRestart 0): 2 after 1
            ("62", 0, "附则"),  # the instance's own level 0: another format, from 5
        ],
    )
    assert lines == ["一、总体要求", "1.甲", "1.1.1细则", "二、支持方向", "2.乙", "第5部分附则"]


def test_a_definition_linked_to_a_numbering_style_counts_in_that_styles_list(tmp_path):
    lines = _list_document(
        tmp_path,
        [
            _TWO_LEVELS.replace("<w:lvl ", '<w:styleLink w:val="GuideList"/><w:lvl ', 1),
            '<w:abstractNum w:abstractNumId="94"><w:numStyleLink w:val="GuideList"/></w:abstractNum>',
            '<w:num w:numId="71"><w:abstractNumId w:val="91"/></w:num>',
            '<w:num w:numId="72"><w:abstractNumId w:val="94"/></w:num>',
        ],
        [("71", 0, "存量后补助"), ("72", 0, "增量后补助"), ("72", 1, "补助比例：10%")],
        styles=[
            '<w:style w:type="numbering" w:styleId="GuideList"><w:name w:val="Guide List"/>'
            '<w:pPr><w:numPr><w:numId w:val="71"/></w:numPr></w:pPr></w:style>'
        ],
    )
    assert lines == ["1.存量后补助", "2.增量后补助", "（1）补助比例：10%"]

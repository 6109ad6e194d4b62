"""Word's tracked changes read as "accept all changes": inserted and moved text kept, deleted text, deleted
paragraph marks and deleted table rows gone, in paragraphs, table cells and numbering alike."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml

from index.loaders.docx import docx_lines

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_REV = 'w:author="审稿人" w:date="2026-01-01T00:00:00Z"'


def _run(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def _ins(text: str, rev: int) -> str:
    return f'<w:ins w:id="{rev}" {_REV}>{_run(text)}</w:ins>'


def _del(text: str, rev: int) -> str:
    return f'<w:del w:id="{rev}" {_REV}>{_run(text, deleted=True)}</w:del>'


def _paragraph(inner: str, mark: str = "", numbered: bool = False) -> str:
    """A w:p; `mark` "del" or "ins" tracks its paragraph mark, `numbered` puts it in list 7."""
    num = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>' if numbered else ""
    marks = f'<w:rPr><w:{mark} w:id="900" {_REV}/></w:rPr>' if mark else ""
    return f"<w:p {_NS}><w:pPr>{num}{marks}</w:pPr>{inner}</w:p>"


def _document(tmp_path, paragraphs: list[str], table_rows: list[str] = ()):
    """A saved and re-opened document whose body is `paragraphs`, then a one-column table of `table_rows`."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {_NS} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {_NS} w:numId="7"><w:abstractNumId w:val="90"/></w:num>'))
    body = document.element.body
    for xml in paragraphs:
        body.insert(len(body) - 1, parse_xml(xml))  # before the section properties
    if table_rows:
        table = f'<w:tbl {_NS}><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>{"".join(table_rows)}</w:tbl>'
        body.insert(len(body) - 1, parse_xml(table))
    path = tmp_path / "revised.docx"
    document.save(path)
    return docx.Document(path)


def _lines(tmp_path, paragraphs: list[str], table_rows: list[str] = (), keep_empty: bool = False) -> list[str]:
    """The document's lines; empty ones only when `keep_empty` (a paragraph that should be gone leaves none)."""
    return [line for line in docx_lines(_document(tmp_path, paragraphs, table_rows)) if line or keep_empty]


def test_a_revised_figure_reads_as_its_inserted_value(tmp_path):
    lines = _lines(
        tmp_path, [_paragraph(_run("资助额度：每项资助") + _del("8万元", 1) + _ins("10万元", 2) + _run("。"))]
    )
    assert lines == ["资助额度：每项资助10万元。"]


def test_a_wholly_inserted_paragraph_is_read_and_a_wholly_deleted_one_is_gone(tmp_path):
    lines = _lines(
        tmp_path,
        [
            _paragraph(_run("指南方向（五）青年专项")),
            _paragraph(_del("指南方向（六）旧方向", 1), mark="del"),
            _paragraph(_del("资助额度：4万元。", 2), mark="del"),
            _paragraph(_ins("指南方向（六）新方向", 3), mark="ins"),
        ],
        keep_empty=True,
    )
    assert lines == ["指南方向（五）青年专项", "指南方向（六）新方向"]


def test_a_deleted_paragraph_mark_joins_what_is_left_to_the_next_paragraph(tmp_path):
    lines = _lines(tmp_path, [_paragraph(_run("研究期限："), mark="del"), _paragraph(_run("2年。"))])
    assert lines == ["研究期限：2年。"]


def test_moved_text_is_read_where_it_was_moved_to(tmp_path):
    moved_from = f'<w:moveFrom w:id="1" {_REV}>{_run("（限报1项）", deleted=True)}</w:moveFrom>'
    moved_to = f'<w:moveTo w:id="2" {_REV}>{_run("（限报1项）")}</w:moveTo>'
    lines = _lines(tmp_path, [_paragraph(_run("申报要求") + moved_from + _run("：企业牵头") + moved_to)])
    assert lines == ["申报要求：企业牵头（限报1项）"]


def test_a_deleted_numbered_paragraph_does_not_take_a_number(tmp_path):
    lines = _lines(
        tmp_path,
        [
            _paragraph(_run("总体要求"), numbered=True),
            _paragraph(_del("旧的一节", 1), mark="del", numbered=True),
            _paragraph(_run("申报条件"), numbered=True),
        ],
    )
    assert lines == ["一、总体要求", "二、申报条件"]


def test_a_deleted_table_row_is_gone_and_an_inserted_cell_text_is_read(tmp_path):
    def row(inner: str, mark: str = "") -> str:
        properties = f'<w:trPr><w:{mark} w:id="800" {_REV}/></w:trPr>' if mark else ""
        return f"<w:tr>{properties}<w:tc><w:p>{inner}</w:p></w:tc></w:tr>"

    lines = _lines(tmp_path, [], [row(_run("A1")), row(_del("A2", 1), mark="del"), row(_run("B") + _ins("1", 2))])
    assert lines == ["A1", "B1"]

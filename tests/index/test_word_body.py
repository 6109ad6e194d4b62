"""Word's body read through content controls at row and cell level, nested tables and merged cells."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml

from index.loaders.docx import docx_lines

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _control(inner: str, placeholder: bool = False) -> str:
    shown = "<w:showingPlcHdr/>" if placeholder else ""
    return f'<w:sdt><w:sdtPr><w:alias w:val="字段"/>{shown}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'


def _lines(tmp_path, table_xml: str) -> list[str]:
    document = docx.Document()
    document.add_paragraph("表前")
    document.element.body.insert(1, parse_xml(table_xml))
    path = tmp_path / "controls.docx"
    document.save(path)
    return [line for line in docx_lines(docx.Document(path)) if line]


def test_rows_and_cells_inside_content_controls_are_read_where_they_stand(tmp_path):
    rows = (
        f"<w:tr>{_cell('名称')}{_control(_cell('内容'))}</w:tr>"
        + _control(f"<w:tr>{_cell('研究内容')}{_cell('新材料')}</w:tr>")
        + f"<w:tr>{_cell('备注')}{_control(_cell('单击或点击此处输入文字。'), placeholder=True)}{_cell('末列')}</w:tr>"
    )
    table = f"<w:tbl {_W}><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>"
    assert _lines(tmp_path, table) == ["表前", "名称\t内容", "研究内容\t新材料", "备注\t\t末列"]


def test_a_frame_rows_nested_table_gives_rows_and_a_merged_cell_repeats(tmp_path):
    restart = '<w:vMerge w:val="restart"/>'
    inner = (
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{_cell('领域', restart)}{_cell('甲')}</w:tr>"
        f"<w:tr>{_cell('', '<w:vMerge/>')}{_cell('乙')}</w:tr></w:tbl>"
    )
    frame = f"<w:tr><w:tc><w:tcPr/>{inner}<w:p/></w:tc></w:tr>"
    table = f"<w:tbl {_W}><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>{_cell('卡片')}</w:tr>{frame}</w:tbl>"
    assert _lines(tmp_path, table) == ["表前", "卡片", "领域\t甲", "领域\t乙"]

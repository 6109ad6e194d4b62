"""Guides published as Excel workbooks (.xlsx): each visible sheet in order under its name, rows of one text as
paragraphs, other rows as tab-joined table rows with merged cells filled and hidden rows and columns left out,
numbers and dates as their formats print them; the project sheet's rows then parse to units like any table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from index.errors import LoadError, UnsupportedFileError
from index.load import load_source
from index.loaders.xlsx import cell_text, date_text, number_text
from index.metadata import read_metadata
from index.parse import build_guide
from index.vocab import units

NOTICE = [
    "澄溪县科学技术局关于组织申报2026年度县级科技项目的通知",
    "澄科〔2026〕2号",
    "一、申报条件",
    "（一）项目负责人年龄不超过57周岁。",
    "澄溪县科学技术局",
    "2026年3月6日",
]
HEADER = ["序号", "类别", "方向编号", "方向名称", "主要内容及考核指标", "资助金额（万元）", "实施期限", "备注"]


def _notice_sheet(ws, lines=NOTICE, width=8):
    for r, text in enumerate(lines, start=1):
        ws.cell(r, 1, text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)


def _project_sheet(ws):
    ws.cell(1, 1, "澄溪县2026年度科技项目申报指南")
    ws.merge_cells("A1:H1")
    for c, head in enumerate(HEADER, start=1):
        ws.cell(2, c, head)
    rows = [
        (
            1,
            "一、技术攻关",
            "CX-01",
            "茶叶机采加工工艺研究",
            "研究机采鲜叶加工工艺。考核指标：新增产值100万元。",
            40,
            "2年",
            "",
        ),
        (
            2,
            None,
            "CX-02",
            "中蜂病害综合防控技术研究",
            "研究中蜂病害防控。考核指标：培训100人次。",
            12.500000001,
            "1年",
            "可联合申报",
        ),
        (3, "二、示范推广", "CX-03", "稻渔综合种养模式示范", "推广稻渔模式。考核指标：示范基地80亩。", 20, "2年", ""),
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            if value not in (None, ""):
                ws.cell(r, c, value)
    ws.merge_cells("B3:B4")  # the 类别 printed once for the two rows of its group
    ws.cell(6, 1, "合计")
    ws.merge_cells("A6:E6")
    ws.cell(6, 6, 72.5)
    ws.cell(7, 1, "注：资助金额为每项资助上限。")
    ws.merge_cells("A7:H7")


def _workbook(tmp_path: Path, build) -> Path:
    wb = Workbook()
    build(wb)
    path = tmp_path / "guide.xlsx"
    wb.save(path)
    return path


def _guide_workbook(wb):
    notice = wb.active
    notice.title = "通知"
    _notice_sheet(notice)
    _project_sheet(wb.create_sheet("项目指南"))
    contacts = wb.create_sheet("联系方式")
    contacts.append(["事项", "联系人", "电话"])
    contacts.append(["业务咨询", "郦明远", "0571-58210001"])


def test_sheets_come_in_order_under_their_names_and_merged_notice_rows_are_paragraphs(tmp_path):
    lines = load_source(_workbook(tmp_path, _guide_workbook)).text.split("\n")
    assert lines[:3] == ["通知", NOTICE[0], NOTICE[1]]
    assert lines.index("项目指南") < lines.index("联系方式")
    assert "澄溪县2026年度科技项目申报指南" in lines  # a title merged across the sheet: one paragraph, not 8 cells
    assert "注：资助金额为每项资助上限。" in lines
    assert lines[-2:] == ["事项\t联系人\t电话", "业务咨询\t郦明远\t0571-58210001"]


def test_a_cell_merged_down_names_every_row_it_spans_and_numbers_print_without_noise(tmp_path):
    lines = load_source(_workbook(tmp_path, _guide_workbook)).text.split("\n")
    rows = [ln.split("\t") for ln in lines if ln.startswith(("1\t", "2\t", "3\t"))]
    assert [r[1] for r in rows] == ["一、技术攻关", "一、技术攻关", "二、示范推广"]
    assert [r[5] for r in rows] == ["40", "12.5", "20"]
    assert rows[1][7] == "可联合申报" and rows[0][7] == ""  # every row keeps the header's width


def test_hidden_sheets_rows_and_columns_are_not_published_text(tmp_path):
    def build(wb):
        ws = wb.active
        ws.title = "指南"
        ws.append(["方向名称", "资助金额（万元）", "上年度资助（万元）"])
        ws.append(["茶叶机采加工工艺研究", 40, 30])
        ws.append(["已取消的方向", 10, 10])
        ws.column_dimensions["C"].hidden = True
        ws.row_dimensions[3].hidden = True
        draft = wb.create_sheet("草稿")
        draft.append(["内部测算表"])
        draft.sheet_state = "hidden"

    text = load_source(_workbook(tmp_path, build)).text
    assert text.split("\n") == [
        "方向名称\t资助金额（万元）",
        "茶叶机采加工工艺研究\t40",
    ]  # one visible sheet: no heading


def test_a_sheet_whose_first_line_prints_its_name_is_not_headed_twice(tmp_path):
    def build(wb):
        wb.active.title = "通知"
        wb.active.append(["关于组织申报2026年度项目的通知"])
        contacts = wb.create_sheet("联系方式")
        contacts.append(["联系方式"])
        contacts.append(["联系人", "电话"])

    lines = load_source(_workbook(tmp_path, build)).text.split("\n")
    assert lines == ["通知", "关于组织申报2026年度项目的通知", "联系方式", "联系人\t电话"]


def test_a_line_break_in_a_paragraph_cell_starts_a_line_and_in_a_table_cell_is_a_space(tmp_path):
    def build(wb):
        ws = wb.active
        ws.append(["一、申报条件\n（一）企业牵头。"])
        ws.append(["方向名称", "申报条件"])
        ws.append(["茶叶机采", "县内企业\n销售收入500万元以上"])

    lines = load_source(_workbook(tmp_path, build)).text.split("\n")
    assert lines == ["一、申报条件", "（一）企业牵头。", "方向名称\t申报条件", "茶叶机采\t县内企业 销售收入500万元以上"]


def test_a_paragraph_merged_down_several_rows_is_read_once(tmp_path):
    def build(wb):
        ws = wb.active
        ws["A1"] = "一、申报条件：企业牵头，产学研联合申报。"
        ws.merge_cells("A1:F3")
        ws["A4"] = "二、申报时间"

    assert load_source(_workbook(tmp_path, build)).text.split("\n") == [
        "一、申报条件：企业牵头，产学研联合申报。",
        "二、申报时间",
    ]


def test_a_lone_text_off_the_first_column_is_a_paragraph_outside_a_table_and_a_cell_inside_one(tmp_path):
    def build(wb):
        ws = wb.active
        ws["C1"] = "澄溪县2026年度科技项目申报指南"  # a title centred by typing it further right, not merged
        ws.append(["方向名称", "实施期限", "备注"])
        ws.append(["茶叶机采加工工艺研究", "2年", ""])
        ws.append(["", "", "可联合申报"])  # a row of the table with one filled cell

    assert load_source(_workbook(tmp_path, build)).text.split("\n") == [
        "澄溪县2026年度科技项目申报指南",
        "方向名称\t实施期限\t备注",
        "茶叶机采加工工艺研究\t2年\t",
        "\t\t可联合申报",
    ]


@pytest.mark.parametrize(
    ("value", "fmt", "printed"),
    [
        (40, "General", "40"),
        (12.5, "0.00E+00", "12.5"),
        (40.0, "0", "40"),
        (12.500000001, "General", "12.5"),
        (0.1 + 0.2, "General", "0.3"),
        (12.5, "0.0", "12.5"),
        (12.5, "0.00", "12.50"),
        (12.5, "0", "13"),  # Excel rounds half away from zero
        (1234.5, "#,##0.00", "1,234.50"),
        (0.05, "0%", "5%"),
        (40, '0"万元"', "40万元"),
        (12.5, '0.0"万元/项"', "12.5万元/项"),
        (12.5, "0.##", "12.5"),
        (3, "[Red]0;[Blue]-0", "3"),
        (True, "General", "TRUE"),
    ],
)
def test_a_number_is_written_as_its_format_prints_it(value, fmt, printed):
    assert number_text(value, fmt) == printed


@pytest.mark.parametrize(
    ("value", "fmt", "printed"),
    [
        (dt.datetime(2026, 3, 6), 'yyyy"年"m"月"d"日"', "2026年3月6日"),
        (dt.datetime(2026, 3, 6), "yyyy年m月d日", "2026年3月6日"),
        (dt.datetime(2026, 4, 3, 17, 30), "yyyy/m/d h:mm", "2026/4/3 17:30"),
        (dt.datetime(2026, 3, 6), "yyyy-mm-dd", "2026-03-06"),
        (dt.datetime(2026, 3, 6), "General", "2026-03-06"),
        (dt.datetime(2026, 4, 3, 17, 30), "", "2026-04-03 17:30"),
        (dt.time(17, 30), "h:mm", "17:30"),
    ],
)
def test_a_date_is_written_as_its_format_prints_it(value, fmt, printed):
    assert date_text(value, fmt) == printed


def test_a_date_cell_in_a_workbook_reads_as_printed(tmp_path):
    def build(wb):
        ws = wb.active
        ws.append(["申报截止", dt.datetime(2026, 4, 3)])
        ws["B1"].number_format = 'yyyy"年"m"月"d"日"'

    assert load_source(_workbook(tmp_path, build)).text == "申报截止\t2026年4月3日"


def test_cell_text_of_text_and_empty_cells():
    assert cell_text(None) == ""
    assert cell_text("  茶叶\r\n机采 ") == "茶叶\n机采"


def test_the_project_sheet_parses_to_its_units_with_the_header_unit_on_bare_numbers(tmp_path):
    path = _workbook(tmp_path, _guide_workbook)
    guide = build_guide(load_source(path).text, guide_id="guide", source=path.name)
    assert [p.label for p in guide.projects] == ["CX-01", "CX-02", "CX-03"]  # no 合计 unit, no 注 unit
    assert [p.group for p in guide.projects] == ["一、技术攻关", "一、技术攻关", "二、示范推广"]
    funding = [c for p in guide.projects for c in p.clauses if c.kind == "funding"]
    assert [c.text for c in funding] == ["40万元", "12.5万元", "20万元"]
    content = guide.projects[0].clauses[0]
    assert (content.name, content.kind) == ("主要内容及考核指标", "content")
    assert guide.title == "澄溪县2026年度科技项目申报指南"


def test_a_header_unit_per_unit_of_count_goes_with_the_number():
    structure = units().structure
    assert structure.header_unit_of("县财政资助（万元/项）") == ("县财政资助", "万元/项")
    assert structure.header_unit_of("资助金额（万元）") == ("资助金额", "万元")


def test_a_funding_column_named_by_its_last_word_and_printing_its_unit_is_funding(tmp_path):
    def build(wb):
        ws = wb.active
        ws.append(["方向编号", "方向名称", "研究内容", "县财政资助（万元/项）", "实施期限"])
        ws.append(["QX-01", "茶叶机采加工工艺研究", "研究机采鲜叶加工工艺。", 25, "2年"])
        ws.append(["QX-02", "中蜂病害综合防控技术研究", "研究中蜂病害防控。", 12.5, "1年"])

    path = _workbook(tmp_path, build)
    guide = build_guide(load_source(path).text, guide_id="guide", source=path.name)
    found = [(c.name, c.kind, c.text) for p in guide.projects for c in p.clauses if c.name == "县财政资助"]
    assert found == [("县财政资助", "funding", "25万元/项"), ("县财政资助", "funding", "12.5万元/项")]


def test_a_sheet_name_after_the_signature_date_is_no_title():
    text = "\n".join([*NOTICE, "项目指南", "澄溪县2026年度科技项目申报指南", "方向名称\t资助金额"])
    assert read_metadata(text).title == "澄溪县2026年度科技项目申报指南"
    bare = "\n".join(["关于组织申报2026年度项目的通知", "项目指南", "方向名称\t资助金额"])
    assert read_metadata(bare).title == "关于组织申报2026年度项目的通知"


def test_a_broken_workbook_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "guide.xlsx"
    path.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(LoadError, match=r"guide\.xlsx: broken XLSX") as info:
        load_source(path)
    assert "save it" in str(info.value)


def test_an_excel_97_workbook_is_named_unsupported_with_what_to_do(tmp_path):
    path = tmp_path / "guide.xls"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 64)
    with pytest.raises(UnsupportedFileError, match=r"guide\.xls: unsupported file type \.xls") as info:
        load_source(path)
    assert "Excel 97–2003" in str(info.value) and "save it as .xlsx" in str(info.value)

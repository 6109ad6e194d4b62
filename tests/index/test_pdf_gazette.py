"""A guide reprinted in a government gazette: every page in two columns under a centre rule, nothing full-width, a
narrow ruled table inside a column, the tail of the item before and the start of the item after on its pages. The
columns are read one after the other, the table's rows stay in their column, and only the guide's item is kept."""

from __future__ import annotations

from pathlib import Path

from index.gazetteer import gazetteer
from index.load import load_source
from index.loaders.columns import Row, find_columns
from index.loaders.gazette import gazette_item
from index.metadata import read_metadata
from tests.index.test_pdf_columns import TASKS, TOPICS, _line, _style, cjk  # noqa: F401 (cjk: a fixture)

TAIL = "（四）加强督促检查。各地要将政策落实情况纳入年度绩效考核，适时开展专项督查，对推进不力的予以通报。"
NEXT = "根据绩效评价办法，省科学技术厅组织开展了年度评价工作，十二家机构评价结果为优秀，每家给予二百万元奖补。"


def _gazette(path: Path, font: str) -> Path:
    """Two pages of a gazette issue: two columns under a centre rule, a running head and a page number."""
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

    width, height = A4
    margin, gap = 18 * mm, 8 * mm
    column = (width - 2 * margin - gap) / 2
    body = height - 22 * mm - 18 * mm

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawString(margin, height - 14 * mm, "2026年第7期")
        canvas.drawRightString(width - margin, height - 14 * mm, "邶岢省人民政府公报")
        canvas.line(width / 2, 18 * mm, width / 2, height - 22 * mm)  # the centre rule
        canvas.drawCentredString(width / 2, 10 * mm, f"— {30 + doc.page} —")
        canvas.restoreState()

    def style(**kw):
        s = _style(font)
        for key, value in kw.items():
            setattr(s, key, value)
        return s

    centred = style(alignment=TA_CENTER, firstLineIndent=0)
    table = Table(
        [["编号", "方向名称", "拟支持数"]] + [[f"1.{n}", TOPICS[n - 1], f"{n + 1}项"] for n in range(1, 4)],
        colWidths=[12 * mm, 50 * mm, 16 * mm],
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONT", (0, 0), (-1, -1), font, 8)]))
    story = [
        Paragraph(TAIL, style()),
        Paragraph("邶岢省人民政府办公厅", style(alignment=TA_RIGHT, firstLineIndent=0)),
        Paragraph("2026年3月27日", style(alignment=TA_RIGHT, firstLineIndent=0)),
        Paragraph("（此件公开发布）", centred),
        Paragraph("【部门文件】", style(firstLineIndent=0)),
        Paragraph(
            "邶岢省科学技术厅关于发布2026年度省科技项目申报指南的通知",
            style(fontSize=13, leading=19, alignment=TA_CENTER, firstLineIndent=0),
        ),
        Paragraph("邶科发〔2026〕21号", centred),
        Paragraph("各设区市科技局，各有关单位：", style(firstLineIndent=0)),
        Paragraph("现将2026年度省科技项目申报指南予以发布，请按要求组织申报。各方向拟支持项目数见表1。", style()),
        Paragraph("表1 各方向拟支持数", centred),
        table,
    ]
    for n in range(1, 4):
        story += [
            Paragraph(f"1.{n} {TOPICS[n - 1]}", style(firstLineIndent=0)),
            Paragraph(TASKS[n - 1], style()),
            Paragraph(f"支持强度：省财政每项不超过{n * 100}万元。", style()),
        ]
    story += [
        Paragraph("邶岢省科学技术厅", style(alignment=TA_RIGHT, firstLineIndent=0)),
        Paragraph("2026年3月31日", style(alignment=TA_RIGHT, firstLineIndent=0)),
        Paragraph(
            "邶岢省科学技术厅关于公布2025年度省级新型研发机构绩效评价结果的通知",
            style(fontSize=13, leading=19, alignment=TA_CENTER, firstLineIndent=0),
        ),
        Paragraph("邶科发〔2026〕19号", centred),
        Paragraph("各设区市科技局：", style(firstLineIndent=0)),
        Paragraph(NEXT, style()),
    ]
    frames = [Frame(margin, 18 * mm, column, body), Frame(margin + column + gap, 18 * mm, column, body)]
    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([PageTemplate(id="gazette", frames=frames, onPage=furniture)])
    doc.build(story)
    return path


def test_a_gazette_reprint_reads_its_columns_in_order_and_keeps_only_the_guides_item(cjk, tmp_path):  # noqa: F811
    text = load_source(_gazette(tmp_path / "gazette.pdf", cjk)).text
    lines = [line for line in text.splitlines() if line.strip()]
    # the item before (its tail, signature and date) and the item after are gone, and so is the page furniture
    assert "加强督促检查" not in text and "人民政府办公厅" not in text and NEXT[:10] not in text
    assert "绩效评价结果" not in text and "公报" not in text and "—" not in text and "【部门文件】" not in text
    assert "".join(lines[:2]) == "邶岢省科学技术厅关于发布2026年度省科技项目申报指南的通知"
    assert lines[2] == "邶科发〔2026〕21号"
    # the narrow table inside the left column: its rows, in their place between the paragraphs around it
    head = lines.index("编号\t方向名称\t拟支持数")
    assert lines[head - 1] == "表1 各方向拟支持数"
    assert lines[head + 1 : head + 4] == [f"1.{n}\t{TOPICS[n - 1]}\t{n + 1}项" for n in range(1, 4)]
    assert lines[head + 4] == f"1.1 {TOPICS[0]}"
    # the units in order, each task one paragraph again after its heading, not interleaved with the other column
    for n in range(1, 4):
        i = lines.index(f"1.{n} {TOPICS[n - 1]}")
        assert lines[i + 1 : i + 3] == [TASKS[n - 1], f"支持强度：省财政每项不超过{n * 100}万元。"]
    meta = read_metadata(text)
    assert (meta.issuer, meta.region, meta.date) == ("邶岢省科学技术厅", "邶岢省", "2026-03-31")


def test_a_table_inside_one_column_counts_as_that_columns_text():
    rows = []
    for k in range(40):
        top = 60 + 14 * k
        ink = _line(50, 22 if k % 6 != 5 else 9, top)
        if not 12 <= k < 28:  # the right column's text stops for a table over sixteen lines' height
            ink += _line(320, 22 if k % 6 != 5 else 9, top)
        rows.append(Row(top, top + 10, ink))
    rows.insert(13, Row(60 + 14 * 12, 60 + 14 * 28 - 4, [(330, 530, 60 + 14 * 12, 60 + 14 * 28 - 4)], table=True))
    layout = find_columns(rows, (0, 590))
    assert layout is not None and [round(g) for g in layout.gutters] == [295]


def _short_page(ruled: bool) -> Row:
    rows = [Row(60 + 14 * k, 70 + 14 * k, _line(50, 22 if k < 3 else 8, 60 + 14 * k)) for k in range(4)]
    rows[1].ink += _line(320, 12, 74)  # the right column's last two lines
    rows[2].ink += _line(320, 6, 88)
    return find_columns(rows, (0, 590), [(295, 40, 800)] if ruled else None)


def test_a_centre_rule_is_a_gutter_even_where_the_columns_hold_a_few_lines():
    layout = _short_page(ruled=True)
    assert layout is not None and layout.gutters == [295] and layout.runs == [(0, 4, True)]
    assert _short_page(ruled=False) is None  # no rule: too little text to tell columns from a line's gaps


def test_a_vertical_rule_that_text_crosses_is_no_gutter():
    rows = [Row(60 + 14 * k, 70 + 14 * k, _line(50, 50, 60 + 14 * k)) for k in range(20)]  # full-width lines
    assert find_columns(rows, (0, 590), [(295, 40, 800)]) is None


ITEM = [
    "邶岢省科学技术厅关于发布2026年度",
    "省科技项目申报指南的通知",
    "邶科发〔2026〕21号",
    "各设区市科技局：",
    *TASKS,
    "邶岢省科学技术厅",
    "2026年3月31日",
]


def test_a_gazette_item_under_the_tail_of_another_is_kept_alone():
    before = [TAIL, "邶岢省人民政府办公厅", "2026年3月27日", "（此件公开发布）【部门文件】"]
    after = ["邶岢省科学技术厅关于公布评价结果的通知", "邶科发〔2026〕19号", "各设区市科技局：", NEXT]
    kept = gazette_item(before + ITEM + after)
    assert kept == [""] * len(before) + ITEM + [""] * len(after)  # blanked: every line keeps its number


def test_a_column_head_above_the_item_marks_a_gazette_and_the_next_ones_head_is_cut_off():
    lines = [
        "【部门文件】",
        *ITEM[:-1],
        ITEM[-1] + "【部门文件】",
        "邶岢省财政厅关于下达资金的通知",
        "邶财发〔2026〕3号",
        NEXT,
    ]
    assert gazette_item(lines) == ["", *ITEM, "", "", ""]


def test_a_notice_that_is_no_gazette_item_is_left_as_it_is():
    red_head = ["邶岢省科学技术厅文件", "邶科发〔2026〕21号", "关于发布2026年度省科技项目申报指南的通知", *ITEM[3:]]
    assert gazette_item(red_head) == red_head  # the 文号 above the title: a red-headed document
    assert gazette_item(ITEM) == ITEM  # nothing above its title
    cited = [*ITEM[:-2], "关于印发科技计划管理办法的通知", "邶科发〔2024〕5号", *ITEM[-2:]]
    assert gazette_item(cited) == cited  # a notice cited on two lines in the text, no item ending above it


def test_two_issuers_run_together_are_two():
    gaz = gazetteer()
    assert gaz.run_issuers("罍峒市科学技术局罍峒市卫生健康委员会") == ["罍峒市科学技术局", "罍峒市卫生健康委员会"]
    assert gaz.run_issuers("邶岢市科学技术局邶岢市财政局邶岢市农业农村局") == [
        "邶岢市科学技术局",
        "邶岢市财政局",
        "邶岢市农业农村局",
    ]
    for one in ("邶岢市科学技术局", "邶岢市岚溪区科学技术和工业信息化局", "重庆市沙坪坝区科学技术局"):
        assert gaz.run_issuers(one) == [one]
    # a web page's signature whose two ideographic spaces collapsed into one space
    meta = read_metadata(
        "关于组织申报2026年度邶岢市社会发展科技专项的通知\n正文。\n邶岢市科学技术局 邶岢市卫生健康委员会\n2026年3月18日"
    )
    assert meta.issuer == "邶岢市科学技术局、邶岢市卫生健康委员会"
    assert meta.region == "邶岢市"

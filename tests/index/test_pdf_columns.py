"""A PDF page printed in columns (a government gazette: a full-width title block, then two columns of body text)
reads column by column, with wrapped lines re-joined inside each column; single-column pages, form lines and
unruled tables stay as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.load import load_source
from index.loaders.columns import Row, find_columns

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

TOPICS = [
    "智能网联汽车封闭场地测试",
    "城市道路桥梁结构健康监测",
    "港口集装箱智能理货系统",
    "高速公路隧道火灾早期预警",
    "农村公路养护决策支持平台",
    "公共交通客流实时感知",
]
TASKS = [
    "研究内容：面向封闭测试场构建自动驾驶功能安全评价方法，研制场景编排与远程监控平台，形成测试规程草案两项。",
    "研究内容：研发桥梁挠度与索力多源感知装置，建立结构损伤识别模型，在五座城市桥梁开展连续一年的监测应用。",
    "研究内容：研究岸桥吊具下箱号与箱损图像识别算法，开发理货作业调度软件，识别准确率不低于百分之九十八。",
    "研究内容：研究隧道烟气温度场快速反演方法，研制分布式光纤测温与视频融合预警终端，报警时间小于六十秒。",
    "研究内容：建立农村公路路况快速检测指标体系，开发养护资金分配优化模型，在三个区县完成养护计划编制示范。",
    "研究内容：融合公交刷卡与车载视频数据研究站点客流实时估计方法，开发线网运力动态调度系统并上线运行。",
]


@pytest.fixture(scope="module")
def cjk() -> str:
    if not FONT.exists():
        pytest.skip(f"CJK font {FONT} is not installed (apt-get install fonts-wqy-microhei)")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("WQY", str(FONT), subfontIndex=0))
    return "WQY"


def _style(font: str, size: float = 10, centred: bool = False, indent: bool = True):
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(
        "s",
        fontName=font,
        fontSize=size,
        leading=size * 1.45,
        alignment=TA_CENTER if centred else TA_JUSTIFY,
        firstLineIndent=2 * size if indent and not centred else 0,
        wordWrap="CJK",
    )


def _build(path: Path, frames: list, story: list) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, PageTemplate

    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([PageTemplate(id="page", frames=frames)])
    doc.build(story)
    return path


def _two_column_frames(title_height: float) -> list:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Frame

    width, height = A4
    margin, gap = 18 * mm, 8 * mm
    column = (width - 2 * margin - gap) / 2
    body = height - 20 * mm - title_height - 18 * mm
    return [
        Frame(margin, height - 20 * mm - title_height, width - 2 * margin, title_height),
        Frame(margin, 18 * mm, column, body),
        Frame(margin + column + gap, 18 * mm, column, body),
    ]


def _units(font: str, numbers: range) -> list:
    from reportlab.platypus import Paragraph

    story = []
    for n in numbers:
        story.append(Paragraph(f"{n}. {TOPICS[n - 1]}", _style(font, indent=False)))
        story.append(Paragraph(TASKS[n - 1], _style(font)))
        story.append(Paragraph(f"支持强度：最高不超过{n * 50}万元。", _style(font)))
    return story


def _lines(path: Path) -> list[str]:
    return load_source(path).text.splitlines()


def test_a_two_column_page_reads_title_then_left_column_then_right_column(cjk, tmp_path):
    from reportlab.lib.units import mm
    from reportlab.platypus import FrameBreak, Paragraph

    story = [
        Paragraph("邶岢市交通运输委员会关于发布科技项目申报指南的通知", _style(cjk, 15, centred=True)),
        Paragraph("邶交委科〔2026〕19号", _style(cjk, 11, centred=True)),
        FrameBreak(),
        *_units(cjk, range(1, 4)),
        FrameBreak(),
        *_units(cjk, range(4, 7)),
    ]
    lines = _lines(_build(tmp_path / "gazette.pdf", _two_column_frames(30 * mm), story))

    assert lines[:2] == ["邶岢市交通运输委员会关于发布科技项目申报指南的通知", "邶交委科〔2026〕19号"]
    heads = [i for i, line in enumerate(lines) if line[:2] in {f"{n}." for n in range(1, 7)}]
    assert [lines[i] for i in heads] == [f"{n}. {TOPICS[n - 1]}" for n in range(1, 7)]  # in order, not interleaved
    for n, i in enumerate(heads, start=1):
        # each unit's wrapped task is one line again, right after its title, then its funding line
        assert lines[i + 1 : i + 3] == [TASKS[n - 1], f"支持强度：最高不超过{n * 50}万元。"]


def test_a_paragraph_running_from_the_left_column_into_the_right_one_is_rejoined(cjk, tmp_path):
    from reportlab.lib.units import mm
    from reportlab.platypus import FrameBreak, Paragraph

    # one sentence long enough to fill the left column and go on at the top of the right one
    text = "，".join(task[5:-1] for task in TASKS * 5) + "。"
    story = [Paragraph("申报须知", _style(cjk, 15, centred=True)), FrameBreak(), Paragraph(text, _style(cjk))]
    lines = _lines(_build(tmp_path / "flow.pdf", _two_column_frames(20 * mm), story))
    assert lines == ["申报须知", text]


def test_a_full_width_ruled_table_between_column_blocks_stays_in_place(cjk, tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Frame, FrameBreak, Paragraph, Table, TableStyle

    width, height = A4
    margin, gap = 18 * mm, 8 * mm
    column = (width - 2 * margin - gap) / 2
    top = height - 40 * mm - 85 * mm
    frames = [
        Frame(margin, height - 40 * mm, width - 2 * margin, 20 * mm),
        Frame(margin, top, column, 85 * mm),
        Frame(margin + column + gap, top, column, 85 * mm),
        Frame(margin, top - 40 * mm, width - 2 * margin, 40 * mm),
        Frame(margin, 18 * mm, column, top - 40 * mm - 18 * mm),
        Frame(margin + column + gap, 18 * mm, column, top - 40 * mm - 18 * mm),
    ]
    table = Table([["编号", "方向", "支持强度"]] + [[f"ZN-0{n}", TOPICS[n - 1], f"{n * 50}万元"] for n in range(1, 4)])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONT", (0, 0), (-1, -1), cjk, 10)]))
    story = [Paragraph("申报指南", _style(cjk, 15, centred=True)), FrameBreak()]
    story += [*_units(cjk, range(1, 3)), FrameBreak(), *_units(cjk, range(3, 5)), FrameBreak(), table, FrameBreak()]
    story += [*_units(cjk, range(5, 6)), FrameBreak(), *_units(cjk, range(6, 7))]
    lines = _lines(_build(tmp_path / "table.pdf", frames, story))

    first = lines.index("编号\t方向\t支持强度")
    assert lines.index(TASKS[3]) < first < lines.index(TASKS[4])  # after the upper columns, before the lower ones
    assert lines[first + 1] == f"ZN-01\t{TOPICS[0]}\t50万元"
    assert [line for line in lines if line.startswith("研究内容")] == TASKS


def _single_column(path: Path, font: str, middle: list) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Frame, Paragraph

    width, height = A4
    story = [Paragraph("关于组织申报2026年度科技项目的通知", _style(font, 15, centred=True))]
    story += [Paragraph(task, _style(font)) for task in TASKS[:3]]
    story += middle
    story += [Paragraph(task, _style(font)) for task in TASKS[3:]]
    return _build(path, [Frame(25 * mm, 20 * mm, width - 50 * mm, height - 40 * mm)], story)


def test_a_form_line_on_a_single_column_page_stays_one_line(cjk, tmp_path):
    from reportlab.platypus import Paragraph

    gap = "&nbsp;" * 40
    form = [Paragraph(f"联系人：张三{gap}电话：0571-8888{n}666", _style(cjk, indent=False)) for n in range(8)]
    lines = _lines(_single_column(tmp_path / "form.pdf", cjk, form))
    assert [line for line in lines if line.startswith("联系人")] == [
        f"联系人：张三 电话：0571-8888{n}666" for n in range(8)
    ]
    assert [line for line in lines if line.startswith("研究内容")] == TASKS


def test_an_unruled_two_column_table_is_still_read_row_by_row(cjk, tmp_path):
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    rows = [
        [
            Paragraph(f"{n}. {TOPICS[n - 1]}：{TASKS[n - 1][5:]}", _style(cjk, indent=False)),
            Paragraph(TASKS[-n], _style(cjk, indent=False)),
        ]
        for n in range(1, 7)
    ]
    table = Table(rows, colWidths=[80 * mm, 80 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 10)]))
    text = load_source(_single_column(tmp_path / "unruled.pdf", cjk, [table])).text
    # the second row's left cell comes after the first row's right cell: rows, not columns
    assert text.index(TASKS[-1][5:12]) < text.index(f"2. {TOPICS[1]}")


def _line(x0: float, chars: int, top: float, size: float = 10.0) -> list[tuple[float, float, float, float]]:
    return [(x0 + i * size, x0 + (i + 1) * size, top, top + size) for i in range(chars)]


def test_three_columns_are_found_from_the_ink_alone():
    rows = [Row(40, 56, _line(150, 30, 40, 16))]  # a centred title over all three columns
    for k in range(30):
        top = 80 + 14 * k
        chars = 16 if k % 5 != 4 else 7  # a paragraph's short last line now and then
        ink = _line(50, chars, top) + _line(230, chars, top) + _line(410, chars, top)
        rows.append(Row(top, top + 10, ink))
    layout = find_columns(rows, (0, 620))
    assert layout is not None
    assert [round(g) for g in layout.gutters] == [220, 400]
    assert layout.runs == [(0, 1, False), (1, 31, True)]


def test_short_centred_lines_are_no_columns():
    rows = [
        Row(60 + 30 * k, 76 + 30 * k, _line(300 - 8 * (4 + k % 5), 2 * (4 + k % 5), 60 + 30 * k, 16)) for k in range(20)
    ]
    assert find_columns(rows, (0, 600)) is None

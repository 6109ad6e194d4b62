"""Ruled tables on scanned pages come back as tab-joined rows; pages without rules read as before; a page scanned
sideways is read the right way up."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from index.load import load_source
from index.loaders.layout import PageLine
from index.loaders.ocr import ocr_lines
from index.loaders.ocr_orientation import is_sideways, upright_turn
from index.loaders.ocr_table import find_grids, split_tables

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
pytestmark = pytest.mark.skipif(not FONT.exists(), reason="needs the WenQuanYi CJK font")

# 3 columns × 3 rows; the wide column wraps its text onto two lines inside the cell
TABLE = [
    ["编号", "项目名称", "支持标准"],
    ["A-01", "智能制造示范", ["每项补助不超过", "五十万元"]],
    ["A-02", "绿色低碳改造", ["按投资额的百分之十", "给予奖励"]],
]
ROWS = [
    "编号\t项目名称\t支持标准",
    "A-01\t智能制造示范\t每项补助不超过五十万元",
    "A-02\t绿色低碳改造\t按投资额的百分之十给予奖励",
]


def _page(draw_table: bool, angle: float = 0.0) -> Image.Image:
    """An A4 page at 150 dpi: a heading, a paragraph, and (optionally) the ruled table below them."""
    page = Image.new("L", (1240, 1754), 236)  # tinted paper
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 30)
    draw.text((150, 150), "关于开展二〇二六年度项目申报的通知", font=font, fill=20)
    draw.text((150, 230), "各有关单位：现将申报事项通知如下。", font=font, fill=20)
    draw.text((150, 290), "一、支持方向见下表。", font=font, fill=20)
    if draw_table:
        xs, ys = [150, 300, 600, 1090], [380, 450, 580, 710]
        for x in xs:
            draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=2)
        for y in ys:
            draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
        for r, row in enumerate(TABLE):
            for c, cell in enumerate(row):
                for k, text in enumerate([cell] if isinstance(cell, str) else cell):
                    draw.text((xs[c] + 15, ys[r] + 15 + 45 * k), text, font=font, fill=20)
    draw.text((150, 780), "二、申报时间为二〇二六年五月。", font=font, fill=20)
    if angle:
        page = page.rotate(angle, resample=Image.BICUBIC, fillcolor=236)
    return page


def _pdf(tmp_path: Path, image: Image.Image) -> Path:
    path = tmp_path / "scan.pdf"
    image.convert("RGB").save(path, "PDF", resolution=150)
    return path


def _rows(text: str) -> list[str]:
    return [line for line in text.split("\n") if "\t" in line]


@pytest.mark.parametrize("angle", [0.0, 0.6], ids=["straight", "skewed"])
def test_scanned_ruled_table_loads_as_tab_joined_rows(tmp_path, angle):
    source = load_source(_pdf(tmp_path, _page(draw_table=True, angle=angle)))
    assert source.ocr_pages == 1
    assert _rows(source.text) == ROWS
    lines = source.text.split("\n")
    # the text around the table stays where it was, as plain lines (OCR may drop the thin "一")
    before = next(k for k, line in enumerate(lines) if "支持方向见下表" in line)
    after = next(k for k, line in enumerate(lines) if "申报时间为" in line)
    assert before < lines.index(ROWS[0]) < lines.index(ROWS[-1]) < after
    assert "\t" not in lines[before] + lines[after]


def test_page_without_rules_reads_line_for_line_as_without_table_logic():
    image = np.asarray(_page(draw_table=False).convert("RGB"))
    assert find_grids(image) == []
    with_tables = ocr_lines(image)
    without = ocr_lines(image, tables=False)
    assert [(ln.text, ln.x0, ln.x1, ln.top, ln.bottom, ln.table) for ln in with_tables] == [
        (ln.text, ln.x0, ln.x1, ln.top, ln.bottom, ln.table) for ln in without
    ]


def _grid_image(merged_first_column: bool = False) -> np.ndarray:
    """Only rules: 3 columns at x 100|300|500|900, 3 rows at y 100|200|300|400 (optionally column 1 merged)."""
    page = Image.new("L", (1000, 500), 240)
    draw = ImageDraw.Draw(page)
    xs, ys = [100, 300, 500, 900], [100, 200, 300, 400]
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=2)
    for k, y in enumerate(ys):
        start = xs[1] if merged_first_column and 0 < k < len(ys) - 1 else xs[0]
        draw.line([(start, y), (xs[-1], y)], fill=0, width=2)
    return np.asarray(page.convert("RGB"))


def test_box_straddling_a_column_rule_is_cut_at_the_rule():
    boxes = [
        PageLine("甲乙丙丁", 120, 480, 130, 160),  # two characters each side of the rule at x = 300
        PageLine("戊", 600, 630, 130, 160),
        PageLine("outside", 100, 300, 450, 480),
    ]
    rows, rest = split_tables(_grid_image(), boxes)
    assert [row.text for row in rows] == ["甲乙\t丙丁\t戊"]
    assert all(row.table for row in rows)
    assert [box.text for box in rest] == ["outside"]


def test_box_straddling_a_rule_is_cut_by_its_characters_positions_when_known():
    # the left cell's text ends short of the rule at x = 300: spread evenly, 丙 would fall right of it
    box = PageLine("甲乙丙丁", 120, 480, 130, 160, centres=(140, 190, 240, 420))
    rows, _rest = split_tables(_grid_image(), [box])
    assert [row.text for row in rows] == ["甲乙丙\t丁\t"]
    rows, _rest = split_tables(_grid_image(), [PageLine("甲乙丙丁", 120, 480, 130, 160)])
    assert [row.text for row in rows] == ["甲乙\t丙丁\t"]


def test_cell_merged_over_rows_is_carried_into_each_row():
    boxes = [
        PageLine("类别", 120, 200, 230, 260),  # in the first column, which spans all three rows
        PageLine("一", 320, 350, 130, 160),
        PageLine("二", 320, 350, 230, 260),
        PageLine("三", 320, 350, 330, 360),
        PageLine("甲", 520, 550, 330, 360),
    ]
    rows, _rest = split_tables(_grid_image(merged_first_column=True), boxes)
    assert [row.text for row in rows] == ["类别\t一\t", "类别\t二\t", "类别\t三\t甲"]


@pytest.mark.parametrize("turn", [90, 270], ids=["text-runs-up", "text-runs-down"])
def test_page_scanned_sideways_is_turned_upright_and_its_table_read_by_rows(tmp_path, turn):
    # PIL turns counter-clockwise: 90 leaves the text running bottom to top (a landscape page scanned portrait)
    source = load_source(_pdf(tmp_path, _page(draw_table=True).rotate(turn, expand=True)))
    assert _rows(source.text) == ROWS
    assert "申报时间为二〇二六年五月" in source.text


def test_upright_page_and_vertical_boxes_decide_whether_a_page_is_sideways():
    across = [PageLine("关于开展项目申报的通知", 100, 700, 100, 130), PageLine("一", 100, 110, 150, 180)]
    up = [PageLine("关于开展项目申报的通知", 100, 130, 100, 700), PageLine("附件", 150, 180, 100, 160)]
    assert not is_sideways(across)
    assert is_sideways(up)
    assert upright_turn(np.zeros((800, 800, 3), np.uint8), across, score=lambda crop: 1 / 0) == 0  # no probe read

"""Tables drawn with box characters in plain text and markdown (index/loaders/box_table.py)."""

from __future__ import annotations

from index.loaders.box_table import box_table_lines
from index.loaders.markdown import markdown_lines

_GRID = """附表
+------+----------+------------------+----------+
| 编号 | 项目名称 | 支持内容         | 支持强度 |
+======+==========+==================+==========+
| A-01 | 智能传感 | 研发高精度MEMS   | 不超过50 |
|      | 器件     | 传感器，apply    | 万元     |
|      |          | for patents      |          |
+------+----------+------------------+----------+
| A-02 | 工业软件 | -                | 30万元   |
+------+----------+------------------+----------+"""


def test_an_ascii_grid_table_in_markdown_becomes_one_tab_row_per_row_on_its_first_line():
    lines = markdown_lines(_GRID)
    assert len(lines) == len(_GRID.split("\n"))  # every line keeps its number
    assert lines[2] == "编号\t项目名称\t支持内容\t支持强度"
    assert lines[4] == "A-01\t智能传感器件\t研发高精度MEMS传感器，apply for patents\t不超过50万元"
    assert lines[8] == "A-02\t工业软件\t-\t30万元"
    assert not any(lines[k] for k in (1, 3, 5, 6, 7, 9))


_MERGED = """┌──────┬──────────┬────────┐
│类别  │ 编号     │ 资助   │
├──────┼──────────┼────────┤
│基础  │ B1       │ 10万元 │
│类    ├──────────┼────────┤
│      │ B2       │ /      │
├──────┴──────────┴────────┤
│ 注：以上为上限           │
└──────────────────────────┘"""


def test_a_cell_merged_down_is_repeated_in_each_row_and_a_caption_across_the_table_is_text():
    lines = box_table_lines(_MERGED.split("\n"))
    assert [ln for ln in lines if ln] == ["类别\t编号\t资助", "基础类\tB1\t10万元", "基础类\tB2\t/", "注：以上为上限"]


def test_lines_that_only_look_like_rules_are_left_alone():
    text = ["1+1=2, 2+2=4", "----------", "| a | b |", "|---|---|"]
    assert box_table_lines(text) == text

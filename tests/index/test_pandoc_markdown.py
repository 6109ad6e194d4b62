"""Pandoc's markdown constructs (index/loaders/definition_list.py, pandoc_table.py, markdown.py): definition lists,
simple and multiline tables, bracketed spans, attribute blocks and backslash hard breaks."""

from __future__ import annotations

from index.loaders.markdown import markdown_lines

_DEFINITIONS = """**E0407**　新型储能材料与器件

:   **研究范围**：钠离子电池关键材料设计。

:   **资助强度**：每项60万元。

资助期限
:   3年"""


def test_a_definition_lists_terms_head_labelled_definitions_and_name_an_unlabelled_one():
    lines = markdown_lines(_DEFINITIONS)
    assert len(lines) == len(_DEFINITIONS.split("\n"))  # every line keeps its number
    assert lines[0] == "**E0407**　新型储能材料与器件"  # a head over its fields
    assert lines[2] == "**研究范围**：钠离子电池关键材料设计。"
    assert lines[4] == "**资助强度**：每项60万元。"
    assert lines[6:] == ["资助期限：3年", ""]  # a field printed as term and definition


_SIMPLE = """  类别       资助强度     期限
  ---------- ------------ ------
  面上项目   每项10万元   3年
  青年项目   每项5万元    2年

  : 表2 各类项目"""


def test_a_simple_table_is_one_row_per_line_and_its_caption_is_text():
    lines = markdown_lines(_SIMPLE)
    assert lines[0] == "类别\t资助强度\t期限"
    assert lines[2:4] == ["面上项目\t每项10万元\t3年", "青年项目\t每项5万元\t2年"]
    assert not lines[1] and lines[5] == "表2 各类项目"


_MULTILINE = """-------------------------------------------
  资助类别   资助强度     申请人条件
  ---------- ------------ -----------------
  面上项目   每项10万元   具有高级专业技术
                          职务（职称）

  青年项目   每项5万元    博士学位或 PhD
                          holders
-------------------------------------------"""


def test_a_multiline_tables_cells_wrapping_over_lines_are_rebuilt_per_row():
    lines = markdown_lines(_MULTILINE)
    assert [line for line in lines if line] == [
        "资助类别\t资助强度\t申请人条件",
        "面上项目\t每项10万元\t具有高级专业技术职务（职称）",
        "青年项目\t每项5万元\t博士学位或 PhD holders",
    ]


def test_pandoc_spans_attributes_and_hard_breaks_leave_only_the_words():
    text = (
        '## []{#_Toc217401 .anchor}一、资助类别\n![](media/image1.png){width="5.9in"}\n（一）[重点]{.underline}支持。\\'
    )
    assert markdown_lines(text) == ["## 一、资助类别", "", "（一）重点支持。"]

"""The fourteenth held-out layout corpus (tests/fixtures/layouts_heldout14: a markdown 水利 call whose units are rows
of a pipe table, a .docx whose table has one COLUMN per unit (方向一 … across the top, clause names down the first
column), a text PDF laid out in two columns with each unit's code at the end of its title line, a scanned
development-zone draft whose units are rows of a ruled table, a county's legacy .doc with 项目 over 课题 and every
date in Chinese numerals, an association's web page with units in <details>/<dl> blocks and conditions stated per
category A类/B类). Written blind; the first run on 2026-12-02 (main at ea6a1bf) answered 43.1% of its questions.
Now tuning data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT14 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout14"

GAPS: dict[str, str] = {}


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT14, GAPS)))
def test_heldout14_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_a_table_with_one_column_per_unit_is_read_one_unit_per_column():
    guide = _parsed(HELDOUT14 / "xuezhi_eco_2025.docx")  # 项目 | 方向一 | 方向二 … / 方向名称 | … / 研究内容 | …
    assert [p.label for p in guide.projects] == ["方向一", "方向二", "方向三", "方向四", "方向五"]
    assert guide.project("方向四").title == "新污染物环境调查与生态风险评估"
    assert guide.project("方向四").clause("实施年限").text == "18个月"
    assert guide.project("方向三").clause("支持强度").kind == "funding"


def test_a_definition_list_reads_as_fields_of_a_unit():
    guide = _parsed(HELDOUT14 / "louyan_youth_2026.html")  # <summary>T01 …</summary><dl><dt>支持名额</dt><dd>8名</dd>
    assert [p.label for p in guide.projects] == ["T01", "T02", "T03", "T04", "T05", "T06"]
    assert guide.project("T06").clause("支持名额").text.startswith("6名")


def test_a_year_in_chinese_numerals_dates_the_guide_and_a_sub_number_is_no_unit_number():
    guide = _parsed(HELDOUT14 / "ruodong_major_2026.doc")  # 二〇二六年度…; 课题1.1 is not 课题1 titled "1 竹材…"
    assert guide.year == 2026
    assert "课题1.1" in [p.label for p in guide.projects]
    assert guide.project("课题1.1").title == "竹材高效软化与无裂纹展平加工技术"


def test_a_project_stating_its_own_budget_over_its_subtopics_is_a_unit_too():
    guide = _parsed(HELDOUT14 / "ruodong_major_2026.doc")  # 项目一：… / 项目经费：… / 实施期限：… / 课题1.1 …
    assert [p.label for p in guide.projects][:4] == ["项目一", "课题1.1", "课题1.2", "课题1.3"]
    assert "300万元" in guide.project("项目一").clause("项目经费").text
    assert guide.project("课题1.2").group.startswith("项目一")


def test_an_environment_bureau_is_an_issuer():
    guide = _parsed(HELDOUT14 / "xuezhi_eco_2025.docx")  # 峃沚市生态环境局 over the title
    assert guide.issuer == "峃沚市生态环境局"


def test_units_naming_a_category_take_the_conditions_the_notice_states_for_it():
    guide = _parsed(HELDOUT14 / "louyan_youth_2026.html")  # T04 人选类别：B类; 三、… B类人选（工程应用型）/ 申报条件 …
    assert "35周岁以下" in guide.project("T04").clause("申报条件").text
    assert "32周岁以下" in guide.project("T01").clause("申报条件").text
    assert guide.project("T04").clause("托举措施").kind == "funding"
    both = [c.text for c in guide.project("T06").clauses if c.name == "申报条件"]  # A类、B类均可
    assert len(both) == 2 and both[0].startswith("A类") and both[1].startswith("B类")

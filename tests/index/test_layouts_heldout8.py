"""The eighth held-out layout corpus (tests/fixtures/layouts_heldout8: a .docx with heading styles and guide codes, a
text PDF of a natural science foundation whose categories are "一、" headings over "（一）" clause headings, a
GB2312 揭榜挂帅 web page, a CMS markdown export with YAML front matter and lettered categories, a GB18030 draft with
hard-wrapped lines, a scanned international cooperation guide): each guide parses to its units and clauses.
Written blind; on 2026-12-01 the foundation guide took its clause headings for units and the markdown export was
one unit under a title read from its front matter; now tuning data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.index.test_layouts_heldout5 import _parsed, check_named, named_cases

HELDOUT8 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout8"


@pytest.mark.parametrize(("path", "expected"), list(named_cases(HELDOUT8)))
def test_heldout8_guide_parses_to_its_units_and_clauses(path, expected):
    check_named(path, expected)


def test_clause_headings_numbered_in_one_run_are_clauses_whatever_their_name():
    guide = _parsed(HELDOUT8 / "chengyuan_nsf_2023.pdf")  # 一、重点项目 / （一）资助定位 … （七）结题要求
    titles = [p.title for p in guide.projects]
    assert titles == ["重点项目", "面上项目", "青年科学基金项目", "杰出青年科学基金项目", "省市联合基金项目"]
    key = guide.projects[0]
    assert [c.name for c in key.clauses][-2:] == ["计划资助数量", "结题要求"]  # names the vocabulary does not list
    assert key.clause_of_kind("indicators").text.startswith("项目结题时应在本领域高水平学术期刊发表论文不少于3篇")


def test_a_part_heading_opens_a_section_after_the_units():
    guide = _parsed(HELDOUT8 / "chengyuan_nsf_2023.pdf")  # 第四部分 联系方式, after 第三部分's 二、申请方式
    contacts = next(s for s in guide.sections if s.title == "联系方式")
    assert "0831-6652026" in contacts.text
    assert "0831-6652026" not in next(s for s in guide.sections if s.title == "申请方式").text


def test_a_markdown_export_drops_its_front_matter_and_reads_its_issuer_and_lettered_categories():
    guide = _parsed(HELDOUT8 / "lanxi_sme_2024.md")
    assert guide.title == "关于组织申报2024年度岚溪区科技型中小企业研发投入补助的通知"
    # an agency no list names, after its places: from the 落款 "岚溪区科学技术和工业信息化局<br/>2024年8月6日"
    assert guide.issuer.endswith("岚溪区科学技术和工业信息化局") and "岚溪区" in guide.region
    assert guide.date == "2024-08-06"
    assert [p.label for p in guide.projects] == ["A类", "B类", "C类", "D类", "E类"]
    materials = guide.project("A类").clauses[3]  # "**申报材料**：" with its numbered list below
    assert materials.name == "申报材料" and "专项审计报告" in materials.text
    assert not guide.sections_of("group")  # the summary table's rows head no group

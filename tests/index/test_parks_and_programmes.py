"""A park or science city issuing its own call names it by its place (浯岘生物医药产业园管理委员会 → 浯岘), and a
notice holding two programmes keeps each programme's rules apart from the units before it
(tests/fixtures/layouts_heldout19/wuxian_park_2025.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.gazetteer import gazetteer
from tests.index.test_layouts_heldout5 import _parsed

WUXIAN = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout19" / "wuxian_park_2025.md"


@pytest.mark.parametrize(
    ("issuer", "region", "short"),
    [
        ("浯岘生物医药产业园管理委员会", "浯岘生物医药产业园", "浯岘"),
        ("濉峣科技城管理委员会", "濉峣科技城", "濉峣"),
        ("苏州工业园区管理委员会", "苏州工业园区", "苏州"),
    ],
)
def test_a_park_issuer_names_its_place(issuer, region, short):
    assert gazetteer().region_of_issuer(issuer) == region
    assert short in gazetteer().naming_words(region, issuer)


def test_an_industry_with_no_place_before_it_is_no_region():
    # a scan whose OCR read 嵚漷 as 钦 leaves the industry alone: no place, so no region to name the guide wrongly
    assert gazetteer().region_of_issuer("钦生物医药产业园管理委员会") == ""


def test_a_heading_above_the_units_level_closes_them():
    guide = _parsed(WUXIAN)
    last_of_first = guide.project("GG-04")
    assert [c.name for c in last_of_first.clauses] == ["研究内容", "考核指标", "组织方式", "资助强度", "拟支持数"]
    second = next(s for s in guide.sections if s.title == "成果转化后补助计划")
    assert "申报主体：园区内注册的企业,高等院校、科研院所不得申报" in second.text


def test_a_rules_table_row_in_the_notice_reads_as_a_labelled_sentence():
    first = next(s for s in _parsed(WUXIAN).sections if s.title == "关键技术攻关计划")
    assert "资助强度：每项不超过80万元,立项后拨付50%,验收合格后拨付50%" in first.text


def test_a_prefecture_named_without_autonomy_is_a_place():
    # 瀍岨州 (a 州, not an 自治州) opening a title is the guide's region; a city's name inside a university's is not
    assert gazetteer().region_of_title("瀍岨州2026年度建设科技计划项目申报指南") == "瀍岨州"
    assert gazetteer().region_of_title("郑州大学2026年度校内基金申报指南") == ""

"""Guides are named in questions by the words their region and issuer give; other places are outside the corpus."""

from __future__ import annotations

from assistant.understand import Understanding
from index.models import Guide


def guide(gid: str, region: str, issuer: str, title: str) -> Guide:
    return Guide(id=gid, title=title, region=region, issuer=issuer, year=2026, source=f"{gid}.txt")


GUIDES = [
    guide("lancang", "澜沧市", "澜沧市科学技术局", "澜沧市2026年度科技计划项目申报指南"),
    guide("qinglan", "青岚省", "青岚省科学技术厅", "青岚省2026年度重点研发计划项目申报指南"),
    guide("yunchuan", "青岚省云川区", "青岚省云川区科学技术局", "云川区2026年度科技项目申报指南"),
]


def test_a_guide_without_aliases_is_named_by_its_region_and_issuer():
    understanding = Understanding(GUIDES)
    for question, expected in [
        ("澜沧的项目资助多少钱", ["lancang"]),
        ("澜沧市科技局什么时候截止", ["lancang"]),
        ("青岚省科技厅的重点研发计划", ["qinglan"]),
        ("云川区科技局的联系电话", ["yunchuan"]),
        ("云川的项目有哪些", ["yunchuan"]),
    ]:
        assert understanding.find_guides(question) == (expected, ""), question


def test_a_place_the_corpus_has_no_guide_for_is_outside():
    understanding = Understanding(GUIDES)
    assert understanding.find_guides("南京市的科技项目资助多少") == ([], "南京市")
    assert understanding.find_guides("云南省的指南") == ([], "云南省")


TOPICAL = [
    guide("lancang", "澜沧市", "澜沧市科学技术局", "澜沧市2026年度生物医药重大专项项目申报指南"),
    guide("qinglan", "青岚省", "青岚省科学技术厅", "青岚省2026年度前沿技术研发计划（卫生健康领域）项目指南"),
    guide("jiangsu", "江苏省", "江苏省科学技术厅", "江苏省2026年度重点研发计划项目指南"),
]


def test_a_guide_is_named_by_the_words_of_its_title_no_other_title_has():
    understanding = Understanding(TOPICAL)
    assert understanding.find_guides("重大专项里有没有定向委托的项目") == (["lancang"], "")
    assert understanding.find_guides("卫生健康领域的前沿技术项目做几年") == (["qinglan"], "")
    # Words every guide's title prints name none of them.
    assert understanding.find_guides("重点研发计划项目申报指南的截止时间")[0] != ["lancang"]


def test_a_title_word_does_not_make_a_place_outside_the_corpus_one_of_ours():
    understanding = Understanding(TOPICAL)
    assert understanding.find_guides("浙江省2025年卫生健康领域项目什么时候截止") == ([], "浙江省")


def test_a_city_inside_a_guides_province_is_the_askers_not_another_guide():
    understanding = Understanding(TOPICAL)
    assert understanding.find_guides("我们是南京一所高校，江苏重点研发计划能单独报吗") == (["jiangsu"], "")

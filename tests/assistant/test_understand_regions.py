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

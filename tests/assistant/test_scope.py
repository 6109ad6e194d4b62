"""Guide scope: which guide a question names, and places it names that no guide covers."""

from __future__ import annotations

import pytest

from assistant.scope import GuideScorer, place_mentions
from index.load import load_source
from index.parse import build_guide
from tests.conftest import SEEDS
from tests.index.conftest import meta_of


@pytest.fixture(scope="module")
def scorer() -> GuideScorer:
    guides = []
    for path in SEEDS:
        guide_id, meta = meta_of(path)
        guides.append(build_guide(load_source(path).text, guide_id=guide_id, source=path.name, meta=meta))
    return GuideScorer(guides)


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("澜沧市科技局的数字医疗项目给多少钱", "澜沧市"),
        ("云川区科技局的联系电话是多少", "云川区"),
        ("浙江省尖兵领雁研发攻关计划资助强度", "浙江省"),
        ("深圳市医疗器械产业专项扶持计划什么时候截止", "深圳市"),
    ],
)
def test_a_place_no_guide_covers_is_reported(scorer, question, place):
    assert place in scorer.score(question).unknown_places


@pytest.mark.parametrize(
    "question",
    [
        "三峡库区特色药材那个项目单位要自己掏多少",  # a place inside a project title
        "沙坪坝区那个糖尿病项目做几年",
        "生物医药重大专项项目一区县出多少钱",
        "企业上市了还能牵头吗",
        "我们是二级医院能报哪些",
        "那它考核要做出啥东西来？",  # 东西 is tagged as a place by jieba
    ],
)
def test_places_the_corpus_knows_or_non_places_are_not_unknown(scorer, question):
    assert scorer.score(question).unknown_places == ()


def test_the_guide_named_by_its_programme_and_region_leads_clearly(scorer):
    scope = scorer.score("重庆人口健康专项项目十八给多少钱")
    assert scope.top == ["cq-2024-population-health"]
    assert scope.margin > 5


def test_a_region_shared_by_three_guides_names_all_three(scorer):
    assert set(scorer.score("重庆市的项目有哪些").top) >= {"cq-2024-population-health", "cq-2023-biomedicine"}


def test_place_mentions_joins_a_name_and_its_suffix():
    assert "青岚省" in place_mentions("青岚省2026年重点研发计划截止时间")


def test_a_homophone_of_one_character_still_names_the_guide():
    from assistant.scope import HomophoneIndex

    index = HomophoneIndex({"spb": ["沙坪坝"], "lz": ["柳州", "柳州市"], "rk": ["人口健康"]})
    assert index.hits("沙平坝生命健康那个指南提意见到哪天") == {"spb": ["沙坪坝"]}
    assert index.hits("柳洲网上申报系统") == {"lz": ["柳州"]}
    assert index.hits("人口建康专项") == {"rk": ["人口健康"]}
    assert index.hits("广州市的项目") == {}  # same sound of one character only: not a name
    assert index.hits("柳州的项目") == {}  # verbatim: an exact hit, not a homophone

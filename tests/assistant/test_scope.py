"""Places a question names that no guide covers, and names written with a homophone."""

from __future__ import annotations

import pytest

from assistant.scope import UnknownPlaces, place_mentions
from index.gazetteer import gazetteer
from index.load import load_source
from index.parse import build_guide
from tests.conftest import SEEDS
from tests.index.conftest import meta_of


@pytest.fixture(scope="module")
def unknown() -> UnknownPlaces:
    guides = []
    for path in SEEDS:
        guide_id, meta = meta_of(path)
        guides.append(build_guide(load_source(path).text, guide_id=guide_id, source=path.name, meta=meta))
    names = {g.id: [*g.aliases, *gazetteer().naming_words(g.region, g.issuer, g.title)] for g in guides}
    return UnknownPlaces(guides, names)


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("澜沧市科技局的数字医疗项目给多少钱", "澜沧市"),
        ("云川区科技局的联系电话是多少", "云川区"),
        ("浙江省尖兵领雁研发攻关计划资助强度", "浙江省"),
        ("深圳市医疗器械产业专项扶持计划什么时候截止", "深圳市"),
    ],
)
def test_a_place_no_guide_covers_is_reported(unknown, question, place):
    assert place in unknown.find(question)


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
def test_places_the_corpus_knows_or_non_places_are_not_unknown(unknown, question):
    assert unknown.find(question) == []


def test_place_mentions_joins_a_name_and_its_suffix():
    assert "青岚省" in place_mentions("青岚省2026年重点研发计划截止时间")
    # a name no dictionary holds, which the tagger splits, opening the question
    assert "屿沣省" in place_mentions("屿沣省农业科技重大专项有问题找省科技厅哪位？")
    assert place_mentions("本市企业能报吗") == []


def test_a_place_found_in_one_guides_text_names_it_when_no_title_does():
    guides = [
        build_guide(
            "屿洋省2027年度农业科技重大专项申报指南\n联系方式\n通讯地址：屿沣省栖湾市南屏路218号",
            guide_id="yf",
            source="yf.txt",
        ),
        build_guide("昙江省2027年度重点研发计划申报指南\n联系方式\n地址：昙江省科技厅", guide_id="tj", source="tj.txt"),
    ]
    places = UnknownPlaces(guides, {"yf": ["屿洋"], "tj": ["昙江"]})
    assert places.mentioned_in_one("屿沣省农业科技重大专项有问题找谁？") == {"yf": 2}
    assert places.mentioned_in_one("澜沧市的项目给多少钱") == {}


def test_a_name_opening_the_question_without_its_suffix_names_the_one_guide_printing_it_so():
    guides = [
        build_guide(
            "屿洋省2027年度农业科技重大专项申报指南\n联系方式\n通讯地址：屿沣省栖湾市南屏路218号",
            guide_id="yf",
            source="yf.txt",
        ),
        # a scan whose OCR lost the place's first character everywhere (岫原省 → 原省): no region read
        build_guide(
            "2024年度原省国际科技合作计划项目申报指南\n原省科学技术厅\n一、申报要求\n合作协议须为中外文对照版本。",
            guide_id="xy",
            source="xy.txt",
        ),
        build_guide("昙江省2027年度重点研发计划申报指南\n联系方式\n地址：昙江省科技厅", guide_id="tj", source="tj.txt"),
    ]
    places = UnknownPlaces(guides, {"yf": ["屿洋"], "xy": [], "tj": ["昙江"]})
    assert places.mentioned_in_one("屿沣农业专项有问题找谁？") == {"yf": 2}  # 屿沣省 in one guide's text
    assert places.mentioned_in_one("岫原国际合作指南里哪几类项目实施期限只有2年？") == {"xy": 1}
    assert places.mentioned_in_one("本市企业能报国际合作吗") == {}  # 本 opens no name
    assert places.mentioned_in_one("高校能牵头吗") == {}


def test_a_scanned_zones_name_misread_in_every_character_is_matched_as_people_say_it():
    # OCR read 翚屺 as 翠配 in the zone's title and issuer; the question says 翚屺高新区, not 高新技术产业开发区
    scan = build_guide(
        "翠配高新技术产业开发区管理委员会关于申报2026年度概念验证中心和中试基地专项支持资金的通知\n"
        "一、申报条件\n在本区注册的企业。\n二、联系方式\n区科技创新局：0739-88410276",
        guide_id="zone",
        source="zone.pdf",
    )
    scan.quality.ocr_pages = 2
    other = build_guide(
        "2026年度霁州市科技创新平台建设项目申报指南\n一、申报条件\n中试基地场地面积不少于2000平方米。",
        guide_id="jz",
        source="jz.txt",
    )
    assert scan.region == "翠配高新技术产业开发区"
    places = UnknownPlaces([scan, other], {"zone": ["翠配", "翠配高新区"], "jz": ["霁州"]})
    assert places.mentioned_in_one("翚屺高新区的中试基地对场地面积有啥硬性要求？") == {"zone": 1}
    assert places.mentioned_in_one("滨沅高新区的人工智能专项给多少钱？") == {}  # no run of the scan's title


def test_a_scanned_province_misread_is_not_named_by_a_year_it_shares():
    # OCR read 琇崟省 as 绣鉴省; 滃崾省's 揭榜挂帅 call (its place lost to OCR) shares only the year 2027 with it
    scan = build_guide(
        "绣鉴省2027年度科普项目申报指南（征求意见稿）\n一、支持方向\n2027KP-01 省级科普基地能力提升\n"
        "支持强度：每项20万元。\n2027KP-02 乡村科普行动\n支持强度：每项10万元。",
        guide_id="kepu",
        source="kepu.pdf",
    )
    scan.quality.ocr_pages = 2
    assert scan.region == "绣鉴省"
    places = UnknownPlaces([scan], {"kepu": ["绣鉴省", "绣鉴"]})
    assert places.mentioned_in_one("滃崾省产学研促进会2027揭榜挂帅，那个榜单金额是多少？") == {}
    assert places.mentioned_in_one("琇崟省2027KP-02乡村科普行动给多少钱？") == {"kepu": 1}


def test_a_homophone_of_one_character_still_names_the_guide():
    from assistant.scope import HomophoneIndex

    index = HomophoneIndex({"spb": ["沙坪坝"], "lz": ["柳州", "柳州市"], "rk": ["人口健康"]})
    assert index.hits("沙平坝生命健康那个指南提意见到哪天") == {"spb": ["沙坪坝"]}
    assert index.hits("柳洲网上申报系统") == {"lz": ["柳州"]}
    assert index.hits("人口建康专项") == {"rk": ["人口健康"]}
    assert index.hits("广州市的项目") == {}  # same sound of one character only: not a name
    assert index.hits("柳州的项目") == {}  # verbatim: an exact hit, not a homophone


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("能当负责人报鄣砻市中医药课题的一般项目吗？", ["鄣砻市"]),  # the tagger cuts 鄣|砻市
        ("我们在澜江市的企业能报吗", ["澜江市"]),
        ("那个重大专项，市级和区县财政各出多少？", []),  # 区县 is a word
        ("我要去超市", []),
        ("本市的企业能报吗", []),
    ],
)
def test_a_rare_name_before_its_suffix_is_a_place_but_no_word_across_it_is(question, places):
    assert place_mentions(question) == places

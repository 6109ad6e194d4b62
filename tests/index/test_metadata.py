"""Metadata read from a guide's own text (no guides.toml entry): title, issuer, region, year, status, date,
deadlines and contacts; the region gazetteer behind region and naming words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.errors import ConfigError
from index.gazetteer import Gazetteer, gazetteer
from index.load import load_source
from index.metadata import load_metadata, read_metadata
from index.parse import build_guide
from tests.conftest import GUIDES, seed

LAYOUTS = Path(__file__).resolve().parents[1] / "fixtures" / "layouts"
FIELDS = ("title", "issuer", "region", "year", "status", "date")
# The scanned PDF is left out here (its OCR is covered in test_loaders); the rest load in a second.
FAST = [p for p in sorted(LAYOUTS.glob("*.expected.json")) if not p.name.startswith("scanned")]


@pytest.mark.parametrize("path", FAST, ids=lambda p: p.name.split(".")[0])
def test_metadata_read_from_the_text_matches_the_expected_guide_block(path):
    spec = json.loads(path.read_text(encoding="utf-8"))
    text = load_source(LAYOUTS / spec["file"]).text
    guide = build_guide(text, guide_id="g", source=spec["file"])  # no guides.toml entry
    assert {f: getattr(guide, f) for f in FIELDS} == {f: spec["guide"][f] for f in FIELDS}


@pytest.mark.parametrize("path", FAST, ids=lambda p: p.name.split(".")[0])
def test_deadlines_and_contacts_read_from_the_text(path):
    spec = json.loads(path.read_text(encoding="utf-8"))
    meta = read_metadata(load_source(LAYOUTS / spec["file"]).text)
    assert {(d.date, d.time, d.kind) for d in meta.deadlines} == {
        (d["date"], d["time"], d["kind"]) for d in spec["guide"]["deadlines"]
    }
    assert {c.value for c in meta.contacts} == set(spec["guide"]["contacts"])
    assert all(c.context for c in meta.contacts)


def test_a_deadline_keeps_its_sentence_and_a_range_counts_by_its_end():
    meta = read_metadata(
        "澜沧市科学技术局\n关于组织申报澜沧市2026年度科技计划项目的通知\n"
        "网上填报时间为2026年3月2日9:00至2026年4月15日17:00。\n"
        "纸质材料请于4月20日前报送市科技局，逾期不予受理。\n"
        "联系人：李老师，电话：0871-65123456，邮箱：kjj@lancang.gov.cn\n"
        "澜沧市科学技术局\n二〇二六年二月二十六日"
    )
    assert (meta.issuer, meta.region, meta.year, meta.date) == ("澜沧市科学技术局", "澜沧市", 2026, "2026-02-26")
    assert [(d.date, d.time, d.kind) for d in meta.deadlines] == [
        ("2026-04-15", "17:00", "网上填报截止"),
        ("2026-04-20", None, "纸质材料受理"),
    ]
    assert meta.deadlines[1].quote == "纸质材料请于4月20日前报送市科技局,逾期不予受理。"
    assert [(c.value, c.kind) for c in meta.contacts] == [("kjj@lancang.gov.cn", "email"), ("0871-65123456", "phone")]
    assert "李老师" in meta.contacts[1].context


def test_a_letter_spaced_signature_is_still_the_issuer_and_two_issuers_stay_two():
    meta = read_metadata("关于组织申报澜沧市2026年度科技计划项目的通知\n正文。\n澜 沧 市 科 学 技 术 局\n2026年3月1日")
    assert (meta.issuer, meta.date) == ("澜沧市科学技术局", "2026-03-01")
    both = read_metadata("正文。\n青禾市科学技术局\u3000\u3000青禾市农业农村局\n2026年12月3日")
    assert both.issuer == "青禾市科学技术局、青禾市农业农村局"


def test_a_draft_for_comment_is_a_draft():
    meta = read_metadata("关于公开征求《云川区2026年度科技项目申报指南（征求意见稿）》意见的通知\n正文")
    assert meta.status == "draft"


def test_amounts_and_years_are_not_phone_numbers():
    meta = read_metadata("联系方式：资助不超过12345678元，2026年度，咨询电话 65123456")
    assert [c.value for c in meta.contacts] == ["65123456"]


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_the_seeds_keep_their_guides_toml_metadata(number):
    path = seed(number)
    entry = load_metadata(GUIDES)[path.name]
    meta = {k: v for k, v in entry.items() if k not in ("file", "id")}
    guide = build_guide(load_source(path).text, guide_id=entry["id"], source=path.name, meta=meta)
    for field in (*FIELDS, "aliases"):
        assert getattr(guide, field) == entry[field], field


# -- the gazetteer ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("issuer", "region"),
    [
        ("澜沧市科学技术局", "澜沧市"),
        ("青岚省科学技术厅", "青岚省"),
        ("青岚省云川区科学技术局", "青岚省云川区"),
        ("江苏省科学技术厅、江苏省财政厅", "江苏省"),
        ("广西壮族自治区科学技术厅", "广西壮族自治区"),
        ("国家澜沧科技管理中心", "全国"),
        ("翠配高新技术产业开发区管理委员会", "翠配高新技术产业开发区"),  # a development zone's own call
        ("潆坂高新区管委会", "潆坂高新区"),
        ("槠岗市科学技术协会", "槠岗市"),  # an association's call
    ],
)
def test_region_is_read_from_the_issuer(issuer, region):
    assert gazetteer().region_of_issuer(issuer) == region


def test_region_is_read_from_the_title_when_no_issuer_is_printed():
    gaz = gazetteer()
    assert gaz.region_of_title("关于组织申报璟州市2025年度关键核心技术攻关项目的通知") == "璟州市"
    assert gaz.region_of_title("2023年重庆市生物医药重大专项项目申报指南") == "重庆市"


def test_naming_words_come_from_region_and_issuer():
    words = gazetteer().naming_words("澜沧市", "澜沧市科学技术局")
    assert {"澜沧", "澜沧市", "澜沧市科学技术局", "澜沧市科技局", "澜沧科技局"} <= words
    district = gazetteer().naming_words("重庆市沙坪坝区", "重庆市沙坪坝区科学技术局")
    assert {"沙坪坝", "沙坪坝区", "沙坪坝区科技局", "重庆"} <= district
    assert "重庆市" not in district  # the city's own guides answer to 重庆市
    # a scanned title OCR read as 屿洋省 under its issuer 屿沣省科学技术厅: the issuer's place names the guide too
    scanned = gazetteer().naming_words(
        "屿洋省", "屿沣省科学技术厅屿沣省农业农村厅", "屿洋省2027年度农业科技重大专项申报指南"
    )
    assert {"屿沣", "屿沣省", "屿洋"} <= scanned
    # a zone is named as people say it too: 翠配高新区 for 翠配高新技术产业开发区
    zone = gazetteer().naming_words("翠配高新技术产业开发区", "翠配高新技术产业开发区管理委员会")
    assert {"翠配", "翠配高新区", "翠配高新技术产业开发区"} <= zone


def test_a_bad_gazetteer_file_is_a_config_error(tmp_path, monkeypatch):
    import index.gazetteer as module

    bad = tmp_path / "regions.toml"
    bad.write_text('suffixes = ["市"]\nagencies = []\n[[province]]\nname = "澜沧省"\n', encoding="utf-8")
    monkeypatch.setattr(module, "REGIONS_FILE", bad)
    module.gazetteer.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"regions\.toml") as info:
            module.gazetteer()
        assert "fix the region gazetteer file" in str(info.value)
    finally:
        module.gazetteer.cache_clear()


def test_the_gazetteer_file_validates():
    assert isinstance(gazetteer(), Gazetteer)
    assert {"江苏", "江苏省", "南京", "北京市", "shanghai"} <= set(gazetteer().place_names())


def test_a_publication_note_after_the_signed_date_keeps_the_date():
    text = "青川市科学技术局关于发布2026年度科技项目申报指南的通知\n请各单位按要求申报。\n青川市科学技术局\n2026年2月16日（此件公开发布）\n"
    assert read_metadata(text).date == "2026-02-16"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # A notice title wrapped mid-word after 关于 (a printed PDF's line width).
        (
            "澄溪市科学技术局\n澄科字〔2026〕9号\n澄溪市科学技术局关于组织申报2026年度澄溪\n市科技创新平台建设项目的通知\n"
            "各县（市、区）科技主管部门，各有关单位：\n为加快构建创新平台体系，现将有关事项通知如下。",
            "澄溪市科学技术局关于组织申报2026年度澄溪市科技创新平台建设项目的通知",
        ),
        # OCR ran the title into the addressee line.
        (
            "澄溪市科学技术局\n关于组织申报2026年度澄溪市科技特派员服务项目的通知各县（市、区）科技局，各有关单位：\n"
            "为深入推行科技特派员制度，现将有关事项通知如下。",
            "关于组织申报2026年度澄溪市科技特派员服务项目的通知",
        ),
        # A part heading that ends in 指南 heads a part of the document, not the document.
        (
            "澄溪省科学技术厅关于发布2026年度澄溪省重大科技专项项目申报指南的通知\n各有关单位：\n第一部分  申报通知\n"
            "一、总体安排\n正文。\n第二部分  项目申报指南\n任务1 新型储能",
            "澄溪省科学技术厅关于发布2026年度澄溪省重大科技专项项目申报指南的通知",
        ),
    ],
    ids=["wrapped-after-guanyu", "addressee-run-in", "part-heading"],
)
def test_the_title_is_the_documents_whole_title(head, title):
    assert read_metadata(head).title == title
    assert build_guide(head, guide_id="g", source="g.txt").title == title

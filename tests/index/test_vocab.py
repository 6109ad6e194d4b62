"""The clause vocabulary and numbering schemes are data: validated at load, errors name the key to fix."""

from __future__ import annotations

import pytest

from index.errors import ConfigError
from index.vocab import VOCAB_DIR, clauses, load_clause_vocab, load_page_vocab, load_unit_vocab, units


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("资助强度及方式", "funding"),
        ("支持经费", "funding"),
        ("经费额度", "funding"),
        ("执行期限", "period"),
        ("实施年限", "period"),
        ("申报主体", "eligibility"),
        ("考核方式", "indicators"),
        ("研究目标", "content"),
        ("立项方式", "organisation"),
        ("关键词", "keywords"),
        ("有关说明", "other"),
        ("拟解决问题", "problem"),
        ("联系人", ""),
    ],
)
def test_printed_labels_map_to_canonical_kinds(label, kind):
    assert clauses().kind_of(label) == kind


def test_every_seed_clause_name_is_in_the_vocabulary():
    for name in (
        "拟解决问题",
        "考核指标",
        "资助强度及方式",
        "实施周期",
        "组织方式",
        "申报条件",
        "其他说明",
        "研究内容",
        "研发内容",
    ):
        assert clauses().is_label(name), name


def test_a_label_under_two_kinds_is_an_error_naming_both(tmp_path):
    text = (VOCAB_DIR / "clauses.toml").read_text(encoding="utf-8")
    bad = tmp_path / "clauses.toml"
    bad.write_text(text.replace('labels = ["关键词", "关键字"]', 'labels = ["关键词", "支持经费"]'), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_clause_vocab(bad)
    assert "kind.keywords.labels" in str(exc.value) and "kind.funding" in str(exc.value)


def test_an_unknown_kind_in_answered_by_is_an_error_naming_the_key(tmp_path):
    text = (VOCAB_DIR / "clauses.toml").read_text(encoding="utf-8")
    bad = tmp_path / "clauses.toml"
    bad.write_text(text.replace('answered_by = ["problem"]', 'answered_by = ["problems"]'), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kind\.problem\.answered_by: unknown kind 'problems'"):
        load_clause_vocab(bad)


def test_a_missing_name_or_broken_toml_is_a_config_error(tmp_path):
    bad = tmp_path / "clauses.toml"
    bad.write_text('[kind.content]\nlabels = ["研究内容"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"kind\.content\.name"):
        load_clause_vocab(bad)
    bad.write_text("[kind.content\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_clause_vocab(bad)


def test_a_scheme_without_a_number_group_is_an_error_naming_it(tmp_path):
    bad = tmp_path / "units.toml"
    bad.write_text('cn = "一二三"\n[scheme.x]\npattern = "^项目(.+)$"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"scheme\.x\.pattern"):
        load_unit_vocab(bad)


@pytest.mark.parametrize(
    ("scheme", "line", "label"),
    [
        ("xiangmu", "项目十八:三峡库区特色药材", "项目十八"),
        ("task", "1.1深海原位多参数化学传感器研制", "1.1"),
        ("long_code", "2026C01001 大容量液流电池储能系统", "2026C01001"),
        ("zhuanti", "专题二 智能制造与高端装备", "专题二"),
        ("paren_cn", "(三)工业互联网边缘智能网关", "（三）"),
        ("circled", "③海水淡化膜材料", "③"),
        ("article", "第三条 申报条件", "第三条"),
    ],
)
def test_numbering_schemes_give_the_printed_label(scheme, line, label):
    m = units().match(scheme, line)
    assert m is not None
    assert units().label(scheme, m) == label


def test_a_task_scheme_does_not_take_a_decimal_quantity():
    assert units().match("task", "1.5倍以上") is None


def test_structure_words_are_validated_naming_the_key(tmp_path):
    text = (VOCAB_DIR / "units.toml").read_text(encoding="utf-8")
    bad = tmp_path / "units.toml"
    bad.write_text(text.replace("not_field_label = '", "not_field_label = '(", 1), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_unit_vocab(bad)
    assert "structure.not_field_label" in str(exc.value)


def test_fields_found_by_their_shape_are_filed_under_a_known_kind():
    assert units().structure.field_label_kind in clauses().kind
    assert clauses().kind_of("拟支持项目数") == "other"


def test_a_question_about_a_challenge_amount_asks_for_funding():
    from index.vocab import triggers

    fired = [kind for kind, pattern in triggers() if pattern.search("碳化硅衬底那个榜，榜单金额是多少？")]
    assert fired[:1] == ["funding"]


def test_general_arrangement_sections_answer_period_questions():
    assert "总体安排" in clauses().kind["period"].notice_titles


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("本年度聚焦人口健康、生态环境、城市安全三个方向,共设置11个攻关项目", ["三", "11"]),
        ("本次共发布技术需求榜单6项(详见附件)", ["6"]),  # the number after its units
        ("共发布指南项目7项,具体见附件", ["7"]),
        ("每家单位限报1项", []),  # no word that sets out the guide's size
    ],
)
def test_the_sentence_setting_out_a_guides_size_is_read_with_its_counts(sentence, counts):
    assert units().structure.counts(sentence) == counts


def test_a_bad_chrome_line_pattern_is_an_error_naming_the_key(tmp_path):
    text = (VOCAB_DIR / "pages.toml").read_text(encoding="utf-8")
    bad = tmp_path / "pages.toml"
    bad.write_text(text.replace("'阅读原文'", "'阅读原文('"), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_page_vocab(bad)
    assert "chrome_lines" in str(exc.value)

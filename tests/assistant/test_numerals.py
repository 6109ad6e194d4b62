"""Figures compared as canonical (kind, value) pairs, however written: no fabricated figure in any notation passes."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.numerals import extract, grounded, number
from assistant.verify import figures, ungrounded_figures, verify_answer
from tests.assistant.test_verify import CLAUSES, REFUSAL

SCALES = {"元": 1, "万元": 10_000, "亿元": 100_000_000}


def values(text: str) -> list[tuple]:
    return [(f.kind, f.value) for f in extract(text)]


# -- the LLM chain: figures the cited clause does not state never pass, in any notation ----------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "市级财政经费资助不超过五百万元[1]。",
        "市级财政经费资助不超过5百万元[1]。",
        "市级财政经费资助不超过一点五亿元[1]。",
        "市级财政经费资助不超过3000000元[1]。",
        "实施周期为十年[2]。",
        "实施周期不超过两年[2]。",
        "网上填报截止时间为三月二十六日[3]。",
        "网上填报截止时间为二〇二五年三月二十七日下午六点[3]。",
        "网上填报截止时间为2024年3月27日[3]。",
        "考核指标要求提升百分之十[1]。",
        "承担单位出资不低于六百万元，市级财政资助不超过二百五十万元[1]。",
        "资助二百至三百万元[1]。",
    ],
)
def test_figures_in_any_notation_not_in_the_cited_clause_are_rejected(sentence):
    verdict = verify_answer(sentence, CLAUSES, REFUSAL)
    assert not verdict.ok, sentence
    assert "states" in verdict.reason


@pytest.mark.parametrize(
    "sentence",
    [
        "市级财政经费资助不超过二百万元[1]。",
        "市级财政经费资助不超过2000000元[1]。",
        "市级财政经费资助不超过0.02亿元[1]。",
        "市级财政经费资助不超过两百万元，承担单位出资不低于六百万元[1]。",
        "资助二百万[1]。",
        "实施周期不超过三年[2]。",
        "网上填报截止时间为三月二十七日下午五点半[3]。",
        "网上填报截止时间为二〇二五年三月二十七日17:30[3]。",
        "网上填报截止时间为2025/3/27 17:30[3]。",
    ],
)
def test_the_same_figures_written_otherwise_pass(sentence):
    assert verify_answer(sentence, CLAUSES, REFUSAL).ok, sentence


def test_the_issues_examples():
    funding = "市级财政经费资助不超过200万元。"
    assert ungrounded_figures("市级财政经费资助不超过五百万元[1]", [funding]) == ["五百万元"]
    assert ungrounded_figures("市级财政经费资助不超过二百万元[1]", [funding]) == []
    assert ungrounded_figures("实施周期为十年[1]", ["实施周期不超过3年。"]) == ["十年"]
    assert values("五百万元") == values("500万元") == values("5000000元") == [("amount", (5_000_000, "元"))]


def test_chinese_numerals_are_figures_but_names_and_ordinals_are_not():
    assert figures("资助五百万元，周期三年，2025年3月27日") == ["五百万元", "三年", "2025年3月27日"]
    assert figures("项目十八、方向一、第一年、统一、每年、2024年度") == []


def test_a_range_states_both_ends():
    assert values("资助200~300万元") == [("amount", (2_000_000, "元")), ("amount", (3_000_000, "元"))]
    assert ungrounded_figures("资助300万元。", ["资助200-300万元。"]) == []
    assert ungrounded_figures("资助400万元。", ["资助200-300万元。"]) == ["400万元"]


def test_dates_times_and_phones_canonicalise():
    assert values("三月二十七日") == values("3月27日") == [("date", (None, 3, 27))]
    assert values("二〇二五年三月二十七日") == values("2025-03-27") == [("date", (2025, 3, 27))]
    assert values("下午五点半") == values("17:30") == values("17时30分") == [("time", (17, 30))]
    assert values("0772 - 2623551") == values("0772-2623551") == [("phone", ("07722623551",))]
    year_less = extract("3月27日")[0]
    assert grounded(year_less, extract("2025年3月27日"))
    assert not grounded(extract("2025年3月27日")[0], extract("3月27日"))  # a year the clause does not state


# -- property-based: the normaliser ---------------------------------------------------------------------------
amounts = st.integers(min_value=1, max_value=99_999_999)


def chinese(n: int) -> str:
    return cn2an.an2cn(n, "low")


@settings(max_examples=200, deadline=None)
@given(n=amounts, unit=st.sampled_from(["元", "万元", "亿元", "年", "个月", "天", "%"]))
def test_an_integer_in_arabic_or_chinese_numerals_canonicalises_to_the_same_pair(n, unit):
    arabic, written = extract(f"为{n}{unit}"), extract(f"为{chinese(n)}{unit}")
    assert len(arabic) == len(written) == 1
    assert (arabic[0].kind, arabic[0].value) == (written[0].kind, written[0].value)
    assert grounded(written[0], arabic) and grounded(arabic[0], written)


@settings(max_examples=200, deadline=None)
@given(n=amounts, unit=st.sampled_from(list(SCALES)), target=st.sampled_from(list(SCALES)))
def test_an_amount_in_another_scale_is_the_same_amount(n, unit, target):
    yuan = n * SCALES[unit]
    if yuan % SCALES[target]:
        return  # not a whole number in that scale: written with a decimal part below
    other = yuan // SCALES[target]
    assert values(f"{n}{unit}") == values(f"{other}{target}") == [("amount", (yuan, "元"))]


@settings(max_examples=200, deadline=None)
@given(n=amounts, m=amounts, unit=st.sampled_from(["元", "万元", "年", "%"]), style=st.booleans())
def test_a_different_value_never_matches(n, m, unit, style):
    if n == m:
        return
    stated = extract(f"不超过{n}{unit}")
    claimed = extract(f"不超过{chinese(m) if style else m}{unit}")
    assert not grounded(claimed[0], stated)
    assert ungrounded_figures(f"不超过{chinese(m) if style else m}{unit}。", [f"不超过{n}{unit}。"])


@settings(max_examples=100, deadline=None)
@given(month=st.integers(1, 12), day=st.integers(1, 28), year=st.integers(2000, 2099))
def test_a_date_in_any_notation_is_one_date(month, day, year):
    digits = "".join("〇一二三四五六七八九"[int(c)] for c in str(year))
    forms = [
        f"{year}年{month}月{day}日",
        f"{digits}年{chinese(month)}月{chinese(day)}日",
        f"{year}-{month:02d}-{day:02d}",
        f"{year}/{month}/{day}",
    ]
    assert {tuple(values(form)) for form in forms} == {(("date", (year, month, day)),)}


@settings(max_examples=100, deadline=None)
@given(n=st.integers(1, 9999), decimals=st.integers(1, 9))
def test_numbers_with_a_decimal_part_read_alike(n, decimals):
    assert number(f"{n}.{decimals}") == number(f"{chinese(n)}点{chinese(decimals)}")


def test_words_with_numeral_characters_are_not_figures():
    assert figures("同一时期、第一时间、一时间内、十分重要、一周内完成") == ["一周"]

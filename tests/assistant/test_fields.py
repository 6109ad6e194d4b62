"""Typed fields read from any guide's wording: the project's public cap, not a district's share, the applicant's
money or the programme's total; a period as printed, not a calendar year."""

from __future__ import annotations

import pytest

from assistant.fields import project_fields
from index.models import Clause, Project


def _project(funding: str = "", period: str = "", name: str = "资助强度") -> Project:
    clauses = [Clause(name=name, kind="funding", text=funding, lines=(1, 1))] if funding else []
    clauses += [Clause(name="实施周期", kind="period", text=period, lines=(2, 2))] if period else []
    return Project(label="项目1", title="t", clauses=clauses)


@pytest.mark.parametrize(
    ("text", "cap"),
    [
        ("拟支持1项,市级财政经费资助不超过500万元,区县财政出资500万元,承担单位出资不低于2000万元。", 500),
        ("不超过400万元", 400),
        ("县财政补助20万元。", 20),
        ("拟支持1项,省财政资助不超过800万元,分两期拨付。", 800),
        ("600万元(其中市财政资助180万元)", 180),  # a 揭榜 list's 榜额 and the city's part of it
        ("区县财政出资300万元", None),
        ("资助总额不超过2350万元", None),
    ],
)
def test_the_public_cap_of_a_funding_clause(text, cap):
    assert project_fields(_project(funding=text)).city_cap_wan == cap


@pytest.mark.parametrize(
    ("text", "years", "shown"),
    [("不超过3年", 3, "不超过3年"), ("2年。", 2, "2年"), ("1.5年", 1.5, "1.5年"), ("2025年12月31日前完成", None, "")],
)
def test_a_period_as_printed(text, years, shown):
    fields = project_fields(_project(period=text))
    assert (fields.period_years, fields.period_text) == (years, shown)


def test_a_contract_amount_is_no_public_cap():
    fields = project_fields(_project(funding="不超过800万元", name="榜单金额"))
    assert (fields.city_cap_wan, fields.amount_wan) == (None, 800)
    assert project_fields(_project(funding="不超过400万元", name="财政资助")).city_cap_wan == 400

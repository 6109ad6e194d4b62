"""Typed fields read from clause text: funding caps, co-funding, quota, period, organisation, lead units."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.models import Clause, Guide, Project

_NUM = r"(\d+(?:\.\d+)?)"
# The public funding cap of a project: the first amount of its funding clause in a part that is not the district's
# share, the applicant's own money or a total ("市级财政经费资助不超过500万元,区县财政出资…", "县财政补助20万元",
# "不超过400万元", "600万元(其中市财政资助180万元)": the fiscal part when one is named).
_AMOUNT = re.compile(rf"(?:不超过|最高|最多|上限为?|不高于|为)?\s*{_NUM}\s*万元")
# A programme's budget ("省财政拟安排资助经费不超过3600万元", "资助总额不超过2350万元") is no project's cap.
TOTAL = re.compile(r"总额|合计|共计|总计|拟安排|总经费|总预算|累计")
_NOT_CAP = re.compile(rf"区县|区\(县\)|区级|承担单位|单位出资|自筹|配套|企业出资|社会资本|{TOTAL.pattern}")
_FISCAL = re.compile(r"财政|资助|补助|支持")
_PART = re.compile(r"[,，;；。()（）]")
_DISTRICT = re.compile(rf"(?:区县|区\(县\)|区级|区)财政(?:出资|资助){_NUM}万元")
_UNIT = re.compile(rf"承担单位出资不低于{_NUM}万元")
_COUNT = re.compile(r"拟(?:支持|资助|立项)(?:不超过)?(\d+)(?:项|个)")
# A clause of its own stating how many units a call funds (拟资助数量：5个, 拟支持：6项).
_COUNT_CLAUSE = re.compile(r"(?:支持|资助|立项)(?:项目)?(?:数|项数|数量)|^(?:拟|计划)(?:支持|资助|立项)$")
_COUNT_VALUE = re.compile(r"(\d+)\s*(?:项|个|家)")
# A period in years ("不超过3年", "3年", "1.5年"), not a calendar year (2025年) or a 年度.
_PERIOD = re.compile(r"(?:不超过|原则上不超过|一般不超过|最长)?\s*(?<![\d.])(\d{1,2}(?:\.\d)?)\s*年(?![度\d月])")
# How projects are awarded, as guides print it (one list for the typed field and the notice rules).
ORG_MODES = ("公开竞争", "定向委托", "竞争择优", "定向择优")
# … or in months ("24个月", "不超过18个月"), compared as a fraction of a year.
_PERIOD_MONTHS = re.compile(r"(?:不超过|原则上不超过|一般不超过|最长)?\s*(?<![\d.])(\d{1,3})\s*个月")
_ORG = re.compile(f"({'|'.join(ORG_MODES)})")
_LEAD = re.compile(r"^(.*?)牵头")


@dataclass(frozen=True)
class ProjectFields:
    """What the catalog knows about one project, each field with the clause it came from."""

    city_cap_wan: float | None = None
    amount_wan: float | None = None  # the clause's first amount (a 揭榜 list's 榜单金额, fiscal part or not)
    district_wan: float | None = None
    unit_min_wan: float | None = None
    count: int | None = None
    period_years: float | None = None
    period_text: str = ""  # as printed: 不超过3年, 2年
    org_mode: str = ""
    lead_units: str = ""

    @property
    def unit_required(self) -> bool:
        """True when the project asks the applicant to co-fund."""
        return self.unit_min_wan is not None


def _num(pattern: re.Pattern[str], text: str) -> float | None:
    m = pattern.search(text)
    return float(m.group(1)) if m else None


def _amount_parts(text: str) -> list[str]:
    """The parts of a funding clause stating an amount that is neither another party's share nor a total."""
    return [p for p in _PART.split(text) if _AMOUNT.search(p) and not _NOT_CAP.search(p)]


def _cap(parts: list[str], name: str) -> float | None:
    """The public funding cap (万元) among a clause's amount parts, or None. A clause whose name and text say
    nothing of public money (榜单金额：不超过800万元) states a contract's amount, no cap."""
    fiscal = [p for p in parts if _FISCAL.search(p)]
    pick = fiscal or (parts if _FISCAL.search(name) else [])
    return _num(_AMOUNT, pick[0]) if pick else None


# A fiscal amount stated in a clause of another kind ("有关说明：…省财政资助不超过200万元").
_STATED_FUNDING = re.compile(rf"(?:财政|资助|补助|支持)[^。；;]{{0,12}}?{_NUM}\s*万元")


def funding_clause(project: Project) -> Clause | None:
    """The project's funding clause; else the one clause of another kind stating a fiscal amount (a national
    programme's 有关说明: "限企业牵头申报…；每项省财政资助不超过100万元")."""
    if (funding := project.clause_of_kind("funding")) is not None:
        return funding
    stating = [c for c in project.clauses if _STATED_FUNDING.search(c.text)]
    return stating[0] if len(stating) == 1 else None


# A funding clause printing its unit once for all its figures ("重点项目30、一般项目15（万元）", "单位：万元"), or
# named with it (资助额度（万元）): its bare numbers are 万元.
_UNIT_ONCE = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?万元\s*[)）]|单位\s*[:：]\s*万元")
_BARE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])(?!\s*(?:万|元|%|％|年|月|日|个|项|家|人|名|倍|号|批|期|次|类|档|[:：]))"
)


def _with_unit(text: str, name: str) -> str:
    """The clause's text with 万元 after each bare number when it prints the unit once for all of them."""
    if not _UNIT_ONCE.search(text + name):
        return text
    return _BARE.sub(r"\1万元", _UNIT_ONCE.sub("", text))


def project_fields(project: Project) -> ProjectFields:
    """Parse the typed fields of a project from its clauses."""
    funding = funding_clause(project)
    period = project.clause_of_kind("period")
    org = project.clause_of_kind("organisation")
    lead = project.clause_of_kind("eligibility")
    ftext = _with_unit(funding.text, funding.name) if funding else ""
    count = counted[1] if (counted := _counted(project)) else None
    lead_match = _LEAD.search(lead.text) if lead else None
    org_match = _ORG.search(org.text) if org else None
    amounts = _amount_parts(ftext)
    period_match = _PERIOD.search(period.text) if period else None
    years = float(period_match.group(1)) if period_match else None
    if period and period_match is None and (period_match := _PERIOD_MONTHS.search(period.text)):
        years = round(int(period_match.group(1)) / 12, 2)
    return ProjectFields(
        city_cap_wan=_cap(amounts, funding.name if funding else ""),
        amount_wan=_num(_AMOUNT, amounts[0]) if amounts else None,
        district_wan=_num(_DISTRICT, ftext),
        unit_min_wan=_num(_UNIT, ftext),
        count=int(count.group(1)) if count else None,
        period_years=(int(years) if years == int(years) else years) if years is not None else None,
        period_text=re.sub(r"\s+", "", period_match.group(0)) if period_match else "",
        org_mode=org_match.group(1) if org_match else "",
        lead_units=lead_match.group(1).strip(",，、") if lead_match else "",
    )


def _counted(project: Project) -> tuple[Clause, re.Match[str]] | None:
    """The clause stating how many units the call funds and the number in it: the funding clause (拟支持2项) or a
    clause of its own (拟资助数量：5个)."""
    funding = project.clause_of_kind("funding")
    if funding is not None and (m := _COUNT.search(funding.text)):
        return funding, m
    return next(
        ((c, m) for c in project.clauses if _COUNT_CLAUSE.search(c.name) and (m := _COUNT_VALUE.search(c.text))), None
    )


def count_clause(project: Project) -> Clause | None:
    """The clause a project's funded count is read from, or None."""
    return counted[0] if (counted := _counted(project)) else None


def guide_fields(guide: Guide) -> dict[str, ProjectFields]:
    """Typed fields of every project of a guide, by label."""
    return {p.label: project_fields(p) for p in guide.projects}


def format_wan(value: float | None) -> str:
    """200.0 → '200万元'."""
    if value is None:
        return ""
    return f"{int(value) if value == int(value) else value}万元"

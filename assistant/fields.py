"""Typed fields read from clause text: funding caps, co-funding, quota, period, organisation, lead units."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.models import Guide, Project

_NUM = r"(\d+(?:\.\d+)?)"
_CITY_CAP = re.compile(rf"(?:市级财政(?:资助)?经费资助|经费资助|支持强度|财政经费资助)不超过{_NUM}万元")
_DISTRICT = re.compile(rf"(?:区县|区\(县\)|区级|区)财政(?:出资|资助){_NUM}万元")
_UNIT = re.compile(rf"承担单位出资不低于{_NUM}万元")
_COUNT = re.compile(r"拟支持(?:不超过)?(\d+)项")
_PERIOD = re.compile(r"不超过(\d+)年")
# How projects are awarded, as guides print it (one list for the typed field and the notice rules).
ORG_MODES = ("公开竞争", "定向委托", "竞争择优", "定向择优")
_ORG = re.compile(f"({'|'.join(ORG_MODES)})")
_LEAD = re.compile(r"^(.*?)牵头")


@dataclass(frozen=True)
class ProjectFields:
    """What the catalog knows about one project, each field with the clause it came from."""

    city_cap_wan: float | None = None
    district_wan: float | None = None
    unit_min_wan: float | None = None
    count: int | None = None
    period_years: int | None = None
    org_mode: str = ""
    lead_units: str = ""

    @property
    def unit_required(self) -> bool:
        """True when the project asks the applicant to co-fund."""
        return self.unit_min_wan is not None


def _num(pattern: re.Pattern[str], text: str) -> float | None:
    m = pattern.search(text)
    return float(m.group(1)) if m else None


def project_fields(project: Project) -> ProjectFields:
    """Parse the typed fields of a project from its clauses."""
    funding = project.clause_of_kind("funding")
    period = project.clause_of_kind("period")
    org = project.clause_of_kind("organisation")
    lead = project.clause_of_kind("eligibility")
    ftext = funding.text if funding else ""
    count = _COUNT.search(ftext)
    lead_match = _LEAD.search(lead.text) if lead else None
    org_match = _ORG.search(org.text) if org else None
    return ProjectFields(
        city_cap_wan=_num(_CITY_CAP, ftext),
        district_wan=_num(_DISTRICT, ftext),
        unit_min_wan=_num(_UNIT, ftext),
        count=int(count.group(1)) if count else None,
        period_years=int(p.group(1)) if period and (p := _PERIOD.search(period.text)) else None,
        org_mode=org_match.group(1) if org_match else "",
        lead_units=lead_match.group(1).strip(",，、") if lead_match else "",
    )


def guide_fields(guide: Guide) -> dict[str, ProjectFields]:
    """Typed fields of every project of a guide, by label."""
    return {p.label: project_fields(p) for p in guide.projects}


def format_wan(value: float | None) -> str:
    """200.0 → '200万元'."""
    if value is None:
        return ""
    return f"{int(value) if value == int(value) else value}万元"

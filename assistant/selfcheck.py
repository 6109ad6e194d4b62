"""申报资格自查: a profile (who we are) against every project's conditions → 可以牵头 / 可以参与 / 不符合 / 需人工确认.

A verdict rests on the binding conditions only (who may lead, region, PI birth date, title, ongoing
projects, partners, organisation mode, and every sentence no rule reads). 可以牵头 needs every one of them
met; one unknown makes it 需人工确认 — a wrong 可以牵头 is the worst outcome, so doubt never turns into it.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.conditions_vocab import ConditionVocab, condition_vocab
from assistant.datefind import parse_day
from assistant.eligibility import Condition, UnitAlternative, guide_conditions, unit_alternatives
from index.errors import ConfigError
from index.models import Guide, Span

Verdict = Literal["可以牵头", "可以参与", "不符合", "需人工确认"]
VERDICTS: tuple[str, ...] = ("可以牵头", "可以参与", "不符合", "需人工确认")
# Kinds about the lead unit or its PI: failing them still lets a unit join another's application.
_LEAD_ONLY = frozenset({"lead_unit", "pi_birth", "title", "held", "join"})


class ProfileError(ConfigError):
    """A profile file that cannot be used; the message is Chinese and names the key."""

    advice = ""


KEYS_ADVICE = "可用的键：unit_type, hospital_grade, region, pi_birth_date, title, projects_held, partners"


class Profile(BaseModel):
    """Who is applying. Every key is optional; what is not given makes the conditions that need it unknown."""

    model_config = ConfigDict(extra="forbid")

    unit_type: str = Field(
        default="", description="单位类型：医疗卫生机构/医院/高校/科研院所/企业/新型研发机构/事业单位"
    )
    hospital_grade: str = Field(default="", description="医院等级：三级甲等/三级乙等/三级/二级甲等/二级/一级/未定级")
    region: str = Field(default="", description="注册地，如 重庆市沙坪坝区、江苏省南京市")
    pi_birth_date: str = Field(default="", description="项目负责人出生日期：YYYY-MM-DD、YYYY-MM 或 YYYY")
    title: str = Field(default="", description="项目负责人职称：正高/副高/中级/初级，或 主任医师、教授 …")
    projects_held: int | None = Field(default=None, ge=0, description="负责人在研的同级科技计划项目数")
    partners: list[str] | None = Field(default=None, description='已确定的合作单位，如 ["三级甲等医院", "企业"]')

    @field_validator("unit_type")
    @classmethod
    def _known_unit(cls, value: str) -> str:
        units = condition_vocab().units
        if value and value not in units:
            raise ValueError(f"单位类型“{value}”不在可选范围内：{'、'.join(units)}")
        return value

    @field_validator("hospital_grade")
    @classmethod
    def _known_grade(cls, value: str) -> str:
        grades = condition_vocab().grades
        canonical = grades.words.get(value, value)
        if value and canonical not in grades.order:
            raise ValueError(f"医院等级“{value}”不在可选范围内：{'、'.join(grades.order)}")
        return canonical

    @field_validator("pi_birth_date")
    @classmethod
    def _date(cls, value: str) -> str:
        if value:
            try:
                parse_day(str(value))
            except ValueError:
                raise ValueError(f"出生日期“{value}”应写作 YYYY-MM-DD、YYYY-MM 或 YYYY") from None
        return str(value)

    @field_validator("title")
    @classmethod
    def _known_title(cls, value: str) -> str:
        if value and condition_vocab().title_rank(value) is None:
            raise ValueError(f"职称“{value}”无法识别，请写 正高/副高/中级/初级 或具体职称（如 主任医师）")
        return value


class CheckedCondition(BaseModel):
    """A condition with what the profile makes of it: met true/false, or null when nobody can tell yet."""

    text: str
    quote: str
    lines: Span | None
    met: bool | None
    kind: str
    binding: bool
    clause: str
    project: str = Field(description="Project label the clause belongs to; '' for a notice item")


class CheckResult(BaseModel):
    """The verdict for one project of one guide, and the conditions it rests on."""

    guide_id: str
    guide_title: str
    status: str
    year: int | None
    project: str
    project_title: str
    verdict: Verdict
    reason: str
    flags: list[str] = Field(
        default_factory=list, description="征求意见稿, a past year, an application deadline passed"
    )
    conditions: list[CheckedCondition]


_MESSAGES = {
    "int_parsing": "应为不小于 0 的整数",
    "int_type": "应为不小于 0 的整数",
    "greater_than_equal": "应为不小于 0 的整数",
    "list_type": '应为列表，如 ["三级甲等医院"]',
    "string_type": "应为文字",
}


def _message(error: dict) -> str:
    return _MESSAGES.get(error["type"], error["msg"].removeprefix("Value error, "))


def profile_from_dict(data: dict) -> Profile:
    """A validated Profile; ProfileError (Chinese) naming unknown keys or bad values."""
    unknown = sorted(set(data) - set(Profile.model_fields))
    if unknown:
        raise ProfileError(f"资料文件中有无法识别的键：{'、'.join(unknown)}", KEYS_ADVICE)
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(map(str, e['loc']))}: {_message(e)}" for e in exc.errors())
        raise ProfileError(f"资料文件有误：{problems}") from None


def load_profile(path: Path) -> Profile:
    """Read a profile TOML file (one table of keys, or a [profile] table)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"找不到资料文件 {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"资料文件 {path} 不是有效的 TOML：{exc}") from None
    return profile_from_dict(data.get("profile", data))


# -- one condition --------------------------------------------------------------------------------
def _grade_ok(have: str, need: str) -> bool | None:
    if not need:
        return True
    if not have:
        return None
    return have == need or have.startswith(need)


def _unit_ok(alternative: UnitAlternative, profile: Profile, vocab: ConditionVocab) -> bool | None:
    """Does the profile's unit fit one alternative (type, grade, qualifier)?"""
    if not profile.unit_type:
        return None
    mine = {profile.unit_type, *vocab.unit_parents.get(profile.unit_type, [])}
    if mine & set(alternative.types):
        fit: bool | None = True
    elif vocab.hospital.type in alternative.types and profile.unit_type == vocab.hospital.parent:
        fit = True if profile.hospital_grade else None  # a graded 医疗卫生机构 is a hospital
    else:
        return False
    if alternative.grade:
        grade = _grade_ok(profile.hospital_grade, alternative.grade)
        if grade is False:
            return False
        fit = None if grade is None else fit
    if alternative.qualifier:
        return None  # 市级, 具有独立法人资格 … : the profile cannot say
    return fit


def _any(values: list[bool | None], closed: bool = True) -> bool | None:
    if True in values:
        return True
    if None in values or not closed:
        return None
    return False


def _region_ok(have: str, need: str) -> bool | None:
    """True when the profile's region lies within the required one (江苏省南京市 within 江苏省)."""
    if not have or not need:
        return None
    parts = [p for p in _region_parts(need) if p]
    return all(p in have for p in parts)


def _region_parts(region: str) -> list[str]:
    out, current = [], ""
    for ch in region:
        current += ch
        if ch in "省市区县":
            out.append(current[:-1] if len(current) > 2 else current)
            current = ""
    if current:
        out.append(current)
    return out


def _partner_ok(c: Condition, profile: Profile, vocab: ConditionVocab) -> bool | None:
    if profile.partners is None:
        return None
    found: list[bool | None] = []
    for partner in profile.partners:
        for alt in unit_alternatives(partner, vocab):
            as_profile = Profile.model_construct(unit_type=alt.types[0], hospital_grade=alt.grade)
            found.extend(_unit_ok(need, as_profile, vocab) for need in c.units)
    return _any(found) if c.units else None


def _met(c: Condition, profile: Profile, vocab: ConditionVocab) -> bool | None:
    """What the profile makes of one condition."""
    if c.kind == "lead_unit":
        return _any([_unit_ok(a, profile, vocab) for a in c.units], closed=not c.open_list)
    if c.kind == "exclude_unit":
        hit = _any([_unit_ok(a, profile, vocab) for a in c.units])
        return None if hit is None else not hit
    if c.kind == "join":
        if c.subject:
            applies = _any([_unit_ok(a, profile, vocab) for a in c.subject])
            if applies is False:
                return True  # the rule is about other units
        else:
            applies = True
        if c.subject_not_grade:
            if profile.hospital_grade == c.subject_not_grade:
                return True
            if not profile.hospital_grade:
                applies = None
        partner = _partner_ok(c, profile, vocab)
        return partner if applies is True else (None if partner is not True else True)
    if c.kind == "region":
        ok = _region_ok(profile.region, c.region)
        return None if ok is False and c.lines is None else ok  # a region only implied by the issuer: ask
    if c.kind in ("pi_birth", "encourage") and c.born_on_or_after is not None:
        if not profile.pi_birth_date:
            return None
        first, last = parse_day(profile.pi_birth_date)
        fails_before = c.born_unsure_from or c.born_on_or_after
        return True if first >= c.born_on_or_after else False if last < fails_before else None
    if c.kind == "title":
        rank = vocab.title_rank(profile.title) if profile.title else None
        return None if rank is None or c.title_rank is None else rank >= c.title_rank
    if c.kind == "held":
        return None if profile.projects_held is None else profile.projects_held == 0
    if c.kind == "org_mode":
        return None if c.binding else True
    return None


# -- one project ------------------------------------------------------------------------------------
def _implicit(guide: Guide, label: str, conditions: list[Condition]) -> list[Condition]:
    """Conditions the text lacks but a verdict needs: who may lead, where the unit is registered."""
    extra = []
    base = {"quote": "", "lines": None, "guide_id": guide.id, "project": label, "binding": True}
    if not any(c.kind == "lead_unit" for c in conditions):
        extra.append(Condition(kind="manual", text="指南未写明牵头单位类型，需人工确认", clause="（未写明）", **base))
    if not any(c.kind == "region" for c in conditions) and guide.region:
        text = f"指南未写明注册地要求（发布机关在{guide.region}；外地单位能否申报需人工确认）"
        extra.append(Condition(kind="region", text=text, clause="（未写明）", region=guide.region, **base))
    return extra


def _participates(profile: Profile, conditions: list[Condition], vocab: ConditionVocab) -> bool:
    """True when a condition invites units of the profile's type to join (鼓励产学研合作)."""
    mine = {profile.unit_type, *vocab.unit_parents.get(profile.unit_type, [])}
    return any(mine & set(c.participation) for c in conditions)


def verdict_of(profile: Profile, conditions: list[Condition]) -> tuple[Verdict, str, list[CheckedCondition]]:
    """The verdict, a one-line reason, and every condition with its `met`, deciding ones first."""
    vocab = condition_vocab()
    checked = [
        CheckedCondition(
            text=c.text,
            quote=c.quote,
            lines=c.lines,
            met=_met(c, profile, vocab),
            kind=c.kind,
            binding=c.binding,
            clause=c.clause,
            project=c.project,
        )
        for c in conditions
    ]
    binding = [c for c in checked if c.binding]
    failed = [c for c in binding if c.met is False]
    unknown = sorted((c for c in binding if c.met is None), key=lambda c: c.kind == "manual")
    if failed:
        if all(c.kind in _LEAD_ONLY for c in failed) and _participates(profile, conditions, vocab):
            verdict, reason = "可以参与", f"不能牵头（{failed[0].text}），但指南鼓励此类单位合作参与"
        else:
            verdict, reason = "不符合", failed[0].text
    elif unknown:
        verdict, reason = "需人工确认", f"{len(unknown)}项条件无法依据所填资料判断，如：{unknown[0].text}"
    else:
        verdict, reason = "可以牵头", "所填资料满足指南写明的全部申报条件"
    rank = {False: 0, None: 1, True: 2}
    checked.sort(key=lambda c: (not c.binding, rank[c.met] if c.binding else 3))
    return verdict, reason, checked


def guide_flags(guide: Guide, today: date | None) -> list[str]:
    """What an applicant must know beside the verdict: a draft, a past year, applications closed (as of today)."""
    from assistant.conditions_vocab import date_vocab
    from assistant.deadlines import guide_events

    flags = ["征求意见稿，以正式发布的指南为准"] if guide.status == "draft" else []
    if today is None:
        return flags
    if guide.year and guide.year < today.year:
        flags.append(f"{guide.year}年度指南")
    closing = [e for e in guide_events(guide) if e.kind == date_vocab().place.application]
    if closing and all(e.date < today for e in closing):
        flags.append(f"网上填报已于{closing[-1].when()}截止")
    return flags


def check(profile: Profile, guides: list[Guide], today: date | None = None) -> list[CheckResult]:
    """The verdict for every project of every guide, in guide and project order; with `today`, each result
    also flags a past year or a passed application deadline (drafts are flagged always)."""
    results = []
    for guide in guides:
        flags = guide_flags(guide, today)
        for label, conditions in guide_conditions(guide).items():
            project = guide.project(label)
            conditions = conditions + _implicit(guide, label, conditions)
            verdict, reason, checked = verdict_of(profile, conditions)
            results.append(
                CheckResult(
                    guide_id=guide.id,
                    guide_title=guide.title,
                    status=guide.status,
                    year=guide.year,
                    project=label,
                    project_title=project.title if project else "",
                    verdict=verdict,
                    reason=reason,
                    flags=flags,
                    conditions=checked,
                )
            )
    return results


def results_json(results: list[CheckResult]) -> dict:
    """The CLI's --json payload: {"results": [{"guide_id", "project", "verdict", "conditions": [...]}]}."""
    return {"results": [r.model_dump(mode="json") for r in results]}

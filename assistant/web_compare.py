"""项目对比: one row per project, its own clauses first, then the notice's rules for its category (marked 通知)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.fields import ORG_MODES, format_wan, project_fields
from index.models import Guide

COMPARE_HEADERS = [
    "项目",
    "名称",
    "市级资助上限",
    "区县出资",
    "单位出资下限",
    "实施周期",
    "组织方式",
    "牵头单位",
    "指南",
    "文件",
    "行号",
]
UNSTATED = "未规定"

_NUMBERING = re.compile(r"^\s*[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*")
_SENTENCE = re.compile(r"(?<=[。])")
_CLAUSE = re.compile(r"(?<=[；;])")
_CAP = re.compile(r"(?:资助|支持强度|经费|支持)[^。；;]{0,12}?不超过(\d+(?:\.\d+)?)万元")
_PERIOD = re.compile(r"(?:周期|实施期|执行期)[^。；;]{0,8}?不超过(\d+)年")
_ORG = re.compile(f"采用({'|'.join(ORG_MODES)})方式")
_LIST_CLAUSE = re.compile(r"(?<=[；;，,])")


@dataclass(frozen=True)
class NoticeRule:
    """A cap or period stated in the notice: its value, the category it names ('' = every project), its line."""

    field: str  # "cap" | "period" | "org"
    value: float | str
    category: str
    lines: tuple[int, int]


def _category(name: str) -> str:
    return _NUMBERING.sub("", name).strip()


def project_categories(guide: Guide) -> dict[str, set[str]]:
    """Per project label, the categories it belongs to: its own group and the group heading above it."""
    headings = sorted((s.lines[0], _category(s.title)) for s in guide.sections if s.kind == "group")
    out: dict[str, set[str]] = {}
    for p in guide.projects:
        names = {_category(p.group)} if p.group else set()
        above = [title for first, title in headings if first <= p.lines[0]]
        if above:
            names.add(above[-1])
        out[p.label] = {n for n in names if n}
    return out


def notice_rules(guide: Guide, categories: set[str]) -> list[NoticeRule]:
    """Caps and periods the notice states, each scoped to the category its sentence (or the one before) names.

    A sentence naming one category scopes what follows in its item until another names a category; a
    sentence naming several ("其中，A采用…，B采用…") scopes only its own clauses, each by the one it names.
    """
    rules: list[NoticeRule] = []
    for section in guide.notice_sections():
        for text, lines in [(i.text, i.lines) for i in section.items] or [(section.text, section.lines)]:
            current = ""
            for sentence in _SENTENCE.split(text):
                named = [c for c in categories if c in sentence]
                if len(named) == 1:
                    current = named[0]
                elif len(named) > 1:
                    current = ""
                for clause in (_LIST_CLAUSE if len(named) > 1 else _CLAUSE).split(sentence):
                    own = [c for c in categories if c in clause]
                    scope = own[0] if len(own) == 1 else ("" if len(named) > 1 else current)
                    for field, pattern in (("cap", _CAP), ("period", _PERIOD), ("org", _ORG)):
                        for m in pattern.finditer(clause):
                            value = m.group(1) if field == "org" else float(m.group(1))
                            rules.append(NoticeRule(field, value, scope, lines))
    return rules


def _notice_value(rules: list[NoticeRule], field: str, cats: set[str]) -> NoticeRule | None:
    """The rule for this project: one naming its category, else one naming none (when they agree)."""
    mine = [r for r in rules if r.field == field and r.category in cats]
    general = [r for r in rules if r.field == field and not r.category]
    for candidates in (mine, general):
        if candidates and len({r.value for r in candidates}) == 1:
            return candidates[0]
    return None


def _lines(span: tuple[int, int]) -> str:
    first, last = span
    return f"{first}–{last}" if first != last else str(first)


def _from_notice(value: str, rule: NoticeRule) -> str:
    return f"{value}（通知，第{_lines(rule.lines)}行）"


def comparison_rows(guide: Guide) -> list[list[str]]:
    """One row per project: typed fields from its clauses, else the notice's rule (通知, line), else 未规定."""
    cats_by_project = project_categories(guide)
    all_categories = set().union(*cats_by_project.values()) if cats_by_project else set()
    rules = notice_rules(guide, all_categories)
    rows = []
    for project in guide.projects:
        f = project_fields(project)
        cats = cats_by_project.get(project.label, set())
        cap = format_wan(f.city_cap_wan)
        if not cap and (rule := _notice_value(rules, "cap", cats)):
            cap = _from_notice(f"不超过{format_wan(rule.value)}", rule)
        period = f"不超过{f.period_years}年" if f.period_years else ""
        if not period and (rule := _notice_value(rules, "period", cats)):
            period = _from_notice(f"不超过{int(rule.value)}年", rule)
        org = f.org_mode
        if not org and (rule := _notice_value(rules, "org", cats)):
            org = _from_notice(str(rule.value), rule)
        cells = [cap, format_wan(f.district_wan), format_wan(f.unit_min_wan), period, org, f.lead_units]
        rows.append(
            [
                project.label,
                project.title,
                *(c or UNSTATED for c in cells),
                guide.title,
                guide.source,
                _lines(project.lines),
            ]
        )
    return rows

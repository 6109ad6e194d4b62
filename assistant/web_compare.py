"""项目对比: one row per project, its own clauses first, then the notice's rules for its category (marked 通知)."""

from __future__ import annotations

from assistant.categories import NoticeRule, notice_rules, pick_rule, project_categories
from assistant.fields import format_wan, project_fields
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
        if not cap and (rule := pick_rule(rules, "cap", cats)):
            cap = _from_notice(f"不超过{format_wan(rule.value)}", rule)
        period = f.period_text
        if not period and (rule := pick_rule(rules, "period", cats)):
            period = _from_notice(f"不超过{int(rule.value)}年", rule)
        org = f.org_mode
        if not org and (rule := pick_rule(rules, "org", cats)):
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

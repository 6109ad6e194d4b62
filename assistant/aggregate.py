"""Listing and comparison questions, answered by scanning every project's typed fields."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.compose import citation, cite_line, guide_flags, guide_label
from assistant.fields import ProjectFields, format_wan, project_fields
from assistant.models import Answer, Citation
from assistant.understand import Intent
from index.models import Guide, Project

LEAD_TERMS = {
    "高校": ("高校", "高等院校", "大学"),
    "企业": ("企业",),
    "医疗机构": ("医疗机构", "医院", "三甲医院"),
    "科研院所": ("科研院所", "科研机构", "研究机构"),
}


@dataclass(frozen=True)
class Measure:
    """One typed field that a listing or comparison is about."""

    name: str
    kind: str  # the clause kind the field is read from
    value: Callable[[ProjectFields], object]
    show: Callable[[ProjectFields], str]


MEASURES = {
    "city": Measure(
        "市级财政资助上限", "funding", lambda f: f.city_cap_wan, lambda f: format_wan(f.city_cap_wan) or "未写明"
    ),
    "district": Measure(
        "区县财政出资", "funding", lambda f: f.district_wan, lambda f: format_wan(f.district_wan) or "无"
    ),
    "unit": Measure(
        "承担单位出资下限", "funding", lambda f: f.unit_min_wan, lambda f: format_wan(f.unit_min_wan) or "不要求"
    ),
    "period": Measure(
        "实施周期",
        "period",
        lambda f: f.period_years,
        lambda f: f"不超过{f.period_years}年" if f.period_years else "未写明",
    ),
    "org": Measure("组织方式", "organisation", lambda f: f.org_mode, lambda f: f.org_mode or "未写明"),
    "lead": Measure("牵头单位", "eligibility", lambda f: f.lead_units, lambda f: f.lead_units or "未写明"),
    "count": Measure("拟支持项目数", "funding", lambda f: f.count, lambda f: f"{f.count}项" if f.count else "未写明"),
}


def pick_measure(question: str, intent: Intent) -> str:
    """Which typed field the question is about."""
    q = question
    if re.search(r"区县|区级|区财政", q):
        return "district"
    if re.search(r"单位出资|自筹|配套|承担单位|unit co-?fund", q, re.I):
        return "unit"
    if re.search(r"委托|竞争|择优|组织方式", q):
        return "org"
    if re.search(r"牵头|谁能|能申报|可以申报|申报条件|lead", q, re.I):
        return "lead"
    if re.search(r"周期|几年|多久|period", q, re.I):
        return "period"
    if re.search(r"支持几项|资助几项|支持数量", q):
        return "count"
    return (
        "city"
        if intent.kind in ("funding", "")
        else {"period": "period", "organisation": "org", "eligibility": "lead"}.get(intent.kind, "city")
    )


def _filter(question: str, measure: str, rows: list[tuple[Guide, Project, ProjectFields]]):
    """Rows a listing keeps: a named organisation mode, lead unit, or 'no co-funding'."""
    if measure == "org":
        for mode in ("公开竞争", "定向委托", "竞争择优"):
            short = mode[2:] if mode != "竞争择优" else "择优"
            if mode in question or short in question:
                return [r for r in rows if r[2].org_mode == mode], mode
    if measure == "lead":
        for term, synonyms in LEAD_TERMS.items():
            if any(s in question for s in synonyms):
                return [r for r in rows if any(s in r[2].lead_units for s in synonyms)], f"{term}牵头"
    if measure == "unit" and re.search(r"不要求|不需要|无需|不用|没有要求", question):
        return [r for r in rows if r[1].clause_of_kind("funding") and r[2].unit_min_wan is None], "不要求承担单位出资"
    return rows, ""


_MEASURE_WORDS = re.compile(
    r"出资|配套|自筹|委托|竞争|择优|组织方式|牵头|谁能|能申报|可以申报|周期|几年|多久|资助|经费|钱|万元|支持几|最多|最少|最高|最低|"
    r"commission|fund|lead|period",
    re.I,
)
_TOPIC_STOP = re.compile(
    r"哪些|哪几个|哪几|有哪|一共|总共|都有|有几个|多少个|几个|是做|有关|相关|关于|指南代码|指南|代码|或者|还是|下面|那一类|这一类|"
    r"那个|这个|列出|列一下|所有|全部|请问|哪个|方向|项目|类|的|跟|和|与|做|有|是|在|里|中|呢|吗|\?|？|,|，|。"
)


def _mentions(text: str, term: str) -> bool:
    """Does the text mention the term: as a substring, or (for 3+ characters) most of its bigrams?"""
    text = re.sub(r"[\s()（）,，、]", "", text).lower()
    term = term.lower()
    if term in text or len(term) < 3:
        return term in text
    bigrams = [term[i : i + 2] for i in range(len(term) - 1)]
    return sum(1 for b in bigrams if b in text) / len(bigrams) >= 0.6


def topic_answer(intent: Intent, guides: list[Guide]) -> Answer | None:
    """List the projects whose group, title or clauses mention the question's topic words."""
    text = _TOPIC_STOP.sub(" ", intent.search_text or intent.question)
    text = re.sub(r"[要能会可需请该]", " ", text)
    titles = "".join(g.title for g in guides)
    runs = [
        r
        for r in re.findall(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9\-]+", text)
        if len(r) >= 2 and r not in titles  # words of the guide's own title select nothing
    ]
    rows: list[tuple[Guide, Project, str]] = []
    groups = [r for r in runs if any(r in p.group for g in guides for p in g.projects)]
    topics = [r for r in runs if r not in groups]
    if any(len(t) >= 3 for t in topics):
        topics = [t for t in topics if len(t) >= 3]
    any_of = bool(re.search(r"或|or\b", intent.question))
    for g in guides:
        for p in g.projects:
            if groups and not any(r in p.group for r in groups):
                continue
            if not topics:
                rows.append((g, p, p.clauses[0].name if p.clauses else ""))
                continue
            places = [
                "标题" if _mentions(p.title, r) else next((c.name for c in p.clauses if _mentions(c.text, r)), "")
                for r in topics
            ]
            if any(places) if any_of else all(places):
                rows.append((g, p, next(w for w in places if w)))
    if not rows:
        return None
    about = "、".join(f"「{t}」" for t in topics) if topics else ""
    scope = "、".join(guide_label(g) for g in guides) if len(guides) <= 2 else "已收录的各指南"
    labels = "、".join(p.label for _, p, _ in rows)
    lead = f"{scope}中{'与' + about + '有关的' if about else ''}项目共{len(rows)}个：{labels}。"
    lines = [lead]
    citations: list[Citation] = []
    for g, p, where in rows:
        clause = p.clause(where) if where != "标题" else (p.clauses[0] if p.clauses else None)
        if clause is None:
            continue
        c = citation(g, p, clause.name, clause.text, clause.lines)
        citations.append(c)
        prefix = f"《{g.title}》" if len(guides) > 1 else ""
        lines.append(f"- {prefix}{p.label}「{p.title}」" + (f"（见{where}）" if where != "标题" else ""))
    lines.append("出处：\n" + "\n".join(cite_line(c) for c in citations))
    return Answer(answer="\n".join(lines), citations=citations)


def aggregate_answer(question: str, intent: Intent, guides: list[Guide]) -> Answer | None:
    """Answer a listing / max / min / count / compare question, every row cited; None if not applicable."""
    if (
        intent.aggregate in ("list", "count")
        and not _MEASURE_WORDS.search(question)
        and intent.kind in ("", "content", "indicators", "other")
    ):
        return topic_answer(intent, guides)
    measure_key = pick_measure(question, intent)
    measure = MEASURES[measure_key]
    rows: list[tuple[Guide, Project, ProjectFields]] = []
    wanted = set(intent.projects)
    for g in guides:
        for p in g.projects:
            if intent.aggregate in ("compare", "max", "min") and len(wanted) >= 2 and (g.id, p.label) not in wanted:
                continue
            if intent.group and not p.group.startswith(intent.group):
                continue
            if p.clause_of_kind(measure.kind) is None:
                continue
            rows.append((g, p, project_fields(p)))
    if not rows:
        return None
    rows, condition = _filter(question, measure_key, rows)
    scope = "、".join(guide_label(g) for g in guides) if len(guides) <= 2 else "已收录的各指南"
    if intent.aggregate in ("max", "min"):
        valued = [r for r in rows if isinstance(measure.value(r[2]), int | float)]
        if not valued:
            return None
        pick = max if intent.aggregate == "max" else min
        target = pick(measure.value(r[2]) for r in valued)
        rows = [r for r in valued if measure.value(r[2]) == target]
        word = "最高" if intent.aggregate == "max" else "最低"
        names = "、".join(f"{p.label}「{p.title}」" for _, p, _ in rows)
        lead = f"{scope}中，{measure.name}{word}的是{names}：{measure.show(rows[0][2])}。"
    elif intent.aggregate == "count" or condition:
        by_guide: dict[str, list[str]] = {}
        for g, p, _ in rows:
            by_guide.setdefault(g.title, []).append(p.label)
        labels = (
            "、".join(by_guide[next(iter(by_guide))])
            if len(by_guide) == 1
            else "；".join(f"《{title}》{'、'.join(labs)}" for title, labs in by_guide.items())
        )
        what = condition or measure.name
        lead = f"{scope}中，{what}的项目共{len(rows)}个：{labels}。" if rows else f"{scope}中没有{what}的项目。"
    elif intent.aggregate == "compare":
        lead = f"{scope}中各项目的{measure.name}对比如下："
    else:
        lead = f"{scope}中各项目的{measure.name}如下："
    citations: list[Citation] = []
    lines = [lead]
    for g, p, f in rows:
        clause = p.clause_of_kind(measure.kind)
        assert clause is not None
        c = citation(g, p, clause.name, clause.text, clause.lines)
        citations.append(c)
        prefix = f"《{g.title}》" if len(guides) > 1 else ""
        lines.append(
            f"- {prefix}{p.label}「{p.title}」：{measure.show(f)}（{clause.name}：{clause.text.replace(chr(10), ' ')}）"
        )
        if measure_key == "unit":
            # Another clause may set a different co-funding (003: 企业牵头承担单位出资不低于1500万元).
            for other in p.clauses:
                if other is not clause and "承担单位出资" in other.text:
                    citations.append(citation(g, p, other.name, other.text, other.lines))
                    lines.append(f"  另见{other.name}：{other.text.replace(chr(10), ' ')}")
    lines.append("出处：\n" + "\n".join(cite_line(c) for c in citations))
    flags = {guide_flags(g) for g, _, _ in rows if guide_flags(g)}
    if flags and len(guides) == 1:
        lines.append(f"注意：{flags.pop()}。")
    return Answer(answer="\n".join(lines), citations=citations)

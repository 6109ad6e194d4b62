"""Chat questions such as "我们是二级医院，负责人1968年出生，哪些项目能牵头？" answered by the self-check engine."""

from __future__ import annotations

import re

from assistant.conditions_vocab import condition_vocab
from assistant.models import Answer, Citation
from assistant.selfcheck import CheckResult, Profile, _region_parts, check
from index.models import Guide

_BIRTH = re.compile(r"((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?\s*(?:出生|生)")
_LISTED = 8  # projects named per verdict; the 自查 tab lists all


def is_selfcheck(question: str) -> bool:
    """True when the question asks which projects the asker may apply for."""
    vocab = condition_vocab()
    if not any(w in question for w in vocab.chat.asks):
        return False
    return any(w in question for w in vocab.chat.self) or any(w in question for w, _ in vocab.unit_words())


def profile_from_question(question: str, guides: list[Guide]) -> Profile:
    """What the question says about the asker: unit type, hospital grade, region, PI birth date, title."""
    vocab = condition_vocab()
    fields: dict = {}
    said = [
        (m.start(), types[0])
        for word, types in vocab.unit_words()
        if len(types) == 1
        for m in re.finditer(re.escape(word), question)
        if not _denied(question, m.start(), vocab.chat.not_self) and not _partner(question, m.start(), m.end())
    ]
    if said:
        fields["unit_type"] = min(said)[1]  # the first the asker says: "我们医院…找企业合作" is a hospital
    for word, grade in vocab.grade_words():
        if word in question:
            fields["hospital_grade"] = grade
            fields.setdefault("unit_type", "医院")
            break
    for region in sorted({g.region for g in guides if g.region}, key=len, reverse=True):
        parts = _region_parts(region)
        if parts and parts[-1] in question:
            fields["region"] = region
            break
        if parts and parts[0] in question and "region" not in fields:
            fields["region"] = region[: region.find(parts[0]) + len(parts[0]) + 1]
    if m := _BIRTH.search(question):
        fields["pi_birth_date"] = "-".join(f"{int(x):02d}" if i else x for i, x in enumerate(m.groups()) if x)
    titles = sorted(((w, n) for n, t in vocab.titles.items() for w in t.words), key=lambda p: -len(p[0]))
    if title := next((w for w, _ in titles if w in question), ""):
        fields["title"] = title
    if any(w in question for w in vocab.chat.no_held):
        fields["projects_held"] = 0
    return Profile(**fields)


_PARTNER_REACH = 6  # characters between a partner word and the unit type ("没找到科技型企业合作")


def _partner(question: str, start: int, end: int) -> bool:
    """Is the unit type at start:end one the asker works with, not what the asker is ("跟高校联合", "企业合作")?"""
    chat = condition_vocab().chat
    before = re.split(r"[，,。；;？?！!]", question[max(0, start - _PARTNER_REACH) : start])[-1]
    after = question[end : end + 2]
    return any(w in before for w in chat.partner_before) or any(after.startswith(w) for w in chat.partner_after)


def _denied(question: str, at: int, words: list[str]) -> bool:
    """Is the word at `at` one the asker says they are not ("不是高校")?"""
    return any(question[:at].endswith(w) for w in words)


def _describe(profile: Profile) -> str:
    parts = []
    if profile.unit_type:
        parts.append(
            f"单位类型：{profile.unit_type}" + (f"（{profile.hospital_grade}）" if profile.hospital_grade else "")
        )
    if profile.region:
        parts.append(f"注册地：{profile.region}")
    if profile.pi_birth_date:
        parts.append(f"负责人出生：{profile.pi_birth_date}")
    if profile.title:
        parts.append(f"职称：{profile.title}")
    return "；".join(parts) or "未说明单位情况"


def _line(r: CheckResult) -> str:
    flags = "".join(f"（{f}）" for f in r.flags)
    return f"- 《{r.guide_title}》{flags} {r.project}「{r.project_title}」：{r.reason}"


def _citations(results: list[CheckResult], guides: dict[str, Guide]) -> list[Citation]:
    out = []
    for r in results:
        guide = guides[r.guide_id]
        for c in r.conditions:
            if c.binding and c.lines is not None and c.met is not None:
                out.append(
                    Citation(
                        guide_id=guide.id,
                        guide_title=guide.title,
                        source=guide.source,
                        project=c.project,
                        project_title=r.project_title if c.project else "",
                        clause=c.clause,
                        quote=c.quote,
                        lines=c.lines,
                    )
                )
                break
    return out


def selfcheck_answer(
    question: str,
    guides: list[Guide],
    guide_id: str | None = None,
    projects: list[tuple[str, str]] | None = None,
    today: str = "",
) -> Answer | None:
    """The self-check as a chat answer (only the named (guide id, label) projects when given; `today` is the
    GUIDE_ASSISTANT_TODAY setting), or None when the question is not a self-check."""
    from assistant.deadlines import today_from

    if not is_selfcheck(question):
        return None
    scope = [g for g in guides if guide_id in (None, g.id)]
    profile = profile_from_question(question, guides)
    results = [
        r for r in check(profile, scope, today_from(today)) if not projects or (r.guide_id, r.project) in projects
    ]
    by = {v: [r for r in results if r.verdict == v] for v in ("可以牵头", "可以参与", "需人工确认", "不符合")}
    if len(by["需人工确认"]) == len(results):
        return None  # nothing decided ("我是2018年引进的博士，还能报吗"): the guide's own clause answers better
    blocks = [f"按您提供的情况（{_describe(profile)}），逐项对照{len(results)}个项目的申报条件："]
    for verdict in ("可以牵头", "可以参与", "需人工确认"):
        rows = by[verdict]
        if rows:
            lines = [f"{verdict}（{len(rows)}项）：", *(_line(r) for r in rows[:_LISTED])]
            if len(rows) > _LISTED:
                lines.append(f"- 另有{len(rows) - _LISTED}项，见“自查”页。")
            blocks.append("\n".join(lines))
    if by["不符合"]:
        first = by["不符合"][0]
        blocks.append(
            f"不符合（{len(by['不符合'])}项），如：《{first.guide_title}》{first.project}「{first.project_title}」——{first.reason}。"
        )
    blocks.append(
        "未提供的信息（注册地、出生日期、职称、在研项目、合作单位）会使相关条件需人工确认；"
        "结论仅供自查，以指南原文和主管部门解释为准。"
    )
    cited = by["可以牵头"][:_LISTED] + by["可以参与"][:3] + by["不符合"][:1]
    return Answer(answer="\n\n".join(blocks), citations=_citations(cited, {g.id: g for g in scope}))

"""Eligibility conditions as typed records, read from 申报条件 clauses and the notice's 申报要求 items.

Each clause or item is cut into segments (sentences, and comma parts that stand on their own); each
segment becomes one Condition: who may lead, who must join, registration region, PI birth date,
title, ongoing projects, limits, co-funding, integrity, organisation mode, encouragements, procedure,
or — when no rule reads it — a "人工确认" condition that keeps the verdict from 可以牵头. Words are data
(index/vocab/conditions.toml); nothing is dropped.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Literal

from pydantic import BaseModel, Field

from assistant.conditions_vocab import ConditionVocab, condition_vocab
from assistant.datefind import find_dates
from index.models import Guide, Project, Span

ConditionKind = Literal[
    "lead_unit",
    "exclude_unit",
    "join",
    "region",
    "pi_birth",
    "title",
    "held",
    "limit_person",
    "limit_unit",
    "cofunding",
    "integrity",
    "org_mode",
    "encourage",
    "procedure",
    "manual",
]
# Kinds that decide a verdict; the others are shown beside it.
BINDING: frozenset[str] = frozenset(
    {"lead_unit", "exclude_unit", "join", "region", "pi_birth", "title", "held", "org_mode", "manual"}
)
_CN_NUM = "0-9一二三四五六七八九十"
_AGE = re.compile(rf"(?:不超过|不满|未满|低于|不大于)\s*([{_CN_NUM}]+)\s*周?岁|([{_CN_NUM}]+)\s*周?岁(?:\(含\))?以下")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*万元")
_RATIO = re.compile(r"(\d+(?:\.\d+)?)\s*[:：]\s*(\d+(?:\.\d+)?)")
_COUNT = re.compile(r"(?:不超过|限报|限|只能申报|申报)\s*([0-9一二两三四五六七八九十]+)\s*项")
_NUMBERING = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、]|[一二三四五六七八九十]+、)\s*")


class UnitAlternative(BaseModel):
    """One unit type a condition names: 三甲医院 → 医院 with grade 三级甲等; 市级医疗机构 → qualifier 市级."""

    types: list[str]
    grade: str = ""
    qualifier: str = Field(default="", description="Words no rule reads (市级, 具有独立法人资格): ask a person")


class Condition(BaseModel):
    """One eligibility condition with the text it was read from."""

    kind: ConditionKind
    text: str = Field(description="What the condition says, in Chinese")
    quote: str = Field(description="The guide's words, as normalised")
    lines: Span | None = Field(description="Line span of the clause or item; None for a condition the text lacks")
    guide_id: str
    project: str = Field(default="", description="Project label; '' for a notice item")
    clause: str = Field(description="Clause or notice section it comes from")
    binding: bool = Field(description="True when it decides the verdict; False for encouragements and duties")
    units: list[UnitAlternative] = Field(default_factory=list, description="lead_unit / exclude_unit / join partners")
    open_list: bool = Field(default=False, description="The unit list ends in 等: types not named are not excluded")
    subject: list[UnitAlternative] = Field(default_factory=list, description="join: who must join someone")
    subject_not_grade: str = Field(default="", description="join: applies to hospitals not of this grade (非三级甲等)")
    region: str = ""
    born_on_or_after: date | None = None
    born_unsure_from: date | None = Field(
        default=None, description="Age-only rules: births from this day to born_on_or_after may or may not pass"
    )
    title_rank: int | None = None
    amount_wan: float | None = None
    ratio: str = ""
    count: int | None = None
    participation: list[str] = Field(default_factory=list, description="Unit types invited to join (产学研合作)")
    categories: list[str] = Field(default_factory=list, description="Project categories it is scoped to; [] = all")


class Block(BaseModel):
    """A clause or notice item to read: its text, where it is, which project it belongs to."""

    text: str
    lines: Span
    clause: str
    project: str = ""


def sentences(text: str, modal: tuple[str, ...] = ()) -> list[list[str]]:
    """Sentences cut into comma parts; a part that starts with 须/不得… or follows one ending in 的 stays joined."""
    out: list[list[str]] = []
    for sentence in re.split(r"[。；;\n]+", _NUMBERING.sub("", text)):
        parts: list[str] = []
        depth, current = 0, ""
        for ch in sentence:
            depth += ch in "(（"
            depth -= ch in ")）"
            if ch == "," and depth <= 0:
                parts.append(current)
                current = ""
            else:
                current += ch
        parts.append(current)
        merged: list[str] = []
        for part in (p.strip() for p in parts):
            if not part:
                continue
            if merged and (
                part.startswith(modal or tuple(condition_vocab().triggers.modal))
                or merged[-1].endswith(("的", "其中"))
                or len(merged[-1]) < 4
            ):
                merged[-1] += "," + part
            else:
                merged.append(part)
        if any(m.strip(" 。") for m in merged):
            out.append(merged)
    return out


def segments(text: str) -> list[str]:
    """Every comma part of every sentence, in order."""
    return [part for sentence in sentences(text) for part in sentence]


_MERGED_KINDS = ("manual", "procedure", "integrity")


def read_sentence(parts: list[str], block: Block, guide: Guide, vocab: ConditionVocab) -> list[Condition]:
    """A sentence's conditions: one 人工确认 condition when no part is read, else the parts' conditions with
    neighbouring unread (or procedure, integrity) parts joined into one."""
    read = [read_segment(part, block, guide, vocab) for part in parts]
    if all(len(r) == 1 and r[0].kind == "manual" for r in read):
        whole = ",".join(parts)
        return [read[0][0].model_copy(update={"quote": whole, "text": f"人工确认：{whole}"})]
    out: list[Condition] = []
    for conditions in read:
        for c in conditions:
            last = out[-1] if out else None
            if last is not None and c.kind == last.kind and c.kind in _MERGED_KINDS:
                quote = f"{last.quote},{c.quote}"
                out[-1] = last.model_copy(update={"quote": quote, "text": last.text.split("：")[0] + "：" + quote})
            else:
                out.append(c)
    return out


def _has(text: str, words: list[str]) -> str:
    return next((w for w in words if w in text), "")


def unit_alternatives(text: str, vocab: ConditionVocab) -> list[UnitAlternative]:
    """The unit types a list names (医院、高校、企业或科研机构), each with its grade and unread qualifier."""
    text = re.sub(r"\([^)]*\)", "", text)  # 三级甲等(中医、专科)医院 → 三级甲等医院
    out = []
    for piece in re.split(r"[、,/]|或|和|及|与", text):
        piece = piece.strip()
        types: list[str] = []
        rest = piece
        for word, kinds in vocab.unit_words():
            if word in rest:
                types = kinds
                rest = rest.replace(word, "", 1)
                break
        if not types:
            continue
        grade = ""
        for word, canonical in vocab.grade_words():
            if word in rest:
                grade, rest = canonical, rest.replace(word, "", 1)
                break
        if grade and types == [vocab.hospital.parent]:
            types = [vocab.hospital.type]
        for filler in vocab.triggers.filler:
            rest = rest.removeprefix(filler)
        out.append(UnitAlternative(types=types, grade=grade, qualifier=rest.strip("的等 ")))
    return out


def _unit_list(before: str, vocab: ConditionVocab) -> tuple[list[UnitAlternative], bool, str]:
    """Unit alternatives of the list in `before`, whether it is open (等), and the qualifier before it (…的)."""
    head, _, tail = before.rpartition("的")
    alternatives = unit_alternatives(tail or before, vocab)
    if not alternatives and head:
        alternatives = unit_alternatives(before, vocab)
        head = ""
    open_list = (tail or before).rstrip().endswith(tuple(vocab.triggers.open_list))
    return alternatives, open_list, head


def _region_of(segment: str, guide: Guide, vocab: ConditionVocab) -> str:
    """The region a 注册 clause names: 我省 → the guide's region, 江苏省境内 → 江苏省."""
    core = re.sub(r"(省|市|区|县|自治区)$", "", guide.region.split("市")[0]) if guide.region else ""
    if _has(segment, vocab.triggers.own_region) or (core and core in segment):
        return guide.region
    m = re.search(r"([\u4e00-\u9fff]{2,3}(?:省|市|自治区))(?:境内|内|辖区内)?注册", segment)
    return m.group(1) if m else guide.region


def _number(text: str) -> int | None:
    try:
        return int(_cn2an(text, "smart"))
    except (ValueError, KeyError):
        return None


def read_segment(segment: str, block: Block, guide: Guide, vocab: ConditionVocab) -> list[Condition]:
    """The conditions one segment states (at least one: a 人工确认 condition when no rule reads it)."""
    t = vocab.triggers
    base = {"quote": segment, "lines": block.lines, "guide_id": guide.id, "project": block.project}
    base["clause"] = block.clause

    def cond(kind: str, text: str, binding: bool | None = None, **fields) -> Condition:
        return Condition(
            kind=kind, text=text, binding=kind in BINDING if binding is None else binding, **base, **fields
        )

    out: list[Condition] = []
    if _has(segment, t.held) and _has(segment, t.held_bar):
        return [cond("held", "有在研项目的负责人不得牵头（projects_held 须为 0）")]
    directed, open_mode = _has(segment, t.directed.words), _has(segment, t.directed.open)
    if directed and open_mode:
        return [cond("org_mode", f"组织方式（分类型规定，见各类项目）：{segment}", binding=False)]
    if directed:
        return [cond("org_mode", f"{directed}：由主管部门指定承担单位，能否申报需人工确认")]
    if open_mode:
        return [cond("org_mode", f"{open_mode}：符合条件的单位均可申报", binding=False)]
    if _has(segment, t.encourage) and not _has(segment, t.held_bar + t.exclude + t.encourage_bar):
        invited = sorted({u for word, units in t.participation.items() if word in segment for u in units})
        text = f"鼓励/优先（不影响申报资格）：{segment}"
        if invited:
            text = f"鼓励合作，{'、'.join(invited)}可参与（不影响申报资格）：{segment}"
        if m := _AGE.search(segment):
            found = find_dates(segment)
            born = found[0].day if found else _age_cutoff(m.group(1) or m.group(2), guide)
            text = f"鼓励{born.isoformat()}（含）以后出生的青年人才牵头（不影响申报资格）" if born else text
            return [cond("encourage", text, participation=invited, born_on_or_after=born)]
        return [cond("encourage", text, participation=invited)]
    if _has(segment, t.exclude):
        alternatives = unit_alternatives(segment.split(_has(segment, t.exclude))[0], vocab)
        if alternatives:
            names = "、".join(a.types[0] for a in alternatives)
            return [cond("exclude_unit", f"{names}不得作为申报单位", units=alternatives)]
    if _has(segment, t.join) and _has(segment, t.join_mark):
        return [_join(segment, vocab, cond)]
    if _has(segment, t.cofunding):
        amount = _AMOUNT.search(segment)
        ratio = _RATIO.search(segment)
        what = f"承担单位须自筹/出资：{segment}"
        return [
            cond(
                "cofunding",
                what,
                amount_wan=float(amount.group(1)) if amount else None,
                ratio=f"{ratio.group(1)}:{ratio.group(2)}" if ratio else "",
            )
        ]
    if word := _has(segment, t.lead_after + t.lead_before):
        after = word in t.lead_after
        before = segment.split(word)[0] if after else segment.split(word, 1)[1]
        if after and not unit_alternatives(before, vocab):
            before = ""
        alternatives, open_list, head = _unit_list(before, vocab) if before else ([], False, "")
        if alternatives:
            region_word = _has(head, t.region)
            if region_word:
                region = _region_of(segment, guide, vocab)
                out.append(cond("region", f"申报单位须在{region}注册", region=region))
                head = re.sub(r"^.*?注册的?", "", head)
            if head.strip("的 "):
                for a in alternatives:
                    a.qualifier = (head.strip("的 ") + " " + a.qualifier).strip()
            text = f"牵头单位：{before.strip(' ,的')}"
            out.append(cond("lead_unit", text, units=alternatives, open_list=open_list))
            return out
    if _has(segment, t.region) and (word := _has(segment, ["注册"])):
        region = _region_of(segment, guide, vocab)
        return [cond("region", f"申报单位须在{region}注册", region=region)]
    if (word := _has(segment, t.title_floor)) and len(segment) <= 40:
        rank = next((vocab.title_rank(w) for w in vocab.titles if w in segment), None)
        if rank is not None:
            return [cond("title", f"职称要求：{segment}", title_rank=rank)]
    if (m := _AGE.search(segment)) and len(segment) <= 60:
        years = m.group(1) or m.group(2)
        born, unsure = _age_cutoff(years, guide), _age_cutoff(years, guide, extra=1)
        if found := find_dates(segment):
            born, unsure = found[0].day, None
        if born:
            text = f"项目负责人须在{born.isoformat()}（含）以后出生"
            if unsure:
                text = f"项目负责人年龄上限：{segment}（{born.isoformat()}及以后出生者满足；{unsure.isoformat()}以前出生者不满足）"
            return [cond("pi_birth", text, born_on_or_after=born, born_unsure_from=unsure)]
    if _has(segment, t.limit_person):
        m = _COUNT.search(segment)
        return [cond("limit_person", f"限项（负责人）：{segment}", count=_number(m.group(1)) if m else None)]
    if _has(segment, t.limit_unit) and _COUNT.search(segment):
        return [cond("limit_unit", f"限项（单位）：{segment}")]
    if _has(segment, t.integrity):
        return [cond("integrity", f"诚信与伦理要求（须承诺遵守）：{segment}")]
    if _has(segment, t.procedure.words):
        return [cond("procedure", f"申报程序与材料要求：{segment}")]
    return [cond("manual", f"人工确认：{segment}")]


def _join(segment: str, vocab: ConditionVocab, cond) -> Condition:
    """'高校、科研院所…申报项目必须有医院联合' / '非三级甲等…医院牵头申报,须联合…三级甲等…医院'."""
    t = vocab.triggers
    word = _has(segment, t.join)
    subject_text, partner_text = segment.split(word, 1)
    mark = t.join_mark[0]
    partner_text = partner_text.split(mark, 1)[1] if partner_text.startswith(mark) else partner_text
    partner_text = re.split(r"[,，]|且|并", partner_text)[0]
    not_grade = ""
    if _has(subject_text, t.negation):
        for w, canonical in vocab.grade_words():
            if t.negation[0] + w in subject_text:
                not_grade = canonical
                subject_text = subject_text.replace(t.negation[0] + w, "")
                break
    subject_text = re.split("|".join(map(re.escape, [*t.lead_after, "申报"])), subject_text)[0]
    subject = _dedupe(unit_alternatives(subject_text, vocab))
    partners = unit_alternatives(partner_text.replace(mark, ""), vocab)
    who = "、".join(dict.fromkeys(a.types[0] for a in subject)) or "申报单位"
    if not_grade:
        who = f"非{not_grade}{who}"
    whom = "、".join((a.grade + a.types[0]) for a in partners) or partner_text
    return cond("join", f"{who}须联合{whom}（partners）", units=partners, subject=subject, subject_not_grade=not_grade)


def _dedupe(alternatives: list[UnitAlternative]) -> list[UnitAlternative]:
    seen: set[tuple] = set()
    out = []
    for a in alternatives:
        key = (tuple(a.types), a.grade, a.qualifier)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _age_cutoff(number: str, guide: Guide, extra: int = 0) -> date | None:
    """'45周岁以下' as a birth date: the guide's date (or 1 January of its year) minus 45 years (+ extra years,
    + 1 day when extra: the first birthday of those already 46 on that day is not included)."""
    years = _number(number)
    if years is not None and extra:
        later = _age_cutoff(number, guide, 0)
        if later is None:
            return None
        try:
            return later.replace(year=later.year - extra) + timedelta(days=1)
        except ValueError:
            return later.replace(year=later.year - extra, day=28) + timedelta(days=1)
    base = date.fromisoformat(guide.date) if guide.date else date(guide.year, 1, 1) if guide.year else None
    if years is None or base is None:
        return None
    try:
        return base.replace(year=base.year - years)
    except ValueError:  # 29 February
        return base.replace(year=base.year - years, day=28)


def categories_of(guide: Guide, project: Project) -> list[str]:
    """The category names a project sits under: its group and the group headings before it."""
    names = [re.sub(r"^[一二三四五六七八九十\d]+[、.．]\s*", "", project.group)] if project.group else []
    before = [s for s in guide.sections if s.kind == "group" and s.lines[0] < project.lines[0]]
    if before:
        names.append(before[-1].title)
    return [n for n in names if n]


def mentions(segment: str, name: str) -> bool:
    """True when a segment names a category: a common run of 5+ characters, at least half the name."""
    if not name:
        return False
    match = SequenceMatcher(None, segment, name, autojunk=False).find_longest_match(0, len(segment), 0, len(name))
    return match.size >= max(5, (len(name) + 1) // 2)


def _scoped(guide: Guide, block: Block, vocab: ConditionVocab) -> list[Condition]:
    """Conditions of a notice item, each scoped to the categories its sentence names (inherited in the item)."""
    categories = sorted({c for p in guide.projects for c in categories_of(guide, p)})
    out: list[Condition] = []
    inherited: list[str] = []
    for parts in sentences(block.text):
        for c in read_sentence(parts, block, guide, vocab):
            if block.clause in vocab.clauses.limits and c.kind == "manual":
                c = c.model_copy(update={"kind": "limit_unit", "binding": False, "text": f"限项（单位）：{c.quote}"})
            named = [name for name in categories if mentions(c.quote, name)]
            c.categories = named or inherited
            out.append(c)
            if named:  # one category named: the next conditions are about it too; two or more: about none
                inherited = named if len(named) == 1 else []
    return out


def _clauses_of(project: Project, kind: str) -> list:
    """The project's clauses read for conditions of this group (their canonical kinds are in conditions.toml)."""
    kinds = getattr(condition_vocab().clauses, kind)
    return [c for c in project.clauses if c.kind in kinds]


def notice_conditions(guide: Guide, vocab: ConditionVocab | None = None) -> list[Condition]:
    """Conditions of the notice's 申报要求 / 组织方式 / 申报限额 items, scoped to categories where they say so."""
    vocab = vocab or condition_vocab()
    out: list[Condition] = []
    for section in guide.notice_sections():
        if section.title not in vocab.clauses.notice:
            continue
        parts = section.items or []
        blocks = [Block(text=i.text, lines=i.lines, clause=section.title) for i in parts]
        if not parts:
            blocks = [Block(text=section.text, lines=section.lines, clause=section.title)]
        for block in blocks:
            out.extend(_scoped(guide, block, vocab))
    return out


def project_conditions(
    guide: Guide, project: Project, vocab: ConditionVocab | None = None, notice: list[Condition] | None = None
) -> list[Condition]:
    """The project's own conditions (申报条件, 其他说明, 组织方式 clauses) followed by the notice's that apply."""
    vocab = vocab or condition_vocab()
    notice = notice_conditions(guide, vocab) if notice is None else notice
    out: list[Condition] = []
    for clause in _clauses_of(project, "funding"):
        block = Block(text=clause.text, lines=clause.lines, clause=clause.name, project=project.label)
        for segment in segments(clause.text):
            out.extend(c for c in read_segment(segment, block, guide, vocab) if c.kind == "cofunding")
    for clause in _clauses_of(project, "eligibility"):
        if clause.text.strip() in vocab.clauses.empty:
            continue
        block = Block(text=clause.text, lines=clause.lines, clause=clause.name, project=project.label)
        for parts in sentences(clause.text):
            out.extend(read_sentence(parts, block, guide, vocab))
    mine = set(categories_of(guide, project))
    for c in notice:
        if not c.categories or mine & set(c.categories):
            out.append(c)
    return out


_CACHE: dict[tuple[str, str], dict[str, list[Condition]]] = {}
_CACHE_SIZE = 4096  # guides; a version of a guide is its id and content hash


def guide_conditions(guide: Guide) -> dict[str, list[Condition]]:
    """Every project's conditions, by project label (read once per guide version; treat as read-only)."""
    key = (guide.id, guide.content_hash)
    if guide.content_hash and key in _CACHE:
        return _CACHE[key]
    vocab = condition_vocab()
    notice = notice_conditions(guide, vocab)
    conditions = {p.label: project_conditions(guide, p, vocab, notice) for p in guide.projects}
    if guide.content_hash:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = conditions
    return conditions


def _cn2an(text: str, mode: str) -> float:
    """cn2an's Chinese-numeral reading, imported on first use (the import takes a quarter of a second)."""
    import cn2an

    return cn2an.cn2an(text, mode)

"""Families whose units are numbered headings found from the document's own numbering scheme.

national key R&D ("1. 方向" groups over "1.1 任务" units), 专题/项目 ("专题一" over "项目1"), guide codes
(2026C01001), "（一）项目名" items under a 支持方向 heading, 方向1 in an attachment. Clauses are
headings of their own ("（一）研究内容"), inline labels ("研究内容：…", several on one line), or
numbered inline labels ("（二）考核指标：…"). The scheme whose headings are most often followed by
known clauses is the unit scheme; no scheme is assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from index.layouts.common import (
    ATTACHMENT,
    BADGE,
    HEADING,
    ITEM,
    PART,
    ParseResult,
    add_to_section,
    article_section,
    cell_clause,
    field_clause,
    field_labels,
    field_shape,
    heading_clause,
    inline_clauses,
    kind_field,
    labelled_section,
    make_clause,
    parse_notice,
    plain_section,
    split_inline,
)
from index.metadata import cn_int
from index.models import Clause, Project, Section
from index.normalize import Line
from index.vocab import clauses, field_kind, units

# Unit schemes, in the order a tie is broken.
UNIT_SCHEMES = (
    "long_code",
    "sub_numbered",
    "letter_code",
    "letter_digits",
    "discipline_code",
    "code_group",
    "letter_class",
    "type_numbered",
    "stem",
    "bare",
    "code_field",
    "code_titled",
    "task_deep",
    "task",
    "xiangmu_loose",
    "fangxiang_loose",
    "paren_cn",
    "circled",
    "article",
    "paren_digit",
    "category",
    "part",
    "zhuanti",
    "heading_cn",
    "decimal",
    "coded_heading",
    "badge",
)
# Schemes that mostly number notice sections and groups (一、…, 1. …): their heading is a unit only over clauses of
# WEAK_KINDS or more known kinds before the next one (a category 一、面上项目 over 资助定位/申请条件/资助强度), never
# over one kind (三、申报要求 over 申报单位：…).
WEAK_SCHEMES = ("heading_cn", "decimal")
WEAK_KINDS = 2
# Schemes whose lines group units (the innermost one read last wins).
GROUP_SCHEMES = (
    "zhuanti",
    "category",
    "counted_category",
    "heading_cn",
    "decimal",
    "task",
    "fangxiang_loose",
    "paren_cn",
    "xiangmu_loose",
    "letter_group",
    "code_group",
)
LOOKAHEAD = 4  # lines after a unit heading in which its first clause must start
_TITLE = re.compile(r"指南")
ATTACHMENT_START = re.compile(r"^附件")
GROUP_PATH = " > "  # nested groups (一、…领域 > （一）…方向组) as one path
_SHORT_HEADING = re.compile(r"^[\u4e00-\u9fff]{2,12}$")


def clause_parts(text: str) -> list[tuple[str, str]] | None:
    """(label, body) pairs when a line opens one or more clauses, else None ("三、申报条件" is a notice heading)."""
    if HEADING.match(text) and not ITEM.match(text):
        return None
    if label := heading_clause(text):
        return [(label, "")]
    return inline_clauses(text)


def _unit_match(scheme: str, text: str) -> re.Match[str] | None:
    m = units().match(scheme, text)
    if m is None or "title" not in m.groupdict():
        return m
    title = (m.group("title") or "").strip()
    if not title or title.endswith(("。", "；", ";")) or clause_parts(text):
        return None
    if clauses().is_label(re.sub(r"[:：\s]", "", title)):
        return None
    return m


def _run_head(scheme: str, text: str) -> re.Match[str] | None:
    """A line of the scheme's shape that may head a unit when its number carries on the units' numbering: as
    _unit_match, but a title the vocabulary does not list may end in a kind's head word ("（4）中试服务后补助", which on
    its own reads as a clause heading ending in 补助)."""
    m = units().match(scheme, text)
    if m is None or "num" not in m.groupdict():
        return None
    title = (m.groupdict().get("title") or "").strip()
    if "title" in m.groupdict() and (not title or title.endswith(("。", "；", ";"))):
        return None
    if any(clauses().is_label(label) for label, _ in clause_parts(text) or []):
        return None
    if clauses().is_label(re.sub(r"[:：\s]", "", title)) or clauses().is_notice_title(_numbering_off(text)):
        return None
    return m


def _number(m: re.Match[str] | None) -> int | None:
    """The running number a heading prints (（四） → 4), None for a code or a dotted number (1.1)."""
    try:
        return cn_int(m.group("num")) if m is not None else None
    except (ValueError, KeyError, IndexError):
        return None


def numbered_on(lines: list[Line], scheme: str, heads: list[int]) -> list[int]:
    """The confirmed unit headings with the headings their numbering runs through: between unit 3 and unit 6, the
    lines of the same scheme numbered 4 and 5, in order and nothing else, head units too (a unit whose clauses the
    vocabulary does not know, or whose title reads as a clause heading, after a category heading the units are
    numbered on across: 一、… (1)(2)(3) 二、… (4)(5) 三、… (6)(7))."""
    out = list(heads)
    for a, b in pairwise(heads):
        first, last = _number(units().match(scheme, lines[a].text)), _number(units().match(scheme, lines[b].text))
        if first is None or last is None or last - first < 2:
            continue
        between = [j for j in range(a + 1, b) if _run_head(scheme, lines[j].text)]
        if [_number(units().match(scheme, lines[j].text)) for j in between] == list(range(first + 1, last)):
            out += between
    return sorted(out)


def confirmed_heads(lines: list[Line], scheme: str) -> list[int]:
    """Indexes of this scheme's headings that are followed, within LOOKAHEAD lines, by a known clause, and those
    their numbering runs through (numbered_on)."""
    return numbered_on(lines, scheme, _clause_heads(lines, scheme))


def _clause_heads(lines: list[Line], scheme: str) -> list[int]:
    """Indexes of this scheme's headings that are followed, within LOOKAHEAD lines, by a known clause."""
    heads = [i for i, ln in enumerate(lines) if _unit_match(scheme, ln.text)]
    out = []
    for n, i in enumerate(heads):
        if scheme in WEAK_SCHEMES:
            if clauses().is_notice_title(_numbering_off(lines[i].text)):
                continue  # 三、有关要求 over 申报单位：… and 实施周期：… is the notice
            if len(_kinds_until(lines, i, heads[n + 1] if n + 1 < len(heads) else len(lines))) >= WEAK_KINDS:
                out.append(i)
            continue
        stop = min(heads[n + 1] if n + 1 < len(heads) else len(lines), i + 1 + LOOKAHEAD)
        for j in range(i + 1, stop):
            if HEADING.match(lines[j].text) or _next_sibling(scheme, lines[i].text, lines[j].text):
                # 二、面上项目 first: the heading's part ends there; （三）申请条件 after （二）重点支持方向: the heading
                # is one of a run of clause headings, not a unit over them
                break
            parts = cell_clause(lines[j]) or clause_parts(lines[j].text)
            if (parts and any(_known_kind(label) for label, _ in parts)) or kind_field(lines[j].text):
                out.append(i)
                break
    return out


def _known_kind(label: str) -> str:
    """The kind of a clause label: listed in the vocabulary, or ending in a kind's head word (提名条件)."""
    return clauses().kind_of(label) or clauses().kind_by_head(label)


def _next_sibling(scheme: str, head: str, line: str) -> re.Match[str] | None:
    """The line's match when it is the heading numbered right after `head` in the same scheme (（三） after （二）)."""
    a, b = units().match(scheme, head), units().match(scheme, line)
    if a is None or b is None or "num" not in a.groupdict():
        return None
    try:
        return b if cn_int(b.group("num")) == cn_int(a.group("num")) + 1 else None
    except (ValueError, KeyError):
        return None  # a code, not a running number


# Numberings a unit's clause headings run in; a heading continuing the run is a clause whatever its name.
_RUN_SCHEMES = ("paren_cn", "paren_digit", "decimal")
_CLAUSE_RUN_NUMBER = re.compile(r"^(?:[(（](?:[一二三四五六七八九十]+|\d{1,2})[)）]|\d{1,2}[.．、](?!\d))")
_RUN_TITLE = re.compile(r"^[\u4e00-\u9fff]{2,12}$")


def _next_in_run(prev: str, text: str) -> tuple[str, str] | None:
    """The name and text of a clause numbered right after the unit's last numbered clause in the same numbering
    ("（七）结题要求" after "（六）计划资助数量", "（三）共享要求：获补助的仪器…" after "（二）补助标准：…"): a short name on
    a line of its own, or before a colon."""
    if not prev:
        return None
    for scheme in _RUN_SCHEMES:
        if sibling := _next_sibling(scheme, prev, text):
            name, *body = re.split(r"[:：]", (sibling.group("title") or "").strip(), maxsplit=1)
            if _RUN_TITLE.match(name := name.strip()):
                return name, "".join(body).strip()
            return None
    return None


def _kinds_until(lines: list[Line], i: int, end: int) -> set[str]:
    """Known clause kinds opened by the lines after heading i up to the next heading of its scheme."""
    kinds: set[str] = set()
    for j in range(i + 1, end):
        kinds |= {kind for label, _ in clause_parts(lines[j].text) or [] if (kind := clauses().kind_of(label))}
        if found := kind_field(lines[j].text):
            kinds.add(found[2])
    return kinds


# A line naming a unit whose heading printed only its code: short, no sentence punctuation, no label.
_TITLE_LINE = re.compile(r"^[\u4e00-\u9fff“\"(（A-Za-z][^。；;:：]{3,60}$")
_SENTENCE_END = re.compile(r"[。.；;]$")


def split_run_in(lines: list[Line]) -> list[Line]:
    """A unit written as one paragraph ("（一）城市内涝监测预警技术研究。研究内容：…。考核指标：…") as its heading line
    and its clause line, so the unit's numbering and its clauses are found as in any other layout."""
    out: list[Line] = []
    for ln in lines:
        head, parts = split_inline(ln.text) if not ln.cells else (ln.text, [])
        title = _SENTENCE_END.sub("", head)
        # the heading closed by its full stop may read as a clause heading ("（4）中试服务后补助。补助对象：…"): whether
        # it heads a unit is for its scheme's numbering to tell (numbered_on)
        if parts and title != head and any(_unit_match(s, title) or _run_head(s, title) for s in UNIT_SCHEMES):
            rest = ln.text[len(head) :].strip()
            out += [replace(ln, text=title), replace(ln, text=rest)]
        else:
            out.append(ln)
    return out


def pick_scheme(lines: list[Line]) -> tuple[str, list[int]]:
    """The unit scheme with the most confirmed headings (at least 2), and those headings. Of two with as many, the
    one whose headings each open a span holding one of the other's ("1.1 任务名" … "指南编号：2025SW0101" …): the
    other's lines are fields of its units."""
    best: tuple[str, list[int]] = ("", [])
    for scheme in UNIT_SCHEMES:
        heads = confirmed_heads(lines, scheme)
        if len(heads) >= 2 and (
            len(heads) > len(best[1]) or (len(heads) == len(best[1]) and _opens(lines, heads, best[1]))
        ):
            best = (scheme, heads)
    return best


def _opens(lines: list[Line], heads: list[int], other: list[int]) -> bool:
    """Does each heading come before one of the other scheme's, with a clause of its own between them, and that
    one before the next heading (1.1 任务名 / 研究内容：… / 指南编号：2025SW0101)? A group heading right above its
    unit's heading ("（一）集成电路方向组" over "1.1.1 …") opens no such span."""
    bounds = [*heads[1:], 1 << 30]
    return all(h < o < end and bool(_kinds_until(lines, h, o)) for h, o, end in zip(heads, other, bounds, strict=True))


TAGS_LABEL = "标签"


def _title_cell(ln: Line, title: str) -> tuple[str, str]:
    """A heading printed as a row of cells (a card's "GX2026-01 | 技术合同交易后补助 | 限企业 | 公开申报"): the title
    is the cell after the code, the cells after it tags the unit carries ("限企业、公开申报"); else the title as
    read and no tags."""
    cells = [c for c in ln.cells if c]
    if len(cells) < 3 or not title.startswith(cells[1]) or title == cells[1]:
        return title, ""
    return cells[1], "、".join(cells[2:])


# An enumerated point of a clause's list: (a), （1）, 1), a., ①.
_POINT = re.compile(
    r"^(?:[(（](?:[A-Za-z]|\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|(?:\d{1,2}|[A-Za-z])[)）.．、](?!\d)|[①-⑳])"
)


def _note_after_points(body: str, text: str) -> bool:
    """Is `text` a paragraph stating the unit's own terms ("本方向拟支持2项…") after a clause that is a list of points
    only ("(a) …" / "(b) …"): no point of that list, but a clause of its own?"""
    note = units().structure.unit_note
    points = body.split("\n")
    return bool(note and body) and all(_POINT.match(p) for p in points) and bool(re.match(note, text))


def _opens_list(ln: Line, parts: list[tuple[str, str]]) -> bool:
    """Does a line opening one clause introduce a list below it: the label alone ("申报条件：", "（五）申报条件"), or
    with no more than an aside before its colon ("认定条件（符合下列条件之一即可）：")?"""
    return len(parts) == 1 and not ln.cells and (not parts[0][1] or ln.text.rstrip().endswith((":", "：")))


def _one_line(ln: Line, parts: list[tuple[str, str]]) -> bool:
    """Does a line hold one whole clause, its label and its value ("遴选数量：不超过15名。")?"""
    return len(parts) == 1 and not ln.cells and bool(parts[0][1]) and not ln.text.rstrip().endswith((":", "："))


@dataclass
class _Unit:
    label: str
    title: str
    group: str
    first: int
    last: int
    clauses: list[Clause] = field(default_factory=list)
    loose: list[Line] = field(default_factory=list)
    numbered: str = ""  # the last numbered clause heading ("（六）计划资助数量"): the next number heads a clause too
    subtitle: str = ""  # the title's English version on the line under the heading (a bilingual guide)
    listing: int = -1  # the indent of the last clause's label line when a list follows it (申报条件：), else -1
    one_line: bool = False  # the last clause is one "label：value" line, as every clause of a form printed so

    def in_list(self, ln: Line) -> bool:
        """Is the line a point of the list the last clause opened ("1.引进方式：…", "（1）…", "①…" under "申报条件："):
        numbered or indented below the label, and naming no clause label the vocabulary lists (a new clause)?"""
        if self.listing < 0 or ln.cells or not (_POINT.match(ln.text) or ln.indent > self.listing):
            return False
        parts = clause_parts(ln.text)
        return not (parts and clauses().is_label(parts[0][0]))

    def run_field(self, text: str) -> tuple[str, str] | None:
        """A field the vocabulary does not know ("在磲工作时间：累计不少于6个月。") right after a clause printed as one
        "label：value" line: the next paragraph of the same form, a clause of its own. Never a numbered line (a notice
        heading "三、申报时间：…" after the last unit, a point of a list)."""
        if not self.one_line or HEADING.match(text) or _POINT.match(text):
            return None
        return field_shape(text)

    @property
    def untitled(self) -> bool:
        """No title yet and nothing but its code fields (需求编号：…) read: a 名称 field names it."""
        return not self.title and all(units().structure.is_label_header(c.name) for c in self.clauses)

    def add_parts(self, parts: list[tuple[str, str]], ln: Line, kind: str = "") -> None:
        for label, body in parts:
            self.clauses.append(make_clause(label, body, (ln.first, ln.last), kind=kind))
        self.last = ln.last
        self.listing = ln.indent if _opens_list(ln, parts) else -1
        self.one_line = _one_line(ln, parts)

    def extend(self, ln: Line) -> None:
        if self.clauses and _note_after_points(self.clauses[-1].text, ln.text):
            self.add_parts([(units().structure.unit_note_name, ln.text)], ln)
            return
        if not self.in_list(ln):
            self.listing = -1  # a paragraph of its own: the list has ended
        self.one_line = False
        if self.clauses:
            last = self.clauses[-1]
            text = (last.text + "\n" + ln.text) if last.text else ln.text
            self.clauses[-1] = last.model_copy(update={"text": text, "lines": (last.lines[0], ln.last)})
        else:
            self.loose.append(ln)
        self.last = ln.last

    def project(self) -> Project:
        found = list(self.clauses)
        if self.loose:
            text = "\n".join(ln.text for ln in self.loose)
            found.insert(0, make_clause("内容", text, (self.loose[0].first, self.loose[-1].last), kind="content"))
        return Project(
            label=self.label,
            title=self.title,
            subtitle=self.subtitle,
            group=self.group,
            clauses=found,
            lines=(self.first, self.last),
        )


# A group heading over units is a unit of its own when it states these for itself ("项目一：…" / 项目经费：县财政支持
# 300万元（含下设3个课题） / 实施期限：… over 课题1.1 …): a project over its 课题, asked about as one.
# Only a heading that names a project (项目一) is one: a category's heading (一、省重点研发计划) stating a cap for its
# units is a rule over them.
_OWN_UNIT_KINDS = {"funding", "period"}
_PROJECT_GROUP_SCHEMES = ("xiangmu", "xiangmu_loose")


def _unit_of_its_own(unit: _Unit) -> bool:
    kinds = {c.kind for c in unit.clauses if c.kind}
    return len(unit.clauses) >= 2 and bool(kinds & _OWN_UNIT_KINDS)


def _group_lines(lines: list[Line], heads: list[int], scheme: str, fields: set[str]) -> dict[int, str]:
    """Lines that head a group of units, with their scheme: a group-scheme line followed by a unit before any
    sibling heading or attachment."""
    head_set = set(heads)
    out: dict[int, str] = {}
    for i, ln in enumerate(lines):
        if i in head_set or ln.cells or len(ln.text) > 40 or ln.text.endswith(("。", "；")) or clause_parts(ln.text):
            continue  # a table row (E类 | 产学研合作补助 | …) heads no group
        if field_clause(ln.text, fields):  # "（三）推荐方式：…" closing a unit, not a group heading
            continue
        # Under "（一）" units a "二、支持方向" heading is the notice section they stand in, not a group.
        own = [
            g
            for g in GROUP_SCHEMES
            if g != scheme and not (scheme == "paren_cn" and g == "heading_cn") and units().match(g, ln.text)
        ] or _heading_group(ln, lines, heads)
        if not own or units().structure.is_generic_heading(_numbering_off(ln.text)):
            continue
        for j in range(i + 1, min(len(lines), i + 8)):
            if j in head_set:
                out[i] = own[0]
                break
            if _sibling(own[0], ln, lines[j]) or ATTACHMENT_START.match(lines[j].text):
                break  # a sibling heading or an attachment first: this one heads something else
            if _generic_heading(lines[j].text):
                break  # "二、支持任务" first: the units stand in that part of the guide, not under this heading
    return out


# The group "scheme" of an un-numbered markdown heading over units (### 数理科学部（A）), by its level.
HEADING_GROUP = "heading"


def _heading_group(ln: Line, lines: list[Line], heads: list[int]) -> list[str]:
    """An un-numbered markdown (or Word Heading N) heading over units that are no headings themselves (a 学部 heading
    over 指南代码 entries): a group of its level; none when the units are headings or it is the document's title."""
    if not ln.level or any(lines[h].level for h in heads) or ATTACHMENT_START.match(ln.text):
        return []
    if units().structure.is_document_title(ln.text):
        return []
    return [f"{HEADING_GROUP}{ln.level}"]


def _sibling(group_scheme: str, head: Line, line: Line) -> bool:
    """Is the line a heading of the same group scheme as `head` (for a markdown heading: its level or above)?"""
    if group_scheme.startswith(HEADING_GROUP):
        return 0 < line.level <= head.level
    return units().match(group_scheme, line.text) is not None


def _group_section(ln: Line) -> Section:
    """The section a group heading opens, titled without its number ("二、成果转化后补助计划" → 成果转化后补助计划)."""
    title = re.sub(r"^(?:[一二三四五六七八九十]+[、.]|\d+[.．、])\s*", "", ln.text)
    return Section(title=title, kind="group", text="", lines=(ln.first, ln.last))


def _generic_heading(text: str) -> bool:
    """A group-scheme heading that only names the units' part of the guide (二、支持任务, 三、支持方向)."""
    return any(units().match(g, text) for g in GROUP_SCHEMES) and units().structure.is_generic_heading(
        _numbering_off(text)
    )


def _numbering_off(text: str) -> str:
    return re.sub(r"^(?:[一二三四五六七八九十]+[、.]|\d+[.．、]|[(（][一二三四五六七八九十\d]+[)）])\s*", "", text)


_GUIDE_TITLE = re.compile(r"指南(?:[(（][^)）]{2,10}[)）])?$")


def _title(lines: list[Line], before: int) -> tuple[str, int]:
    """The guide's own title before the first unit (a line ending in 指南, with the short lines above it), and its end."""
    for i in range(before - 1, -1, -1):
        text = lines[i].text
        if (
            not _GUIDE_TITLE.search(text)
            or len(text) > 60
            or HEADING.match(text)
            or ITEM.match(text)
            or "《" in text
            or text.startswith("附件")  # 附件1 …申报指南 names the attachment, the notice names the guide
        ):
            continue
        start = i
        while start > 0 and len(lines[start - 1].text) < 30 and not lines[start - 1].text.endswith(("。", ":", "：")):
            above = lines[start - 1].text
            if above.startswith(("附件", "(", "（")) or HEADING.match(above) or re.search(r"\d{4}年\d+月\d+日$", above):
                break
            start -= 1
        end = i + 1
        if end < before and re.fullmatch(r"[(（].{2,8}[)）]", lines[end].text):
            end += 1
        return "".join(ln.text for ln in lines[start:end]), end
    return "", 0


def _body_sections(lines: list[Line]) -> list[Section]:
    """Notice matter inside the guide body: numbered or un-numbered headings (指南说明) open sections."""
    sections: list[Section] = []
    lead: list[Line] = []
    prev = ""
    labelled = False  # the last section was opened by a labelled paragraph ("指南说明：…"), not a heading
    for ln in lines:
        text = ln.text
        numbered = HEADING.match(text) and not ITEM.match(text)
        if (article := article_section(ln)) is not None:  # 第一条 为深入实施…: one section per article
            sections.append(article)
        elif (not sections or labelled) and (opened := labelled_section(ln)) is not None:
            sections.append(opened)
            labelled = True
            prev = text
            continue
        elif numbered or (
            _SHORT_HEADING.match(text) and (not prev or prev.endswith(("。", "；", "：", ":")) or not sections)
        ):
            title = HEADING.match(text).group(2).strip() if numbered else text
            sections.append(Section(title=title, kind="notice", text="", lines=(ln.first, ln.last)))
            labelled = False
        elif sections and not labelled:
            add_to_section(sections[-1], ln)
        else:
            lead.append(ln)  # a labelled paragraph holds itself only: the prose after it is the preamble's
        prev = text
    return ([plain_section("正文", "preamble", lead)] if lead else []) + sections


def _tail_sections(lines: list[Line]) -> list[Section]:
    """Notice matter after the units: an un-numbered heading (申报受理与咨询) opens a section of its own."""
    if not lines or HEADING.match(lines[0].text) or BADGE.match(lines[0].text):
        return parse_notice(lines)
    first = lines[0]
    section = Section(title=first.text.rstrip(":："), kind="notice", text="", lines=(first.first, first.last))
    rest: list[Line] = []
    for ln in lines[1:]:
        if (
            rest
            or HEADING.match(ln.text)
            or PART.match(ln.text)
            or BADGE.match(ln.text)
            or ln.text.startswith("附件")
            or ATTACHMENT.match(ln.text)
        ):
            rest.append(ln)
        else:
            add_to_section(section, ln)
    return [section, *parse_notice(rest)]


def _back_at_head_indent(lines: list[Line], head: int, i: int) -> bool:
    """Does line i stand back at the indent of the unit heading at `head`, every line between them indented deeper (a
    flush "申报材料要求：" after the "　——资助额度：…" lines under a flush "戊、…" heading)? Then it is no line of
    that unit. Table rows keep no indent and tell nothing."""
    body = lines[head + 1 : i]
    at = lines[head].indent
    return bool(body) and not lines[i].cells and lines[i].indent <= at and all(ln.indent > at for ln in body)


class Headed:
    """Units headed by a numbering scheme detected from the document, with heading or inline clauses."""

    name = "headed"

    def parse(self, lines: list[Line]) -> ParseResult:
        """Parse logical lines: notice before and after, units with their groups and clauses."""
        lines = split_run_in(lines)
        scheme, heads = pick_scheme(lines)
        if not scheme:
            return ParseResult(layout="headed", sections=[], projects=[])
        return self.parse_with(lines, scheme, heads)

    def parse_with(self, lines: list[Line], scheme: str, heads: list[int]) -> ParseResult:
        """Parse logical lines whose unit headings (of `scheme`) are at `heads`."""
        head_set = set(heads)
        fields = field_labels(lines, heads)
        groups = _group_lines(lines, heads, scheme, fields)
        units_: list[_Unit] = []
        notice: list[Line] = []
        tail: list[Line] = []
        group = ""
        path: list[tuple[str, str, int]] = []  # the groups in force, outermost first: (scheme, heading, level)
        group_section: Section | None = None
        group_sections: list[Section] = []
        group_unit: _Unit | None = None  # the group heading read as a unit, should it carry clauses of its own
        current: _Unit | None = None
        unit_level = 0  # the heading level (# count) of the current unit's head line, 0 when not a heading
        after_units = False
        for i, ln in enumerate(lines):
            text = ln.text
            if after_units:
                tail.append(ln)
                continue
            if i in head_set:
                if group_unit is not None and _unit_of_its_own(group_unit):
                    units_.append(group_unit)  # 项目一 with its own 项目经费 and 实施期限 over its 课题1.1 …
                group_unit = None
                m = units().match(scheme, text)
                label = units().label(scheme, m)
                title = (m.groupdict().get("title") or "").strip()
                title, tags = _title_cell(ln, title)
                current, group_section = _Unit(label, title, group, ln.first, ln.last), None
                unit_level = ln.level
                if tags:
                    current.add_parts([(TAGS_LABEL, tags)], ln)
                units_.append(current)
                continue
            if current is not None and (run := _next_in_run(current.numbered, text)):
                name, body = run
                current.add_parts(
                    [(name, body)], ln, kind=clauses().kind_of(name) or field_kind(name)
                )  # （七）结题要求 after （六）计划资助数量: a clause, known or not
                current.numbered = text
                continue
            if i not in groups and path and _generic_heading(text):
                path, group, current = [], "", None  # the units' part of the guide begins: no group in force
                notice.append(ln)
                continue
            if i in groups:
                # A heading of a scheme already on the path, or a markdown heading of a level on it or above,
                # closes it and its inner groups.
                depth = next(
                    (k for k, (g, _, lv) in enumerate(path) if g == groups[i] or 0 < ln.level <= lv), len(path)
                )
                path = [*path[:depth], (groups[i], text, ln.level)]
                group, current = GROUP_PATH.join(t for _, t, _ in path), None
                group_section, group_unit = _group_section(ln), None
                group_sections.append(group_section)  # also without text: where each group begins
                if groups[i] in _PROJECT_GROUP_SCHEMES and (m := units().match(groups[i], text)):
                    outer = GROUP_PATH.join(t for _, t, _ in path[:-1])
                    label, named = units().label(groups[i], m), (m.groupdict().get("title") or "").strip()
                    group_unit = _Unit(label, named, outer, ln.first, ln.last)
                continue
            if current is not None and 0 < ln.level < unit_level and i not in groups and i < heads[-1]:
                # "## 二、成果转化后补助计划" after the "#### GG-04" units of the first programme: a heading above the
                # units' own level closes them; what follows belongs to that part (its rules table), and the units
                # after it stand under it. After the last unit the notice's closing sections end the units as before.
                path = [(HEADING_GROUP, text, ln.level)]
                group, current = text, None
                group_section, group_unit = _group_section(ln), None
                group_sections.append(group_section)
                continue
            if current is not None and i > heads[-1] and _back_at_head_indent(lines, heads[-1], i):
                after_units = True  # "申报材料要求：" flush under the last unit's indented lines: the guide's again
                tail.append(ln)
                continue
            if current is not None:
                if current.untitled and (named := units().structure.title_field(text)):
                    current.title, current.last = named, ln.last  # 榜单1 / 榜单名称：… names the unit
                elif not current.title and not current.clauses and not current.loose and _TITLE_LINE.match(text):
                    current.title, current.last = text, ln.last  # 方向代码：RJ2026-01, its title on the next line
                elif (
                    current.title
                    and not (current.subtitle or current.clauses or current.loose)
                    and clauses().is_gloss_line(text)
                ):
                    current.subtitle, current.last = text, ln.last  # the title in English on the line under it
                elif current.in_list(ln):
                    current.extend(ln)  # "1.引进方式：…" under "申报条件：": a point of its list, not a field
                elif (parts := cell_clause(ln)) is not None and len(parts) == 1 and not _known_kind(parts[0][0]):
                    current.add_parts(parts, ln, kind=field_kind(parts[0][0]))  # 核查方式 | …: a field, kind unknown
                elif parts is not None or (parts := clause_parts(text)):
                    current.add_parts(parts, ln)
                    current.numbered = text if _CLAUSE_RUN_NUMBER.match(text) else current.numbered
                elif field := field_clause(text, fields) or current.run_field(text):
                    current.add_parts([field], ln, kind=field_kind(field[0]))
                elif self._ends_units(lines, i, head_set, groups):
                    after_units = True
                    tail.append(ln)
                else:
                    current.extend(ln)
                continue
            if group_section is not None:
                add_to_section(group_section, ln)
                if group_unit is not None and (parts := clause_parts(text)):
                    group_unit.add_parts(parts, ln)
                continue
            notice.append(ln)
        projects = [u.project() for u in units_]
        first = heads[0]
        first_group = min([g for g in groups if g < first], default=first)
        title, title_end = _title(lines, first_group)
        end_line = lines[title_end - 1].last if title_end else 0
        before = [ln for ln in notice if ln.last <= end_line]
        body = [ln for ln in notice if ln.last > end_line]
        sections = parse_notice(before) + (_body_sections(body) if title_end else parse_notice(body))
        sections += group_sections + _tail_sections(tail)
        return ParseResult(layout=f"headed:{scheme}", sections=sections, projects=projects, title=title)

    @staticmethod
    def _ends_units(lines: list[Line], i: int, heads: set[int], groups: dict[int, str]) -> bool:
        """Does line i close the last unit (a notice heading, 附件, an un-numbered section title)?"""
        later_heads = any(j in heads for j in range(i + 1, len(lines)))
        text = lines[i].text
        if text.startswith("附件") or ATTACHMENT.match(text):
            return not later_heads
        if (HEADING.match(text) and not ITEM.match(text) and i not in groups) or BADGE.match(text):
            return not later_heads
        prev = lines[i - 1].text if i else ""
        return bool(_SHORT_HEADING.match(text) and prev.endswith(("。", "；")) and not later_heads)

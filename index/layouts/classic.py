"""The seeds' families: notice + 项目 list (项目一：…), notice + 方向 (方向 4-1：…), notice + 4-digit guide codes.

Units are 项目X lines, or (in guides without them) 方向 N lines and guide codes; groups are 方向/一、/1.
headings; clauses are "1.名称：…" lines or known labels ("研发内容：…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.layouts.common import (
    ATTACHMENT,
    CN_NUM,
    HEADING,
    ParseResult,
    field_clause,
    field_labels,
    make_clause,
    parse_notice,
)
from index.models import Clause, Project, Section
from index.normalize import NOT_A_QUANTITY, Line
from index.vocab import clauses, field_kind, units

PROJECT = re.compile(rf"^项目([{CN_NUM}]+|\d+)[:：](.+)$")
DIRECTION = re.compile(rf"^方向\s*([{CN_NUM}]+|\d+(?:-\d+)?)[:：](.+)$")
# A guide code is followed by a title: no quantity unit, no sentence punctuation (1000份…，… is prose); four digits
# run into letters are the head of a longer code (2027ZD0101), not a code of their own.
CODE = re.compile(rf"^(\d{{4}})(?![A-Za-z]){NOT_A_QUANTITY}\s*([\u4e00-\u9fffA-Za-z][^。；;，,！!？?]+)$")
CATEGORY = re.compile(r"^(\d{1,2})[.．、]\s*([^:：。,，;；]{2,24})$")
NUMBERED_CLAUSE = re.compile(r"^\d{1,2}[.．、]\s*([\u4e00-\u9fff]{2,10})[:：]\s*(.*)$")
NAMED_CLAUSE = re.compile(r"^([\u4e00-\u9fff]{2,8})[:：]\s*(.*)$")
GUIDE_TITLE = re.compile(r"指南")


@dataclass
class _ProjectDraft:
    label: str
    title: str
    group: str
    first: int
    last: int
    clauses: list[Clause] = field(default_factory=list)
    loose: list[Line] = field(default_factory=list)


def project_label(kind: str, number: str) -> str:
    """Return the label as the guides print it: 项目十八, 方向 4-1, 2001."""
    if kind == "项目":
        return f"项目{number}"
    if kind == "方向":
        return f"方向 {number}" if number[0].isdigit() else f"方向{number}"
    return number


def _heading_title(text: str) -> str:
    """A heading's text without its numbering (一、 / 1.)."""
    return re.sub(rf"^(?:[{CN_NUM}]+[、.]|\d+[.．、])\s*", "", text)


def _project_start(line: str, directions_are_projects: bool) -> tuple[str, str] | None:
    """Return (label, title) when the line opens a project."""
    if m := PROJECT.match(line):
        return project_label("项目", m.group(1)), m.group(2).strip()
    # Only guides without 项目X projects number them by direction or guide code.
    if not directions_are_projects:
        return None
    if m := DIRECTION.match(line):
        return project_label("方向", m.group(1)), m.group(2).strip()
    if m := CODE.match(line):
        return m.group(1), m.group(2).strip()
    return None


def _clause_start(line: str) -> tuple[str, str] | None:
    """Return (printed name, rest) when the line opens a clause."""
    if (m := NUMBERED_CLAUSE.match(line)) or ((m := NAMED_CLAUSE.match(line)) and clauses().is_label(m.group(1))):
        return m.group(1), m.group(2).strip()
    return None


def find_body_start(lines: list[Line], directions_are_projects: bool) -> tuple[int, int]:
    """Return (title_start, body_start): where the guide's own title and its body begin."""
    first_project = next((i for i, ln in enumerate(lines) if _project_start(ln.text, directions_are_projects)), None)
    if first_project is None:
        return len(lines), len(lines)
    # Direction headings of guides whose directions hold projects come before the first project.
    title_end = first_project
    while title_end > 0 and (
        DIRECTION.match(lines[title_end - 1].text)
        or HEADING.match(lines[title_end - 1].text)
        or CATEGORY.match(lines[title_end - 1].text)
    ):
        title_end -= 1
    return title_span(lines, title_end)


def title_span(lines: list[Line], title_end: int) -> tuple[int, int]:
    """The guide title printed just before line title_end: (its first line, the line after it)."""
    title_idx = next((i for i in range(title_end - 1, -1, -1) if GUIDE_TITLE.search(lines[i].text)), None)
    if title_idx is None:
        return title_end, title_end
    start = title_idx
    while (
        start > 0
        and len(lines[start - 1].text) < 30
        and not lines[start - 1].text.endswith(("。", ":", "："))
        and not ATTACHMENT.match(lines[start - 1].text.replace(" ", ""))
        and not HEADING.match(lines[start - 1].text)
        and not lines[start - 1].text.startswith("附件")
        and not lines[start - 1].text.startswith("(")
    ):
        start -= 1
    return start, title_idx + 1


def _finish_project(draft: _ProjectDraft, default_clause: str) -> Project:
    clauses_ = list(draft.clauses)
    if draft.loose:
        # Text under a project before any clause header: the guide's main content clause.
        clauses_.insert(
            0,
            make_clause(
                default_clause,
                "\n".join(ln.text for ln in draft.loose),
                (draft.loose[0].first, draft.loose[-1].last),
                kind="content",
            ),
        )
    return Project(
        label=draft.label,
        title=draft.title,
        group=draft.group,
        clauses=clauses_,
        lines=(draft.first, draft.last),
    )


def _parse_body(lines: list[Line], directions_are_projects: bool) -> tuple[list[Project], list[Section], set[int]]:
    """Parse the guide body into projects (with clauses), the sections around them, and the lines in projects."""
    drafts: list[_ProjectDraft] = []
    sections: list[Section] = []
    assigned: set[int] = set()
    group = heading = ""
    current: _ProjectDraft | None = None
    group_section: Section | None = None
    attachment: Section | None = None
    pending_attachment: Line | None = None
    fields = field_labels(lines, [i for i, ln in enumerate(lines) if _project_start(ln.text, directions_are_projects)])
    for index, ln in enumerate(lines):
        text = ln.text
        if pending_attachment is not None:
            attachment = Section(title=text, kind="attachment", text=text, lines=(pending_attachment.first, ln.last))
            sections.append(attachment)
            pending_attachment = None
            continue
        if ATTACHMENT.match(text):
            current, group_section, pending_attachment = None, None, ln
            continue
        if attachment is not None:
            attachment.text += "\n" + text
            attachment.lines = (attachment.lines[0], ln.last)
            continue
        if start := _project_start(text, directions_are_projects):
            current = _ProjectDraft(start[0], start[1], group, ln.first, ln.last)
            drafts.append(current)
            group_section = None
            assigned.add(index)
            continue
        if current is not None and (clause := _clause_start(text)):
            printed, rest = clause
            current.clauses.append(make_clause(printed, rest, (ln.first, ln.last)))
            current.last = ln.last
            assigned.add(index)
            continue
        if current is not None and (field := field_clause(text, fields)):
            kind = field_kind(field[0])
            current.clauses.append(make_clause(field[0], field[1], (ln.first, ln.last), kind=kind))
            current.last = ln.last
            assigned.add(index)
            continue
        is_group = (
            (not directions_are_projects and DIRECTION.match(text))
            or (HEADING.match(text) and len(text) <= 40 and not text.endswith("。"))
            or CATEGORY.match(text)
        )
        if is_group:
            # 三、支持方向 names the part listing the units: they have no group.
            heading = text
            group = "" if units().structure.is_generic_heading(_heading_title(text)) else text
            current = None
            group_section = None
            assigned.add(index)
            continue
        if current is not None:
            if current.clauses:
                last = current.clauses[-1]
                current.clauses[-1] = last.model_copy(
                    update={"text": last.text + "\n" + text, "lines": (last.lines[0], ln.last)}
                )
            else:
                current.loose.append(ln)
            current.last = ln.last
            assigned.add(index)
            continue
        # Text between a group heading and its first project: the group's introduction.
        assigned.add(index)
        if group_section is None:
            title = _heading_title(heading) or "说明"
            group_section = Section(title=title, kind="group", text=text, lines=(ln.first, ln.last))
            sections.append(group_section)
        else:
            group_section.text += "\n" + text
            group_section.lines = (group_section.lines[0], ln.last)
    names = [c.name for d in drafts for c in d.clauses]
    default_clause = max(set(names), key=names.count) if names else "内容"
    if default_clause not in {"研究内容", "研发内容"}:
        default_clause = next((n for n in ("研发内容", "研究内容") if n in names), "内容")
    projects = [_finish_project(d, default_clause) for d in drafts]
    return projects, sections, assigned


class Classic:
    """项目X / 方向 N / guide-code units with numbered or labelled clauses (the five seeds)."""

    name = "classic"

    def parse(self, lines: list[Line]) -> ParseResult:
        """Parse logical lines into notice sections, projects and the guide's own title."""
        has_projects = any(PROJECT.match(ln.text) for ln in lines)
        directions_are_projects = not has_projects
        title_start, body_start = find_body_start(lines, directions_are_projects)
        title = "".join(ln.text for ln in lines[title_start:body_start])
        notice = parse_notice(lines[:title_start])
        projects, body_sections, assigned = _parse_body(lines[body_start:], directions_are_projects)
        family = "项目" if has_projects else ("方向" if any(p.label.startswith("方向") for p in projects) else "代码")
        return ParseResult(
            layout=f"classic:{family}",
            sections=notice + body_sections,
            projects=projects,
            title=title,
            assigned={body_start + i for i in assigned},
        )

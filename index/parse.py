"""Parse logical lines of a guide into its structure: notice sections, groups, projects, clauses.

Pure functions from text to records; no I/O. The shapes handled are those of the five seed
guides (项目X / 方向 N / four-digit guide codes; numbered or named clauses; notice sections
一、… with items (一) or 1.), and anything else falls back to sections with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.models import Clause, Guide, Item, Project, Section
from index.normalize import NOT_A_QUANTITY, Line, logical_lines

CN_NUM = "一二三四五六七八九十百零〇"
PROJECT = re.compile(rf"^项目([{CN_NUM}]+|\d+)[:：](.+)$")
DIRECTION = re.compile(rf"^方向\s*([{CN_NUM}]+|\d+(?:-\d+)?)[:：](.+)$")
# A guide code is followed by a title: no quantity unit, no sentence punctuation (1000份…，… is prose).
CODE = re.compile(rf"^(\d{{4}}){NOT_A_QUANTITY}\s*([\u4e00-\u9fffA-Za-z][^。；;，,！!？?]+)$")
HEADING = re.compile(rf"^([{CN_NUM}]+)[、.]\s*(.+)$")
CATEGORY = re.compile(r"^(\d{1,2})[.．、]\s*([^:：。,，;；]{2,24})$")
ITEM = re.compile(rf"^([(（]([{CN_NUM}]+|\d+)[)）]|\d{{1,2}}[.．、](?!\d))\s*(.*)$")
NUMBERED_CLAUSE = re.compile(r"^\d{1,2}[.．、]\s*([\u4e00-\u9fff]{2,10})[:：]\s*(.*)$")
NAMED_CLAUSE = re.compile(r"^([\u4e00-\u9fff]{2,8})[:：]\s*(.*)$")
ATTACHMENT = re.compile(r"^附件\s*(\d+)$")
GUIDE_TITLE = re.compile(r"指南")

KNOWN_CLAUSES = {
    "拟解决问题",
    "考核指标",
    "资助强度及方式",
    "实施周期",
    "组织方式",
    "申报条件",
    "其他说明",
    "研究内容",
    "研发内容",
    "主要研究内容",
    "预期目标",
    "支持方式",
    "支持强度",
    "资助方式",
    "项目内容",
    "绩效目标",
    "申报要求",
    "考核方式",
}
# Names a guide prints for the same clause as another name.
CLAUSE_ALIASES = {"考核方式": "考核指标"}


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


def _clause_start(line: str) -> tuple[str, str, str] | None:
    """Return (name, printed name, rest) when the line opens a clause."""
    if (m := NUMBERED_CLAUSE.match(line)) or ((m := NAMED_CLAUSE.match(line)) and m.group(1) in KNOWN_CLAUSES):
        printed = m.group(1)
    else:
        return None
    return CLAUSE_ALIASES.get(printed, printed), printed, m.group(2).strip()


def _find_body_start(lines: list[Line], directions_are_projects: bool) -> tuple[int, int]:
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


def _parse_notice(lines: list[Line]) -> list[Section]:
    """Split the notice part into preamble, numbered sections with items, and closing matter."""
    sections: list[Section] = []
    current: Section | None = None
    preamble: list[Line] = []
    closing: list[Line] = []
    for ln in lines:
        text = ln.text
        if closing or (current is not None and (text.startswith("附件") or ATTACHMENT.match(text))):
            closing.append(ln)
            continue
        if (m := HEADING.match(text)) and not ITEM.match(text):
            current = Section(title=m.group(2).strip(), kind="notice", text="", lines=(ln.first, ln.last))
            sections.append(current)
            continue
        if current is None:
            preamble.append(ln)
            continue
        _add_to_section(current, ln)
    out = []
    if preamble:
        out.append(_plain_section("正文", "preamble", preamble))
    out.extend(sections)
    if closing:
        out.append(_plain_section("附件与落款", "closing", closing))
    return out


def _add_to_section(section: Section, ln: Line) -> None:
    """Append a line to a section: a new item when it starts with a marker, else continue."""
    if m := ITEM.match(ln.text):
        section.items.append(Item(label=m.group(1), text=ln.text, lines=(ln.first, ln.last)))
    elif section.items:
        last = section.items[-1]
        section.items[-1] = Item(label=last.label, text=last.text + "\n" + ln.text, lines=(last.lines[0], ln.last))
    section.text = (section.text + "\n" + ln.text).strip("\n")
    section.lines = (section.lines[0] if section.text != ln.text else ln.first, ln.last)


def _plain_section(title: str, kind: str, lines: list[Line]) -> Section:
    return Section(
        title=title,
        kind=kind,  # type: ignore[arg-type]
        text="\n".join(ln.text for ln in lines),
        lines=(lines[0].first, lines[-1].last),
    )


def _finish_project(draft: _ProjectDraft, default_clause: str, warnings: list[str]) -> Project:
    clauses = list(draft.clauses)
    if draft.loose:
        # Text under a project before any clause header: the guide's main content clause.
        clauses.insert(
            0,
            Clause(
                name=default_clause,
                text="\n".join(ln.text for ln in draft.loose),
                lines=(draft.loose[0].first, draft.loose[-1].last),
            ),
        )
    return Project(
        label=draft.label,
        title=draft.title,
        group=draft.group,
        clauses=clauses,
        lines=(draft.first, draft.last),
    )


def _parse_body(
    lines: list[Line], directions_are_projects: bool, warnings: list[str]
) -> tuple[list[Project], list[Section]]:
    """Parse the guide body into projects (with clauses) and the sections around them."""
    drafts: list[_ProjectDraft] = []
    sections: list[Section] = []
    group = ""
    current: _ProjectDraft | None = None
    group_section: Section | None = None
    attachment: Section | None = None
    pending_attachment: Line | None = None
    for ln in lines:
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
            continue
        if current is not None and (clause := _clause_start(text)):
            name, printed, rest = clause
            current.clauses.append(
                Clause(name=name, text=rest, lines=(ln.first, ln.last), printed_name=printed if printed != name else "")
            )
            current.last = ln.last
            continue
        is_group = (
            (not directions_are_projects and DIRECTION.match(text))
            or (HEADING.match(text) and len(text) <= 40 and not text.endswith("。"))
            or CATEGORY.match(text)
        )
        if is_group:
            group = text
            current = None
            group_section = None
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
            continue
        # Text between a group heading and its first project: the group's introduction.
        if group_section is None:
            title = re.sub(rf"^([{CN_NUM}]+[、.]|\d+[.．、])\s*", "", group) or "说明"
            group_section = Section(title=title, kind="group", text=text, lines=(ln.first, ln.last))
            sections.append(group_section)
        else:
            group_section.text += "\n" + text
            group_section.lines = (group_section.lines[0], ln.last)
    names = [c.name for d in drafts for c in d.clauses]
    default_clause = max(set(names), key=names.count) if names else "内容"
    if default_clause not in {"研究内容", "研发内容"}:
        default_clause = next((n for n in ("研发内容", "研究内容") if n in names), "内容")
    projects = [_finish_project(d, default_clause, warnings) for d in drafts]
    return projects, sections


def _check_clauses(projects: list[Project], warnings: list[str]) -> None:
    """Warn about projects lacking a clause most projects of the guide have."""
    if not projects:
        return
    counts: dict[str, int] = {}
    for p in projects:
        for name in {c.name for c in p.clauses}:
            counts[name] = counts.get(name, 0) + 1
    common = [n for n, k in counts.items() if k >= max(2, len(projects) // 2)]
    for p in projects:
        have = {c.name for c in p.clauses}
        missing = [n for n in common if n not in have]
        if missing:
            warnings.append(f"{p.label} lacks {', '.join(missing)} ({len(p.clauses)} clauses)")


def parse_lines(lines: list[Line]) -> tuple[list[Section], list[Project], str, list[str]]:
    """Parse logical lines; return (sections, projects, title found in the text, warnings)."""
    warnings: list[str] = []
    has_projects = any(PROJECT.match(ln.text) for ln in lines)
    directions_are_projects = not has_projects
    title_start, body_start = _find_body_start(lines, directions_are_projects)
    title = "".join(ln.text for ln in lines[title_start:body_start])
    notice = _parse_notice(lines[:title_start])
    projects, body_sections = _parse_body(lines[body_start:], directions_are_projects, warnings)
    sections = notice + body_sections
    if not projects:
        if not any(s.kind == "notice" for s in sections):
            sections = [_plain_section("全文", "notice", lines)] if lines else []
        warnings.append("no projects recognised: indexed as sections only")
    _check_clauses(projects, warnings)
    return sections, projects, title, warnings


def parse_text(text: str) -> tuple[list[Section], list[Project], str, list[str]]:
    """Normalise and parse a guide's raw text."""
    lines, _wrapped = logical_lines(text)
    return parse_lines(lines)


def build_guide(text: str, *, guide_id: str, source: str, content_hash: str = "", meta: dict | None = None) -> Guide:
    """Parse raw text into a Guide, taking id/title/issuer/year/status from `meta` or the text."""
    sections, projects, body_title, warnings = parse_text(text)
    from index.metadata import infer_metadata

    inferred = infer_metadata(text, body_title)
    meta = {**inferred, **(meta or {})}
    if not meta.get("title"):
        warnings.append("no title found in the text")
    return Guide(
        id=guide_id,
        title=meta.get("title") or source,
        issuer=meta.get("issuer", ""),
        region=meta.get("region", ""),
        year=meta.get("year"),
        status=meta.get("status", "final"),
        date=str(meta.get("date", "")),
        aliases=list(meta.get("aliases", [])),
        source=source,
        content_hash=content_hash,
        sections=sections,
        projects=projects,
        warnings=warnings,
    )

"""Provincial tables: one table row per project (header cells mapped to kinds by the vocabulary), or one
table per project (row labels in the first column). Table rows reach the parser as Line.cells."""

from __future__ import annotations

import re

from index.layouts.common import ParseResult, make_clause, parse_notice
from index.models import Project
from index.normalize import Line
from index.vocab import clauses

LABEL_HEADERS = ("指南编号", "编号", "项目编号", "指南代码", "代码", "序号")
TITLE_HEADERS = ("项目名称", "名称", "指南方向", "方向名称", "项目指南名称", "研究方向")


def _key(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


def _role(cell: str) -> str:
    """'label', 'title', a clause kind, or '' for a header cell."""
    key = _key(cell)
    if key in LABEL_HEADERS:
        return "label"
    if key in TITLE_HEADERS:
        return "title"
    return clauses().kind_of(key)


def _rows(lines: list[Line], start: int, width: int) -> list[tuple[list[str], int, int, int]]:
    """Rows after a header: (cells, first line, last line, index of the last logical line); a row whose cell
    holds a line break comes as several lines and is joined back."""
    rows = []
    i = start
    while i < len(lines) and lines[i].cells:
        cells = list(lines[i].cells)
        first, last, j = lines[i].first, lines[i].last, i
        while len(cells) < width and j + 1 < len(lines) and lines[j + 1].cells:
            j += 1
            more = list(lines[j].cells)
            cells[-1] += "\n" + more[0]
            cells.extend(more[1:])
            last = lines[j].last
        rows.append((cells, first, last, j))
        i = j + 1
    return rows


class RowTable:
    """One table row per project under a header row naming its columns."""

    name = "table:rows"

    def parse(self, lines: list[Line]) -> ParseResult:
        """Parse the first table whose header maps at least two columns to clause kinds."""
        for h, ln in enumerate(lines):
            if not ln.cells:
                continue
            roles = [_role(c) for c in ln.cells]
            if "title" not in roles or sum(1 for r in roles if r not in ("", "label", "title")) < 2:
                continue
            return self._parse(lines, h, roles)
        return ParseResult(layout=self.name, sections=[], projects=[])

    def _parse(self, lines: list[Line], h: int, roles: list[str]) -> ParseResult:
        header = lines[h].cells
        projects: list[Project] = []
        group = ""
        end = h
        for cells, first, last, j in _rows(lines, h + 1, len(header)):
            end = j
            filled = [c for c in cells if c]
            if len(set(filled)) == 1:  # a merged row across the table: a group heading
                group = filled[0]
                continue
            label = title = ""
            found = []
            for role, head, cell in zip(roles, header, cells, strict=False):
                if role == "label":
                    label = cell
                elif role == "title":
                    title = cell
                elif cell:
                    found.append(make_clause(_key(head), cell, (first, last), kind=role))
            if not title:
                continue
            projects.append(
                Project(
                    label=label or f"项目{len(projects) + 1}",
                    title=title.replace("\n", ""),
                    group=group,
                    clauses=found,
                    lines=(first, last),
                )
            )
        before = lines[:h]
        title_line = next((ln.text for ln in reversed(before) if re.search(r"指南$", ln.text)), "")
        sections = parse_notice(before) + parse_notice(lines[end + 1 :])
        return ParseResult(layout=self.name, sections=sections, projects=projects, title=title_line)


class LabelledTables:
    """One two-column table per project: row labels (项目名称, 研究内容, …) in the first column."""

    name = "table:per-project"

    def parse(self, lines: list[Line]) -> ParseResult:
        """Each 项目名称 row opens a project; the following labelled rows are its clauses."""
        projects: list[Project] = []
        notice: list[Line] = []
        group = ""
        current: Project | None = None
        for ln in lines:
            cells = [c for c in ln.cells if c]
            head = _key(cells[0]) if cells else ""
            if len(cells) >= 2 and head in TITLE_HEADERS:
                current = Project(
                    label=f"项目{len(projects) + 1}", title=cells[1], group=group, lines=(ln.first, ln.last)
                )
                projects.append(current)
                continue
            if current is not None and len(cells) >= 2 and (kind := clauses().kind_of(head)):
                current.clauses.append(make_clause(head, "\n".join(cells[1:]), (ln.first, ln.last), kind=kind))
                current.lines = (current.lines[0], ln.last)
                continue
            if current is not None and ln.cells and len(cells) == 1 and current.clauses:
                last = current.clauses[-1]
                current.clauses[-1] = last.model_copy(
                    update={"text": last.text + "\n" + cells[0], "lines": (last.lines[0], ln.last)}
                )
                continue
            if (
                not ln.cells
                and re.match(r"^[(（][一二三四五六七八九十]+[)）].{2,30}$", ln.text)
                and not ln.text.endswith("。")
            ):
                group, current = ln.text, None
                continue
            current = None
            notice.append(ln)
        if len(projects) < 2:
            return ParseResult(layout=self.name, sections=[], projects=[])
        first = projects[0].lines[0]
        title = next((ln.text for ln in reversed(lines) if ln.last < first and re.search(r"指南$", ln.text)), "")
        return ParseResult(layout=self.name, sections=parse_notice(notice), projects=projects, title=title)

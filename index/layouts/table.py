"""Provincial tables: one table row per project (header cells mapped to kinds by the vocabulary), or one
table per project (row labels in the first column). Table rows reach the parser as Line.cells."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.layouts.clause_cell import CLAUSE_CELL, clause_cell_roles, clauses_of_cell
from index.layouts.common import ParseResult, inline_clauses, known_field, make_clause, parse_notice
from index.layouts.detail_row import detail_clauses, detail_text, has_detail_rows
from index.layouts.header import Header, table_header
from index.models import Clause, Project, Section
from index.normalize import Line
from index.vocab import clauses, field_kind, units


def _key(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


def _role(cell: str) -> str:
    """'label', 'serial', 'title', a clause kind, or '' for a header cell (words from index/vocab); a unit printed
    in the cell (资助额度（万元）) does not change its role."""
    name, _unit = units().structure.header_unit_of(cell)
    return units().structure.header_role(cell) or clauses().kind_of(_key(cell)) or clauses().kind_of(name)


_BARE_NUMBER = re.compile(
    r"^(?:不超过|不高于|不低于|不少于|最高|最多|至少|约|≤|<=)?\s*\d+(?:\.\d+)?(?:\s*[-~～至]\s*\d+(?:\.\d+)?)?$"
)


def _with_unit(cell: str, head: str) -> str:
    """A bare number in a column whose header prints its unit, read with it: 80 under 资助额度（万元） → 80万元,
    不超过300 → 不超过300万元."""
    _name, unit = units().structure.header_unit_of(head)
    return cell + unit if unit and _BARE_NUMBER.match(cell.strip()) else cell


def _cell_value(cell: str, legend: dict[str, str]) -> str:
    """A cell's value; a placeholder (—) reads as what the guide's note says it means (表中“—”表示不作要求), else as
    no value."""
    if not units().structure.is_empty_cell(cell):
        return cell
    return legend.get(_key(cell), "")


def header_field(head: str, cell: str) -> tuple[str, str]:
    """(clause name, value) of a cell under a header: 500 under 支持额度（万元） is the 支持额度 clause, 500万元."""
    return units().structure.header_unit_of(head)[0] or head, _with_unit(cell, head)


def cell_fields(head: str, cell: str) -> list[tuple[str, str]]:
    """(clause name, value) pairs of a cell under a header. A cell opening with a known label holds labelled clauses
    of its own ("资助额度：200万元；执行期：3年；拟支持数：1项" under 经费/期限/名额), each one a clause; the header
    names one more only when it is a clause label itself (申报条件 over "组织方式：定向委托；不接受其他团队申报").
    A column naming the unit (编号, 方向名称) is no clause."""
    if units().structure.header_role(head) in ("label", "serial", "title"):
        return []
    parts = [(label, body.rstrip(";；").strip()) for label, body in inline_clauses(cell) or []]
    name, value = header_field(head, cell)
    if parts and not clauses().kind_of(_key(name)):
        return parts
    return [(name, value), *parts]


_NOT_CLAUSES = ("", "label", "serial", "title", "group")
_KEYS = ("label", "serial", "title", "group")
_FIELD_NAME = re.compile(r"^[\u4e00-\u9fff]{2,10}$")


def _field_kind(name: str) -> str:
    """The kind of a table's field name: a vocabulary kind, else the field kind for a short name (推荐单位); a unit
    the header prints (县财政资助（万元/项）) leaves the name's kind as it is (县财政资助 → funding, by its last word)."""
    kind = known_field(name)
    bare = units().structure.header_unit_of(name)[0] or _key(name)
    return kind or (field_kind(bare) if _FIELD_NAME.match(bare) else "")


def _roles(head: Header) -> list[str]:
    """Each column's role; a child column the vocabulary does not know takes the kind of its nearest parent that
    has one (自筹配套 under 经费安排 is funding, 中期考核 under 考核指标 is indicators, 首期拨付 under 省级财政资助 under
    经费安排 is funding)."""
    roles = [_role(cell) for cell in head.cells]
    for k, parents in enumerate(head.parents):
        kinds = [kind for parent in reversed(parents) if (kind := _role(parent)) not in _NOT_CLAUSES]
        if kinds and not roles[k]:
            roles[k] = kinds[0]
    return roles


def _is_field_name(cell: str) -> bool:
    return bool(units().structure.header_role(cell) or _field_kind(cell))


def _dedupe(cells: list[str]) -> list[str]:
    """A merged cell comes once per column it covers: keep it once."""
    return [c for k, c in enumerate(cells) if k == 0 or c != cells[k - 1]]


def _fields(cells: list[str]) -> list[tuple[str, str]]:
    """A row of a per-project table as (field name, value) pairs: name | value, or several pairs side by side
    (项目名称 | … | 指南代码 | …)."""
    cells = _dedupe(cells)
    if len(cells) >= 4 and len(cells) % 2 == 0 and all(_is_field_name(cells[k]) for k in range(0, len(cells), 2)):
        return [(cells[k], cells[k + 1]) for k in range(0, len(cells), 2)]
    return [(cells[0], "\n".join(cells[1:]))]


_GROUP_HEADING = re.compile(
    r"^[#*\s]*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d{1,2}[.、．])?[^。；;，,:：]{2,30}?[*\s]*$"
)
_BAND_RULE = re.compile(r"[:：]")  # a band row's heading ends at its first colon, the rule for its units follows
# … or the rule is a note in brackets closing the heading: "一、奖补类（事后兑现，申报截止2026年5月20日17:00）"
_BAND_NOTE = re.compile(r"^(?P<head>[^()（）]{2,30}?)\s*[(（](?P<rule>[^()（）]{4,80})[)）]$")


def _band_parts(text: str) -> tuple[str, str]:
    """(heading, rule) of a full-width row across a table that groups the rows under it: "第一类 重大科技专项（3项）：
    须由企业牵头…" is the group 第一类 重大科技专项（3项） and the rule its units share, as is a rule in brackets after
    the heading (一、奖补类（事后兑现，申报截止…）); ("", "") for a row that heads no group."""
    head, *rule = (part.strip() for part in _BAND_RULE.split(text, maxsplit=1))
    if _GROUP_HEADING.match(head) or units().match("category", head):
        return head, "".join(rule)
    noted = _BAND_NOTE.match(text.strip())
    if noted and (_GROUP_HEADING.match(noted["head"]) or units().match("category", noted["head"])):
        return noted["head"].strip(), noted["rule"].strip()
    return "", ""


def _is_band(lines: list[Line], i: int, width: int) -> bool:
    """A line without cells between a table's rows (the header or a row above, a row of its width below) that
    heads a group: a full-width row the loader gave as text (a PDF cell merged over every column)."""
    return (
        0 < i < len(lines) - 1
        and not lines[i].cells
        and bool(lines[i - 1].cells)
        and len(lines[i + 1].cells) == width
        and bool(_band_parts(lines[i].text)[0])
    )


def _rows(lines: list[Line], start: int, width: int) -> list[tuple[list[str], int, int, int]]:
    """Rows after a header: (cells, first line, last line, index of the last logical line); a row whose cell
    holds a line break comes as several lines and is joined back. A short row whose next line would overfill
    the header's width is a row whose last cells are empty, not a broken one. A band across the table (第一类 …)
    is a row of one cell."""
    rows = []
    i = start
    while i < len(lines) and (lines[i].cells or _is_band(lines, i, width)):
        if not lines[i].cells:
            rows.append(([lines[i].text], lines[i].first, lines[i].last, i))
            i += 1
            continue
        cells = list(lines[i].cells)
        first, last, j = lines[i].first, lines[i].last, i
        while (
            len(cells) < width
            and j + 1 < len(lines)
            and lines[j + 1].cells
            and len(cells) + len(lines[j + 1].cells) - 1 <= width
        ):
            j += 1
            more = list(lines[j].cells)
            cells[-1] += "\n" + more[0]
            cells.extend(more[1:])
            last = lines[j].last
        rows.append((cells, first, last, j))
        i = j + 1
    return rows


# Lines between a table's part on one page and its header printed again on the next (续表, 续上表).
CONTINUATION_GAP = 2


def _table_rows(lines: list[Line], head: Header) -> list[tuple[list[str], int, int, int]]:
    """The rows of the table under a header, also across a page break: a short line or two (续表) and the
    header printed again continue the table."""
    header = head.printed[0]
    rows = _rows(lines, head.at + head.depth, len(header))
    while True:
        end = rows[-1][3] if rows else head.at + head.depth - 1
        nxt = next(
            (k for k in range(end + 1, min(len(lines), end + 2 + CONTINUATION_GAP)) if lines[k].cells),
            None,
        )
        if nxt is None or [_key(c) for c in lines[nxt].cells] != header:
            return rows
        between = [lines[k] for k in range(end + 1, nxt) if lines[k].text.strip()]
        if any(len(ln.text) > 12 for ln in between):
            # the same table again under a heading of its own ("（二）数据要素…"): the heading groups its rows
            if len(between) != 1 or not _GROUP_HEADING.match(between[0].text):
                return rows
            rows.append(([between[0].text], between[0].first, between[0].last, nxt - 1))
        rows += _rows(lines, nxt, len(header))


def _with_clause_cells(lines: list[Line], head: Header, roles: list[str]) -> list[str]:
    """The roles with a column whose units' cells each hold all their clauses (具体要求: "1.研究内容：… 2.考核指标：…")
    marked as such, whatever its header names."""
    rows = [
        cells
        for cells, *_ in _table_rows(lines, head)
        if len({c for c in cells if c}) > 1 and [_key(c) for c in cells] not in head.printed
    ]
    return clause_cell_roles(rows, roles, _KEYS)


def _clauses_per_row(roles: list[str]) -> int:
    """How many clauses a unit's row states at least: one per clause column, two for a column of clause cells."""
    return sum(2 if r == CLAUSE_CELL else 1 for r in roles if r not in _NOT_CLAUSES)


def _serial_word(lines: list[Line], header: list[str], roles: list[str]) -> str:
    """How the guide calls a row it numbers by a running number: by the serial column's header when its text
    refers to rows so ("序号9、序号10项目实行…"), else 项目N."""
    for head, role in zip(header, roles, strict=False):
        word = re.sub(r"\s+", "", head)
        if role == "serial" and any(re.search(re.escape(word) + r"\s*\d", ln.text) for ln in lines if not ln.cells):
            return word
    return "项目"


_NAME_CELL = re.compile(r"^[^。；;，,:：]{2,30}$")


def _title_after_serial(lines: list[Line], head: Header, roles: list[str]) -> list[str]:
    """A header whose columns the vocabulary does not name (序号 | 平台类型 | 评估对象 | 评估重点 | …): the column after
    the running number is the units' title when every row holds a short name there, and the other columns are
    fields of the unit (kind `other` unless a head word says more). Needs two such fields and two rows."""
    header = head.cells
    if "serial" not in roles and "label" not in roles:
        return roles
    k = max(roles.index(r) for r in ("serial", "label") if r in roles) + 1
    if k >= len(header) or roles[k] or not _FIELD_NAME.match(_key(header[k])):
        return roles
    fields = [c for c, r in zip(header, roles, strict=True) if not r and _FIELD_NAME.match(_key(c))]
    # a band across the table (一、奖补类（申报截止…）, its text in every cell) groups the rows under it: no row's name
    rows = [cells for cells, *_ in _table_rows(lines, head) if len(cells) > k and len({c for c in cells if c}) > 1]
    if len(fields) < 3 or len(rows) < 2 or not all(_NAME_CELL.match(cells[k].strip()) for cells in rows):
        return roles
    inferred = list(roles)
    inferred[k] = "title"
    return [r or (_field_kind(c) if n != k else r) for n, (c, r) in enumerate(zip(header, inferred, strict=True))]


def _group_as_title(lines: list[Line], head: Header, roles: list[str]) -> list[str]:
    """A category column (领域) with no title column beside it, whose cell differs on every row (数学与交叉科学,
    物理与天文, …): each row is a unit of its own field, and that field names it."""
    if "group" not in roles or not ("label" in roles or "serial" in roles):
        return roles
    k = roles.index("group")
    names = [
        _key(cells[k])
        for cells, *_ in _table_rows(lines, head)
        if len(cells) > k and len({c for c in cells if c}) > 1 and [_key(c) for c in cells] not in head.printed
    ]
    if len(names) < 2 or not all(names) or len(set(names)) != len(names):
        return roles
    return [("title" if n == k else r) for n, r in enumerate(roles)]


_MIN_FIELD_ROWS = 3  # a transposed table names at least this many clauses down its first column


def transpose_unit_columns(lines: list[Line]) -> list[Line]:
    """A table with one column per unit (方向一 | 方向二 … across the top, 研究内容 / 考核指标 / 支持强度 down the
    first column) read as one row per unit, as RowTable parses: the header row becomes the first column and each
    field row a column. Such a table cut by a page break, its header printed again over the rest, is read as one.
    Its rows keep the table's source span; other lines are untouched."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = _unit_columns_end(lines, i)
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        out.extend(_transposed([ln for ln in lines[i:j] if ln.cells]) or lines[i:j])
        i = j
    return out


def _unit_columns_end(lines: list[Line], i: int) -> int:
    """The end of the table whose rows start at line i: its run of rows, continued over a page break when a short
    line or two (续表, a page number) and then its first row printed again follow; i for a line with no cells."""
    j = i
    while True:
        while j < len(lines) and lines[j].cells:
            j += 1
        if j == i:
            return i
        nxt = next((k for k in range(j, min(len(lines), j + 1 + CONTINUATION_GAP)) if lines[k].cells), None)
        if nxt is None or [_key(c) for c in lines[nxt].cells] != [_key(c) for c in lines[i].cells]:
            return j
        if any(len(ln.text) > 12 for ln in lines[j:nxt]):
            return j
        j = nxt


def _transposed(rows: list[Line]) -> list[Line] | None:
    """The rows of a table with one column per unit as one row per unit, or None when the table is not one."""
    width = len(rows[0].cells)
    if width < 3 or len(rows) < _MIN_FIELD_ROWS + 1 or any(len(r.cells) != width for r in rows):
        return None
    header = [_key(c) for c in rows[0].cells]
    rows = [rows[0], *(r for r in rows[1:] if [_key(c) for c in r.cells] != header)]  # printed again on a new page
    structure = units().structure
    names = [r.cells[0] for r in rows[1:]]
    known = sum(1 for name in names if known_field(name) or structure.header_role(name) == "title")
    if known < _MIN_FIELD_ROWS or known * 2 < len(names):
        return None
    heads = rows[0].cells[1:]
    if any(known_field(h) or structure.header_role(h) for h in heads):
        return None  # a header of field names is an ordinary table, one unit per row
    if len(set(heads)) != len(heads) or not all(heads):
        return None  # units' labels are distinct and printed
    first, last = rows[0].first, rows[-1].last
    grid = [[r.cells[k] for r in rows] for k in range(width)]
    if any(structure.header_role(name) == "title" for name in names) and structure.header_role(grid[0][0]) != "label":
        grid[0][0] = structure.label_headers[0]  # the top row printed the units' labels (方向一), a row their titles
    return [Line("\t".join(cells), first, last, cells=tuple(cells)) for cells in grid]


class RowTable:
    """One table row per project under a header row naming its columns."""

    name = "table:rows"

    def parse(self, lines: list[Line]) -> ParseResult:
        """Parse the first table whose header maps at least two columns to clause kinds."""
        for h, ln in enumerate(lines):
            if not ln.cells:
                continue
            head = table_header(lines, h)
            roles = _roles(head)
            if "title" not in roles:
                roles = _title_after_serial(lines, head, roles)
            if "title" not in roles:
                roles = _group_as_title(lines, head, roles)
            if "title" not in roles:
                continue
            roles = _with_clause_cells(lines, head, roles)
            # two rows a unit: the clauses stand in a detail row under each unit's row (index/layouts/detail_row.py)
            two_row = has_detail_rows([cells for cells, *_ in _table_rows(lines, head)], roles)
            if _clauses_per_row(roles) < 2 and not two_row:
                continue
            return self._parse(lines, head, roles, two_row)
        return ParseResult(layout=self.name, sections=[], projects=[])

    def _parse(self, lines: list[Line], head: Header, roles: list[str], two_row: bool = False) -> ParseResult:
        h = head.at
        header = [head.head(k) for k in range(len(head.cells))]
        word = _serial_word(lines, header, roles)
        projects: list[Project] = []
        group = carried = ""
        bands: list[Section] = []  # the rules band rows state for the units under them
        notes: list[Line] = []  # a two-row table's notes across it (该方向调整至…): text of the part holding the table
        above: list[str] | None = None  # the row of the unit a detail row under it belongs to
        end = h + head.depth - 1
        legend = units().structure.placeholder_meanings("\n".join(ln.text for ln in lines if not ln.cells))
        for cells, first, last, j in _table_rows(lines, head):
            end = j
            filled = [c for c in cells if c]
            if [_key(c) for c in cells] in head.printed:
                continue  # the header printed again at the top of the next page
            if two_row and (text := detail_text(cells, above, roles)):
                unit = projects[-1]
                update = {
                    "clauses": [*unit.clauses, *detail_clauses(text, (first, last))],
                    "lines": (unit.lines[0], last),
                }
                projects[-1], above = unit.model_copy(update=update), None
                continue
            above = None
            if len(set(filled)) == 1:  # a merged row across the table: a group heading, maybe with its rule
                heading, rule = _band_parts(filled[0])
                if two_row and not heading:
                    notes.append(Line(filled[0], first, last))  # a sentence across the table heads no group
                    continue
                group, carried = heading or filled[0], ""
                if rule:
                    bands.append(Section(title=heading, kind="group", text=filled[0], lines=(first, last)))
                continue
            label = title = serial = ""
            column_group = ""
            found = []
            for role, column, cell in zip(roles, header, cells, strict=False):
                if role == "label":
                    label = cell
                elif role == "serial":
                    serial = cell.strip()
                elif role == "group":
                    column_group = cell or carried  # an empty cell under a category printed once continues it
                elif role == "title":
                    title = cell
                elif role == CLAUSE_CELL and (held := clauses_of_cell(cell, (first, last))):
                    found.extend(held)
                elif role != "serial" and (shown := _cell_value(cell, legend)):
                    # a cell of a clause-cell column holding one text is a clause under the column's name
                    kind = "" if role == CLAUSE_CELL else role
                    name, value = header_field(column, shown)
                    found.append(make_clause(_key(name), value, (first, last), kind=kind or _field_kind(column)))
            if not title or any(units().structure.is_total_cell(c) for c in (serial, label, title)):
                continue  # no unit: a row without a title, or the totals row (合计 | 8项 | 2350万元)
            carried, above = column_group, cells
            projects.append(
                Project(
                    label=label or f"{word}{serial if serial.isdigit() else len(projects) + 1}",
                    title=title.replace("\n", ""),
                    group=column_group or group,
                    clauses=found,
                    lines=(first, last),
                )
            )
        sections, title_line = notice_around(lines, h, end, bands, notes)
        return ParseResult(layout=self.name, sections=sections, projects=projects, title=title_line)


def notice_around(
    lines: list[Line], h: int, end: int, bands: list[Section], notes: list[Line] | None = None
) -> tuple[list[Section], str]:
    """(sections, guide title) of the text around a table of units whose header is line h and last row line `end`:
    the notice before it (and the notes across the table, part of the section holding it), the rules its band rows
    state, the notes after it; the title is the last line before the table ending in 指南."""
    before = lines[:h]
    title_line = next((ln.text for ln in reversed(before) if re.search(r"指南$", ln.text)), "")
    # Text after the table is no letterhead: a note under it (注：…“—”表示不作要求) answers questions.
    after = [
        s.model_copy(update={"kind": "notice"}) if s.kind == "preamble" else s for s in parse_notice(lines[end + 1 :])
    ]
    return parse_notice(before + (notes or [])) + bands + after, title_line


class LabelledTables:
    """One two-column table per project: field names (项目名称, 指南代码, 研究内容, …) in the first column.

    A unit opens at its title or code row, whichever the table prints first; the other one fills the unit
    it belongs to (项目名称 then 指南代码, or 指南代码 then 项目名称). Its label is the code when there is
    one, else 项目N. A table may instead name its unit in a first row merged over both columns (重点项目（YN-A1）):
    that row opens the unit with its title and code. A short heading just before a table (（一）…, 一、…,
    第一类 …) is the group of the units after it. A form card prints its code and name inline on its head row
    (编号：… 专项名称：…), its fields below; a title field there (研究方向) is then a clause of the card, as the card
    is named already.
    """

    name = "table:per-project"

    def parse(self, lines: list[Line]) -> ParseResult:
        """Each title or code row opens a project unless it completes the one before; labelled rows are clauses."""
        drafts: list[_Draft] = []
        notice: list[Line] = []
        group = ""
        current: _Draft | None = None
        for i, ln in enumerate(lines):
            if head := _unit_head(lines, i):
                current = _Draft(group=group, first=ln.first, last=ln.last, title=head[0], label=head[1])
                drafts.append(current)
                continue
            cells = [c for c in ln.cells if c]
            pairs = _fields(list(ln.cells)) if len(_dedupe(cells)) >= 2 else []
            if not ln.cells:
                pairs = units().structure.inline_fields(ln.text)
            used = False
            for name, value in pairs:
                if not name:
                    continue
                role = units().structure.header_role(name)
                if role == "title" and current is not None and current.named_by_another(name):
                    role = ""
                if role in ("title", "label"):
                    if current is None or current.clauses or current.has(role):
                        current = _Draft(group=group, first=ln.first, last=ln.last)
                        drafts.append(current)
                    current.set(role, value, ln, name)
                    used = True
                elif current is not None and role == "serial":
                    used = True
                elif current is not None and (kind := _field_kind(name)):
                    current.clauses.append(make_clause(_key(name), value, (ln.first, ln.last), kind=kind))
                    current.last = ln.last
                    used = True
            if used:
                continue
            cells = _dedupe(cells)
            if current is not None and ln.cells and len(cells) == 1 and current.clauses:
                last = current.clauses[-1]
                current.clauses[-1] = last.model_copy(
                    update={"text": last.text + "\n" + cells[0], "lines": (last.lines[0], ln.last)}
                )
                current.last = ln.last
                continue
            if not ln.cells and _group_before_table(lines, i):
                group, current = ln.text, None
                continue
            current = None
            notice.append(ln)
        projects = [d.project(n) for n, d in enumerate(drafts, 1) if d.title]
        if len(projects) < 2:
            return ParseResult(layout=self.name, sections=[], projects=[])
        first = projects[0].lines[0]
        title = next((ln.text for ln in reversed(lines) if ln.last < first and re.search(r"指南$", ln.text)), "")
        return ParseResult(layout=self.name, sections=parse_notice(notice), projects=projects, title=title)


_GROUP = re.compile(r"^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.])\s*(?P<title>.{2,30})$")


def _group_before_table(lines: list[Line], i: int) -> bool:
    """A short numbered heading (（一）…, 一、…, or a category: 第一类 …) directly followed by a unit's table (its
    title or code row, or a merged row naming the unit) heads a group."""
    text = lines[i].text
    m = _GROUP.match(text) or units().match("category", text)
    if m is None or text.endswith(("。", "；", "：", ":")) or i + 1 >= len(lines):
        return False
    if units().structure.is_generic_heading(m.group("title")):
        return False
    cells = [c for c in lines[i + 1].cells if c]
    if len(cells) >= 2 and units().structure.header_role(cells[0]) in ("title", "label"):
        return True
    return _unit_head(lines, i + 1) is not None


def _unit_head(lines: list[Line], i: int) -> tuple[str, str] | None:
    """(title, code) of a table's first row merged over the whole table (the loaders repeat such a cell per
    column) that names a unit as the vocabulary's head cells do (重点项目（YN-A1）), over a row of a field name and
    its value; None for any other line (a merged note row, a group row in one big table without a code)."""
    ln = lines[i]
    if len(ln.cells) < 2 or len(set(ln.cells)) != 1 or i + 1 >= len(lines):
        return None
    below = lines[i + 1].cells
    if len(below) != len(ln.cells) or not (_field_kind(below[0]) or units().structure.header_role(below[0])):
        return None
    return units().structure.head_cell(ln.cells[0])


@dataclass
class _Draft:
    group: str
    first: int
    last: int
    title: str = ""
    label: str = ""
    clauses: list[Clause] = field(default_factory=list)
    title_name: str = ""  # the field the title was read from

    def has(self, role: str) -> bool:
        return bool(self.title if role == "title" else self.label)

    def named_by_another(self, name: str) -> bool:
        """True when the unit has its title from another field and the vocabulary files `name` under a clause kind
        (专项名称 names the card, its 研究方向 is content), so that field is a clause, not a new unit."""
        return bool(self.title) and _key(name) != _key(self.title_name) and bool(known_field(name))

    def set(self, role: str, value: str, ln: Line, name: str) -> None:
        if role == "title":
            self.title, self.title_name = value, name
        else:
            self.label = value
        self.last = ln.last

    def project(self, n: int) -> Project:
        return Project(
            label=self.label or f"项目{n}",
            title=self.title,
            group=self.group,
            clauses=self.clauses,
            lines=(self.first, self.last),
        )

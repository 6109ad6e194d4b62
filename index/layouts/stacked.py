"""Stacked ("long") tables: one row per clause of a unit, not one row per unit.

Word guides often list their units in one key–value table (类别 | 指南代码 | 项目名称 | 指南要素 | 具体要求): a unit's
code and title cells are merged down over its rows, each row names one field of it (研究内容, 支持强度, …) in a field
column and states it in the columns to the right. Loaders repeat a merged cell on every row it covers (or leave it
empty there), so a unit is a run of rows whose code and title agree, an empty key cell continuing the one above.
A row merged over the field and value columns is a note of its unit, no field; a note naming another unit's code
binds that unit too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.layouts.common import ParseResult, known_field, make_clause
from index.layouts.header import Header, table_header
from index.layouts.table import (
    _band_parts,
    _cell_value,
    _dedupe,
    _field_kind,
    _key,
    _roles,
    _table_rows,
    notice_around,
)
from index.models import Clause, Project
from index.normalize import Line
from index.vocab import clauses, units

_KEY_ROLES = ("label", "title")
# A field column names at least this many fields the vocabulary knows, each in two units or more.
_MIN_SHARED_FIELDS = 3


@dataclass
class _Unit:
    """A run of rows sharing a unit's key cells, as read so far."""

    key: tuple[str, ...]
    label: str
    title: str
    group: str
    first: int
    last: int
    end: int  # index of the unit's last logical line
    rows: list[tuple[str, str, int, int]] = field(default_factory=list)  # (field name, value, first, last)


def _key_columns(roles: list[str]) -> list[int]:
    return [k for k, role in enumerate(roles) if role in _KEY_ROLES]


def _continues(key: tuple[str, ...], unit: _Unit | None) -> bool:
    """True when a row's key cells are the unit's, an empty one read as the cell above (a merged cell a loader gives
    only once)."""
    return unit is not None and all(cell in ("", prior) for cell, prior in zip(key, unit.key, strict=True))


def _units(rows: list[tuple[list[str], int, int, int]], head: Header, roles: list[str], column: int) -> list[_Unit]:
    """The table's rows grouped into units by their key cells, a band row across the table (第一类 …) or the group
    column naming the group of the units under it; each unit's rows as (field name, value) by the field column
    and the columns after it."""
    keys, width = _key_columns(roles), len(roles)
    group_column = roles.index("group") if "group" in roles else None
    found: list[_Unit] = []
    group = ""
    current: _Unit | None = None
    for cells, first, last, end in rows:
        cells = [*cells, *[""] * (width - len(cells))][:width]
        filled = [c for c in cells if c]
        if [_key(c) for c in cells] in head.printed or not filled:
            continue  # the header printed again on the next page
        if len(set(filled)) == 1 and (heading := _band_parts(filled[0])[0]):
            group, current = heading, None
            continue
        if len(set(filled)) == 1 and current is not None:
            current.rows.append((filled[0], "", first, last))  # a note merged across the whole table
            continue
        key = tuple(cells[k] for k in keys)
        if not _continues(key, current):
            group = (cells[group_column] if group_column is not None else "") or group
            named = dict(zip((roles[k] for k in keys), key, strict=True))
            current = _Unit(key, named.get("label", ""), named.get("title", ""), group, first, last, end)
            found.append(current)
        assert current is not None
        value = "\n".join(_dedupe([c for c in cells[column + 1 :] if c]))
        current.rows.append((cells[column], value, first, last))
        current.last, current.end = last, end
    return found


def _shared_fields(units_: list[_Unit]) -> int:
    """How many field names the vocabulary knows occur in two units or more."""
    seen: dict[str, int] = {}
    for unit in units_:
        for name in {_key(name) for name, *_ in unit.rows}:
            seen[name] = seen.get(name, 0) + 1
    return sum(1 for name, n in seen.items() if n >= 2 and known_field(name))


def _stacked(lines: list[Line], head: Header, roles: list[str]) -> list[_Unit]:
    """The units of a stacked table under this header, [] when it is none: two units or more, each over several
    rows, and a column without a role (left of the values) naming the same known fields in several units."""
    if not _key_columns(roles):
        return []
    rows = _table_rows(lines, head)
    for column, role in enumerate(roles[:-1]):
        if role in _KEY_ROLES or role == "group":
            continue
        found = _units(rows, head, roles, column)
        several = len(found) >= 2 and sum(len(u.rows) for u in found) > len(found)
        if several and _shared_fields(found) >= _MIN_SHARED_FIELDS:
            return found
    return []


def _note(name: str, value: str) -> str:
    """The text of a row that names no field (注：… merged over the field and value columns), '' for a field row."""
    if _field_kind(name) or units().structure.header_role(name):
        return ""
    return name if not value or _key(value) == _key(name) else f"{name}\n{value}"


def _project(unit: _Unit, n: int, legend: dict[str, str]) -> tuple[Project, list[Clause]]:
    """A unit's rows as a project and its notes: each field row a clause, a title or code row naming the unit when
    its key cells do not, a note row the unit's note (a clause of the field kind). A row with an empty field cell
    continues the clause above (its field cell merged down over a value printed in two rows)."""
    structure = units().structure
    label, title, found, notes = unit.label, unit.title, [], []
    for name, value, first, last in unit.rows:
        role = structure.header_role(name)
        if not name and found and value:
            prior = found[-1]
            found[-1] = prior.model_copy(update={"text": f"{prior.text}\n{value}", "lines": (prior.lines[0], last)})
        elif note := _note(name, value):
            kind = structure.field_label_kind
            notes.append(make_clause(clauses().name_of(kind), note, (first, last), kind=kind))
        elif role == "title" and not title:
            title = value
        elif role == "label" and not label:
            label = value
        elif shown := _cell_value(value, legend):
            found.append(make_clause(_key(name), shown, (first, last), kind=_field_kind(name)))
    project = Project(
        label=label or f"项目{n}",
        title=title.replace("\n", ""),
        group=unit.group,
        clauses=found + notes,
        lines=(unit.first, unit.last),
    )
    return project, notes


_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{2,30}")


def _names(text: str, code: str) -> bool:
    """True when the text names a unit's code as a word of its own (LT2703, not inside LT27031)."""
    return (
        bool(_CODE.fullmatch(code))
        and re.search(rf"(?<![A-Za-z0-9]){re.escape(code)}(?![A-Za-z0-9])", text) is not None
    )


def _bind_notes(projects: list[Project], notes: list[list[Clause]]) -> None:
    """A unit's note naming another unit's code (同一单位申报A的，不得同时申报B) is a note of that unit too."""
    for own, project in zip(notes, projects, strict=True):
        for note in own:
            for other in projects:
                if other is not project and _names(note.text, other.label) and note not in other.clauses:
                    other.clauses.append(note)


class StackedTable:
    """One table of one row per field of a unit, the unit's code and title merged down over its rows."""

    name = "table:stacked"

    def parse(self, lines: list[Line]) -> ParseResult:
        """Parse the first stacked table: a header naming a code or title column, units over several rows each."""
        for h, ln in enumerate(lines):
            if not ln.cells:
                continue
            head = table_header(lines, h)
            roles = _roles(head)
            if found := _stacked(lines, head, roles):
                return self._parse(lines, head, found)
        return ParseResult(layout=self.name, sections=[], projects=[])

    def _parse(self, lines: list[Line], head: Header, found: list[_Unit]) -> ParseResult:
        legend = units().structure.placeholder_meanings("\n".join(ln.text for ln in lines if not ln.cells))
        parsed = [(p, notes) for p, notes in (_project(u, n, legend) for n, u in enumerate(found, 1)) if p.title]
        if len(parsed) < 2:
            return ParseResult(layout=self.name, sections=[], projects=[])  # no unit names itself: no list of units
        projects = [project for project, _ in parsed]
        _bind_notes(projects, [notes for _, notes in parsed])
        sections, title = notice_around(lines, head.at, found[-1].end, [])
        return ParseResult(layout=self.name, sections=sections, projects=projects, title=title)

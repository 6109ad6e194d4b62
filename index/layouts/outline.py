"""Guides whose structure is in their heading levels: Word Heading 1/2 styles or markdown #/## headings.

The docx and markdown loaders hand headings over with their level (Line.level). The level whose headings
are most often followed directly by known clauses is the unit level, whatever the numbering printed in
them ("项目1：…" and "7. …" in one guide); the headings above it are the units' groups (a path when
nested), except the document's own title, an attachment heading and a heading that only names the units'
part of the guide (支持方向). Clauses are the forms every family reads (heading, inline, 【bracket】 labels,
a two-column field table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.layouts.common import ParseResult, cell_clause, field_clause, field_labels, parse_notice
from index.layouts.headed import GROUP_PATH, Headed, _tail_sections, _title, _Unit, clause_parts
from index.models import Section
from index.normalize import Line
from index.vocab import clauses, field_kind, units

# Schemes read, in this order, for a unit heading's label and title.
LABEL_SCHEMES = (
    "xiangmu",
    "xiangmu_loose",
    "bare",
    "fangxiang",
    "fangxiang_loose",
    "long_code",
    "task_deep",
    "task",
    "decimal",
    "paren_cn",
    "paren_digit",
    "circled",
)
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\d+[.．、]|[(（][一二三四五六七八九十\d]+[)）])\s*")


# Distinct known clause kinds a heading's own text must open before it counts as a unit heading: a heading
# is a weaker sign than a unit numbering, and a notice section ("申报条件" over "申报单位：…") has one kind.
MIN_KINDS = 2


def _clause_kinds(ln: Line) -> set[str]:
    parts = cell_clause(ln)
    if parts is None:
        parts = clause_parts(ln.text) or []
    return {kind for label, _ in parts if (kind := clauses().kind_of(label))}


@dataclass
class _Outline:
    heads: list[int]  # indexes of structural headings (clause headings are no structure)
    units: list[int] = field(default_factory=list)
    level: int = 0


def _structural_heads(lines: list[Line]) -> list[int]:
    return [i for i, ln in enumerate(lines) if ln.level and not clause_parts(ln.text)]


def _pick_level(lines: list[Line]) -> _Outline:
    """The heading level whose headings are most often followed, before the next heading, by known clauses."""
    heads = _structural_heads(lines)
    bounds = [*heads, len(lines)]
    confirmed: dict[int, list[int]] = {}
    for n, i in enumerate(heads):
        kinds = set().union(*(_clause_kinds(lines[j]) for j in range(i + 1, bounds[n + 1])))
        if len(kinds) >= MIN_KINDS:
            confirmed.setdefault(lines[i].level, []).append(i)
    best = _Outline(heads)
    for level, found in sorted(confirmed.items()):
        if len(found) >= 2 and len(found) >= len(best.units):
            best.units, best.level = found, level
    return best


def _label(text: str, n: int) -> tuple[str, str]:
    """(label, title) of a unit heading by the first numbering scheme it matches; else 项目n and the text."""
    for scheme in LABEL_SCHEMES:
        if m := units().match(scheme, text):
            return units().label(scheme, m), (m.groupdict().get("title") or "").strip()
    return f"项目{n}", text


def _is_group(text: str) -> bool:
    structure = units().structure
    if text.startswith("附件") or structure.is_document_title(text):
        return False
    return not structure.is_generic_heading(_NUMBERING.sub("", text))


def _first_group(lines: list[Line], found: _Outline) -> int:
    """Where the units' part begins: the outermost group heading above the first unit (else the first unit)."""
    first, level = found.units[0], found.level
    start = first
    for i in reversed([h for h in found.heads if h < first]):
        if lines[i].level < level:
            level = lines[i].level
            if _is_group(lines[i].text):
                start = i
    return start


class Outline:
    """Units and groups taken from the document's heading levels."""

    name = "outline"

    def parse(self, lines: list[Line]) -> ParseResult:
        """Parse logical lines whose headings carry levels: notice before, units under their groups, tail after."""
        found = _pick_level(lines)
        if not found.units:
            return ParseResult(layout=self.name, sections=[], projects=[])
        unit_set, level = set(found.units), found.level
        head_set = set(found.heads)
        fields = field_labels(lines, found.units)
        path: dict[int, str] = {}
        units_: list[_Unit] = []
        notice: list[Line] = []
        tail: list[Line] = []
        sections: list[Section] = []
        current: _Unit | None = None
        group_section: Section | None = None
        first = _first_group(lines, found)
        for i, ln in enumerate(lines):
            text = ln.text
            if i < first or tail:
                (tail or notice).append(ln)
                continue
            if i in unit_set:
                label, title = _label(text, len(units_) + 1)
                group = GROUP_PATH.join(path[k] for k in sorted(path))
                current, group_section = _Unit(label, title, group, ln.first, ln.last), None
                units_.append(current)
                continue
            if i in head_set and ln.level <= level:
                current = None
                if ln.level == level or i > found.units[-1]:
                    tail.append(ln)  # a heading of the units' level that is no unit (附件2 …) closes them
                    continue
                path = {k: v for k, v in path.items() if k < ln.level}
                if _is_group(text):
                    path[ln.level] = text
                group_section = Section(
                    title=_NUMBERING.sub("", text), kind="group", text="", lines=(ln.first, ln.last)
                )
                sections.append(group_section)  # also without text: where each group begins
                continue
            if current is not None:
                if i > found.units[-1] and Headed._ends_units(lines, i, unit_set, {}):
                    tail.append(ln)  # 附件2, a notice heading after the last unit
                    continue
                self._add(current, ln, fields)
                continue
            if group_section is not None:
                group_section.text = (group_section.text + "\n" + text).strip("\n")
                group_section.lines = (group_section.lines[0], ln.last)
                continue
            notice.append(ln)
        title, _end = _title(lines, first)
        projects = [u.project() for u in units_]
        return ParseResult(
            layout=f"outline:h{level}",
            sections=parse_notice(notice) + sections + _tail_sections(tail),
            projects=projects,
            title=title,
        )

    @staticmethod
    def _add(unit: _Unit, ln: Line, fields: set[str]) -> None:
        if unit.untitled and (named := units().structure.title_field(ln.text)):
            unit.title, unit.last = named, ln.last
        elif unit.in_list(ln):
            unit.extend(ln)  # a point of the list its last clause opened (申报条件：/ 1.引进方式：…)
        elif (parts := cell_clause(ln)) is not None or (parts := clause_parts(ln.text)):
            unit.add_parts(parts, ln)
        elif found := field_clause(ln.text, fields) or unit.run_field(ln.text):
            unit.add_parts([found], ln, kind=field_kind(found[0]))
        else:
            unit.extend(ln)

"""Pandoc's simple and multiline tables (columns set out by runs of dashes), read as table rows.

Pandoc writes a Word table it cannot write as a pipe or grid table as a simple table (a header line, a rule of
dash runs `-----  -------`, one line per row) or a multiline table (a full-width dash line above the header, rows
whose cells wrap over several lines separated by blank lines, a full-width dash line closing it). The dash runs of
the column rule give the columns: every character of a row line belongs to the column whose run it starts at or
after. A row reaches the parser as the tab-joined line a .docx or .html table row becomes, written on its first
line; the table's other lines become empty, so every line keeps its number. A caption (`Table: …` or `  : …` right
after the table) is kept as a plain line.
"""

from __future__ import annotations

import re
import unicodedata

_COLUMN_RULE = re.compile(r"^\s*-{2,}(?:[ \t]+-{2,})+\s*$")  # two or more dash runs: the columns
_FULL_RULE = re.compile(r"^\s*-{3,}\s*$")  # one dash run: a multiline table's top or bottom line
_CAPTION = re.compile(r"^\s*(?:Table)?:\s+(?=\S)")
MIN_COLUMNS = 2


def _width(ch: str) -> int:
    """Display columns of a character as pandoc lays tables out (wide and full-width characters two)."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _starts(rule: str) -> list[int]:
    """The display column at which each dash run of a column rule starts."""
    return [m.start() for m in re.finditer(r"-+", rule.expandtabs())]


def _split(line: str, starts: list[int]) -> list[str]:
    """A row line cut into its columns' fragments by the columns' start positions."""
    out = [""] * len(starts)
    col = 0
    for ch in line.expandtabs():
        k = max((i for i, s in enumerate(starts) if s <= col), default=0)
        out[k] += ch
        col += _width(ch)
    return [frag.strip() for frag in out]


def _join(fragments: list[str]) -> str:
    """A cell's fragments over its lines: Chinese runs on, two ASCII words keep a space between them."""
    out = ""
    for frag in filter(None, fragments):
        if out and out[-1].isascii() and out[-1].isalnum() and frag[0].isascii() and frag[0].isalnum():
            out += " "
        out += frag
    return out


def _row(lines: list[str], starts: list[int]) -> str:
    """One row from its physical lines, as tab-joined cells."""
    columns = list(zip(*(_split(line, starts) for line in lines), strict=True))
    return "\t".join(_join(list(frags)) for frags in columns)


def _is_rule(line: str) -> bool:
    """A dash line of either kind: a column rule, or a multiline table's full-width top or bottom line."""
    return bool(_COLUMN_RULE.match(line) or _FULL_RULE.match(line))


def _closing(lines: list[str], start: int) -> int | None:
    """The index of the dash line closing a table whose rows begin at start, or None (two blank lines first)."""
    for j in range(start, len(lines)):
        if _is_rule(lines[j]):
            return j
        if not lines[j].strip() and j + 1 < len(lines) and not lines[j + 1].strip():
            return None
    return None


def _table_at(lines: list[str], i: int) -> tuple[int, int, bool] | None:
    """(first line, index after the last line, multiline) of the table whose column rule is line i, else None."""
    if not _COLUMN_RULE.match(lines[i]) or len(_starts(lines[i])) < MIN_COLUMNS:
        return None
    if i > 0 and lines[i - 1].strip():  # a header above the rule
        top = i - 1
        while top > 0 and lines[top - 1].strip() and not _FULL_RULE.match(lines[top]):
            top -= 1
        if _FULL_RULE.match(lines[top]):  # multiline: a full-width dash line above the header
            close = _closing(lines, i + 1)
            return None if close is None else (top, close + 1, True)
        j = i + 1
        while j < len(lines) and lines[j].strip() and not _is_rule(lines[j]):
            j += 1
        return i - 1, j + 1 if j < len(lines) and _is_rule(lines[j]) else j, False
    close = _closing(lines, i + 1)  # headerless: the column rule opens it, a dash line closes it
    if close is None:
        return None
    return i, close + 1, any(not lines[k].strip() for k in range(i + 1, close))


def _rows(lines: list[str], first: int, end: int, multiline: bool) -> list[tuple[int, list[str]]]:
    """(first line, lines) of each row between first and end: blank-separated in a multiline table, else one each."""
    rows: list[tuple[int, list[str]]] = []
    for i in range(first, end):
        if not lines[i].strip():
            continue
        if multiline and rows and i > first and lines[i - 1].strip():
            rows[-1][1].append(lines[i])
        else:
            rows.append((i, [lines[i]]))
    return rows


def pandoc_table_lines(lines: list[str]) -> list[str]:
    """The lines with every simple or multiline table turned into one tab-joined line per row."""
    out = list(lines)
    i = 0
    while i < len(lines):
        if (table := _table_at(lines, i)) is None:
            i += 1
            continue
        top, end, multiline = table
        starts = _starts(lines[i])
        header = [k for k in range(top, i) if lines[k].strip() and not _FULL_RULE.match(lines[k])]
        body_end = end - 1 if end - 1 > i and _is_rule(lines[end - 1]) else end
        rows = _rows(lines, i + 1, body_end, multiline)
        if header:
            rows.insert(0, (header[0], [lines[k] for k in header]))
        out[top:end] = [""] * (end - top)
        for first, row_lines in rows:
            out[first] = _row(row_lines, starts)
        i = _caption(lines, out, end)
    return out


def _caption(lines: list[str], out: list[str], i: int) -> int:
    """After a table, its caption line (`Table: …`, `  : …`) as plain text; returns where reading goes on."""
    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j < len(lines) and (m := _CAPTION.match(lines[j])):
        out[j] = lines[j][m.end() :]
        return j + 1
    return i

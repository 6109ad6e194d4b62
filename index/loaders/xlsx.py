"""Excel .xlsx guides: a workbook's visible sheets in order, each under its name, read as it is printed.

A county or a park sometimes publishes its guide as a workbook: a notice sheet (one paragraph a row, merged across
the page), a project sheet (one row per unit, a column per clause) and a contacts sheet. Each visible sheet becomes
its name on a line of its own (when the workbook shows more than one) and then its rows:
- a row holding one text is a paragraph (a line break in it starts a new line) when the text is merged across
  columns, stands in the first column or is not under a table's row; a range merged down is read once;
- any other row is a table row, its cells tab-joined over the sheet's visible columns, as the .docx and HTML
  loaders give a table row: a merged cell's value stands in every cell it covers (a 类别 merged down three rows
  names each of them), a line break inside a cell is a space;
- hidden sheets, rows and columns are not published text and are left out (last year's figures kept in a hidden
  column are not a second funding column);
- a number is written as the cell's number format prints it (0.0 → 12.5, 0"万元" → 40万元, 0% → 5%), a General
  number to the ten significant digits Excel shows (12.500000001 → 12.5); the unit printed only in a column's
  header (资助金额（万元）) is joined to the bare number by the table parser, as for any table. A date is written as
  its format prints it (yyyy年m月d日 → 2026年3月6日; else 2026-03-06).
Formulas are read through the values Excel saved with the file.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import LoadError
from index.loaders.base import SourceText, content_hash, finish, read_bytes
from index.loaders.docx import check_zip

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

_BROKEN_ADVICE = "open the workbook in Excel or LibreOffice and save it again as .xlsx"

# The significant digits Excel's General format shows of a number (the rest is binary noise: 12.500000001 → 12.5).
GENERAL_DIGITS = 10


def number_text(value: float | int, number_format: str = "General") -> str:
    """A number as its cell's format prints it: decimals, thousands separators, percent and quoted or escaped
    literals of the format's first section (0.0"万元" → 12.5万元); a General (or text) format prints up to ten
    significant digits and no trailing zeros."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    section = _positive_section(number_format or "General")
    if re.search(r"[eE][+-]", _strip_literals(section)):
        return _general(value)  # scientific notation: no guide prints its figures so
    if section.lower() in ("general", "@", "") or not re.search(r"[0#?]", _strip_literals(section)):
        return _general(value)
    prefix, body, suffix = _split_literals(section)
    percent = "%" in body
    if percent:
        value = value * 100
    decimals = len(m.group(1)) if (m := re.search(r"\.([0#?]+)", body)) else 0
    try:
        rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return _general(value)
    grouped = "," in body.split(".")[0]
    text = f"{rounded:,.{decimals}f}" if grouped else f"{rounded:.{decimals}f}"
    if "#" in body.split(".")[-1] and "." in text and "." in body:
        text = text.rstrip("0").rstrip(".")  # 0.## prints 12.5, not 12.50
    return f"{prefix}{text}{'%' if percent else ''}{suffix}"


def _general(value: float | int) -> str:
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    return format(value, f".{GENERAL_DIGITS}g")


def _positive_section(number_format: str) -> str:
    """The part of a format that prints a positive number, without colour or locale tags ([Red], [$-804])."""
    section = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', number_format)[0]
    return re.sub(r"\[[^\]]*\]", "", section)


_LITERAL = re.compile(r'"([^"]*)"|\\(.)|_.|\*.')


def _strip_literals(section: str) -> str:
    return _LITERAL.sub("", section)


def _split_literals(section: str) -> tuple[str, str, str]:
    """(text before the number, the number's own placeholders, text after it) of a format section."""
    parts: list[tuple[bool, str]] = []  # (is literal, text)
    pos = 0
    for m in _LITERAL.finditer(section):
        parts.append((False, section[pos : m.start()]))
        literal = m.group(1) if m.group(1) is not None else (m.group(2) or "")
        parts.append((True, literal))
        pos = m.end()
    parts.append((False, section[pos:]))
    prefix = suffix = body = ""
    for is_literal, text in parts:
        if is_literal:
            if body:
                suffix += text
            else:
                prefix += text
            continue
        for ch in text:
            if ch in "0#?.,%" or (ch == "E" and body):
                body += ch
            elif ch in "+-()/: $" or not ch.isascii():  # characters a format prints as they stand
                if body:
                    suffix += ch
                else:
                    prefix += ch
    return prefix, body, suffix


_DATE_TOKEN = re.compile(r'"([^"]*)"|\\(.)|(yyyy|yy|m{1,5}|d{1,4}|h{1,2}|s{1,2}|am/pm|a/p)|(.)', re.IGNORECASE)


def date_text(value: dt.datetime | dt.date | dt.time, number_format: str = "") -> str:
    """A date or time as its format prints it (yyyy年m月d日 → 2026年3月6日, h:mm → 17:30); a format this does
    not follow prints the ISO date (2026-03-06), with the time when it is not midnight."""
    section = _positive_section(number_format or "")
    tokens = list(_DATE_TOKEN.finditer(section))
    if not any(t.group(3) for t in tokens):
        return _iso(value)
    out: list[str] = []
    after_hour = False
    for k, t in enumerate(tokens):
        if t.group(1) is not None or t.group(2) is not None:
            out.append(t.group(1) if t.group(1) is not None else t.group(2))
            continue
        if t.group(4) is not None:
            out.append(t.group(4))
            continue
        token = t.group(3).lower()
        later = [x.group(3).lower() for x in tokens[k + 1 :] if x.group(3)]
        if token[0] == "m" and len(token) <= 2 and (after_hour or (later and later[0][0] == "s")):
            out.append(f"{getattr(value, 'minute', 0):0{len(token)}d}")
        else:
            piece = _date_piece(value, token)
            if piece is None:
                return _iso(value)
            out.append(piece)
        after_hour = token[0] == "h" or (after_hour and token[0] not in "yd")
    return "".join(out)


def _date_piece(value: dt.datetime | dt.date | dt.time, token: str) -> str | None:
    fields = {
        "yyyy": ("year", 4),
        "yy": ("year", 2),
        "m": ("month", 1),
        "mm": ("month", 2),
        "d": ("day", 1),
        "dd": ("day", 2),
        "h": ("hour", 1),
        "hh": ("hour", 2),
        "s": ("second", 1),
        "ss": ("second", 2),
    }
    if token not in fields or not hasattr(value, fields[token][0]):
        return None
    name, width = fields[token]
    number = getattr(value, name)
    return f"{number % 100:02d}" if token == "yy" else f"{number:0{width}d}"


def _iso(value: dt.datetime | dt.date | dt.time) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value.isoformat()


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell's value as printed."""
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return date_text(value, number_format)
    if isinstance(value, (int, float)):
        return number_text(value, number_format)
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _hidden_columns(sheet: Worksheet) -> set[int]:
    hidden: set[int] = set()
    for dim in sheet.column_dimensions.values():
        if dim.hidden and dim.min and dim.max:
            hidden.update(range(dim.min, dim.max + 1))
    return hidden


def _hidden_rows(sheet: Worksheet) -> set[int]:
    return {r for r, dim in sheet.row_dimensions.items() if dim.hidden}


def sheet_lines(sheet: Worksheet) -> list[str]:
    """The lines of one sheet: a paragraph per row of one text, a tab-joined row per row of a table (see the
    module docstring); hidden rows and columns left out, empty rows skipped."""
    hidden_cols, hidden_rows = _hidden_columns(sheet), _hidden_rows(sheet)
    grid: dict[tuple[int, int], str] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.row in hidden_rows or cell.column in hidden_cols or cell.value is None:
                continue
            if text := cell_text(cell.value, cell.number_format):
                grid[cell.row, cell.column] = text
    anchors: dict[tuple[int, int], tuple[int, int]] = {}  # a merged cell's position → its range's top-left cell
    spans: dict[tuple[int, int], int] = {}  # a top-left cell → the visible columns its range covers
    for merged in sheet.merged_cells.ranges:
        top = (merged.min_row, merged.min_col)
        spans[top] = sum(1 for c in range(merged.min_col, merged.max_col + 1) if c not in hidden_cols)
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                anchors[r, c] = top
    if not grid:
        return []
    used = [c for (_r, c) in grid]
    columns = [c for c in range(min(used), max(used) + 1) if c not in hidden_cols]
    rows: list[tuple[int, list[str]]] = []
    for r in sorted({r for (r, _c) in grid} | {r for (r, _c) in anchors}):
        cells = [grid.get(anchors.get((r, c), (r, c)), "") for c in columns]
        if r not in hidden_rows and any(cells):
            rows.append((r, cells))
    lines: list[str] = []
    paragraphs: set[tuple[int, int]] = set()  # the cells read as paragraphs: a range merged down is read once
    for k, (r, cells) in enumerate(rows):
        texts = {t for t in cells if t}
        if len(texts) == 1:
            c = columns[next(n for n, t in enumerate(cells) if t)]
            top = anchors.get((r, c), (r, c))
            if top in paragraphs:
                continue  # the rows under a paragraph merged down over several rows
            tabled = k > 0 and len({t for t in rows[k - 1][1] if t}) > 1  # under a table's row: a row of it
            if top == (r, c) and (spans.get(top, 1) > 1 or c == columns[0] or not tabled):
                paragraphs.add(top)
                lines.extend(line.strip() for line in cells[columns.index(c)].split("\n") if line.strip())
                continue
        lines.append("\t".join(" ".join(p.strip() for p in cell.split("\n") if p.strip()) for cell in cells))
    return lines


def workbook_lines(sheets: list[Worksheet]) -> list[str]:
    """The visible sheets' lines in order, each under its name when there are several (a name the sheet's first
    line already prints is not repeated)."""
    visible = [s for s in sheets if s.sheet_state == "visible"]
    lines: list[str] = []
    for sheet in visible:
        body = sheet_lines(sheet)
        if not body:
            continue
        if len(visible) > 1 and re.sub(r"\s+", "", body[0]) != re.sub(r"\s+", "", sheet.title):
            lines.append(sheet.title.strip())
        lines.extend(body)
    return lines


class XlsxLoader:
    """.xlsx via openpyxl (pure Python), after the zip sizes are checked."""

    suffixes = (".xlsx",)

    def load(self, path: Path) -> SourceText:
        """Read the visible sheets in order."""
        from openpyxl import load_workbook

        data = read_bytes(path)
        check_zip(path, "XLSX", _BROKEN_ADVICE)
        try:
            workbook = load_workbook(str(path), data_only=True, rich_text=False)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            raise LoadError(f"{path.name}: broken XLSX ({exc})", _BROKEN_ADVICE) from None
        except Exception as exc:  # openpyxl raises its own errors (InvalidFileException) for a file it cannot open
            raise LoadError(f"{path.name}: broken XLSX ({type(exc).__name__}: {exc})", _BROKEN_ADVICE) from None
        try:
            lines = workbook_lines(workbook.worksheets)
        finally:
            workbook.close()
        return finish(path, lines, "xlsx", content_hash(data))

"""Legacy Word .doc guides, read by Debian's antiword (or catdoc when antiword is missing or fails)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

from index.errors import LoadError
from index.loaders.base import SourceText, content_hash, finish, read_bytes

TIMEOUT_S = 60
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_ANTIWORD_ROW = re.compile(r"^\|(.*)\|\s*$")


def _antiword(path: Path) -> list[str]:
    # -w 0: no re-wrapping (one paragraph a line); -m UTF-8.txt: Chinese comes out as UTF-8.
    out = subprocess.run(
        ["antiword", "-w", "0", "-m", "UTF-8.txt", str(path)],
        capture_output=True,
        timeout=TIMEOUT_S,
        check=True,
    ).stdout.decode("utf-8", "replace")
    lines: list[str] = []
    table: list[list[str]] = []  # the raw cells (padded to their column's width) of the table being read
    for line in [*out.splitlines(), ""]:
        if m := _ANTIWORD_ROW.match(line):  # antiword prints table rows as |cell|cell|
            table.append(m.group(1).split("|"))
            continue
        lines.extend("\t".join(row) for row in _table_rows(table))
        table = []
        lines.append(line)
    return lines[:-1]


def _width(text: str) -> int:
    """The columns text takes in antiword's output: a wide (CJK) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wraps_into(row: list[str], more: list[str]) -> bool:
    """Whether `more` is the wrapped rest of `row`, not a row of its own: antiword goes on with a cell too long
    for its column on the next line, the other cells blank. Such a line has the row's columns, a blank first
    cell (the label column, rarely wrapped) and text only under cells that filled their column (a wide character
    that does not fit leaves one column free); a row under a cell merged down has a cell that did not."""
    if len(more) != len(row) or more[0].strip() or not any(c.strip() for c in more):
        return False
    return all(_width(cell.rstrip()) >= _width(cell) - 1 for cell, rest in zip(row, more, strict=True) if rest.strip())


def _table_rows(table: list[list[str]]) -> list[list[str]]:
    """A table's rows as cells: wrapped lines joined back into their row's cells, and a cell merged over the whole
    row (a unit's title over its field | value rows) repeated per column, as the .docx and HTML loaders give it."""
    rows: list[list[str]] = []
    above: list[str] = []  # the line above as printed, its cells padded to their columns
    for cells in table:
        if rows and _wraps_into(above, cells):
            rows[-1] = [a + b.strip() for a, b in zip(rows[-1], cells, strict=True)]
        else:
            rows.append([c.strip() for c in cells])
        above = cells
    width = max((len(r) for r in rows), default=0)
    return [r * width if len(r) == 1 else r for r in rows]


def _catdoc(path: Path) -> list[str]:
    # -w: no wrapping; -d utf-8: output charset. catdoc prints table cells separated by tabs.
    out = subprocess.run(
        ["catdoc", "-w", "-d", "utf-8", str(path)], capture_output=True, timeout=TIMEOUT_S, check=True
    ).stdout.decode("utf-8", "replace")
    return out.replace("\x0c", "\n").splitlines()


_TOOLS = (("antiword", _antiword), ("catdoc", _catdoc))


class DocLoader:
    """.doc (Word 97–2003) through antiword or catdoc, whichever is installed and reads the file."""

    suffixes = (".doc",)

    def load(self, path: Path) -> SourceText:
        """Run the first tool that reads the file; name every reason when none does."""
        data = read_bytes(path)
        head = data[:512].lstrip().lower()
        if head.startswith((b"<html", b"<!doctype html", b"<meta")) or b"<html" in head:
            # Sites often serve a web page saved under .doc: read it as the page it is.
            from index.loaders.html import HtmlLoader

            return HtmlLoader().load(path)
        if not data.startswith(_OLE_MAGIC):
            raise LoadError(
                f"{path.name}: not a Word 97–2003 document (no OLE header)",
                "open it in Word or LibreOffice and save it as .docx",
            )
        reasons: list[str] = []
        for name, read in _TOOLS:
            if shutil.which(name) is None:
                reasons.append(f"{name} is not installed")
                continue
            try:
                lines = read(path)
            except subprocess.TimeoutExpired:
                reasons.append(f"{name} took more than {TIMEOUT_S} s")
                continue
            except subprocess.CalledProcessError as exc:
                detail = exc.stderr.decode("utf-8", "replace").strip().splitlines()
                reasons.append(f"{name} failed: {detail[-1] if detail else f'exit {exc.returncode}'}")
                continue
            if any(line.strip() for line in lines):
                return finish(path, lines, f"doc/{name}", content_hash(data))
            reasons.append(f"{name} found no text")
        raise LoadError(
            f"{path.name}: cannot read .doc ({'; '.join(reasons)})",
            "install antiword or catdoc (apt-get install antiword catdoc), or re-save the file as .docx",
        )

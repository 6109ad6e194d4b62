"""A table typed as lines of cells separated by bars: "类别｜支持额度｜实施期限｜拟支持数量" over one such line a row.

A WeChat article (or a page pasted from one) shows its table as an image and, for readers who cannot see it, a 文字版
copy below: one <p> a row, the cells separated by a full-width bar. Only those lines carry the figures, so they are
read as the table they copy: tab-separated rows, as every loader gives a table's rows, for the parser's table
binding to give each row's cells to the unit the row names. A run of at least MIN_ROWS lines in a row, each cut by
the same bar into the same number of cells (MIN_CELLS or more, none of them empty), is such a table; a single line
with a bar ("重磅｜2026年度…启动！", a headline) is text.
"""

from __future__ import annotations

# The bars an editor types between cells: the full-width vertical line and box-drawing verticals (not 丨, a word's
# stroke, nor the ASCII pipe of a markdown table, read by its own loader).
BARS = ("｜", "│", "┃")
MIN_ROWS = 3  # the header and two rows at least
MIN_CELLS = 2


def _cells(line: str, bar: str) -> list[str] | None:
    """The line's cells when it is cut by the bar into MIN_CELLS or more non-empty cells (a tab row is one already)."""
    if bar not in line or "\t" in line:
        return None
    cells = [c.strip() for c in line.strip().split(bar)]
    return cells if len(cells) >= MIN_CELLS and all(cells) else None


def bar_rows(lines: list[str]) -> list[str]:
    """The lines with each run of bar-separated rows (same bar, same number of cells; blank lines between them, as a
    markdown paste has, do not end the run) as tab-separated rows."""
    out = list(lines)
    filled = [i for i, line in enumerate(out) if line.strip()]
    for bar in BARS:
        k = 0
        while k < len(filled):
            first = _cells(out[filled[k]], bar)
            if first is None:
                k += 1
                continue
            run = [first]
            while k + len(run) < len(filled):
                nxt = _cells(out[filled[k + len(run)]], bar)
                if nxt is None or len(nxt) != len(first):
                    break
                run.append(nxt)
            if len(run) >= MIN_ROWS:
                for at, cells in zip(filled[k : k + len(run)], run, strict=True):
                    out[at] = "\t".join(cells)
            k += len(run)
    return out


def bar_table_text(text: str) -> str:
    """The text with its bar-separated tables as tab rows; unchanged when it has none."""
    if not any(bar in text for bar in BARS):
        return text
    lines = text.split("\n")
    rows = bar_rows(lines)
    return text if rows == lines else "\n".join(rows)

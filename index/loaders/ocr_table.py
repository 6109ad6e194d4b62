"""Ruled tables on scanned pages: the grid found in the page image, OCR boxes put into its cells.

OCR reads a scanned table as loose fragments: a visual line of text runs across several columns and a cell's
wrapped lines come apart. Here the table's ruling lines are found in the image (long thin dark runs after
adaptive binarisation, kept by a morphological opening, so small skew, paper tint and speckles do not matter),
grouped into grids (horizontal and vertical rules that meet), and each OCR box goes to the cell holding its
centre (a box crossing a column rule is cut at the rule, its characters shared out by their positions). Each grid row
becomes one tab-joined line, as the text layer gives ruled tables (see pdf._text_layer_lines): a cell merged
over several rows is repeated in each, a cell merged across columns leaves the columns after it empty.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from index.loaders.layout import PageLine, merged_spans

_BLOCK = 31  # adaptive threshold window, px (a rule is dark against the mean of its surroundings)
_C = 12  # ... by at least this much (0-255 grey)
_MIN_RULE = 0.025  # shortest ruling-line piece kept, as a fraction of the page width (a dash "——" is shorter)
_MIN_RULE_PX = 36
_MAX_THICK = 12.0  # a rule is thinner than this many px (mean over its length); bands and blobs are not rules
_MIN_WIDTH = 0.15  # a table is at least this fraction of the page width wide (not the strokes of a big 曲)
_MIN_COVER = 0.5  # a rule separates two cells when it covers at least half of their shared edge


@dataclass
class _Rule:
    """A ruling line: along-axis position p(s) = slope * s + offset, covering the intervals of s in `spans`."""

    slope: float
    offset: float
    spans: list[tuple[float, float]] = field(default_factory=list)

    def at(self, s: float) -> float:
        return self.slope * s + self.offset

    @property
    def lo(self) -> float:
        return min(a for a, _ in self.spans)

    @property
    def hi(self) -> float:
        return max(b for _, b in self.spans)

    def cover(self, a: float, b: float) -> float:
        """Fraction of [a, b] the rule covers."""
        if b <= a:
            return 0.0
        got = sum(max(0.0, min(b, hi) - max(a, lo)) for lo, hi in merged_spans(self.spans))
        return got / (b - a)


@dataclass
class Grid:
    """One ruled table: its horizontal rules (y of x) top to bottom, vertical rules (x of y) left to right."""

    rows: list[_Rule]
    cols: list[_Rule]
    tol: float

    def y(self, i: int, x: float) -> float:
        return self.rows[i].at(x)

    def x(self, j: int, y: float) -> float:
        return self.cols[j].at(y)

    def contains(self, x: float, y: float) -> bool:
        return (
            self.y(0, x) - self.tol <= y <= self.y(-1, x) + self.tol
            and self.x(0, y) - self.tol <= x <= self.x(-1, y) + self.tol
        )

    def cross(self, i: int, j: int) -> tuple[float, float]:
        """Where horizontal rule i meets vertical rule j (extended if they stop short)."""
        h, v = self.rows[i], self.cols[j]
        y = (h.slope * v.offset + h.offset) / (1 - h.slope * v.slope)
        return v.at(y), y

    def col_divides(self, i: int, j: int) -> bool:
        """Whether vertical rule j separates the cells of row band i (between horizontal rules i and i + 1)."""
        return self.cols[j].cover(self.cross(i, j)[1], self.cross(i + 1, j)[1]) >= _MIN_COVER

    def row_divides(self, i: int, j: int) -> bool:
        """Whether horizontal rule i separates the cells of column band j (between vertical rules j and j + 1)."""
        return self.rows[i].cover(self.cross(i, j)[0], self.cross(i, j + 1)[0]) >= _MIN_COVER

    def cell(self, x: float, y: float) -> tuple[int, int]:
        row = sum(1 for r in self.rows[1:-1] if r.at(x) < y)
        col = sum(1 for c in self.cols[1:-1] if c.at(y) < x)
        return row, col


def _segments(mask: Any, vertical: bool, min_len: int, gap: int) -> list[_Rule]:
    """Straight dark runs of a binary mask (numpy, 1 = ink) along one axis, each fitted to a line."""
    import cv2
    import numpy as np

    work = np.ascontiguousarray(mask.T if vertical else mask)  # along-axis = columns of `work`
    # thicken across the axis so a 1-px rule that drifts by a pixel (skew) stays one run, then keep long runs
    work = cv2.dilate(work, np.ones((3, 1), np.uint8))
    runs = cv2.morphologyEx(work, cv2.MORPH_OPEN, np.ones((1, min_len), np.uint8))
    runs = cv2.morphologyEx(runs, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))  # bridge breaks in a rule
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    out: list[_Rule] = []
    for label in range(1, count):
        x, y, w, h, area = stats[label]
        if w < min_len or area / w > _MAX_THICK + 2:  # +2: the dilation above
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == label)
        if len(xs) < 2:
            continue
        if h <= 2 or np.ptp(xs) == 0:
            slope, offset = 0.0, float(y + ys.mean())
        else:
            slope, offset = np.polyfit(xs + x, ys + y, 1)
        if abs(slope) > 0.05:  # more than ~3° off the axis: not a rule of this page
            continue
        out.append(_Rule(float(slope), float(offset), [(float(x), float(x + w - 1))]))
    return out


def _meets(h: _Rule, v: _Rule, tol: float) -> bool:
    """Whether a horizontal and a vertical rule cross or touch (within tol px)."""
    # intersection of y = h.slope * x + h.offset and x = v.slope * y + v.offset
    det = 1 - h.slope * v.slope
    y = (h.slope * v.offset + h.offset) / det
    x = v.slope * y + v.offset
    near = any(lo - tol <= x <= hi + tol for lo, hi in h.spans)
    return near and any(lo - tol <= y <= hi + tol for lo, hi in v.spans)


def _cluster(rules: list[_Rule], mid: float, tol: float) -> list[_Rule]:
    """Collinear pieces merged into one rule per position (position read at `mid` on the along-axis)."""
    out: list[_Rule] = []
    for rule in sorted(rules, key=lambda r: r.at(mid)):
        if out and rule.at(mid) - out[-1].at(mid) <= tol:
            last = out[-1]
            a = last.hi - last.lo
            b = rule.hi - rule.lo
            mid_pos = (last.at(mid) * a + rule.at(mid) * b) / max(a + b, 1.0)
            slope = last.slope if a >= b else rule.slope
            out[-1] = _Rule(slope, mid_pos - slope * mid, last.spans + rule.spans)
        else:
            out.append(_Rule(rule.slope, rule.offset, list(rule.spans)))
    return out


def find_grids(image: Any) -> list[Grid]:
    """Ruled tables in a page image (numpy, RGB or grey): regions bounded by rules, ≥ 2 columns, ≥ 1 row."""
    try:
        import cv2
        import numpy as np
    except ImportError:  # pragma: no cover - opencv comes with rapidocr
        return []
    grey = image if image.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(image[..., :3]), cv2.COLOR_RGB2GRAY)
    grey = np.ascontiguousarray(grey, dtype=np.uint8)
    width = grey.shape[1]
    ink = cv2.adaptiveThreshold(grey, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, _BLOCK, _C)
    min_len = max(_MIN_RULE_PX, int(_MIN_RULE * width))
    gap = max(5, width // 300)
    tol = max(6.0, width / 200)
    hs = _segments(ink, vertical=False, min_len=min_len, gap=gap)
    vs = _segments(ink, vertical=True, min_len=min_len, gap=gap)
    if len(hs) < 2 or len(vs) < 3:
        return []
    # rules that meet form a table: connected groups of the horizontal–vertical "meets" graph
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, h), (j, v) in itertools.product(enumerate(hs), enumerate(vs)):
        if _meets(h, v, tol):
            parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[_Rule], list[_Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids: list[Grid] = []
    for group_h, group_v in groups.values():
        if not group_h or not group_v:
            continue
        x_mid = (min(h.lo for h in group_h) + max(h.hi for h in group_h)) / 2
        y_mid = (min(v.lo for v in group_v) + max(v.hi for v in group_v)) / 2
        rows = _cluster(group_h, x_mid, tol)
        cols = _cluster(group_v, y_mid, tol)
        grid = _dividing(Grid(rows, cols, tol))
        if grid is not None and grid.cross(0, -1)[0] - grid.cross(0, 0)[0] >= _MIN_WIDTH * width:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.cross(0, 0)[1])


def _dividing(grid: Grid) -> Grid | None:
    """The grid without rules that divide no cells (a stroke of text touching the frame), if still a table."""
    rows, cols = grid.rows, grid.cols
    while len(rows) >= 2 and len(cols) >= 3:
        grid = Grid(rows, cols, grid.tol)
        n_rows, n_cols = len(rows) - 1, len(cols) - 1
        keep_rows = [r for r in range(len(rows)) if any(grid.row_divides(r, j) for j in range(n_cols))]
        keep_cols = [c for c in range(len(cols)) if any(grid.col_divides(i, c) for i in range(n_rows))]
        if len(keep_rows) == len(rows) and len(keep_cols) == len(cols):
            return grid
        rows = [rows[r] for r in keep_rows]
        cols = [cols[c] for c in keep_cols]
    return None


def _pieces(box: PageLine, grid: Grid, row: int) -> list[tuple[int, PageLine]]:
    """A box's text by column: cut where it crosses a column rule that separates cells in its row."""
    cy = (box.top + box.bottom) / 2
    height = max(box.bottom - box.top, 1.0)
    cuts = []
    for j in range(1, len(grid.cols) - 1):
        x = grid.x(j, cy)
        # the rule must lie well inside the box (half a character on each side) and divide this row
        if box.x0 + 0.5 * height < x < box.x1 - 0.5 * height and grid.col_divides(row, j):
            cuts.append(x)
    if not cuts:
        return [(grid.cell((box.x0 + box.x1) / 2, cy)[1], box)]
    text = box.text
    step = (box.x1 - box.x0) / len(text)
    centres = box.centres or tuple(box.x0 + (k + 0.5) * step for k in range(len(text)))
    out: list[tuple[int, PageLine]] = []
    edges = [box.x0, *cuts, box.x1]
    for a, b in itertools.pairwise(edges):
        part = "".join(ch for ch, x in zip(text, centres, strict=True) if a <= x < b)
        part = part.strip().strip("|│").strip()  # the rule itself, read as a bar
        if part:
            col = grid.cell((a + b) / 2, cy)[1]
            out.append((col, PageLine(part, a, b, box.top, box.bottom)))
    return out


def _join_cell(boxes: list[PageLine]) -> str:
    """A cell's boxes in reading order: visual lines top to bottom, wrapped lines joined without a space."""
    lines: list[list[PageLine]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        if lines:
            last = lines[-1]
            top = min(b.top for b in last)
            bottom = max(b.bottom for b in last)
            if min(bottom, box.bottom) - max(top, box.top) >= 0.5 * min(bottom - top, box.bottom - box.top):
                last.append(box)
                continue
        lines.append([box])
    texts = []
    for line in lines:
        line.sort(key=lambda b: b.x0)
        texts.append(_glue([b.text for b in line]))
    return _glue(texts)


def _glue(parts: list[str]) -> str:
    """Join fragments: a space only between two Latin words (not where a number or CJK text wraps)."""
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalpha() and part[:1].isascii() and part[:1].isalpha():
            out += " "
        out += part
    return out


def table_rows(grid: Grid, boxes: list[PageLine]) -> list[PageLine]:
    """The grid's rows as tab-joined lines of the given boxes (all inside the grid)."""
    n_rows, n_cols = len(grid.rows) - 1, len(grid.cols) - 1
    # atomic cells merged where the rule between them is missing (a cell spanning rows or columns)
    parent = {(i, j): (i, j) for i in range(n_rows) for j in range(n_cols)}

    def find(c: tuple[int, int]) -> tuple[int, int]:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the top-left cell names the merged cell

    for i in range(n_rows):
        for j in range(n_cols):
            if j + 1 < n_cols and not grid.col_divides(i, j + 1):
                union((i, j), (i, j + 1))
            if i + 1 < n_rows and not grid.row_divides(i + 1, j):
                union((i, j), (i + 1, j))
    contents: dict[tuple[int, int], list[PageLine]] = {}
    for box in boxes:
        cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
        row, _ = grid.cell(cx, cy)
        for col, piece in _pieces(box, grid, row):
            contents.setdefault(find((row, col)), []).append(piece)
    texts = {cell: _join_cell(parts) for cell, parts in contents.items()}
    out: list[PageLine] = []
    for i in range(n_rows):
        cells = []
        for j in range(n_cols):
            root = find((i, j))
            # a cell merged across columns: its text in its first column of this row, the others empty
            first = j == 0 or find((i, j - 1)) != root
            cells.append(texts.get(root, "") if first else "")
        if any(cells):
            (x0, top), (x1, _), (_, bottom) = grid.cross(i, 0), grid.cross(i, -1), grid.cross(i + 1, 0)
            out.append(PageLine("\t".join(cells), x0, x1, top, bottom, table=True))
    return out


def split_tables(image: Any, boxes: list[PageLine]) -> tuple[list[PageLine], list[PageLine]] | None:
    """(table rows, boxes outside every table) of a page, or None when the page has no ruled table."""
    grids = find_grids(image)
    if not grids:
        return None
    inside: list[list[PageLine]] = [[] for _ in grids]
    rest: list[PageLine] = []
    for box in boxes:
        cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
        for k, grid in enumerate(grids):
            if grid.contains(cx, cy):
                inside[k].append(box)
                break
        else:
            rest.append(box)
    rows = [row for grid, members in zip(grids, inside, strict=True) for row in table_rows(grid, members)]
    if not rows:
        return None
    return rows, rest

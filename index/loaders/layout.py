"""Page geometry → paragraphs: shared by the PDF text layer and OCR.

A page arrives as positioned lines; wrapped lines are re-joined into paragraphs (a line that runs to
the right margin and does not end a sentence continues on the next unindented line), and lines
repeated at the top or bottom of most pages (running headers, footers, page numbers) are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from index.normalize import running_key, unit_cut

_SENTENCE_END = tuple("。！？；：!?;:")
# A line that starts a numbered unit or an inline label never continues the line before it.
_STARTS_UNIT = re.compile(
    r"^(?:\d+(?:[.．]\d+)*[.．、\s]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|"
    r"(?:项目|方向|专题|课题|任务)\s*[一二三四五六七八九十\d]|附件|第[一二三四五六七八九十\d]+[章条节]|[\u4e00-\u9fff]{2,6}[:：])"
)
_PAGE_NUMBER = re.compile(r"^[\s\-—–_·•.第页共/\d]*$|^-?\s*\d+\s*-?$|^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$")


Word = tuple[float, float, str]  # x0, x1, text of a stretch of a line's ink that stands apart from the next


@dataclass
class PageLine:
    """A line of text on a page, with its box (points or pixels; only ratios matter).

    A table line stands as it is: a ruled table's row holds tab-joined cells, a borderless label/value table's
    row "label：value". words: the line's stretches of ink left to right, when the loader knows them.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    table: bool = False
    words: tuple[Word, ...] = ()
    centres: tuple[float, ...] = ()  # x of each character's centre, when OCR located them (else spread evenly)
    cut: bool = False  # a table row left open at the foot of the page: it goes on on the next page
    rule: bool = False  # a short rule drawn over a page's footnotes (no text of the page: index/loaders/footnotes.py)


def merged_spans(spans: Iterable[tuple[float, float]], gap: float = 0.0) -> list[tuple[float, float]]:
    """Intervals (lo, hi) joined where they overlap or touch, or stand less than `gap` apart; sorted."""
    out: list[tuple[float, float]] = []
    for lo, hi in sorted(spans):
        if out and (lo <= out[-1][1] or lo - out[-1][1] < gap):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _edge_key(text: str) -> str:
    return running_key(re.sub(r"\s+", "", text))


def drop_running_lines(pages: list[list[PageLine]], heights: list[float]) -> list[list[PageLine]]:
    """Drop page numbers and lines repeated at the top or bottom edge of most pages (headers, footers)."""
    counts: Counter[str] = Counter()
    for page, height in zip(pages, heights, strict=True):
        edge = {_edge_key(ln.text) for ln in page if _at_edge(ln, height)}
        counts.update(edge)
    need = max(2, (len(pages) + 1) // 2)
    kept: list[list[PageLine]] = []
    for page, height in zip(pages, heights, strict=True):
        out = []
        for ln in page:
            if _at_edge(ln, height) and not ln.table:
                key = _edge_key(ln.text)
                if (len(pages) >= 2 and counts[key] >= need) or _PAGE_NUMBER.match(ln.text.strip()):
                    continue
            out.append(ln)
        kept.append(out)
    return kept


def _at_edge(line: PageLine, height: float) -> bool:
    return line.top < 0.1 * height or line.bottom > 0.9 * height


def _metrics(lines: list[PageLine]) -> tuple[float, float, float]:
    """(left margin, right margin, character size) of a page's body lines."""
    body = [ln for ln in lines if not ln.table] or lines
    left = min(ln.x0 for ln in body)
    ends = sorted(ln.x1 for ln in body)
    right = ends[int(0.9 * (len(ends) - 1))]  # the right margin, not the one line that overhangs it
    heights = sorted(ln.bottom - ln.top for ln in body)
    char = max(heights[len(heights) // 2], 1.0)  # a CJK character is about as wide as the line is high
    return left, right, char


def _open_bracket(text: str) -> bool:
    """Does the text end inside a bracket it opened ("…评估（指")? What follows continues it, label or not."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _wrap_glue(before: str, after: str) -> str:
    """What joins a wrapped line to the next: a space between Latin words, nothing between Chinese characters nor
    inside a number or a unit cut at the line end (a justified Chinese line breaks anywhere: 0863-552 + 8174, 17:0 + 0,
    4MW + h)."""
    if (before[-1:].isdigit() and after[:1].isdigit()) or unit_cut(before, after):
        return ""
    return " " if before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() else ""


def paragraphs(pages: list[list[PageLine]]) -> list[str]:
    """Join wrapped lines into paragraphs, also across a page break; table rows and short lines stay lines."""
    out: list[str] = []
    previous: PageLine | None = None
    prev_metrics = (0.0, 0.0, 1.0)
    for page in pages:
        if not page:
            continue
        left, right, char = _metrics(page)
        same_page = False
        for ln in page:
            # A table row keeps its empty first and last cells (tabs), so its cells stay under their columns.
            text = ln.text.strip(" \u3000\r\n") if ln.table else ln.text.strip()
            if not text.strip():
                continue
            if (
                previous is not None
                and not ln.table
                and not previous.table
                and previous.x1 >= prev_metrics[1] - 2.5 * prev_metrics[2]  # ran (nearly) to the right margin
                and not previous.text.rstrip().endswith(_SENTENCE_END)
                and ln.x0 <= left + 0.8 * char  # next line not indented (a new paragraph is)
                and (not _STARTS_UNIT.match(text) or _open_bracket(out[-1]))  # "…（指" + "南代码：JT2026-03）"
                and (not same_page or ln.top - previous.bottom < 1.5 * char)  # no gap between them
            ):
                out[-1] = out[-1] + _wrap_glue(out[-1], text) + text
            else:
                out.append(text)
            previous, prev_metrics, same_page = ln, (left, right, char), True
    return out

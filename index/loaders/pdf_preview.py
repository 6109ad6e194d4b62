"""A PDF shown inside a web page as an online preview, read back into paragraphs as the PDF loader reads a page.

Portals publish a notice and its guide as a PDF and show it inline: pdf2htmlEX turns each page into a page div
(class "pf") holding one absolutely positioned div (class "t") per printed line, its place given only by generated
CSS classes (.x3{left:…}, .y17{bottom:…}, .fs0{font-size:…}, .m0{transform:matrix(…)}); pdf.js puts a text layer
(class "textLayer") of positioned spans over each page. Either way the page has no paragraphs, headings or tables:
each printed line stands alone, a value cut at a line end (0863-552 / 8174) or by a page break is split, and
pdf2htmlEX's spacing spans (<span class="_ _3"> </span>) sit inside words. Here each page's runs are placed on the
page from their CSS, grouped into lines in reading order, and handed to the PDF loader's paragraph joiner
(index/loaders/layout.py): page numbers and running lines go, wrapped lines join, also across a page break.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from index.loaders.layout import PageLine, drop_running_lines, paragraphs

_PAGE_CLASSES = {"pf"}  # pdf2htmlEX's page div
_LINE_CLASSES = {"t"}  # pdf2htmlEX's positioned text div (one printed line, or one run of it)
_SPACING_CLASSES = {"_"}  # pdf2htmlEX's spacing span: a gap inside a line, not a character of it
_LAYER_CLASSES = {"textLayer"}  # pdf.js's text layer over one page
_RULE = re.compile(r"\.([A-Za-z_][\w-]*)\s*\{([^{}]*)\}")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_MATRIX = re.compile(r"matrix\(\s*([^)]*)\)")
_SCALE_X = re.compile(r"scaleX\(\s*(-?[\d.]+)\s*\)")
_SAME_LINE = 0.5  # runs whose middles stand less than this many line heights apart are one printed line
_WORD_GAP = 0.25  # runs this far apart (in the line's height) between Latin characters have a space between them


@dataclass
class _Run:
    """A piece of text placed on its page: its box from the left and the top edge of the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def _without_media(css: str) -> str:
    """The style sheet without its @media blocks (pdf2htmlEX repeats every position for print, in points)."""
    out, depth, start = [], 0, 0
    for m in re.finditer(r"@media[^{]*\{|\{|\}", css):
        token = m.group()
        if depth == 0 and token.startswith("@media"):
            out.append(css[start : m.start()])
            depth = 1
        elif depth and (token == "{" or token.startswith("@media")):
            depth += 1
        elif depth and token == "}":
            depth -= 1
            if depth == 0:
                start = m.end()
    if depth == 0:
        out.append(css[start:])
    return "".join(out)


def _declarations(text: str) -> dict[str, str]:
    """A declaration block (left:12px;bottom:3px) as property → value."""
    out = {}
    for part in text.split(";"):
        name, colon, value = part.partition(":")
        if colon:
            out[name.strip().lower()] = value.strip()
    return out


def class_styles(document: Any) -> dict[str, dict[str, str]]:
    """The declarations of each single-class rule (.x3{left:230.5px}) in the page's own style sheets."""
    css = _without_media("\n".join(style.text or "" for style in document.iter("style")))
    rules: dict[str, dict[str, str]] = {}
    for name, body in _RULE.findall(css):
        rules.setdefault(name, {}).update(_declarations(body))
    return rules


def _style(element: Any, rules: dict[str, dict[str, str]]) -> dict[str, str]:
    """An element's declarations: its classes' rules in order, then its inline style."""
    out: dict[str, str] = {}
    for name in (element.get("class") or "").split():
        out.update(rules.get(name, {}))
    out.update(_declarations(element.get("style") or ""))
    return out


def _length(value: str | None) -> float | None:
    """A CSS length in px (the last number: calc(var(--scale-factor)*10.5px) is 10.5); None when absent."""
    numbers = _NUMBER.findall(value or "")
    return float(numbers[-1]) if numbers else None


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def _em(char: str) -> float:
    """A character's advance in ems: a full-width (CJK) character one em, any other half."""
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.5


def _joined(pieces: list[tuple[str, bool]]) -> str:
    """A line's text from its pieces (text, is a gap): a gap keeps a space only between two Latin characters
    (a real word space); inside Chinese text, or as an empty kerning span, it is no character at all."""
    out = ""
    for k, (text, gap) in enumerate(pieces):
        if not gap:
            out += text
            continue
        after = next((t for t, g in pieces[k + 1 :] if not g and t), "")
        if text.strip() == "" and text and out[-1:].isascii() and out[-1:].strip() and after[:1].isascii():
            out += " "
    return out


def _measure(element: Any, rules: dict[str, dict[str, str]], size: float) -> tuple[list[tuple[str, bool]], float]:
    """The pieces of a pdf2htmlEX line div (see _joined) and its width in its own (untransformed) units."""
    pieces: list[tuple[str, bool]] = []
    width = 0.0

    def text(value: str | None, font: float) -> None:
        nonlocal width
        if value:
            pieces.append((value, False))
            width += sum(_em(c) for c in value) * font

    text(element.text, size)
    for child in element:
        if not isinstance(child.tag, str):
            continue
        style = _style(child, rules)
        if _classes(child) & _SPACING_CLASSES:
            pieces.append((child.text_content(), True))
            width += (_length(style.get("width")) or 0.0) + (_length(style.get("margin-left")) or 0.0)
        else:
            inner, inner_width = _measure(child, rules, _length(style.get("font-size")) or size)
            pieces += inner
            width += inner_width
        text(child.tail, size)
    return pieces, width


def _scales(transform: str) -> tuple[float, float]:
    """The horizontal and vertical scale of a CSS transform matrix(a, b, c, d, e, f); 1 each without one."""
    m = _MATRIX.search(transform)
    matrix = [float(n) for n in _NUMBER.findall(m.group(1))] if m else []
    return (abs(matrix[0]), abs(matrix[3])) if len(matrix) == 6 else (1.0, 1.0)


def _pdf2htmlex_runs(page: Any, rules: dict[str, dict[str, str]]) -> tuple[list[_Run], float]:
    """The line divs of a pdf2htmlEX page placed from the top of the page, and the page's height."""
    placed = []
    for div in page.iter():
        if not isinstance(div.tag, str) or not _classes(div) & _LINE_CLASSES:
            continue
        style = _style(div, rules)
        left, bottom = _length(style.get("left")), _length(style.get("bottom"))
        if left is None or bottom is None:
            continue
        sx, sy = _scales(style.get("transform", ""))
        size = _length(style.get("font-size")) or 1.0
        height = (_length(style.get("height")) or size) * sy
        pieces, width = _measure(div, rules, size)
        placed.append((_joined(pieces), left, left + width * sx, bottom, height))
    page_height = _length(_style(page, rules).get("height")) or max((b + h for *_, b, h in placed), default=0.0)
    runs = [_Run(t, x0, x1, page_height - b - h, page_height - b) for t, x0, x1, b, h in placed]
    return runs, page_height


def _page_size(layer: Any, rules: dict[str, dict[str, str]]) -> tuple[float, float]:
    """The width and height of the page under a pdf.js text layer (its own size, else its page's); 100 each when
    neither says, so percentages place runs in a page of 100 units."""
    for element in (layer, layer.getparent()):
        if element is None:
            continue
        style = _style(element, rules)
        width, height = _length(style.get("width")), _length(style.get("height"))
        if width and height:
            return width, height
    return 100.0, 100.0


def _position(value: str | None, extent: float) -> float | None:
    """A left or top offset in page units: px as they are, a percentage of the page's extent."""
    number = _length(value)
    if number is None:
        return None
    return number * extent / 100 if (value or "").strip().endswith("%") else number


def _pdfjs_runs(layer: Any, rules: dict[str, dict[str, str]]) -> tuple[list[_Run], float]:
    """The positioned spans of a pdf.js text layer from the top of the page, and the page's height."""
    width, height = _page_size(layer, rules)
    runs = []
    for span in layer.iter("span", "div"):
        if span is layer:
            continue
        style = _style(span, rules)
        left, top = _position(style.get("left"), width), _position(style.get("top"), height)
        text = span.text_content()
        if left is None or top is None or not text:
            continue
        size = _length(style.get("font-size")) or 1.0
        m = _SCALE_X.search(style.get("transform", ""))
        scale = float(m.group(1)) if m else 1.0
        runs.append(_Run(text, left, left + sum(_em(c) for c in text) * size * scale, top, top + size))
    return runs, height


def _row_text(row: list[_Run]) -> str:
    """The text of one printed line's runs, left to right: a space between runs only where a gap parts two Latin
    characters (a word space); Chinese runs follow each other without one."""
    text = row[0].text
    for before, run in pairwise(row):
        gap = run.x0 - before.x1 > _WORD_GAP * (run.bottom - run.top)
        latin = text[-1:].isascii() and text[-1:].strip() and run.text[:1].isascii()
        text += (" " if gap and latin else "") + run.text
    return text


def _lines(runs: list[_Run]) -> list[PageLine]:
    """Runs grouped into printed lines (their middles at one height), top to bottom, each read left to right."""
    rows: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (r.top + r.bottom) / 2):
        middle, height = (run.top + run.bottom) / 2, max(run.bottom - run.top, 1e-6)
        last = rows[-1] if rows else None
        if last and abs(middle - (last[0].top + last[0].bottom) / 2) < _SAME_LINE * height:
            last.append(run)
        else:
            rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda r: r.x0)
        text = _row_text(row)
        if text.strip():
            x0, x1 = row[0].x0, max(r.x1 for r in row)
            lines.append(PageLine(text, x0, x1, min(r.top for r in row), max(r.bottom for r in row)))
    return lines


def _pages(document: Any, rules: dict[str, dict[str, str]]) -> list[tuple[Any, list[_Run], float]]:
    """The preview's pages in document order: (element, runs, height) for pdf2htmlEX page divs and pdf.js text
    layers that place text."""
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        classes = _classes(element)
        if classes & _PAGE_CLASSES:
            runs, height = _pdf2htmlex_runs(element, rules)
        elif classes & _LAYER_CLASSES:
            runs, height = _pdfjs_runs(element, rules)
        else:
            continue
        if runs:
            found.append((element, runs, height))
    return found


def unfold_pdf_preview(document: Any) -> None:
    """Replace the pages of an inline PDF preview by the paragraphs they print, one <p> each, where the first page
    stood (a page without such a preview stays as it is)."""
    import lxml.html

    found = _pages(document, class_styles(document))
    if not found:
        return
    pages = [_lines(runs) for _, runs, _ in found]
    lines = paragraphs(drop_running_lines(pages, [height for *_, height in found]))
    first = found[0][0]
    text = lxml.html.Element("div")
    for line in lines:
        paragraph = lxml.html.Element("p")
        paragraph.text = line
        text.append(paragraph)
    first.addprevious(text)
    for element, _, _ in found:
        element.drop_tree()

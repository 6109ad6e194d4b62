"""OCR of page images with rapidocr-onnxruntime (PP-OCRv4 Chinese models shipped inside its wheel)."""

from __future__ import annotations

import itertools
import threading
from dataclasses import replace
from typing import Any

from index.errors import MissingExtraError
from index.loaders.layout import PageLine
from index.loaders.ocr_orientation import turned, upright_turn
from index.loaders.ocr_table import split_tables

_ENGINE: Any = None
_LOCK = threading.Lock()


def engine() -> Any:
    """The OCR engine, created once; its models load from the rapidocr_onnxruntime package folder."""
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:  # pragma: no cover - a base dependency
                raise MissingExtraError(
                    "rapidocr-onnxruntime is not installed", "pip install rapidocr-onnxruntime"
                ) from exc
            _ENGINE = RapidOCR()
    return _ENGINE


def read_boxes(image: Any) -> list[PageLine]:
    """The OCR boxes of an image (numpy array, RGB) with their text and characters' positions, as read."""
    result, _elapsed = engine()(image, return_word_box=True)
    boxes = []
    for points, text, _score, word_boxes, words, *_confidences in result or []:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        if text.strip():
            box = PageLine(text.strip(), min(xs), max(xs), min(ys), max(ys))
            boxes.append(replace(box, centres=_centres(box, word_boxes, words)))
    return boxes


def _centres(box: PageLine, word_boxes: list, words: list[str]) -> tuple[float, ...]:
    """x centre of each character of a box's text, from the recogniser's character boxes; () when they do not fit.

    A box crossing a table rule is cut between characters (ocr_table._pieces); characters spread evenly over
    the box miss the gap around the rule, and one lands in the wrong cell where a cell's text ends short of it.
    The recogniser gives one box per character left to right, spaces left out; a space goes where the
    character before it is.
    """
    tall = box.bottom - box.top > box.x1 - box.x0  # a vertical line's character boxes run down the page
    if tall or len(word_boxes) != len(words) or "".join(words) != box.text.replace(" ", ""):
        return ()
    found = iter((min(p[0] for p in corners) + max(p[0] for p in corners)) / 2 for corners in word_boxes)
    out: list[float] = []
    for ch in box.text:
        out.append(next(found) if ch != " " else out[-1])
    return tuple(out)


def line_score(crop: Any) -> float:
    """Confidence of reading a cropped image as one horizontal line, without the 180° angle classifier."""
    result, _elapsed = engine()(crop, use_det=False, use_cls=False)
    return float(result[0][1]) if result else 0.0


def ocr_lines(image: Any, tables: bool = True) -> list[PageLine]:
    """Read an image (numpy array, RGB) into lines ordered top to bottom, boxes left to right."""
    return lines_of(image, read_boxes(image), tables)


def ocr_page(image: Any) -> tuple[list[PageLine], float]:
    """A scanned page's lines read the right way up, and the height in px of the page as read.

    A page whose text runs up or down it (a landscape page scanned portrait, see ocr_orientation) is turned
    upright and read again, so its lines and ruled tables come out as on an upright page.
    """
    boxes = read_boxes(image)
    turn = upright_turn(image, boxes, line_score)
    if turn:
        image = turned(image, turn)
        boxes = read_boxes(image)
    return lines_of(image, boxes), float(image.shape[0])


def lines_of(image: Any, boxes: list[PageLine], tables: bool = True) -> list[PageLine]:
    """An image's OCR boxes as lines ordered top to bottom, boxes left to right.

    A ruled table found in the image (see ocr_table) comes out as one tab-joined line per row, its cells read
    from the boxes inside them; text outside tables is grouped into lines as on a page without tables.
    """
    found = split_tables(image, boxes) if tables and boxes else None
    if found is None:
        return group_lines(boxes)
    rows, rest = found
    return sorted(rows + group_lines(rest), key=lambda ln: ln.top)


def group_lines(boxes: list[PageLine]) -> list[PageLine]:
    """Group OCR boxes into lines: boxes overlapping vertically by half their height share a line.

    Within a line, boxes far apart (more than three character heights) are table cells: joined by a tab.
    """
    lines: list[list[PageLine]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        if lines:
            current = lines[-1]
            top = min(b.top for b in current)
            bottom = max(b.bottom for b in current)
            overlap = min(bottom, box.bottom) - max(top, box.top)
            if overlap >= 0.5 * min(bottom - top, box.bottom - box.top):
                current.append(box)
                continue
        lines.append([box])
    out: list[PageLine] = []
    for group in lines:
        group.sort(key=lambda b: b.x0)
        height = max(1.0, sorted(b.bottom - b.top for b in group)[len(group) // 2])
        text = group[0].text
        cells = 1
        for prev, box in itertools.pairwise(group):
            gap = box.x0 - prev.x1
            if gap > 3 * height:
                text += "\t"
                cells += 1
            elif prev.text[-1:].isascii() and prev.text[-1:].isalnum() and box.text[:1].isascii():
                text += " "
            text += box.text
        out.append(
            PageLine(
                text,
                group[0].x0,
                max(b.x1 for b in group),
                min(b.top for b in group),
                max(b.bottom for b in group),
                table=cells > 1,
            )
        )
    return out

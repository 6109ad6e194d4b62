"""Which way up a scanned page reads: a page printed landscape and scanned portrait has its text turned 90°.

The detector finds text lines of any direction, and the recogniser turns a box much taller than wide before
reading it, so a sideways page still yields text, but as tall boxes in a rotated frame: its lines run up the page
and a ruled table's rows are columns. A page whose text sits mostly in tall boxes is turned a quarter; which way
is decided by reading a few of those boxes both ways without the 180° classifier: the right way reads with high
confidence, the wrong way (upside down) reads nothing. Upright pages cost nothing beyond the box shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from index.loaders.layout import PageLine

_TALL = 1.5  # a box this much taller than wide holds a vertical line (the recogniser turns such crops too)
_SIDEWAYS_SHARE = 0.6  # a page is sideways when this share of its multi-character text sits in tall boxes
_PROBES = 5  # tall boxes read both ways to find the turn (the longest ones: most evidence per call)
_MIN_SCORE = 0.5  # below this mean confidence neither turn reads: the page stays as it is (e.g. 竖排 text)
_MARGIN = 4  # px of page kept around a probe box

TURNS = (90, 270)
"""The quarter turns tried, clockwise degrees."""


def turned(image: Any, turn: int) -> Any:
    """The image (numpy) turned clockwise by `turn` degrees, a multiple of 90."""
    import numpy as np

    return np.ascontiguousarray(np.rot90(image, k=-(turn // 90) % 4))


def is_sideways(boxes: list[PageLine]) -> bool:
    """Whether most of the page's text (boxes of two or more characters) stands in tall boxes."""
    lines = [b for b in boxes if len(b.text) >= 2]
    tall = sum(len(b.text) for b in lines if b.bottom - b.top >= _TALL * (b.x1 - b.x0))
    return tall > _SIDEWAYS_SHARE * sum(len(b.text) for b in lines)


def upright_turn(image: Any, boxes: list[PageLine], score: Callable[[Any], float]) -> int:
    """Clockwise turn (0, 90 or 270) that sets the page upright, given its OCR boxes read as it lies.

    `score` reads one cropped line image as a horizontal line, without any angle correction, and returns the
    recogniser's confidence (0 when it reads nothing).
    """
    if not is_sideways(boxes):
        return 0
    height, width = image.shape[:2]
    tall = [b for b in boxes if b.bottom - b.top >= _TALL * (b.x1 - b.x0)]
    probes = sorted(tall, key=lambda b: len(b.text), reverse=True)[:_PROBES]
    crops = [
        image[
            max(0, int(b.top) - _MARGIN) : min(height, int(b.bottom) + _MARGIN),
            max(0, int(b.x0) - _MARGIN) : min(width, int(b.x1) + _MARGIN),
        ]
        for b in probes
    ]
    means = {turn: sum(score(turned(crop, turn)) for crop in crops) / len(crops) for turn in TURNS}
    best = max(means, key=lambda turn: means[turn])
    return best if means[best] >= _MIN_SCORE else 0

"""The held-out layout guides (tests/fixtures/layouts_heldout): what parses as expected, and the known gaps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.load import load_source
from tests.index.test_layouts import _check

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts_heldout"
# Parsed wrongly on 2026-12-01 (open work of the layout issue); strict, so a fix shows up here.
KNOWN_GAPS: dict[str, str] = {}


def _cases():
    for path in sorted(HELDOUT.glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        guide = HELDOUT / expected["file"]
        if guide.suffix == ".pdf":
            continue  # a scanned PDF: OCR is covered by tests/index/test_ingest_formats.py
        marks = [pytest.mark.xfail(reason=KNOWN_GAPS[guide.name], strict=True)] if guide.name in KNOWN_GAPS else []
        yield pytest.param(guide, expected, id=guide.name, marks=marks)


@pytest.mark.parametrize(("path", "expected"), list(_cases()))
def test_heldout_guide_parses_to_its_expected_units(path, expected):
    _check(path, expected, load_source(path).text)

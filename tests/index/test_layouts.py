"""The layout corpus (tests/fixtures/layouts): each guide parses to its expected units, titles, groups and clause kinds."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from index.errors import NoTextLayerError
from index.load import SUPPORTED_SUFFIXES, load_source
from index.parse import build_guide
from tests.index.simulate import html_text, markdown_text, scanned_text, table_pdf_text

LAYOUTS = Path(__file__).resolve().parents[1] / "fixtures" / "layouts"
EXPECTED = sorted(LAYOUTS.glob("*.expected.json"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


SIMULATED = {
    ".md": lambda path: markdown_text(path.read_text(encoding="utf-8")),
    ".html": lambda path: html_text(path.read_text(encoding="utf-8")),
    "scanned_pdf.pdf": lambda path: scanned_text(path.with_name("make_scanned_pdf.py")),
    "table_pdf.pdf": lambda path: table_pdf_text(path.with_name("make_table_pdf.py")),
}


def _simulation(path: Path):
    return SIMULATED.get(path.name) or SIMULATED.get(path.suffix)


def _text(path: Path, simulated: bool) -> str:
    if simulated:
        return _simulation(path)(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        pytest.skip(f"{path.suffix} files need the formats loaders")
    try:
        text = load_source(path).text
    except NoTextLayerError:
        text = ""
    if not text.strip():
        pytest.skip(f"{path.name} has no text layer (needs OCR)")
    return text


def corpus_cases(folder: Path, known_gaps: dict[str, str], skip_suffixes: tuple[str, ...] = ()):
    """One pytest param per guide of a layout corpus folder (its expected.json); a known gap is a strict xfail."""
    for path in sorted(folder.glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        guide = folder / expected["file"]
        if guide.suffix in skip_suffixes:
            continue
        marks = [pytest.mark.xfail(reason=known_gaps[guide.name], strict=True)] if guide.name in known_gaps else []
        yield pytest.param(guide, expected, id=guide.name, marks=marks)


def parsed_guide(folder: Path, name: str):
    """A corpus guide read and parsed as ingest does (no guides.toml)."""
    path = folder / name
    return build_guide(load_source(path).text, guide_id=path.stem, source=path.name)


def _check(path: Path, expected: dict, text: str) -> None:
    guide = build_guide(text, guide_id=path.stem, source=path.name)
    want = expected["units"]
    got = guide.projects
    assert [_norm(p.label) for p in got] == [_norm(u["label"]) for u in want], guide.quality
    for p, u in zip(got, want, strict=True):
        assert _norm(u["title"]) in _norm(p.title), (p.label, p.title)
        assert _norm(p.group) == _norm(u["group"]), (p.label, p.group)
        assert [c.kind for c in p.clauses] == u["kinds"], (p.label, [(c.name, c.kind) for c in p.clauses])
    assert guide.quality.units == len(want)
    assert "no projects recognised: indexed as sections only" not in guide.warnings


def _cases(simulated: bool):
    for path in EXPECTED:
        expected = json.loads(path.read_text(encoding="utf-8"))
        guide = LAYOUTS / expected["file"]
        if simulated and _simulation(guide) is None:
            continue
        yield pytest.param(guide, expected, id=guide.name)


@pytest.mark.parametrize(("path", "expected"), list(_cases(False)))
def test_layout_guide_parses_to_its_expected_units(path, expected):
    text = _text(path, simulated=False)
    if expected["family"].startswith("provincial tables (one table per") and "\t" not in text:
        pytest.skip("the PDF table needs the formats helper's table extraction")
    _check(path, expected, text)


@pytest.mark.parametrize(("path", "expected"), list(_cases(True)))
def test_layout_guide_parses_from_loader_text(path, expected):
    """.md, .html, OCR and PDF tables as their loaders will hand them over: markup dropped, table rows as cells."""
    _check(path, expected, _text(path, simulated=True))

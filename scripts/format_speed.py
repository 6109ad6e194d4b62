"""Time reading guide files by format: PDF text layer per page, OCR per page, structure parse per page.

Usage: python scripts/format_speed.py [--repeat 3] [--scales 2.0 2.5 3.0]
Uses the layout fixtures in tests/fixtures/layouts (text-layer PDFs, a 3-page scan, html, md, docx).
Prints one line per measurement; the OCR lines also say how many of the scan's unit titles and
figures the text holds at each render scale.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import unicodedata
from pathlib import Path

import index.loaders.pdf as pdf_loader
from index.load import load_source
from index.loaders.ocr import engine
from index.parse import build_guide

LAYOUTS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "layouts"
SCAN = "scanned_pdf.pdf"
SCAN_FACTS = ("市财政资助不超过60万元", "0878-6612209", "2025年6月13日17:00", "2025年5月12日")


def flat(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def timed(fn, repeat: int) -> tuple[float, object]:
    """Median seconds of `repeat` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scales", type=float, nargs="*", default=[pdf_loader.OCR_SCALE])
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")

    for name in ("nkrd_pdf.pdf", "table_pdf.pdf", "items_html.html", "attachment_md.md", "prov_table_docx.docx"):
        path = LAYOUTS / name
        seconds, source = timed(lambda path=path: load_source(path), args.repeat)
        pages = source.pages or 1
        parse, _ = timed(
            lambda source=source, name=name: build_guide(source.text, guide_id="g", source=name), args.repeat
        )
        unit = "page" if source.pages else "file"
        print(
            f"{name:22} read {seconds * 1000 / pages:7.1f} ms/{unit}  parse {parse * 1000 / pages:6.1f} ms/{unit}"
            f"  ({source.pages or '-'} pages, {len(source.text):,} chars)"
        )

    started = time.perf_counter()
    engine()
    print(f"OCR engine load (PP-OCRv4 from the rapidocr_onnxruntime package): {time.perf_counter() - started:.2f} s")
    expected = json.loads((LAYOUTS / "scanned_pdf.expected.json").read_text(encoding="utf-8"))
    wanted = [u["title"] for u in expected["units"]] + list(SCAN_FACTS)
    for scale in args.scales:
        pdf_loader.OCR_SCALE = scale
        started = time.perf_counter()
        source = load_source(LAYOUTS / SCAN)
        seconds = time.perf_counter() - started
        text = flat(source.text)
        found = sum(1 for w in wanted if flat(w) in text)
        parse, _ = timed(lambda source=source: build_guide(source.text, guide_id="g", source=SCAN), args.repeat)
        print(
            f"{SCAN:22} OCR at scale {scale} ({scale * 72:.0f} dpi): {seconds / source.ocr_pages:5.2f} s/page"
            f"  parse {parse * 1000 / source.pages:5.1f} ms/page  titles and figures found {found}/{len(wanted)}"
        )


if __name__ == "__main__":
    main()

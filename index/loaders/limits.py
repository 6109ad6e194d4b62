"""Limits on what a guide file may cost to read: one place, constants (a maintainer rarely needs to change them).

A real guide is 2–80 pages; these leave a wide margin while refusing files that would tie up
an ingest for minutes or exhaust memory (a zip bomb posing as .docx, a 5,000-page PDF).
"""

from __future__ import annotations

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Any guide file above 64 MB is refused before it is read."""

MAX_DOCX_XML_BYTES = 64 * 1024 * 1024
"""A .docx whose zip members would expand beyond 64 MB in all is refused (checked from the zip directory)."""

MAX_DOCX_RATIO = 200
"""A .docx member compressed more than 200:1 is refused (Word's XML compresses about 5–20:1)."""

MAX_PDF_PAGES = 300
"""PDFs above 300 pages are refused."""

MAX_OCR_PAGES = 60
"""At most 60 pages without a text layer are read by OCR (about 2 minutes on two cores)."""

MAX_TEXT_CHARS = 5_000_000
"""Text read from any format above 5 million characters is refused."""

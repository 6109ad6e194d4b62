"""Helpers for the index tests: the seed guides parsed with their guides.toml metadata, broken files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from index.load import load_source
from index.metadata import load_metadata
from index.models import Guide
from index.parse import build_guide
from tests.conftest import GUIDES, seed


def meta_of(path: Path) -> tuple[str, dict]:
    """(guide id, metadata fields) of a seed guide, as ingest passes them to build_guide."""
    entry = load_metadata(GUIDES)[path.name]
    return entry["id"], {k: v for k, v in entry.items() if k not in ("file", "id")}


@pytest.fixture(scope="session")
def parsed() -> Callable[[str], Guide]:
    """parsed("001") → the seed guide 001 parsed from its file with its guides.toml entry (cached)."""
    cache: dict[str, Guide] = {}

    def get(number: str) -> Guide:
        if number not in cache:
            path = seed(number)
            guide_id, meta = meta_of(path)
            cache[number] = build_guide(
                load_source(path).text, guide_id=guide_id, source=path.name, content_hash="", meta=meta
            )
        return cache[number]

    return get


def source_lines(number: str) -> list[str]:
    """The raw lines of a seed guide, numbered as the parser numbers them (index 0 = line 1)."""
    return seed(number).read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")


def write_binary(folder: Path, name: str = "x.txt") -> Path:
    """A file of random bytes with NULs in it, as a stray binary dropped into the guides folder."""
    path = folder / name
    path.write_bytes(os.urandom(2048) + b"\x00\x00" + os.urandom(512))
    return path

"""Shared fixtures: the real seed guides, a real index built once per session, temp data dirs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDES = ROOT / "guides"
SEEDS = sorted(GUIDES.glob("*.txt"))

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def seed(number: str) -> Path:
    """Path of the seed guide whose file name starts with number (000…004)."""
    return next(p for p in SEEDS if p.name.startswith(number))


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """Point every test's data dir at a temp folder; no test touches ./data."""
    monkeypatch.setenv("GUIDE_ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GUIDE_ASSISTANT_GUIDES_DIR", str(GUIDES))
    for name in ("GUIDE_ASSISTANT_CHROMA_URL", "GUIDE_ASSISTANT_LLM_BASE_URL", "GUIDE_ASSISTANT_EMBEDDING"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Path:
    """A data dir holding a real index of the five guides (built once, treat as read-only)."""
    from index.ingest import ingest

    data_dir = tmp_path_factory.mktemp("index") / "data"
    report = ingest(data_dir, GUIDES, "e5-small")
    assert not report.failed
    return data_dir


@pytest.fixture
def fresh_data_dir(built_index, tmp_path) -> Path:
    """An empty data dir that shares the session's embedding cache, so ingest is quick."""
    data_dir = tmp_path / "fresh"
    shutil.copytree(built_index / "embcache", data_dir / "embcache")
    return data_dir


def index_beside_seeds(root: Path, built_index: Path, files: list[Path]) -> Path:
    """A data dir indexing the five seeds and these guide files together (embeddings from the session's cache)."""
    from index.ingest import ingest

    guides = root / "guides"
    shutil.copytree(GUIDES, guides)
    for path in files:
        shutil.copy(path, guides / path.name)
    data_dir = root / "data"
    shutil.copytree(built_index / "embcache", data_dir / "embcache")
    assert not ingest(data_dir, guides, "e5-small").failed
    return data_dir


@pytest.fixture
def guides_copy(tmp_path) -> Path:
    """A writable copy of the guides folder."""
    target = tmp_path / "guides"
    shutil.copytree(GUIDES, target)
    return target

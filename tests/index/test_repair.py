"""A damaged index: `ask`/`serve` say what to run; `ingest` finds the damage and rebuilds the index whole."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.assistant import Assistant
from assistant.cli import app
from assistant.settings import Settings
from index.errors import IndexDamagedError
from index.ingest import ingest, read_snapshot
from index.store import Generations, VectorStore, make_client
from tests.conftest import GUIDES, ROOT, seed

EMBEDDING = "e5-small"
FUNDING_Q = "重庆人口健康专项项目十八给多少钱？"
ADVICE = "索引已损坏，请运行 `guide-assistant ingest` 修复 / run `guide-assistant ingest` to repair it"


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI in its own process, as an operator runs it after the damage."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GUIDE_ASSISTANT_DATA_DIR": str(data_dir),
        "GUIDE_ASSISTANT_GUIDES_DIR": str(GUIDES),
        "COLUMNS": "300",
    }
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], env=env, capture_output=True, text=True, cwd=ROOT, timeout=600
    )


def active(data_dir: Path) -> Path:
    gens = Generations(data_dir / "index")
    return gens.path(gens.current())


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "chroma-deleted": (lambda d: shutil.rmtree(d / "chroma"), "not found in Chroma"),
    "bm25-truncated": (
        lambda d: [truncate(f) for f in (active(d) / "bm25").glob("*.npy")],
        "the BM25 index (bm25/) cannot be read",
    ),
    "sqlite-truncated": (lambda d: truncate(d / "chroma" / "chroma.sqlite3"), "cannot be opened"),
    "catalog-truncated": (lambda d: truncate(active(d) / "catalog.json"), "catalog.json cannot be read"),
    "chunks-truncated": (lambda d: truncate(active(d) / "chunks.jsonl"), "chunks.jsonl cannot be read"),
    "manifest-truncated": (lambda d: truncate(active(d) / "manifest.json"), "manifest.json cannot be read"),
    "current-not-utf8": (
        lambda d: (d / "index" / "CURRENT").write_bytes(b"\xff\xfe" + active(d).name.encode()),
        "CURRENT is not valid UTF-8",
    ),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_index_is_reported_by_ask_and_rebuilt_by_ingest(fresh_data_dir, case):
    damage, found = DAMAGE[case]
    before = ingest(fresh_data_dir, GUIDES, EMBEDDING)
    damage(fresh_data_dir)

    asked = cli(fresh_data_dir, "ask", FUNDING_Q)
    assert asked.returncode == 1, asked.stdout + asked.stderr
    assert "Traceback" not in asked.stderr
    assert ADVICE in " ".join(asked.stderr.split())

    repaired = cli(fresh_data_dir, "ingest")
    output = repaired.stdout + repaired.stderr
    assert repaired.returncode == 0, output
    assert "Traceback" not in output and "nothing changed" not in output
    assert "index damaged: " in repaired.stderr
    assert found in " ".join(repaired.stderr.split())
    assert "repaired: index " in repaired.stdout and "403 from cache" in repaired.stdout  # no re-embedding

    snap = read_snapshot(fresh_data_dir / "index")
    assert snap.generation != before.generation
    assert len(snap.guides) == 5 and len(snap.chunks) == before.chunks
    store = VectorStore.open(make_client(fresh_data_dir), EMBEDDING, 384, snap.generation)
    assert store.count() == len(snap.chunks)
    answer = Assistant.from_settings(Settings(data_dir=fresh_data_dir)).ask(FUNDING_Q)
    assert "200万元" in answer.answer and answer.citations[0].project == "项目十八"

    again = cli(fresh_data_dir, "ingest")  # and now it is whole: nothing to do
    assert again.returncode == 0 and "nothing changed" in again.stdout and "damaged" not in again.stderr


def test_sqlite_damage_moves_the_store_aside(fresh_data_dir):
    ingest(fresh_data_dir, GUIDES, EMBEDDING)
    (fresh_data_dir / "chroma" / "chroma.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    repaired = cli(fresh_data_dir, "ingest")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    message = " ".join(repaired.stderr.split())
    assert "cannot be opened" in message and "moved aside to chroma.damaged-" in message
    assert [p.name[:15] for p in fresh_data_dir.iterdir() if p.name.startswith("chroma.")] == ["chroma.damaged-"]


def test_serve_on_a_damaged_index_says_what_to_run(fresh_data_dir, monkeypatch):
    ingest(fresh_data_dir, GUIDES, EMBEDDING)
    for f in (active(fresh_data_dir) / "bm25").glob("*.npy"):
        truncate(f)
    monkeypatch.setenv("GUIDE_ASSISTANT_DATA_DIR", str(fresh_data_dir))
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    message = " ".join(result.stderr.split())
    assert "the BM25 index (bm25/) cannot be read" in message and ADVICE in message


def test_adding_files_to_an_index_whose_catalog_is_lost_is_refused_with_the_fix(fresh_data_dir, tmp_path):
    ingest(fresh_data_dir, GUIDES, EMBEDDING)
    truncate(active(fresh_data_dir) / "catalog.json")
    extra = tmp_path / "extra.txt"
    shutil.copy(seed("000"), extra)
    with pytest.raises(IndexDamagedError, match="no catalog of it can be read") as info:
        ingest(fresh_data_dir, GUIDES, EMBEDDING, paths=[extra])
    assert "run `guide-assistant ingest` without paths" in str(info.value)


def test_adding_files_after_current_was_damaged_keeps_every_guide(fresh_data_dir, tmp_path):
    ingest(fresh_data_dir, GUIDES, EMBEDDING)
    (fresh_data_dir / "index" / "CURRENT").write_bytes(b"\xff")
    extra = tmp_path / "extra.txt"
    shutil.copy(seed("000"), extra)
    report = ingest(fresh_data_dir, GUIDES, EMBEDDING, paths=[extra])
    assert report.changed and any("CURRENT is not valid UTF-8" in p for p in report.damage)
    assert len(read_snapshot(fresh_data_dir / "index").guides) == 6  # the five, recovered, and the new one


def test_a_damaged_embedding_cache_is_moved_aside_and_the_texts_embedded_again(tmp_path):
    data_dir = tmp_path / "data"
    cache = data_dir / "embcache" / "e5-small.sqlite"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"SQLite format 3\x00" + b"\xff" * 300)
    report = ingest(data_dir, GUIDES, EMBEDDING, paths=[seed("000")])
    assert report.changed and report.embedded == report.chunks > 0
    assert any("embedding cache" in p and "moved aside" in p for p in report.damage)
    assert [p.name.split(".damaged-")[0] for p in cache.parent.iterdir() if ".damaged-" in p.name] == [cache.name]
    again = ingest(data_dir, GUIDES, EMBEDDING, paths=[seed("000")])
    assert not again.changed and not again.damage

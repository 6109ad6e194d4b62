"""One writer per data dir: two `ingest` processes at once never both write; the index stays whole."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from filelock import FileLock, Timeout

from index.ingest import LOCK_NAME, read_snapshot
from index.store import VectorStore, make_client
from tests.conftest import GUIDES, ROOT


def start_ingest(data_dir: Path, wait: float) -> subprocess.Popen:
    """`guide-assistant ingest --wait N` as an operator runs it, in its own process."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GUIDE_ASSISTANT_DATA_DIR": str(data_dir),
        "GUIDE_ASSISTANT_GUIDES_DIR": str(GUIDES),
        "COLUMNS": "200",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "ingest", "--wait", str(wait)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def wait_until_locked(data_dir: Path, process: subprocess.Popen, timeout: float = 180) -> None:
    """Return once `process` holds the data dir's lock (probing briefly; it waits out a probe)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the first ingest ended before it was seen holding the lock"
        if (data_dir / LOCK_NAME).exists():
            probe = FileLock(data_dir / LOCK_NAME)
            try:
                probe.acquire(timeout=0)
            except Timeout:
                return
            probe.release()
        time.sleep(0.02)
    raise AssertionError("the first ingest never took the lock")


def assert_whole(data_dir: Path) -> None:
    snap = read_snapshot(data_dir / "index")
    assert len(snap.guides) == 5
    store = VectorStore.open(make_client(data_dir), snap.manifest["model"], snap.manifest["dim"], snap.generation)
    assert store.count() == len(snap.chunks) > 0


def test_second_ingest_refuses_while_the_first_writes_and_the_index_stays_whole(fresh_data_dir):
    first = start_ingest(fresh_data_dir, wait=60)
    wait_until_locked(fresh_data_dir, first)
    second = start_ingest(fresh_data_dir, wait=0)
    out, err = second.communicate(timeout=180)
    assert second.returncode == 1, out + err
    assert "Traceback" not in out + err
    message = " ".join(err.split())
    assert f"ingest failed: another ingest is writing {fresh_data_dir}" in message
    assert "wait for the other `guide-assistant ingest`" in message
    first_out, first_err = first.communicate(timeout=300)
    assert first.returncode == 0, first_out + first_err
    assert "chunks" in first_out
    assert_whole(fresh_data_dir)


def test_second_ingest_waits_for_the_first_then_finds_nothing_to_do(fresh_data_dir):
    first = start_ingest(fresh_data_dir, wait=60)
    wait_until_locked(fresh_data_dir, first)
    second = start_ingest(fresh_data_dir, wait=300)
    first_out, first_err = first.communicate(timeout=300)
    out, err = second.communicate(timeout=300)
    assert first.returncode == 0, first_out + first_err
    assert second.returncode == 0, out + err
    assert "waiting up to 300 s" in " ".join(err.split())
    assert "nothing changed" in out  # it read the index the first one wrote, after it was written
    assert_whole(fresh_data_dir)
    assert [p.name for p in (fresh_data_dir / "index").iterdir() if p.is_dir()] == [
        read_snapshot(fresh_data_dir / "index").generation
    ]

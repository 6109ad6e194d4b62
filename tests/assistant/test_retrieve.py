"""Hybrid retrieval on the real index: filters, the exact dense ranking of filtered queries, title matching."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.assistant import Assistant
from assistant.settings import Settings
from assistant.understand import Understanding
from index.ingest import read_snapshot


@pytest.fixture(scope="module")
def assistant(built_index) -> Assistant:
    return Assistant.from_settings(Settings(data_dir=built_index))


def test_store_gives_back_every_chunk_vector_in_id_order(assistant):
    search = assistant.search
    ids, vectors = search.store.vectors(batch=100)  # several batches
    assert sorted(ids) == sorted(search.chunks)
    assert vectors.shape == (len(ids), search.embedder.dim)
    probe = ids[137]
    stored = search.store._collection.get(ids=[probe], include=["embeddings"])["embeddings"][0]
    assert np.allclose(vectors[137], stored)


def test_filtered_dense_ranking_is_exact_cosine_over_the_allowed_chunks(assistant):
    search = assistant.search
    allowed = search.allowed(guide_ids=["cq-2024-population-health"], clauses=["资助强度及方式"])
    assert len(allowed) == 24
    query = search.embedder.embed_query("三峡库区药材种植项目给多少钱")
    ranked = search.dense(query, 5, allowed)
    assert len(ranked) == 5 and {cid for cid, _ in ranked} <= allowed
    ids, vectors = search.store.vectors()
    expected = sorted(((float(vectors[ids.index(c)] @ query), c) for c in allowed), reverse=True)[:5]
    assert [cid for cid, _ in ranked] == [cid for _, cid in expected]
    assert [s for _, s in ranked] == pytest.approx([s for s, _ in expected], abs=1e-5)
    assert search.chunks[ranked[0][0]].project == "项目十八"


def test_unfiltered_dense_query_goes_to_chroma_and_agrees_with_exact_search(assistant):
    search = assistant.search
    query = search.embedder.embed_query("网上填报截止时间")
    hnsw = search.dense(query, 3)
    exact = search.dense(query, 3, set(search.chunks))
    assert [cid for cid, _ in hnsw] == [cid for cid, _ in exact]


def test_a_filter_that_allows_nothing_finds_nothing(assistant):
    search = assistant.search
    assert search.allowed(guide_ids=["no-such-guide"]) == set()
    assert search.search("资助强度", 5, set()) == []


def test_project_is_found_by_a_nickname_or_an_abbreviation_of_its_title(built_index):
    understanding = Understanding(read_snapshot(built_index / "index").guides)
    assert understanding.find_projects("三峡库区药材那个给多少钱", [])[0] == [("cq-2024-population-health", "项目十八")]
    # 双抗: two characters of 双特异性抗体, in order and close together, in one title only.
    projects, _, by_label = understanding.find_projects("双抗那个项目周期多久", [])
    assert len(projects) == 1 and not by_label
    title = next(p.title for g in understanding.guides for p in g.projects if (g.id, p.label) == projects[0])
    assert "双特异性抗体" in title
    # Words every title shares decide nothing.
    assert understanding.find_projects("技术研究与应用", [])[0] == []

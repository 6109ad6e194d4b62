"""Ingest: incremental re-indexing, removed and broken files, crash safety, the vector collection."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import index.ingest
from index.errors import EmbeddingMismatchError, GuideAssistantError, GuidesFolderError, IndexMissingError
from index.ingest import ingest, read_snapshot
from index.store import Generations, VectorStore, collection_name, make_client
from tests.conftest import GUIDES, SEEDS, seed
from tests.index.conftest import write_binary

EMBEDDING = "e5-small"
GUIDE_IDS = {
    "cq-shapingba-2024-health",
    "cq-2024-population-health",
    "liuzhou-2022-medical",
    "cq-2023-biomedicine",
    "js-2025-frontier-health",
}
ADDED_SENTENCE = "本指南由沙坪坝区科学技术局负责解释。"


def statuses(report) -> dict[str, str]:
    return {f.source: f.status for f in report.files}


def snapshot(data_dir: Path):
    return read_snapshot(data_dir / "index")


def collections(data_dir: Path) -> set[str]:
    return {c if isinstance(c, str) else c.name for c in make_client(data_dir).list_collections()}


def open_store(data_dir: Path) -> VectorStore:
    snap = snapshot(data_dir)
    return VectorStore.open(make_client(data_dir), snap.manifest["model"], snap.manifest["dim"], snap.generation)


def test_no_index_before_the_first_ingest(tmp_path):
    with pytest.raises(IndexMissingError, match="run `guide-assistant ingest` first"):
        read_snapshot(tmp_path / "data" / "index")


def test_first_ingest_reuses_the_cache_and_an_unchanged_reingest_does_nothing(fresh_data_dir):
    first = ingest(fresh_data_dir, GUIDES, EMBEDDING)
    assert first.changed
    assert first.embedded == 0  # every chunk text was embedded by the session ingest already
    assert first.reused == first.chunks == len(snapshot(fresh_data_dir).chunks)
    assert set(statuses(first).values()) == {"added"}

    again = ingest(fresh_data_dir, GUIDES, EMBEDDING)
    assert not again.changed
    assert again.embedded == 0
    assert again.generation == first.generation
    assert statuses(again) == {p.name: "unchanged" for p in SEEDS}
    by_id = {f.guide_id: f for f in again.files}
    assert (by_id["cq-2024-population-health"].projects, by_id["cq-2024-population-health"].clauses) == (24, 168)
    assert snapshot(fresh_data_dir).generation == first.generation


def test_changed_guide_is_reindexed_alone(fresh_data_dir, guides_copy):
    before = ingest(fresh_data_dir, guides_copy, EMBEDDING)
    changed = guides_copy / seed("000").name
    changed.write_text(changed.read_text(encoding="utf-8") + ADDED_SENTENCE + "\n", encoding="utf-8")

    report = ingest(fresh_data_dir, guides_copy, EMBEDDING)
    assert report.changed and report.generation != before.generation
    assert statuses(report) == {p.name: ("updated" if p.name == changed.name else "unchanged") for p in SEEDS}
    assert report.embedded == 1  # only the clause the sentence was appended to
    assert report.reused == report.chunks - 1

    snap = snapshot(fresh_data_dir)
    assert {g.id for g in snap.guides} == GUIDE_IDS
    last = next(c for c in snap.chunks if c.project == "项目八" and c.clause == "其他说明" and c.source == changed.name)
    assert last.quote == "联合科技型企业研发的优先支持。\n" + ADDED_SENTENCE
    assert open_store(fresh_data_dir).count() == len(snap.chunks)


def test_deleted_file_removes_its_guide_and_chunks(fresh_data_dir, guides_copy):
    ingest(fresh_data_dir, guides_copy, EMBEDDING)
    gone = seed("002").name
    (guides_copy / gone).unlink()

    report = ingest(fresh_data_dir, guides_copy, EMBEDDING)
    assert report.changed
    assert statuses(report)[gone] == "removed"
    assert [f.guide_id for f in report.files if f.status == "removed"] == ["liuzhou-2022-medical"]
    snap = snapshot(fresh_data_dir)
    assert {g.id for g in snap.guides} == GUIDE_IDS - {"liuzhou-2022-medical"}
    assert not [c for c in snap.chunks if c.guide_id == "liuzhou-2022-medical" or c.source == gone]
    assert open_store(fresh_data_dir).count() == len(snap.chunks)


def test_broken_file_added_later_is_reported_and_the_index_is_unharmed(fresh_data_dir, guides_copy):
    before = ingest(fresh_data_dir, guides_copy, EMBEDDING)
    write_binary(guides_copy, "x.txt")

    report = ingest(fresh_data_dir, guides_copy, EMBEDDING)
    broken = next(f for f in report.files if f.source == "x.txt")
    assert broken.status == "failed"
    assert broken.error.startswith("x.txt: binary file (contains NUL bytes)")
    assert [f.source for f in report.failed] == ["x.txt"]
    assert {f.source: f.status for f in report.files if f.source != "x.txt"} == {p.name: "unchanged" for p in SEEDS}
    snap = snapshot(fresh_data_dir)
    assert snap.generation == before.generation
    assert {g.id for g in snap.guides} == GUIDE_IDS
    assert len(snap.chunks) == before.chunks


def test_broken_file_on_the_first_ingest_does_not_stop_the_others(fresh_data_dir, guides_copy):
    write_binary(guides_copy, "x.txt")
    report = ingest(fresh_data_dir, guides_copy, EMBEDDING)
    assert statuses(report) == {**{p.name: "added" for p in SEEDS}, "x.txt": "failed"}
    assert "binary file" in report.failed[0].error
    assert {g.id for g in snapshot(fresh_data_dir).guides} == GUIDE_IDS


def test_guide_that_becomes_unreadable_keeps_its_previous_version(fresh_data_dir, guides_copy):
    before = ingest(fresh_data_dir, guides_copy, EMBEDDING)
    damaged = seed("002").name
    write_binary(guides_copy, damaged)

    report = ingest(fresh_data_dir, guides_copy, EMBEDDING)
    failed = next(f for f in report.files if f.source == damaged)
    assert failed.status == "failed"
    assert "binary file" in failed.error
    assert failed.warnings == ["previous version kept in the index"]
    snap = snapshot(fresh_data_dir)
    assert snap.generation == before.generation
    liuzhou = next(g for g in snap.guides if g.id == "liuzhou-2022-medical")
    assert len(liuzhou.projects) == 6


def test_ingest_of_given_paths_adds_them_and_keeps_the_rest(fresh_data_dir, tmp_path):
    ingest(fresh_data_dir, GUIDES, EMBEDDING)
    extra = tmp_path / "extra"
    extra.mkdir()
    shutil.copy(seed("000"), extra / "shapingba-copy.txt")

    report = ingest(fresh_data_dir, GUIDES, EMBEDDING, paths=[extra / "shapingba-copy.txt"])
    assert statuses(report) == {"shapingba-copy.txt": "added"}
    snap = snapshot(fresh_data_dir)
    assert {g.id for g in snap.guides} == {*GUIDE_IDS, "shapingba-copy"}
    copy = next(g for g in snap.guides if g.id == "shapingba-copy")
    assert copy.title == "2024年度第一批生命健康领域科技攻关重点项目指南"  # no guides.toml next to it


def test_guides_without_metadata_get_title_year_and_status_from_their_text(fresh_data_dir, tmp_path):
    folder = tmp_path / "plain-guides"
    folder.mkdir()
    for number in ("000", "001"):
        shutil.copy(seed(number), folder / seed(number).name)

    report = ingest(fresh_data_dir, folder, EMBEDDING)
    assert not report.failed
    guides = {g.id: g for g in snapshot(fresh_data_dir).guides}
    assert set(guides) == {seed("000").stem, seed("001").stem}
    shapingba = guides[seed("000").stem]
    assert (shapingba.title, shapingba.year, shapingba.status) == (
        "2024年度第一批生命健康领域科技攻关重点项目指南",
        2024,
        "draft",
    )
    assert shapingba.issuer == "重庆市沙坪坝区科学技术局"
    population = guides[seed("001").stem]
    assert (population.title, population.year, population.status) == (
        "2024年度人口健康专项申报指南（征求意见稿）",  # as printed
        2024,
        "draft",
    )
    assert len(population.projects) == 24


@pytest.mark.parametrize(("owner", "method"), [("LexicalIndex", "build"), ("VectorStore", "add")])
def test_crash_mid_ingest_leaves_the_previous_generation_in_use(
    fresh_data_dir, guides_copy, monkeypatch, owner, method
):
    before = ingest(fresh_data_dir, guides_copy, EMBEDDING)
    changed = guides_copy / seed("000").name
    changed.write_text(changed.read_text(encoding="utf-8") + ADDED_SENTENCE + "\n", encoding="utf-8")

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(getattr(index.ingest, owner), method, crash)
        with pytest.raises(RuntimeError, match="disk full"):
            ingest(fresh_data_dir, guides_copy, EMBEDDING)

    snap = snapshot(fresh_data_dir)
    assert snap.generation == before.generation
    assert {g.id for g in snap.guides} == GUIDE_IDS
    assert not any(ADDED_SENTENCE in c.quote for c in snap.chunks)
    assert open_store(fresh_data_dir).count() == len(snap.chunks) == before.chunks

    # The next ingest finishes the job and clears the half-built generation away.
    after = ingest(fresh_data_dir, guides_copy, EMBEDDING)
    assert statuses(after)[changed.name] == "updated"
    index_dir = fresh_data_dir / "index"
    assert {p.name for p in index_dir.iterdir() if p.is_dir()} == {before.generation, after.generation}
    assert collections(fresh_data_dir) == {
        collection_name(EMBEDDING, before.generation),
        collection_name(EMBEDDING, after.generation),
    }
    assert any(ADDED_SENTENCE in c.quote for c in snapshot(fresh_data_dir).chunks)


def test_opening_a_collection_with_another_dimension_is_an_embedding_mismatch(built_index):
    generation = Generations(built_index / "index").current()
    client = make_client(built_index)
    store = VectorStore.open(client, EMBEDDING, 384, generation)
    assert store.count() == len(read_snapshot(built_index / "index").chunks)
    with pytest.raises(EmbeddingMismatchError, match="holds e5-small vectors of dimension 384") as info:
        VectorStore.open(client, EMBEDDING, 768, generation)
    assert "with dimension 768" in str(info.value)
    assert "re-run `guide-assistant ingest`" in str(info.value)


def test_broken_docx_in_the_guides_folder_is_reported_not_fatal(fresh_data_dir, guides_copy):
    (guides_copy / "~$guide.docx").write_bytes(b"\x05Owner" + b"\x20" * 150)
    report = ingest(fresh_data_dir, guides_copy, EMBEDDING)
    assert statuses(report)["~$guide.docx"] == "failed"
    assert {g.id for g in snapshot(fresh_data_dir).guides} == GUIDE_IDS


def test_missing_guides_folder_is_a_clear_error_and_keeps_the_index(fresh_data_dir, tmp_path):
    before = ingest(fresh_data_dir, GUIDES, EMBEDDING)
    try:
        with pytest.raises(GuideAssistantError, match="no-such-folder"):
            ingest(fresh_data_dir, tmp_path / "no-such-folder", EMBEDDING)
    finally:
        snap = snapshot(fresh_data_dir)
        assert snap.generation == before.generation
        assert {g.id for g in snap.guides} == GUIDE_IDS


@pytest.mark.parametrize("content", [[], ["notes.xls", "guides.toml", ".hidden.txt"]], ids=["empty", "no-guide-files"])
def test_guides_folder_without_guide_files_is_a_clear_error_and_keeps_the_index(fresh_data_dir, tmp_path, content):
    before = ingest(fresh_data_dir, GUIDES, EMBEDDING)
    folder = tmp_path / "empty-guides"
    folder.mkdir()
    for name in content:
        (folder / name).write_text("not a guide", encoding="utf-8")
    with pytest.raises(GuidesFolderError, match=r"empty-guides holds no guide files") as info:
        ingest(fresh_data_dir, folder, EMBEDDING)
    assert "GUIDE_ASSISTANT_GUIDES_DIR" in str(info.value)
    assert "the index was left as it was" in str(info.value)
    snap = snapshot(fresh_data_dir)
    assert snap.generation == before.generation
    assert {g.id for g in snap.guides} == GUIDE_IDS


def test_first_ingest_from_a_missing_guides_folder_writes_nothing(tmp_path):
    data_dir = tmp_path / "data"
    with pytest.raises(GuidesFolderError, match=r"guides folder \S*no-such-folder does not exist"):
        ingest(data_dir, tmp_path / "no-such-folder", EMBEDDING)
    assert not data_dir.exists()


def test_guides_path_that_is_a_file_is_a_clear_error(tmp_path):
    with pytest.raises(GuidesFolderError, match=r"guides folder \S*000_[0-9a-f]+\.txt is not a folder"):
        ingest(tmp_path / "data", seed("000"), EMBEDDING)

"""Ingest guide files into a new index generation: load → parse → chunk → embed → store."""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from index.chunk import chunk_guide
from index.embed import Embedder, make_embedder
from index.errors import (
    GuideAssistantError,
    GuidesFolderError,
    GuideTooLargeError,
    IndexDamagedError,
    IndexMissingError,
    IngestLockedError,
    LoadError,
)
from index.lexical import LexicalIndex
from index.load import SUPPORTED_SUFFIXES, is_candidate, load_source
from index.metadata import guide_id_for, load_metadata
from index.models import Chunk, Guide, Quality
from index.parse import PARSER_VERSION, build_guide
from index.repair import open_vectors, read_active, read_catalog, read_chunks, read_manifest
from index.store import EmbeddingCache, Generations, VectorStore

Progress = Callable[[int, int], None]
EMBED_BATCH = 32
LOCK_NAME = "ingest.lock"  # in DATA_DIR: one writer at a time
DEFAULT_WAIT = 30.0  # seconds an ingest waits for another one to finish before it refuses
# The largest seed has 24 projects and national programmes a few hundred; a parse beyond this is a misread
# layout or not one guide (a 375 KB .docx once gave 1,048,000), and would cost every answer seconds and GBs.
MAX_PROJECTS = 2000


@dataclass
class FileReport:
    """What ingest did with one file."""

    source: str
    guide_id: str = ""
    status: str = "added"  # added | updated | unchanged | removed | failed
    sections: int = 0
    projects: int = 0
    clauses: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    quality: Quality | None = None  # what the parser understood (None for a file not parsed)


@dataclass
class IngestReport:
    """The outcome of one ingest run."""

    files: list[FileReport]
    generation: str | None
    changed: bool
    embedded: int = 0
    reused: int = 0
    chunks: int = 0
    seconds: float = 0.0
    damage: list[str] = field(default_factory=list)  # what was found damaged in the index before (rebuilt)

    @property
    def failed(self) -> list[FileReport]:
        """Files that could not be read."""
        return [f for f in self.files if f.status == "failed"]


@dataclass
class IndexSnapshot:
    """The active generation read back from disk: guides and chunks."""

    generation: str
    manifest: dict
    guides: list[Guide]
    chunks: list[Chunk]


def _describe(report: FileReport, guide: Guide) -> FileReport:
    report.guide_id = guide.id
    report.sections = len(guide.notice_sections()) or len(guide.sections)
    report.projects = len(guide.projects)
    report.clauses = guide.clause_count
    report.warnings = list(guide.warnings)
    report.quality = guide.quality
    return report


def _refuse(
    report: FileReport, exc: Exception, path: Path, old_guides: dict[str, Guide], new_guides: dict[str, Guide]
) -> None:
    """Mark a file failed with the reason; keep its previous version in the index when it had one."""
    report.status, report.error = "failed", str(exc)
    kept = next((g for g in old_guides.values() if g.source == path.name), None)
    if kept is not None:
        new_guides[kept.id] = kept
        report.warnings.append("previous version kept in the index")


def _expand(paths: list[Path]) -> list[Path]:
    """Files to ingest: a folder's files (all but hidden files and guides.toml: an unreadable one is reported)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and is_candidate(p)))
        else:
            files.append(path)
    return files


def _check_guides_dir(guides_dir: Path) -> None:
    """Raise GuidesFolderError unless guides_dir is a folder holding at least one guide file."""
    if not guides_dir.is_dir():
        reason = "is not a folder" if guides_dir.exists() else "does not exist"
        raise GuidesFolderError(f"guides folder {guides_dir} {reason}")
    if not any(p.suffix.lower() in SUPPORTED_SUFFIXES for p in _expand([guides_dir])):
        raise GuidesFolderError(f"guides folder {guides_dir} holds no guide files")


def read_snapshot(index_dir: Path) -> IndexSnapshot:
    """Load the active generation's catalog and chunks; IndexMissingError before any ingest, IndexDamagedError
    when a part cannot be read back."""
    gens = Generations(index_dir)
    generation = gens.current()
    if problem := gens.pointer_problem():
        raise IndexDamagedError(f"the index in {index_dir} is damaged: {problem}")
    if generation is None:
        raise IndexMissingError(f"no index in {index_dir}")
    folder = gens.path(generation)
    manifest = read_manifest(folder)
    return IndexSnapshot(generation, manifest, read_catalog(folder), read_chunks(folder))


def embed_texts(
    texts: list[str],
    embedder: Embedder,
    data_dir: Path,
    progress: Progress | None = None,
    damage: list[str] | None = None,
):
    """Passage vectors for texts, from the content-hash cache where possible; return (vectors, embedded).

    A damaged cache file is moved aside (noted in `damage`) and the texts are embedded again.
    """
    import numpy as np

    cache = EmbeddingCache(data_dir, embedder.name)
    try:
        keys = [hashlib.sha1(text.encode("utf-8")).hexdigest() for text in texts]
        try:
            found = cache.get_many(list(set(keys)))
        except sqlite3.DatabaseError:
            cache.reset()
            found = {}
        if cache.moved_to is not None and damage is not None:
            damage.append(f"the embedding cache {cache.path} cannot be read; moved aside to {cache.moved_to.name}")
        missing = sorted({k: text for k, text in zip(keys, texts, strict=True) if k not in found}.items())
        total = len(missing)
        if progress:
            progress(0, total)
        for start in range(0, total, EMBED_BATCH):
            batch = missing[start : start + EMBED_BATCH]
            vectors = embedder.embed_passages([text for _, text in batch])
            new = {key: vec for (key, _), vec in zip(batch, vectors, strict=True)}
            cache.put_many(new)
            found.update(new)
            if progress:
                progress(len(batch), total)
        matrix = np.stack([found[k] for k in keys]) if keys else np.zeros((0, embedder.dim), dtype=np.float32)
        return matrix.astype(np.float32), total
    finally:
        cache.close()


@contextmanager
def data_dir_lock(data_dir: Path, wait: float = DEFAULT_WAIT, on_wait: Callable[[], None] | None = None):
    """Hold DATA_DIR's ingest lock: wait up to `wait` seconds for another holder, then IngestLockedError."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_NAME
    lock = FileLock(path, thread_local=False)  # an OS lock (flock): released when its process dies
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait is not None:
            on_wait()
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise IngestLockedError(
                f"another ingest is writing {data_dir} (it has held {path} for more than {wait:g} s)"
            ) from None
    try:
        yield
    finally:
        lock.release()


def ingest(
    data_dir: Path,
    guides_dir: Path,
    embedding: str,
    chroma_url: str = "",
    paths: list[Path] | None = None,
    progress: Progress | None = None,
    embed_threads: int = 0,
    wait: float = DEFAULT_WAIT,
    on_wait: Callable[[], None] | None = None,
) -> IngestReport:
    """Sync the index with guides_dir (paths=None) or add/update the given files and folders.

    One ingest at a time writes a data dir: a second one waits up to `wait` seconds for the lock
    (calling `on_wait` first), then raises IngestLockedError.
    """
    if paths is None:
        # Checked before anything is read or written: a sync with nothing to sync would drop every guide.
        _check_guides_dir(guides_dir)
    with data_dir_lock(data_dir, wait, on_wait):
        return _ingest(data_dir, guides_dir, embedding, chroma_url, paths, progress, embed_threads)


def _ingest(
    data_dir: Path,
    guides_dir: Path,
    embedding: str,
    chroma_url: str,
    paths: list[Path] | None,
    progress: Progress | None,
    embed_threads: int,
) -> IngestReport:
    started = time.perf_counter()
    gens = Generations(data_dir / "index")
    active = read_active(gens.root)
    current = active.generation
    client = open_vectors(data_dir, chroma_url, active)  # checks the active collection; notes its problems
    if paths is not None and active.damaged and active.guides is None and (current or gens.names()):
        raise IndexDamagedError(
            f"the index in {gens.root} is damaged ({'; '.join(active.problems)}) and no catalog of it can be read",
            "run `guide-assistant ingest` without paths to rebuild it from GUIDES_DIR, then add these files again",
        )
    old_guides = {g.id: g for g in active.guides or []}
    old_model = (active.manifest or {}).get("model")
    embedder = make_embedder(embedding, embed_threads)
    model_changed = old_model is not None and old_model != embedder.name

    sync = paths is None
    files = _expand([guides_dir] if sync else paths)
    reports: list[FileReport] = []
    new_guides: dict[str, Guide] = {} if sync else dict(old_guides)
    metadata_by_dir: dict[Path, dict[str, dict]] = {}
    changed = model_changed or active.damaged  # a damaged index is always written again, whole
    for path in files:
        report = FileReport(source=path.name)
        reports.append(report)
        folder = path.parent.resolve()
        try:
            if folder not in metadata_by_dir:
                metadata_by_dir[folder] = load_metadata(path.parent)
            meta = metadata_by_dir[folder].get(path.name, {})
            guide_id = meta.get("id") or guide_id_for(path.name)
            report.guide_id = guide_id
            source = load_source(path)
            if not source.text.strip():
                raise LoadError(f"{path.name}: empty file (no text)")
        except (LoadError, GuideAssistantError) as exc:
            _refuse(report, exc, path, old_guides, new_guides)
            continue
        meta_fields = {k: v for k, v in meta.items() if k not in ("file", "id")}
        # The hash covers the file, its metadata entry and the parser: editing guides.toml or upgrading the
        # parser re-indexes the guide.
        digest = hashlib.sha256(
            (
                source.content_hash + json.dumps(meta_fields, sort_keys=True, ensure_ascii=False) + PARSER_VERSION
            ).encode()
        ).hexdigest()
        old = old_guides.get(guide_id)
        if old is not None and old.content_hash == digest and not model_changed and old.source == path.name:
            new_guides[guide_id] = old
            report.status = "unchanged"
            _describe(report, old)
            continue
        guide = build_guide(source.text, guide_id=guide_id, source=path.name, content_hash=digest, meta=meta_fields)
        guide.quality.ocr_pages = source.ocr_pages
        if len(guide.projects) > MAX_PROJECTS:
            too_many = GuideTooLargeError(
                f"{path.name}: {len(guide.projects):,} projects found, more than the {MAX_PROJECTS:,} one guide may hold"
            )
            _refuse(report, too_many, path, old_guides, new_guides)
            continue
        if (
            guide_id in new_guides
            and new_guides[guide_id].source != path.name
            and not (old and old.source == new_guides[guide_id].source)
        ):
            report.status, report.error = (
                "failed",
                f"guide id {guide_id!r} is already used by {new_guides[guide_id].source}",
            )
            continue
        new_guides[guide_id] = guide
        report.status = "updated" if old is not None else "added"
        _describe(report, guide)
        changed = True
    if sync:
        for gid, old in old_guides.items():
            if gid not in new_guides:
                reports.append(FileReport(source=old.source, guide_id=gid, status="removed"))
                changed = True

    if not changed and current is not None:
        return IngestReport(reports, current, False, seconds=time.perf_counter() - started)
    if not new_guides:
        # Not one guide could be read: an empty index helps nobody, so whatever index there is stays.
        kept = [r for r in reports if r.status != "removed"]
        return IngestReport(kept, current, False, seconds=time.perf_counter() - started, damage=active.problems)

    guides = list(new_guides.values())
    chunks = [chunk for guide in guides for chunk in chunk_guide(guide)]
    vectors, embedded = embed_texts([c.text for c in chunks], embedder, data_dir, progress, active.problems)
    generation = datetime.now(UTC).strftime("g%Y%m%d%H%M%S") + secrets.token_hex(3)
    folder = gens.path(generation)
    folder.mkdir(parents=True, exist_ok=True)
    store = VectorStore.create(client, embedder.name, embedder.dim, generation)
    store.add([c.id for c in chunks], vectors, [c.text for c in chunks], [c.metadata() for c in chunks])
    LexicalIndex.build([c.id for c in chunks], [c.text for c in chunks]).save(folder / "bm25")
    (folder / "catalog.json").write_text(
        json.dumps({"guides": [g.model_dump(mode="json") for g in guides]}, ensure_ascii=False), encoding="utf-8"
    )
    (folder / "chunks.jsonl").write_text("".join(c.model_dump_json() + "\n" for c in chunks), encoding="utf-8")
    manifest = {
        "generation": generation,
        "model": embedder.name,
        "dim": embedder.dim,
        "chroma_url": chroma_url,
        "created": datetime.now(UTC).isoformat(),
        "guides": {g.id: {"source": g.source, "hash": g.content_hash} for g in guides},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    gens.activate(generation)
    gens.prune(client, keep={generation} | ({current} if current else set()))
    return IngestReport(
        reports,
        generation,
        True,
        embedded=embedded,
        reused=len(chunks) - embedded,
        chunks=len(chunks),
        seconds=time.perf_counter() - started,
        damage=active.problems,
    )

"""Read the active index generation back and say what is damaged, so ingest rebuilds it whole.

Every part of a generation can be rebuilt: the catalog from the guide files (or, for guides not
re-read, from the newest catalog still readable), chunks from the catalog, vectors from the
embedding cache, BM25 and the Chroma collection from the chunks. Ingest writes a complete new
generation whenever anything here reports a problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import GuideAssistantError, IndexDamagedError
from index.lexical import LexicalIndex
from index.models import Chunk, Guide
from index.store import Generations, VectorStore, make_client, move_aside


def _damaged(folder: Path, part: str, exc: BaseException) -> IndexDamagedError:
    reason = str(exc).splitlines()[0][:200] if str(exc) else ""
    return IndexDamagedError(f"index generation {folder.name}: {part} cannot be read ({type(exc).__name__}: {reason})")


def read_manifest(folder: Path) -> dict:
    """A generation's manifest; IndexDamagedError when missing or unreadable."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or not {"model", "dim", "guides"} <= set(manifest):
            raise ValueError("model, dim or guides missing")
        return manifest
    except (OSError, ValueError) as exc:
        raise _damaged(folder, "manifest.json", exc) from None


def read_catalog(folder: Path) -> list[Guide]:
    """A generation's guides; IndexDamagedError when missing or unreadable."""
    try:
        catalog = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
        return [Guide.model_validate(g) for g in catalog["guides"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
        raise _damaged(folder, "catalog.json", exc) from None


def read_chunks(folder: Path) -> list[Chunk]:
    """A generation's chunks; IndexDamagedError when missing or unreadable (a truncated last line too)."""
    try:
        text = (folder / "chunks.jsonl").read_text(encoding="utf-8")
        return [Chunk.model_validate_json(line) for line in text.splitlines() if line]
    except (OSError, ValueError) as exc:
        raise _damaged(folder, "chunks.jsonl", exc) from None


def read_lexical(folder: Path, chunk_ids: list[str] | None = None) -> LexicalIndex:
    """A generation's BM25 index, checked against its chunk ids; IndexDamagedError when it does not load."""
    try:
        lexical = LexicalIndex.load(folder / "bm25")
    except Exception as exc:  # bm25s/numpy raise many kinds on a truncated file
        raise _damaged(folder, "the BM25 index (bm25/)", exc) from None
    if chunk_ids is not None and lexical.ids != chunk_ids:
        raise IndexDamagedError(
            f"index generation {folder.name}: the BM25 index holds {len(lexical.ids)} chunks, chunks.jsonl {len(chunk_ids)}"
        )
    return lexical


@dataclass
class ActiveIndex:
    """What could be read back of the active generation, and what is wrong with it."""

    generation: str | None = None
    manifest: dict | None = None
    guides: list[Guide] | None = None
    chunk_ids: list[str] | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def damaged(self) -> bool:
        """True when a part of the index is missing or unreadable."""
        return bool(self.problems)


def read_active(index_dir: Path) -> ActiveIndex:
    """Read the active generation's files (CURRENT, manifest, catalog, chunks, BM25), noting each problem."""
    gens = Generations(index_dir)
    active = ActiveIndex(generation=gens.current())
    if problem := gens.pointer_problem():
        active.problems.append(problem)
    if active.generation is not None:
        folder = gens.path(active.generation)
        for part in ("manifest", "guides", "chunks"):
            try:
                if part == "manifest":
                    active.manifest = read_manifest(folder)
                elif part == "guides":
                    active.guides = read_catalog(folder)
                else:
                    active.chunk_ids = [c.id for c in read_chunks(folder)]
            except IndexDamagedError as exc:
                active.problems.append(str(exc.args[0]))
        try:
            read_lexical(folder, active.chunk_ids)
        except IndexDamagedError as exc:
            active.problems.append(str(exc.args[0]))
    if active.guides is None and active.problems:
        # The guides of a damaged catalog: the newest catalog still readable (guides not re-read from
        # files keep their last indexed version; every reused guide is still checked by its hash).
        for name in gens.names():
            if name == active.generation:
                continue
            try:
                active.guides = read_catalog(gens.path(name))
            except IndexDamagedError:
                continue
            active.problems.append(f"guides not re-read taken from the catalog of generation {name}")
            break
    return active


def open_vectors(data_dir: Path, chroma_url: str, active: ActiveIndex):
    """A Chroma client, after checking the active collection holds every chunk (noting problems).

    An embedded store that cannot be opened at all (a damaged chroma.sqlite3) is moved aside to
    DATA_DIR/chroma.damaged-<time> and a fresh one is started: ingest then writes every vector again.
    """
    try:
        client = make_client(data_dir, chroma_url)
    except IndexDamagedError as exc:
        if chroma_url:
            raise
        aside = move_aside(data_dir)
        active.problems.append(f"{exc.args[0]}; moved aside to {aside.name}")
        client = make_client(data_dir, chroma_url)
    if active.generation is None or active.manifest is None:
        return client
    try:
        store = VectorStore.open(client, active.manifest["model"], int(active.manifest["dim"]), active.generation)
        count = store.count()
    except GuideAssistantError as exc:
        active.problems.append(str(exc.args[0]))
        return client
    except Exception as exc:  # the store opened but cannot answer (a damaged segment)
        active.problems.append(f"the vector collection cannot be read ({type(exc).__name__}: {exc})")
        return client
    if active.chunk_ids is not None and count != len(active.chunk_ids):
        active.problems.append(
            f"the vector collection holds {count} vectors for {len(active.chunk_ids)} chunks of generation {active.generation}"
        )
    return client

"""Where the index lives: Chroma collections (embedded or server) plus index generations on disk.

An ingest writes a complete new generation aside (a new Chroma collection, catalog, BM25) and
then switches the CURRENT pointer with an atomic rename, so a crash mid-ingest leaves the
previous generation usable.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from index.errors import ConfigError, EmbeddingMismatchError, IndexDamagedError, IndexMissingError

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

COLLECTION_PREFIX = "ga"
_GENERATION = re.compile(r"[A-Za-z0-9_-]{1,80}")  # g20261201023945 + hex, as ingest names them


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "model"


_OPENED: dict[str, tuple[int, int] | None] = {}  # embedded store path → its sqlite file when first opened


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = (path / "chroma.sqlite3").stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _forget(key: str) -> None:
    """Drop chroma's process-wide cached system for an embedded store path (it is not stopped: a client
    still answering from it keeps working until it is replaced)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    with SharedSystemClient._refcount_lock:
        SharedSystemClient._identifier_to_system.pop(key, None)
        SharedSystemClient._identifier_to_refcount.pop(key, None)
    _OPENED.pop(key, None)


def move_aside(data_dir: Path) -> Path:
    """Move a damaged embedded vector store out of the way (kept for inspection); return where it went."""
    path = data_dir / "chroma"
    target = data_dir / f"chroma.damaged-{datetime.now(UTC).strftime('%Y%m%d%H%M%S')}"
    _forget(str(path))
    path.rename(target)
    return target


def make_client(data_dir: Path, chroma_url: str = ""):
    """Return a Chroma client: embedded PersistentClient in data_dir, or HttpClient for a URL."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if not chroma_url:
        path = data_dir / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        key = str(path)
        if key in _OPENED and _OPENED[key] != _identity(path):
            _forget(key)  # the folder was deleted or replaced since: chroma's cached system reads the old files
        try:
            client = chromadb.PersistentClient(path=key, settings=chroma_settings)
        except Exception as exc:  # a damaged chroma.sqlite3 (truncated, malformed)
            _forget(key)  # chroma keeps a system that failed to start; the next attempt must start afresh
            raise IndexDamagedError(f"the vector store {path} cannot be opened ({type(exc).__name__}: {exc})") from None
        _OPENED[key] = _identity(path)
        return client
    url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
    if not url.hostname:
        raise ConfigError(f"bad GUIDE_ASSISTANT_CHROMA_URL {chroma_url!r}", "use http://host:port")
    return chromadb.HttpClient(
        host=url.hostname,
        port=url.port or (443 if url.scheme == "https" else 8000),
        ssl=url.scheme == "https",
        settings=chroma_settings,
    )


def collection_name(model: str, generation: str) -> str:
    """Chroma collection name for an embedding model and index generation."""
    return f"{COLLECTION_PREFIX}-{_slug(model)}-{generation}"[:500]


class VectorStore:
    """One Chroma collection of chunk vectors, recorded with its model and dimension."""

    def __init__(self, collection, model: str, dim: int) -> None:
        self._collection = collection
        self.model = model
        self.dim = dim

    @classmethod
    def create(cls, client, model: str, dim: int, generation: str) -> VectorStore:
        """Create the collection for a new generation (replacing a half-built one)."""
        name = collection_name(model, generation)
        if name in {c if isinstance(c, str) else c.name for c in client.list_collections()}:
            client.delete_collection(name)
        collection = client.create_collection(
            name,
            metadata={"model": model, "dim": dim, "hnsw:space": "cosine"},
            embedding_function=None,
        )
        return cls(collection, model, dim)

    @classmethod
    def open(cls, client, model: str, dim: int, generation: str) -> VectorStore:
        """Open a generation's collection; a model or dimension mismatch is an error."""
        name = collection_name(model, generation)
        try:
            collection = client.get_collection(name, embedding_function=None)
        except Exception as exc:  # chromadb raises NotFoundError / ValueError by version
            raise IndexMissingError(f"vector collection {name} not found in Chroma ({exc})") from None
        meta = collection.metadata or {}
        if meta.get("model") != model or int(meta.get("dim", -1)) != dim:
            raise EmbeddingMismatchError(
                f"collection {name} holds {meta.get('model')} vectors of dimension {meta.get('dim')}, "
                f"but the embedder is {model} with dimension {dim}"
            )
        return cls(collection, model, dim)

    def add(
        self, ids: list[str], vectors: np.ndarray, documents: list[str], metadatas: list[dict], batch: int = 1000
    ) -> None:
        """Add vectors in batches."""
        for start in range(0, len(ids), batch):
            end = start + batch
            self._collection.add(
                ids=ids[start:end],
                embeddings=vectors[start:end].tolist(),
                documents=documents[start:end],
                metadatas=metadatas[start:end],
            )

    def count(self) -> int:
        """Number of vectors stored."""
        return self._collection.count()

    def vectors(self, batch: int = 5000) -> tuple[list[str], np.ndarray]:
        """Every chunk id and its vector (rows in the same order), read in batches into one matrix."""
        count = self.count()
        ids: list[str] = []
        matrix = np.empty((count, self.dim), dtype=np.float32)  # filled in place: no second copy at the peak
        for offset in range(0, count, batch):
            got = self._collection.get(include=["embeddings"], limit=batch, offset=offset)
            rows = np.asarray(got["embeddings"], dtype=np.float32).reshape(-1, self.dim)
            matrix[len(ids) : len(ids) + len(rows)] = rows
            ids.extend(got["ids"])
        return ids, matrix[: len(ids)]

    def query(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Return up to k (chunk id, cosine similarity) pairs, best first."""
        if vector.shape[-1] != self.dim:
            raise EmbeddingMismatchError(f"query vector has dimension {vector.shape[-1]}, index has {self.dim}")
        result = self._collection.query(
            query_embeddings=[vector.tolist()], n_results=k, where=where or None, include=["distances"]
        )
        ids = result["ids"][0]
        distances = result["distances"][0]
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, distances, strict=True)]


class EmbeddingCache:
    """Vectors by content hash, so unchanged text is never embedded twice (one SQLite file per model)."""

    def __init__(self, data_dir: Path, model: str) -> None:
        self.path = data_dir / "embcache" / f"{_slug(model)}.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.moved_to: Path | None = None  # where a damaged cache file went (see reset)
        try:
            self._open()
        except sqlite3.DatabaseError:
            self.reset()

    def _open(self) -> None:
        self._db = sqlite3.connect(str(self.path))
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, dim INTEGER, data BLOB)")

    def reset(self) -> None:
        """Move a damaged cache file aside (…sqlite.damaged-<time>) and start an empty one."""
        with contextlib.suppress(Exception):
            self._db.close()
        self.moved_to = self.path.with_name(f"{self.path.name}.damaged-{datetime.now(UTC).strftime('%Y%m%d%H%M%S')}")
        self.path.rename(self.moved_to)
        self._open()

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        """Return the cached vectors among keys."""
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            for key, _dim, data in self._db.execute(f"SELECT key, dim, data FROM vec WHERE key IN ({marks})", part):
                found[key] = np.frombuffer(data, dtype=np.float32)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        """Store vectors."""
        self._db.executemany(
            "INSERT OR REPLACE INTO vec VALUES (?, ?, ?)",
            [(k, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
        )
        self._db.commit()

    def close(self) -> None:
        """Close the database."""
        self._db.close()


class Generations:
    """Index generations on disk under DATA_DIR/index, with an atomic CURRENT pointer."""

    def __init__(self, index_dir: Path) -> None:
        self.root = index_dir

    def current(self) -> str | None:
        """Name of the active generation; None before the first ingest or when CURRENT is damaged."""
        name, problem = self._pointer()
        return None if problem else name

    def pointer_problem(self) -> str | None:
        """What is wrong with CURRENT (not UTF-8, naming no generation), or None when it is sound or absent."""
        return self._pointer()[1]

    def _pointer(self) -> tuple[str | None, str | None]:
        pointer = self.root / "CURRENT"
        try:
            raw = pointer.read_bytes()
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            return None, f"{pointer} cannot be read ({exc.strerror})"
        try:
            name = raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            return None, f"{pointer} is not valid UTF-8"
        if not _GENERATION.fullmatch(name):
            return None, f"{pointer} does not name a generation ({name[:40]!r})"
        if not (self.root / name).is_dir():
            return None, f"{pointer} names generation {name}, which does not exist"
        return name, None

    def names(self) -> list[str]:
        """Every generation folder, newest first."""
        if not self.root.is_dir():
            return []
        return sorted(
            (c.name for c in self.root.iterdir() if c.is_dir() and _GENERATION.fullmatch(c.name)), reverse=True
        )

    def path(self, generation: str) -> Path:
        """Folder of a generation."""
        return self.root / generation

    def activate(self, generation: str) -> None:
        """Make a fully written generation the active one (atomic rename)."""
        tmp = self.root / "CURRENT.tmp"
        tmp.write_text(generation, encoding="utf-8")
        os.replace(tmp, self.root / "CURRENT")

    def read_manifest(self, generation: str) -> dict:
        """The manifest of a generation: model, dim, guides {id: {hash, source}}."""
        return json.loads((self.path(generation) / "manifest.json").read_text(encoding="utf-8"))

    def prune(self, client, keep: set[str]) -> None:
        """Delete this folder's generations (folders and their collections) not in keep."""
        if not self.root.exists():
            return
        stale = [child.name for child in self.root.iterdir() if child.is_dir() and child.name not in keep]
        if not stale:
            return
        for collection in client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            if any(name.endswith(f"-{g}") for g in stale):
                with contextlib.suppress(Exception):  # already gone (another process pruned it)
                    client.delete_collection(name)
        for g in stale:
            shutil.rmtree(self.root / g, ignore_errors=True)

"""The article library in Chroma: chunk vectors in one collection, article records in another.

Crash safety. An article's chunks and its record are written in separate Chroma calls, so a
crash could strike between them. The record is the commit point:

1. a *pending* marker listing `(article, new version)` for the whole batch is written first;
2. the new version's chunks are added (their ids carry the version, so they never overwrite
   the chunks of the version that is live);
3. the article record is upserted with the new version, in the same call as a new revision
   token: from here on, readers see it, and derived indexes know to refresh;
4. chunks of any other version of the article are deleted, then the marker.

Readers only return chunks whose version equals the committed version in the record, so
half-written chunks are never visible, and searches ask for more results until they have
enough committed ones. `recover()` finishes or rolls back whatever a marker says was in
flight, and bumps the revision. Removal: marker, record deleted (commit), revision bumped,
chunks deleted, marker deleted. The Library decides when a marker is abandoned: see
`index.library` (a writer lock, not the marker's age).
"""

from __future__ import annotations

import errno
import functools
import json
import logging
import os
import re
import shutil
import signal
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import numpy as np

from index.errors import ConfigError, StoreError, StoreUnavailable
from index.models import Article, ArticleRecord, Chunk, Removal, SearchHit, Span
from index.settings import IndexSettings
from index.text import word_count

__all__ = ["ArticleWrite", "ChromaStore", "Store", "disk_full_error", "open_store", "read_only_copy", "store_failure"]

log = logging.getLogger(__name__)
_EMBEDDING_ID = "meta:embedding"
_REVISION_ID = "meta:revision"
_SYNC_ID = "meta:sync"  # never stored: deleting it makes Chroma apply its log (see ChromaStore.sync)
_RECORD_VECTOR = [1.0]  # article records need a vector; they are fetched by id, never by similarity
_DISK_FULL = re.compile(r"disk is full|no space left", re.IGNORECASE)  # SQLite's and the OS's words for it
# Chroma reports a full disk while it persists its log or index only as a failed compaction.
_COMPACTION = re.compile(r"error in compaction|failed to apply logs|backfill request to compactor", re.IGNORECASE)
# A read racing a writer in another process can find an id in one of Chroma's segments that the other lacks ("Error
# finding id"): this process's view has not caught up with the writer's log. Applying the log (see ChromaStore.sync)
# makes the two agree, so the read is tried again after that.
_RACED_READ = re.compile(r"error finding id", re.IGNORECASE)
_READS = frozenset({"get", "query", "count", "peek"})
_READ_RETRIES = (0.0, 0.1, 0.5, 1.5)  # seconds before each new try, after catching up: about 2 s in all, then the error stands
_NEARLY_FULL_BYTES = 64 * 2**20  # a compaction that fails with less free space than this failed for want of space
_FULL_BYTES = 2**20  # with less free space than this, opening the library does not try to write at all
FAILPOINT_VARIABLE = "MANYSIDES_TEST_KILL_AT"  # crash tests name a point here to have the process kill -9 itself there


def _failpoint(name: str) -> None:
    """Die by SIGKILL at this point when a crash test asks for it: a real kill at an exact moment of a write."""
    if os.environ.get(FAILPOINT_VARIABLE) == name:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass(frozen=True)
class ArticleWrite:
    """One article to store: its chunks, their vectors, and what ingest decided about it."""

    article: Article  # the cleaned article
    chunks: list[Chunk]  # its chunks, in order
    vectors: np.ndarray  # one vector per chunk
    duplicate_of: str = ""  # id of the article it copies, if any
    signature: np.ndarray | None = None  # MinHash for later duplicate checks


class Store(Protocol):
    """What the library needs from a vector store; every implementation passes tests/test_store_contract.py."""

    def recover(self, stale_after_s: float = 900.0) -> int: ...
    def pending(self) -> int: ...
    def sync(self) -> None: ...
    def check_embedding(self, identity: str) -> None: ...
    def records(self) -> list[ArticleRecord]: ...
    def record(self, article_id: str) -> ArticleRecord | None: ...
    def article_text(self, article_id: str) -> str | None: ...
    def signatures(self) -> dict[str, np.ndarray]: ...
    def write_articles(self, writes: Sequence[ArticleWrite]) -> list[ArticleRecord]: ...
    def remove_article(self, article_id: str) -> bool: ...
    def update_record(self, article_id: str, fields: dict[str, str]) -> ArticleRecord | None: ...
    def query(self, vector: np.ndarray, k: int, article_ids: Sequence[str] | None = None) -> list[SearchHit]: ...
    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[str, float, np.ndarray]]: ...
    def chunk_count(self) -> int: ...
    def revision(self) -> str: ...
    def committed_chunks(self) -> list[SearchHit]: ...
    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]: ...
    def article_vectors(self, article_ids: Sequence[str]) -> dict[str, np.ndarray]: ...


def _record_metadata(article: Article, chunks: int, duplicate_of: str, signature: np.ndarray | None) -> dict:
    return {
        "kind": "article", "version": article.version, "title": article.title, "source": article.source,
        "outlet": article.outlet, "url": article.url, "published": article.published, "author": article.author,
        "chunks": chunks, "duplicate_of": duplicate_of, "words": word_count(article.text),
        "removed": json.dumps([[r.reason, r.text] for r in article.removed]),
        "signature": "" if signature is None else signature.astype("<u4").tobytes().hex(),
    }


def _record_from(article_id: str, meta: dict) -> ArticleRecord:
    return ArticleRecord(
        id=article_id, version=meta["version"], title=meta.get("title", ""), source=meta.get("source", ""),
        chunks=int(meta.get("chunks", 0)), outlet=meta.get("outlet", ""), url=meta.get("url", ""),
        published=meta.get("published", ""), author=meta.get("author", ""), duplicate_of=meta.get("duplicate_of", ""),
        removed=tuple(Removal(text=text, reason=reason) for reason, text in json.loads(meta.get("removed") or "[]")),
        words=int(meta.get("words", 0)),
    )


def _revision_metadata() -> dict:
    return {"kind": "meta", "token": uuid.uuid4().hex}


def _hit(chunk_id: str, text: str, meta: dict, score: float) -> SearchHit:
    sentences = tuple(Span(s, e) for s, e in json.loads(meta.get("sentences") or "[]"))
    return SearchHit(article_id=meta["article_id"], chunk_id=chunk_id, score=score, text=text,
                     start=int(meta["start"]), end=int(meta["end"]), sentences=sentences)


def _free_bytes(folder: Path) -> int | None:
    """Free space on the disk holding `folder` (or its nearest existing parent); None when it can't be told."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            try:
                return shutil.disk_usage(candidate).free
            except OSError:
                return None
    return None


def _disk_full(home: Path) -> StoreUnavailable:
    return StoreUnavailable(f"the disk holding {home} is full", "free space and run again")


def disk_full_error(home: Path) -> StoreUnavailable | None:
    """The error to show when the disk holding `home` is (nearly) full, or None when it has room."""
    free = _free_bytes(Path(home))
    return _disk_full(Path(home)) if free is not None and free < _NEARLY_FULL_BYTES else None


def store_failure(error: BaseException, *, server: str | None = None, home: Path | None = None) -> StoreUnavailable | None:
    """What a Chroma failure means when no other write can succeed either: a server that stopped answering, or a full
    disk (the OS's ENOSPC, SQLite's "database or disk is full", a compaction that failed on a nearly full disk).
    None for a failure of this one call."""
    if server:
        import httpx

        if isinstance(error, (httpx.TransportError, ConnectionError)):
            return StoreUnavailable(f"the Chroma server at {server} stopped answering", "check that it is running, then run again")
    message = str(error)
    where = f"the Chroma server at {server}" if server else home
    if (isinstance(error, OSError) and error.errno == errno.ENOSPC) or _DISK_FULL.search(message):
        return StoreUnavailable(f"the disk of {where} is full", "free space there and run again") if server else _disk_full(home or Path("."))
    if _COMPACTION.search(message) and home is not None and not server:
        return disk_full_error(home)
    return None


class _Guarded:
    """A Chroma collection whose calls raise StoreUnavailable for a lost server or a full disk, and raise as before otherwise.
    A read that raced a writer in another process is tried again (see _RACED_READ)."""

    def __init__(self, collection, server: str | None, home: Path | None) -> None:
        self._collection = collection
        self._server = server
        self._home = home

    def catch_up(self) -> None:
        """Make this process's view of the collection catch up with other processes' writes (see ChromaStore.sync)."""
        try:
            self._collection.delete(ids=[_SYNC_ID])
        except Exception as error:  # a read-only library has no log of ours to apply
            log.info("the collection's log was not applied (%s)", error)

    def __getattr__(self, name: str):
        method = getattr(self._collection, name)
        if not callable(method):
            return method

        retries = _READ_RETRIES if name in _READS else ()

        @functools.wraps(method)
        def call(*args, **kwargs):
            for pause in (*retries, None):
                try:
                    return method(*args, **kwargs)
                except Exception as error:
                    if pause is not None and _RACED_READ.search(str(error)):
                        log.info("a read raced a writer (%s); reading again in %.2f s", error, pause)
                        time.sleep(pause)
                        self.catch_up()
                        continue
                    failure = store_failure(error, server=self._server, home=self._home)
                    if failure is None:
                        raise
                    raise failure from error
            raise AssertionError("unreachable: the last try returns or raises")
        return call


class ChromaStore:
    """The Store on a Chroma client: embedded (PersistentClient) or a server (HttpClient), same code."""

    read_only = False  # True for a snapshot of a library that can't be written (see open_store)
    read_only_reason = ""  # why, when it is not the folder's permissions: the message a write gets

    def __init__(self, client, prefix: str = "manysides", *, server: str | None = None, home: Path | None = None) -> None:
        self._client = client
        chunks = client.get_or_create_collection(f"{prefix}_chunks", metadata={"hnsw:space": "cosine"}, embedding_function=None)
        articles = client.get_or_create_collection(f"{prefix}_articles", embedding_function=None)
        self._chunks = _Guarded(chunks, server, home)
        self._articles = _Guarded(articles, server, home)
        self._batch = max(1, min(int(client.get_max_batch_size()), 2000))
        self._lock = threading.RLock()

    # --- reading -------------------------------------------------------------------------------

    def _committed(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The committed version of each of these articles (read fresh: another process may have written)."""
        if not article_ids:
            return {}
        got = self._articles.get(ids=list(dict.fromkeys(article_ids)), include=["metadatas"])
        return {i: m["version"] for i, m in zip(got["ids"], got["metadatas"], strict=True) if m.get("kind") == "article"}

    def records(self) -> list[ArticleRecord]:
        got = self._articles.get(where={"kind": "article"}, include=["metadatas"])
        records = [_record_from(i, m) for i, m in zip(got["ids"], got["metadatas"], strict=True)]
        return sorted(records, key=lambda r: (r.outlet.lower(), r.title.lower(), r.id))

    def record(self, article_id: str) -> ArticleRecord | None:
        got = self._articles.get(ids=[article_id], include=["metadatas"])
        return _record_from(article_id, got["metadatas"][0]) if got["ids"] else None

    def article_text(self, article_id: str) -> str | None:
        got = self._articles.get(ids=[article_id], include=["documents"])
        return got["documents"][0] if got["ids"] else None

    def signatures(self) -> dict[str, np.ndarray]:
        got = self._articles.get(where={"kind": "article"}, include=["metadatas"])
        return {i: np.frombuffer(bytes.fromhex(m["signature"]), dtype="<u4") for i, m in zip(got["ids"], got["metadatas"], strict=True)
                if m.get("signature") and not m.get("duplicate_of")}

    def chunk_count(self) -> int:
        return int(self._chunks.count())

    def revision(self) -> str:
        """A token that changes whenever any article is written or removed (cheap to read: one record by id)."""
        got = self._articles.get(ids=[_REVISION_ID], include=["metadatas"])
        return got["metadatas"][0]["token"] if got["ids"] else ""

    def _bump_revision(self) -> None:
        self._articles.upsert(ids=[_REVISION_ID], embeddings=[_RECORD_VECTOR], documents=[""], metadatas=[_revision_metadata()])

    def committed_chunks(self, page: int = 2000) -> list[SearchHit]:
        """Every chunk of every committed article version, in store order (for lexical indexing)."""
        versions = {r.id: r.version for r in self.records()}
        chunks: list[SearchHit] = []
        offset = 0
        while True:
            got = self._chunks.get(include=["documents", "metadatas"], limit=page, offset=offset)
            for chunk_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                if versions.get(meta["article_id"]) == meta["version"]:
                    chunks.append(_hit(chunk_id, text, meta, 0.0))
            if len(got["ids"]) < page:
                return chunks
            offset += page

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these chunks."""
        if not chunk_ids:
            return {}
        got = self._chunks.get(ids=list(chunk_ids), include=["embeddings"])
        return {i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"], strict=True)}

    def article_vectors(self, article_ids: Sequence[str], page: int = 2000) -> dict[str, np.ndarray]:
        """What each committed article is about, from the vectors stored at ingest: the L2-normalised mean of its committed
        version's chunk vectors. Nothing is encoded, so grouping a library of thousands of articles by story is cheap."""
        versions = self._committed(article_ids)
        if not versions:
            return {}
        wanted = list(versions)
        where = {"article_id": wanted[0]} if len(wanted) == 1 else {"article_id": {"$in": wanted}}
        sums: dict[str, np.ndarray] = {}
        offset = 0
        while True:
            got = self._chunks.get(where=where, include=["embeddings", "metadatas"], limit=page, offset=offset)
            for embedding, meta in zip(got["embeddings"], got["metadatas"], strict=True):
                if versions.get(meta["article_id"]) == meta["version"]:
                    vector = np.asarray(embedding, dtype=np.float32)
                    sums[meta["article_id"]] = sums[meta["article_id"]] + vector if meta["article_id"] in sums else vector
            if len(got["ids"]) < page:
                break
            offset += page
        return {i: v / max(float(np.linalg.norm(v)), 1e-9) for i, v in sums.items()}

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[str, float, np.ndarray]]:
        """(chunk id, similarity, vector) of the k nearest chunks of any version: the caller keeps the committed ones.

        No documents or metadata are read, so a caller that holds the chunk texts pays only for the vector search.
        """
        if k <= 0:
            return []
        result = self._chunks.query(query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()], n_results=k,
                                    include=["distances", "embeddings"])
        return [(chunk_id, 1.0 - float(distance), np.asarray(embedding, dtype=np.float32))
                for chunk_id, distance, embedding in zip(result["ids"][0], result["distances"][0], result["embeddings"][0], strict=True)]

    def query(self, vector: np.ndarray, k: int, article_ids: Sequence[str] | None = None) -> list[SearchHit]:
        if k <= 0 or (article_ids is not None and not article_ids):
            return []
        where = None
        if article_ids is not None:
            chosen = list(dict.fromkeys(article_ids))
            where = {"article_id": chosen[0]} if len(chosen) == 1 else {"article_id": {"$in": chosen}}
        # Extra results make up for chunks of versions that a crash left uncommitted: ask for more until k committed ones
        # are found. Chroma returns fewer when it holds fewer, so there is no count first (at 100k chunks, counting costs
        # more than the query).
        wanted = k + 8
        caught_up = False
        while True:
            result = self._chunks.query(query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()], n_results=wanted,
                                        where=where, include=["documents", "metadatas", "distances"])
            found = [(chunk_id, text, meta, distance)
                     for chunk_id, text, meta, distance in zip(result["ids"][0], result["documents"][0], result["metadatas"][0],
                                                               result["distances"][0], strict=True)]
            if not caught_up and any(meta is None for _, _, meta, _ in found):
                # Another process deleted chunks this process's vector index still holds: catch up, then ask again.
                self._chunks.catch_up()
                caught_up = True
                continue
            live = [(chunk_id, text, meta, distance) for chunk_id, text, meta, distance in found if meta is not None]
            committed = self._committed([meta["article_id"] for _, _, meta, _ in live])
            hits = [_hit(chunk_id, text, meta, 1.0 - float(distance)) for chunk_id, text, meta, distance in live
                    if committed.get(meta["article_id"]) == meta["version"]]
            if len(hits) >= k or len(result["ids"][0]) < wanted:
                return hits[:k]
            wanted *= 4

    # --- writing -------------------------------------------------------------------------------

    def _add_chunks(self, chunks: Sequence[tuple[Article, Chunk]], vectors: np.ndarray) -> None:
        for begin in range(0, len(chunks), self._batch):
            part = chunks[begin:begin + self._batch]
            self._chunks.upsert(
                ids=[c.id for _, c in part],
                embeddings=vectors[begin:begin + len(part)],
                documents=[c.text for _, c in part],
                metadatas=[{"article_id": c.article_id, "version": a.version, "index": c.index, "start": c.start,
                            "end": c.end, "sentences": json.dumps([[s.start, s.end] for s in c.sentences])} for a, c in part],
            )

    def _delete_other_versions(self, keep: dict[str, str | None]) -> None:
        """Delete every chunk of these articles except the given version (None: all of the article's chunks)."""
        clauses: list[dict] = [
            {"article_id": article_id} if version is None else {"$and": [{"article_id": article_id}, {"version": {"$ne": version}}]}
            for article_id, version in keep.items()
        ]
        for begin in range(0, len(clauses), 100):
            part = clauses[begin:begin + 100]
            self._chunks.delete(where=part[0] if len(part) == 1 else {"$or": part})

    def _delete_chunks_except(self, article_id: str, keep_version: str | None) -> None:
        self._delete_other_versions({article_id: keep_version})

    def _mark_pending(self, versions: dict[str, str]) -> str:
        """One marker for a whole batch of writes: {article id: new version ("" for a removal)}. Returns its id."""
        marker = f"pending:{uuid.uuid4().hex}"
        self._articles.upsert(ids=[marker], embeddings=[_RECORD_VECTOR], documents=[""],
                              metadatas=[{"kind": "pending", "versions": json.dumps(versions), "at": time.time(), "pid": os.getpid()}])
        return marker

    def write_articles(self, writes: Sequence[ArticleWrite]) -> list[ArticleRecord]:
        """Store several articles with a handful of Chroma calls; each article still commits atomically by its record."""
        for write in writes:
            if len(write.chunks) != len(write.vectors):
                raise StoreError(f"{write.article.id}: {len(write.chunks)} chunks but {len(write.vectors)} vectors; nothing was written")
        if not writes:
            return []
        metadatas = [_record_metadata(w.article, len(w.chunks), w.duplicate_of, w.signature) for w in writes]
        with self._lock:
            marker = self._mark_pending({w.article.id: w.article.version for w in writes})
            before = self._committed([w.article.id for w in writes])
            chunks = [(w.article, c) for w in writes for c in w.chunks]
            if chunks:
                self._add_chunks(chunks, np.concatenate([np.asarray(w.vectors, dtype=np.float32) for w in writes if w.chunks]))
            _failpoint("write:chunks-added")
            # The commit point: the records and a new revision token in one call.
            self._articles.upsert(ids=[*(w.article.id for w in writes), _REVISION_ID], embeddings=[_RECORD_VECTOR] * (len(writes) + 1),
                                  documents=[*(w.article.text for w in writes), ""], metadatas=[*metadatas, _revision_metadata()])
            _failpoint("write:committed")
            # Only a replaced version has chunks to delete: a new article has none (a crashed write's leftovers are
            # its own marker's business, and writers hold the lock, so `before` can't go stale).
            self._delete_other_versions({w.article.id: w.article.version for w in writes if w.article.id in before})
            _failpoint("write:old-chunks-deleted")
            self._articles.delete(ids=[marker])
        return [_record_from(w.article.id, m) for w, m in zip(writes, metadatas, strict=True)]

    def update_record(self, article_id: str, fields: dict[str, str]) -> ArticleRecord | None:
        """Change a record's descriptive fields (outlet, title) in place: one write, the version and chunks untouched."""
        with self._lock:
            got = self._articles.get(ids=[article_id], include=["metadatas"])
            if not got["ids"]:
                return None
            metadata = {**got["metadatas"][0], **fields}
            self._articles.update(ids=[article_id], metadatas=[metadata])
            self._bump_revision()
            return _record_from(article_id, metadata)

    def remove_article(self, article_id: str) -> bool:
        with self._lock:
            if self.record(article_id) is None:
                return False
            marker = self._mark_pending({article_id: ""})
            self._articles.delete(ids=[article_id])  # the commit point
            _failpoint("remove:committed")
            self._bump_revision()
            self._delete_chunks_except(article_id, None)
            _failpoint("remove:chunks-deleted")
            self._articles.delete(ids=[marker])
            return True

    def sync(self) -> None:
        """Bring the vector index up to date with every write that reached the store before a crash.

        Embedded Chroma persists its HNSW index lazily and replays the missing writes from its log only when the
        collection is next written to; until then, chunks a killed process wrote are in the store but not found by
        vector search. Deleting an id that never exists is such a write, and changes nothing else.
        """
        try:
            self._chunks.delete(ids=[_SYNC_ID])
        except StoreUnavailable:
            raise  # a lost server or a full disk is the caller's to report
        except Exception as error:  # a read-only library: nothing of ours to replay, and reading still works
            log.info("the vector index was not synced (%s)", error)

    def pending(self) -> int:
        """How many writes or removals are in flight, or were cut off by a crash."""
        return len(self._articles.get(where={"kind": "pending"}, include=[])["ids"])

    def recover(self, stale_after_s: float = 900.0) -> int:
        """Finish or roll back interrupted writes whose marker is at least `stale_after_s` old; returns how many.

        The caller knows whether the writer of a marker may still be alive (index.library holds the writer lock and
        passes 0); the age rule is the fallback for writers it can't see, on other machines sharing a Chroma server.
        """
        with self._lock:
            pending = self._articles.get(where={"kind": "pending"}, include=["metadatas"])
            stale = [(i, m) for i, m in zip(pending["ids"], pending["metadatas"], strict=True)
                     if time.time() - float(m.get("at", 0)) >= stale_after_s]
            for marker_id, meta in stale:
                article_ids = list(json.loads(meta.get("versions") or "{}")) or [meta["article_id"]]  # older markers: one article
                log.warning("repairing an interrupted write of %d article(s)", len(article_ids))
                committed = self._committed(article_ids)
                self._delete_other_versions({article_id: committed.get(article_id) for article_id in article_ids})
                self._articles.delete(ids=[marker_id])
            if stale:
                self._bump_revision()  # whatever was derived before the repair is stale now
            return len(stale)

    def check_embedding(self, identity: str) -> None:
        """Refuse to mix vectors of different models: the first writer records its model, later ones must match."""
        got = self._articles.get(ids=[_EMBEDDING_ID], include=["metadatas"])
        if got["ids"]:
            recorded = got["metadatas"][0]["embedding"]
            if recorded != identity:
                raise ConfigError(f"this library was built with the embedding model {recorded!r}, not {identity!r}; "
                                  "switch the model settings back or use a new --home")
        else:
            self._articles.upsert(ids=[_EMBEDDING_ID], embeddings=[_RECORD_VECTOR], documents=[""],
                                  metadatas=[{"kind": "meta", "embedding": identity}])


def _chroma_settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False)


def _read_only_snapshot(path: Path, prefix: str, reason: str = "") -> ChromaStore:
    """A library that can't be written (a read-only disk or folder, a full disk) is read from a private copy; writes are refused."""
    import atexit
    import tempfile

    import chromadb

    scratch = Path(tempfile.mkdtemp(prefix="manysides-readonly-"))
    atexit.register(shutil.rmtree, scratch, True)
    try:
        shutil.copytree(path, scratch / "chroma")
    except OSError as error:
        shutil.rmtree(scratch, True)
        if error.errno == errno.ENOSPC or (isinstance(error, shutil.Error) and "No space left" in str(error)):
            raise _disk_full(path.parent) from None  # the temporary folder is on the full disk too
        raise
    log.info("the library at %s is read-only: reading a snapshot", path)
    store = ChromaStore(chromadb.PersistentClient(path=str(scratch / "chroma"), settings=_chroma_settings()), prefix, home=path.parent)
    store.read_only = True
    store.read_only_reason = reason
    return store


def read_only_copy(settings: IndexSettings, reason: str) -> ChromaStore:
    """The embedded library read from a private copy, every write refused with `reason` (a one-line message)."""
    return _read_only_snapshot(Path(settings.home) / "chroma", settings.collection_prefix, reason)


def open_store(settings: IndexSettings) -> ChromaStore:
    """The store the settings name: a Chroma server when `chroma_url` is set, else embedded Chroma under the home."""
    import chromadb

    try:
        if settings.chroma_url:
            parts = urlsplit(settings.chroma_url)
            try:
                port = parts.port
            except ValueError:  # ":99999" or ":abc"
                port = 0
            if parts.scheme not in ("http", "https") or not parts.hostname or port == 0:
                raise ConfigError(f"MANYSIDES_CHROMA_URL={settings.chroma_url!r} is not an http(s)://host:port address "
                                  "(a port is a number from 1 to 65535); fix it or unset it")
            client = chromadb.HttpClient(host=parts.hostname, port=port or (443 if parts.scheme == "https" else 8000),
                                         ssl=parts.scheme == "https", settings=_chroma_settings())
            return ChromaStore(client, settings.collection_prefix, server=settings.chroma_url)
        path = Path(settings.home) / "chroma"
        if not path.exists():
            path.mkdir(parents=True)
        free = _free_bytes(path)
        if free is not None and free < _FULL_BYTES and any(path.iterdir()):
            # Chroma would try to write its log out while opening, and can hang there: read a copy instead.
            return _read_only_snapshot(path, settings.collection_prefix, str(_disk_full(Path(settings.home))))
        try:
            client = chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
        except Exception as error:
            if os.access(path, os.W_OK) and "readonly" not in str(error):
                raise
            return _read_only_snapshot(path, settings.collection_prefix)
        return ChromaStore(client, settings.collection_prefix, home=Path(settings.home))
    except (ConfigError, StoreUnavailable):
        raise
    except Exception as error:  # chromadb raises many types (ValueError, connection errors, Rust panics)
        where = settings.chroma_url or str(Path(settings.home) / "chroma")
        raise StoreError(f"cannot open the library at {where} ({type(error).__name__}: {error}); check that the folder is writable or the server is running") from None

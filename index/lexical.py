"""The lexical (BM25, bm25s) index over a library's committed chunks, saved on disk in generations.

Invariant: the index a reader uses holds exactly the committed chunks of the store. It is
checked by fingerprint (a hash of every committed article id and version, plus the tokenizer)
the first time a process uses it and whenever the store's revision token changes; a stale or
missing index is rebuilt.

Readers never see a half-built index. A build goes into its own generation folder, which is
renamed into place complete; then `current.json` is atomically replaced to point at it.
Readers load whatever generation `current.json` names, and retry when a generation vanished
under them. A file lock serialises builders, so two processes never build the same index at
once; old generations are deleted only after a grace period that outlasts any load. When the
home can't be written (a read-only library), the index is built in memory only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from index.models import SearchHit, Span
from index.store import Store
from index.text import stem_words

__all__ = ["LexicalIndex", "committed_fingerprint"]

log = logging.getLogger(__name__)
_TOKENIZER_VERSION = "en-stopwords-snowball-1"  # part of the fingerprint: a new tokenizer means a new index
_MANIFEST = "current.json"
_GRACE_S = 300.0  # an old generation outlives any reader that may still be loading it
_LOAD_ATTEMPTS = 5


def _bm25s():
    """bm25s, imported once; it sets its own logger to DEBUG on import, which would print to stderr."""
    import bm25s

    if logging.getLogger("bm25s").level == logging.DEBUG:
        logging.getLogger("bm25s").setLevel(logging.CRITICAL)
    return bm25s


def _tokenize(texts: list[str]):
    bm25s = _bm25s()
    return bm25s.tokenize(texts, stopwords="en", stemmer=stem_words, show_progress=False)


def committed_fingerprint(store: Store) -> str:
    """A hash of what the lexical index must hold: every committed article id and version, and the tokenizer."""
    pairs = sorted(f"{r.id}:{r.version}" for r in store.records())
    return hashlib.sha256("\n".join([_TOKENIZER_VERSION, *pairs]).encode()).hexdigest()[:24]


def _rows(chunks: list[SearchHit]) -> list[list]:
    return [[c.article_id, c.chunk_id, c.text, c.start, c.end, [[s.start, s.end] for s in c.sentences]] for c in chunks]


def _hits(rows: list[list]) -> list[SearchHit]:
    return [SearchHit(article_id=r[0], chunk_id=r[1], score=0.0, text=r[2], start=r[3], end=r[4],
                      sentences=tuple(Span(int(s), int(e)) for s, e in r[5])) for r in rows]


class LexicalIndex:
    """BM25 over the committed chunks of a store, persisted and reused while the store is unchanged."""

    def __init__(self, store: Store, folder: Path) -> None:
        self._store = store
        self._folder = folder
        self._lock = threading.Lock()
        self._revision: str | None = None  # the store revision the loaded index was checked against
        self._fingerprint = ""
        self._model: Any = None  # a bm25s.BM25 once built (bm25s ships no types)
        self._chunks: list[SearchHit] = []
        self._positions: dict[str, list[int]] = {}
        self._by_id: dict[str, int] = {}

    # --- generations on disk ----------------------------------------------------------------------

    def _manifest(self) -> dict:
        try:
            return json.loads((self._folder / _MANIFEST).read_text())
        except (OSError, ValueError):
            return {}

    def _load(self, fingerprint: str) -> bool:
        """Load the saved generation if it has this fingerprint; a generation deleted under us is retried."""
        bm25s = _bm25s()
        for _ in range(_LOAD_ATTEMPTS):
            manifest = self._manifest()
            if manifest.get("fingerprint") != fingerprint:
                return False
            generation = self._folder / manifest["generation"]
            try:
                saved = json.loads((generation / "chunks.json").read_text())
                model = bm25s.BM25.load(str(generation / "bm25"), show_progress=False) if saved["chunks"] else None
            except (OSError, ValueError):
                continue  # a builder replaced it while we read: read the manifest again
            self._model, self._chunks = model, _hits(saved["chunks"])
            return True
        return False

    def _save(self, fingerprint: str) -> None:
        """Write a complete generation, then point the manifest at it; drop generations past their grace period."""
        self._folder.mkdir(parents=True, exist_ok=True)
        name = f"g-{time.time_ns()}-{uuid.uuid4().hex[:8]}"
        scratch = self._folder / f"tmp-{name}"
        scratch.mkdir()
        if self._model is not None:
            self._model.save(str(scratch / "bm25"), show_progress=False)
        (scratch / "chunks.json").write_text(json.dumps({"fingerprint": fingerprint, "chunks": _rows(self._chunks)}))
        scratch.rename(self._folder / name)
        manifest = self._folder / f"{_MANIFEST}.{uuid.uuid4().hex[:8]}"
        manifest.write_text(json.dumps({"fingerprint": fingerprint, "generation": name}))
        os.replace(manifest, self._folder / _MANIFEST)  # the switch: atomic
        self._collect(keep=name)

    def _collect(self, keep: str) -> None:
        cutoff = time.time() - _GRACE_S
        for path in self._folder.iterdir():
            if path.name != keep and path.name.startswith(("g-", "tmp-", f"{_MANIFEST}.")):
                try:
                    if path.stat().st_mtime < cutoff:
                        shutil.rmtree(path) if path.is_dir() else path.unlink()
                except OSError:
                    pass  # another process collected it first

    def _build(self) -> None:
        bm25s = _bm25s()

        self._chunks = self._store.committed_chunks()
        self._model = None
        if self._chunks:
            self._model = bm25s.BM25()
            self._model.index(_tokenize([c.text for c in self._chunks]), show_progress=False)

    def _load_or_build(self, fingerprint: str) -> None:
        if self._load(fingerprint):
            return
        try:
            from filelock import FileLock

            self._folder.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self._folder / "build.lock")):
                if self._load(fingerprint):  # another process built it while we waited
                    return
                log.info("building the BM25 index")
                self._build()
                self._save(fingerprint)
        except OSError as error:  # a read-only home: keep the index in memory only
            log.info("the BM25 index can't be saved (%s); keeping it in memory", error)
            self._build()

    # --- reading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Make the index match the store: a cheap revision read per call, the full fingerprint only on change."""
        with self._lock:
            revision = self._store.revision()
            if revision == self._revision:
                return
            fingerprint = committed_fingerprint(self._store)
            if fingerprint != self._fingerprint:
                self._load_or_build(fingerprint)
                self._fingerprint = fingerprint
                self._positions = {}
                for position, chunk in enumerate(self._chunks):
                    self._positions.setdefault(chunk.article_id, []).append(position)
                self._by_id = {chunk.chunk_id: position for position, chunk in enumerate(self._chunks)}
            self._revision = revision

    def chunk(self, chunk_id: str) -> SearchHit | None:
        """A committed chunk by id (None for a chunk of an uncommitted or removed version)."""
        position = self._by_id.get(chunk_id)
        return None if position is None else self._chunks[position]

    def chunk_ids(self) -> set[str]:
        """The ids of every chunk the index holds."""
        self.refresh()
        return set(self._by_id)

    def chunks_of(self, article_ids: Sequence[str]) -> list[SearchHit]:
        """The committed chunks of these articles, in article order."""
        self.refresh()
        return [self._chunks[i] for article_id in dict.fromkeys(article_ids) for i in self._positions.get(article_id, [])]

    def search(self, query: str, k: int, article_ids: Sequence[str] | None = None) -> list[SearchHit]:
        """The k chunks with the best BM25 score, optionally only from some articles."""
        self.refresh()
        if self._model is None or not self._chunks:
            return []
        mask = None
        if article_ids is not None:
            mask = np.zeros(len(self._chunks), dtype=np.float32)
            for article_id in article_ids:
                mask[self._positions.get(article_id, [])] = 1.0
            if not mask.any():
                return []
        tokens = _tokenize([query])
        if not tokens.vocab:
            return []
        documents, scores = self._model.retrieve(tokens, k=min(k, len(self._chunks)), show_progress=False, weight_mask=mask)
        return [replace(self._chunks[int(d)], score=float(s)) for d, s in zip(documents[0], scores[0], strict=True) if s > 0]

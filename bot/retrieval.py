"""Hybrid retrieval: dense (Chroma) and lexical (BM25, `index.lexical`) fused by reciprocal rank, then diversified."""

from __future__ import annotations

import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from index import Library, SearchHit

__all__ = ["HybridRetriever", "mmr_select", "ranking_key", "reciprocal_rank_fusion"]

log = logging.getLogger(__name__)
_RRF_K = 60  # the usual constant of reciprocal rank fusion
_CANDIDATES = 50  # per retriever, before fusion
# Restricted to a few articles, exact search over their chunks beats Chroma's `where` filter (a median 94 ms at 100k chunks).
_EXACT_SEARCH_LIMIT = 5000
_VECTOR_CACHE_SIZE = 50_000  # chunk vectors kept in memory (about 75 MB at 384 dimensions)


_SCORE_DIGITS = 4  # scores closer than this are ties: float noise between CPUs must not reorder a ranking


def ranking_key(score: float, *stable: object) -> tuple:
    """A sort key, best first: the score rounded past float noise, then stable fields (article id, offset) for ties."""
    return (-round(float(score), _SCORE_DIGITS), *stable)


def reciprocal_rank_fusion(rankings: Sequence[Sequence[SearchHit]], k: int = _RRF_K) -> list[SearchHit]:
    """Fuse ranked lists: each chunk scores the sum of 1/(k + rank) over the lists that hold it."""
    scores: dict[str, float] = {}
    hits: dict[str, SearchHit] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking):
            scores[hit.chunk_id] = scores.get(hit.chunk_id, 0.0) + 1.0 / (k + rank + 1)
            hits.setdefault(hit.chunk_id, hit)
    order = sorted(scores, key=lambda chunk_id: (-scores[chunk_id], chunk_id))  # sums of exact ranks: ties only by chunk id
    return [replace(hits[chunk_id], score=scores[chunk_id]) for chunk_id in order]


def mmr_select(candidates: Sequence[SearchHit], vectors: dict[str, np.ndarray], k: int, per_article: int,
               diversity: float = 0.3) -> list[SearchHit]:
    """Maximal marginal relevance over fused candidates, at most `per_article` chunks from one article (vectorized)."""
    if not candidates:
        return []
    relevance = np.array([c.score for c in candidates], dtype=np.float32)
    relevance = (relevance - relevance.min()) / (float(np.ptp(relevance)) or 1.0)
    dimension = next(iter(vectors.values())).shape[0] if vectors else 1
    matrix = np.stack([vectors.get(c.chunk_id, np.zeros(dimension, dtype=np.float32)) for c in candidates])
    articles = np.array([c.article_id for c in candidates])
    redundancy = np.zeros(len(candidates), dtype=np.float32)  # max similarity to anything chosen so far
    available = np.ones(len(candidates), dtype=bool)
    per: dict[str, int] = {}
    chosen: list[int] = []
    while len(chosen) < k and available.any():
        scores = np.where(available, (1 - diversity) * relevance - diversity * redundancy, -np.inf)
        best = int(scores.argmax())
        chosen.append(best)
        available[best] = False
        article = candidates[best].article_id
        per[article] = per.get(article, 0) + 1
        if per[article] >= per_article:
            available &= articles != article
        redundancy = np.maximum(redundancy, matrix @ matrix[best])
    return [candidates[i] for i in chosen]


class HybridRetriever:
    """Dense + BM25 retrieval over a library, fused and diversified across sources."""

    def __init__(self, library: Library) -> None:
        self.library = library
        # Chunk ids carry the article version, so a chunk's vector never changes: cache them (bounded).
        self._vector_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._vector_lock = threading.Lock()

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of these chunks, from memory when they were read before."""
        with self._vector_lock:  # the app shares one retriever between sessions
            missing = [i for i in chunk_ids if i not in self._vector_cache]
            if missing:
                self._vector_cache.update(self.library.chunk_vectors(missing))
                while len(self._vector_cache) > _VECTOR_CACHE_SIZE:
                    self._vector_cache.popitem(last=False)
            found = {}
            for chunk_id in chunk_ids:
                if chunk_id in self._vector_cache:
                    self._vector_cache.move_to_end(chunk_id)
                    found[chunk_id] = self._vector_cache[chunk_id]
            return found

    def search(self, query: str, k: int = 5, article_ids: Sequence[str] | None = None, *, mode: str = "hybrid",
               diversify: bool = True, per_article: int | None = None) -> list[SearchHit]:
        """The k best chunks. `mode` is "hybrid", "dense" or "bm25"; diversification applies to hybrid. Sentences of a site's
        boilerplate (paragraphs repeated across unrelated articles) are left out of every hit."""
        return self.library.without_boilerplate(self._search(query, k, article_ids, mode=mode, diversify=diversify, per_article=per_article))

    def _search(self, query: str, k: int, article_ids: Sequence[str] | None, *, mode: str, diversify: bool,
                per_article: int | None) -> list[SearchHit]:
        pool = max(k, _CANDIDATES)
        dense = self.dense(query, k=pool, article_ids=article_ids) if mode in ("hybrid", "dense") else []
        lexical = self.library.keyword_search(query, k=pool, article_ids=article_ids) if mode in ("hybrid", "bm25") else []
        if mode == "dense":
            return dense[:k]
        if mode == "bm25":
            return lexical[:k]
        fused = reciprocal_rank_fusion([dense, lexical])
        if not diversify:
            return fused[:k]
        candidates = fused[: max(3 * k, 20)]
        quota = per_article or max(1, math.ceil(k / 2))
        chosen = mmr_select(candidates, self.vectors([c.chunk_id for c in candidates]), k, quota)
        return sorted(chosen, key=lambda hit: ranking_key(hit.score, hit.chunk_id))  # MMR picks the set; the list reads best first

    def dense(self, query: str, k: int, article_ids: Sequence[str] | None = None) -> list[SearchHit]:
        """Dense search. Over everything it reads only ids and vectors from the ANN index and takes texts from the chunk
        list it holds anyway; restricted to a few articles it scores their chunks exactly instead of filtering the index."""
        if article_ids is not None:
            chunks = self.library.chunks_of(article_ids)
            if len(chunks) <= _EXACT_SEARCH_LIMIT:
                return self._exact(query, k, chunks)
            return self.library.search(query, k=k, article_ids=article_ids)
        query_vector = self.library.embedder.encode([query])[0]
        hits = self.library.nearest_chunks(query_vector, k)
        with self._vector_lock:
            for chunk, _, vector in hits:
                self._vector_cache[chunk.chunk_id] = vector
            while len(self._vector_cache) > _VECTOR_CACHE_SIZE:
                self._vector_cache.popitem(last=False)
        return [replace(chunk, score=score) for chunk, score, _ in hits[:k]]

    def _exact(self, query: str, k: int, chunks: list[SearchHit]) -> list[SearchHit]:
        if not chunks or k <= 0:
            return []
        stored = self.vectors([c.chunk_id for c in chunks])
        chunks = [c for c in chunks if c.chunk_id in stored]
        if not chunks:
            return []
        query_vector = self.library.embedder.encode([query])[0]
        scores = np.stack([stored[c.chunk_id] for c in chunks]) @ query_vector
        best = sorted(range(len(chunks)), key=lambda i: ranking_key(scores[i], chunks[i].chunk_id))[:k]
        return [replace(chunks[i], score=float(scores[i])) for i in best]

    def as_langchain(self, k: int = 5, article_ids: Sequence[str] | None = None):
        """The same search as a LangChain BaseRetriever."""
        from bot.langchain_retriever import ManysidesRetriever

        return ManysidesRetriever(retriever=self, k=k, article_ids=list(article_ids) if article_ids else None)

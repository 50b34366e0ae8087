"""Query latency at 10k and 100k chunks: p50 and p95, warm, including the query's embedding.

    .venv/bin/python bench/latency.py [--sizes 10000 100000] [--queries 200]

Synthetic libraries: articles of 50 chunks of random words, with random unit vectors (latency
does not depend on what the vectors mean). They are written through the store's own write path
into an embedded Chroma in a temporary folder. Queries are real text embedded by the real model.
Rows: dense and hybrid over everything, and restricted to 3 chosen articles (the exact path),
with Chroma's own `where`-filtered query for reference.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from common import timer

from bot.retrieval import HybridRetriever
from index import IndexSettings, Library
from index.models import Article, Chunk, Span
from index.store import ArticleWrite

CHUNKS_PER_ARTICLE = 50
WORDS_PER_CHUNK = 40


def synthetic_writes(chunks: int, dimension: int, seed: int = 0):
    """Batches of ArticleWrites for `chunks` chunks of random words with random unit vectors."""
    rng = np.random.default_rng(seed)
    vocabulary = np.array([f"w{i}" for i in range(20000)])
    batch: list[ArticleWrite] = []
    for number in range(chunks // CHUNKS_PER_ARTICLE):
        article_id = f"s{number:06d}"
        pieces, spans = [], []
        offset = 0
        for _ in range(CHUNKS_PER_ARTICLE):
            text = " ".join(rng.choice(vocabulary, WORDS_PER_CHUNK)) + "."
            pieces.append(text)
            spans.append(Span(offset, offset + len(text)))
            offset += len(text) + 1
        body = " ".join(pieces)
        article = Article(id=article_id, version="v1", title=f"Article {number}", text=body, source="synthetic")
        chunk_list = [Chunk(id=f"{article_id}:v1:{i}", article_id=article_id, index=i, text=pieces[i], start=span.start, end=span.end,
                            sentences=(span,)) for i, span in enumerate(spans)]
        vectors = rng.standard_normal((CHUNKS_PER_ARTICLE, dimension)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        batch.append(ArticleWrite(article, chunk_list, vectors))
        if len(batch) * CHUNKS_PER_ARTICLE >= 2000:
            yield batch
            batch = []
    if batch:
        yield batch


def percentiles(run: Callable[[str], object], queries: list[str]) -> tuple[float, float]:
    run(queries[0])
    timings = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        timings.append(time.perf_counter() - started)
    return float(np.median(timings)) * 1000, float(np.percentile(timings, 95)) * 1000


def report(library: Library, retriever: HybridRetriever, chosen: list[str], queries: list[str]) -> None:
    rows = {
        "dense, all": lambda q: retriever.dense(q, k=10),
        "hybrid (dense + BM25, MMR), all": lambda q: retriever.search(q, k=10),
        "dense, 3 articles (exact path)": lambda q: retriever.dense(q, k=10, article_ids=chosen),
        "hybrid, 3 articles": lambda q: retriever.search(q, k=10, article_ids=chosen),
        "reference: Chroma where-filter, 3 articles": lambda q: library.search(q, k=10, article_ids=chosen),
        "query embedding alone": lambda q: library.embedder.encode([q]),
    }
    print(f"{'':45} {'p50 ms':>8} {'p95 ms':>8}")
    for name, run in rows.items():
        p50, p95 = percentiles(run, queries)
        print(f"{name:45} {p50:8.1f} {p95:8.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    queries = [" ".join(f"w{i}" for i in rng.integers(0, 20000, 6)) + f" bridge repairs question {n}" for n in range(args.queries)]

    for size in args.sizes:
        with tempfile.TemporaryDirectory() as home:
            library = Library(IndexSettings(home=Path(home)))
            dimension = library.embedder.dimension
            with timer() as built:
                for batch in synthetic_writes(size, dimension):
                    library.store.write_articles(batch)
            retriever = HybridRetriever(library)
            with timer() as indexed:
                retriever.library.lexical.refresh()
            print(f"\n{library.store.chunk_count():,} chunks: written in {built['seconds']:.0f} s, BM25 built in {indexed['seconds']:.1f} s", flush=True)
            chosen = [f"s{i:06d}" for i in rng.choice(size // CHUNKS_PER_ARTICLE, 3, replace=False)]
            report(library, retriever, chosen, queries)


if __name__ == "__main__":
    main()

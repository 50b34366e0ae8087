"""Retrieval quality on SciFact train: dense, BM25, hybrid and hybrid + diversification, side by side.

    .venv/bin/python bench/retrieval.py [--home DIR] [--queries N]

The 5,183 abstracts are ingested as articles (JSONL, title + text, ids kept) into a library
(reused when --home already holds them). A document's rank is the rank of its best chunk.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
from common import SHARED_DATA, require
from embedding_quality import load_scifact, ndcg_at_10

from bot.retrieval import HybridRetriever
from index import IndexSettings, Library


def document_ranking(hits, depth: int) -> list[str]:
    ranked: list[str] = []
    for hit in hits:
        if hit.article_id not in ranked:
            ranked.append(hit.article_id)
        if len(ranked) >= depth:
            break
    return ranked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--queries", type=int, default=0, help="evaluate only the first N queries (0: all 809)")
    args = parser.parse_args()
    corpus, queries, qrels = load_scifact()
    home = args.home or Path(tempfile.mkdtemp(prefix="scifact-"))
    library = Library(IndexSettings(home=home))
    if len(library.articles()) < len(corpus):
        source = home / "scifact.jsonl"
        with source.open("w") as handle:
            for doc in corpus:
                handle.write(json.dumps({"id": doc["_id"], "title": doc["title"], "text": doc["text"] or doc["title"]}) + "\n")
        started = time.perf_counter()
        report = library.ingest([str(source)])
        print(f"ingested {len(report.articles)} abstracts in {time.perf_counter() - started:.0f} s ({len(report.errors)} errors)")
    retriever = HybridRetriever(library)
    retriever.library.lexical.refresh()
    qids = list(queries)[: args.queries or None]
    print(f"SciFact train: {len(corpus)} abstracts, {library.store.chunk_count()} chunks, {len(qids)} queries")
    settings = {"dense": dict(mode="dense"), "bm25": dict(mode="bm25"), "hybrid": dict(mode="hybrid", diversify=False),
                "hybrid+diversity": dict(mode="hybrid", diversify=True, per_article=1)}
    for name, options in settings.items():
        ndcg, recall, latency = [], [], []
        for qid in qids:
            started = time.perf_counter()
            hits = retriever.search(queries[qid], k=200, **options)
            latency.append(time.perf_counter() - started)
            ranked = document_ranking(hits, 100)
            ndcg.append(ndcg_at_10(ranked, qrels[qid]))
            recall.append(len(set(ranked) & set(qrels[qid])) / len(qrels[qid]))
        print(f"{name:<17} nDCG@10 {np.mean(ndcg):.4f}  recall@100 {np.mean(recall):.4f}  p50 {np.median(latency) * 1000:.0f} ms", flush=True)


if __name__ == "__main__":
    require(SHARED_DATA / "scifact" / "corpus.jsonl")
    main()

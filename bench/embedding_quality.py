"""Does the int8 ONNX encoder keep retrieval quality? nDCG@10 and recall@100 on SciFact train, dense only, per backend.

    .venv/bin/python bench/embedding_quality.py [--backends torch onnx onnx-int8]

Exact cosine search over all abstracts (title + text), so only the encoder differs between rows.
"""

from __future__ import annotations

import argparse
import json

import numpy as np
from common import SHARED_DATA, require, timer

from index import IndexSettings
from index.embedding import get_embedder


def load_scifact():
    folder = SHARED_DATA / "scifact"
    corpus = [json.loads(line) for line in require(folder / "corpus.jsonl").open()]
    queries = {q["_id"]: q["text"] for q in map(json.loads, (folder / "queries_train.jsonl").open())}
    qrels: dict[str, dict[str, int]] = {}
    for line in (folder / "qrels_train.tsv").open():
        parts = line.strip().split("\t")
        if len(parts) == 3 and parts[2].isdigit():
            qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    queries = {qid: text for qid, text in queries.items() if qid in qrels}
    return corpus, queries, qrels


def ndcg_at_10(ranked: list[str], relevant: dict[str, int]) -> float:
    gains = sum(relevant.get(doc, 0) / np.log2(rank + 2) for rank, doc in enumerate(ranked[:10]))
    ideal = sum(g / np.log2(rank + 2) for rank, g in enumerate(sorted(relevant.values(), reverse=True)[:10]))
    return gains / ideal if ideal else 0.0


def evaluate(backend: str, corpus, queries, qrels) -> dict:
    embedder = get_embedder(IndexSettings(embedding_backend=backend))
    with timer() as t:
        docs = embedder.encode([f"{d['title']} {d['text']}".strip() for d in corpus])
    qids = list(queries)
    scores = embedder.encode([queries[q] for q in qids]) @ docs.T
    ids = [d["_id"] for d in corpus]
    ndcg, recall = [], []
    for row, qid in enumerate(qids):
        top = np.argsort(-scores[row])[:100]
        ranked = [ids[i] for i in top]
        ndcg.append(ndcg_at_10(ranked, qrels[qid]))
        recall.append(len(set(ranked) & set(qrels[qid])) / len(qrels[qid]))
    return {"ndcg@10": float(np.mean(ndcg)), "recall@100": float(np.mean(recall)), "docs/s": len(corpus) / t["seconds"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", nargs="+", default=["torch", "onnx-int8"])
    args = parser.parse_args()
    corpus, queries, qrels = load_scifact()
    print(f"SciFact train: {len(corpus)} abstracts, {len(queries)} queries")
    results = {}
    for backend in args.backends:
        results[backend] = evaluate(backend, corpus, queries, qrels)
        r = results[backend]
        print(f"{backend:<10} nDCG@10 {r['ndcg@10']:.4f}  recall@100 {r['recall@100']:.4f}  encode {r['docs/s']:.1f} abstracts/s", flush=True)
    if "torch" in results:
        for backend, r in results.items():
            if backend != "torch":
                change = (r["ndcg@10"] - results["torch"]["ndcg@10"]) / results["torch"]["ndcg@10"]
                print(f"{backend} vs torch: nDCG@10 {change:+.2%} (keep as default when within -1%)")


if __name__ == "__main__":
    main()

"""Extractive answer latency: question to complete cited answer, p50 and p95 warm.

    .venv/bin/python bench/answer.py [--home DIR_WITH_A_BIG_LIBRARY]

Runs on the bundled sample library, then on a large library: --home if given (for example the
SciFact library bench/retrieval.py built), else the first 1,000 SciFact abstracts ingested here.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
from common import REPO, SHARED_DATA, require

from bot.answer import ExtractiveEngine
from index import IndexSettings, Library

SAMPLE_QUESTIONS = ["How much will the repairs cost?", "Who inspected the bridge?", "Was anyone injured?", "When did the bridge close?",
                    "What did the mayor say?", "How long will the bridge stay closed?", "What detour should drivers use?",
                    "What is the capital of France?"]


def measure(engine: ExtractiveEngine, questions: list[str], rounds: int = 3) -> tuple[float, float]:
    engine.answer(questions[0])  # warm: model loaded, BM25 index built
    timings = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            engine.answer(question)
            timings.append(time.perf_counter() - started)
    return float(np.median(timings)) * 1000, float(np.percentile(timings, 95)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        library = Library(IndexSettings(home=Path(home)))
        library.ingest([str(REPO / "samples")])
        p50, p95 = measure(ExtractiveEngine(library), SAMPLE_QUESTIONS)
        print(f"sample library ({len(library.articles())} articles, {library.store.chunk_count()} chunks): p50 {p50:.0f} ms, p95 {p95:.0f} ms", flush=True)

    queries = [json.loads(line)["text"] for line in require(SHARED_DATA / "scifact" / "queries_train.jsonl").open()][:40]
    if args.home:
        library = Library(IndexSettings(home=args.home))
    else:
        scratch = Path(tempfile.mkdtemp(prefix="answer-bench-"))
        source = scratch / "abstracts.jsonl"
        with source.open("w") as out, (SHARED_DATA / "scifact" / "corpus.jsonl").open() as corpus:
            for number, line in enumerate(corpus):
                if number >= 1000:
                    break
                doc = json.loads(line)
                out.write(json.dumps({"id": doc["_id"], "title": doc["title"], "text": doc["text"] or doc["title"]}) + "\n")
        library = Library(IndexSettings(home=scratch))
        library.ingest([str(source)])
    p50, p95 = measure(ExtractiveEngine(library), queries)
    print(f"large library ({len(library.articles())} articles, {library.store.chunk_count()} chunks): p50 {p50:.0f} ms, p95 {p95:.0f} ms")


if __name__ == "__main__":
    main()

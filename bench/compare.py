"""Comparison speed and memory on 2, 5, 10, 20 and 50 articles, and alignment quality on ClaimDiff train.

    .venv/bin/python bench/compare.py [--rounds 5] [--skip-claimdiff]

Speed: DUC 2003 articles of 600+ words, cut to about 800 words at a sentence end, ingested into
a temporary library; `compare` is timed cold (the first call encodes every sentence once and
caches the vectors, and judges every candidate pair), warm (p50 over --rounds calls: judged pairs
are cached too) and "fresh judge" (models and sentence vectors warm, the judge's cache emptied, so
every candidate pair is judged again, as for articles never compared before). "judged" counts the
pair-directions the cross-encoder ran in that fresh call (two per candidate pair). The comparative summary
(`summarize --compare`, the Compare tab's headline) is timed warm, comparison included. The articles come from several
DUC clusters, so the comparison is timed without the story grouping (`compare_sentences` on all of them: the worst case,
every article against every other). "pairs/claim" is candidate pairs judged per claim; "peak MB" the process's peak RSS.

ClaimDiff: each pair is two claims on one story from different outlets. A pair "matches" when
neither claim strengthens nor weakens the other (relation 0 in both files); otherwise one adds
information the other lacks. Printed: ROC AUC of the candidate similarity (embedding cosine plus
the TF-IDF bonus that `compare` uses), and how the judge's `relate` splits the pairs.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
from common import SHARED_DATA, duc_articles, require, timer

from bot.claims import WORD_OVERLAP_WEIGHT, word_overlap
from bot.comparative import comparative_summary
from bot.compare import compare_sentences
from bot.library import chosen_sentences
from bot.judge import SAME, get_judge
from index import IndexSettings, Library


def about_800_words(text: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    kept, words = [], 0
    for sentence in sentences:
        if words >= 800:
            break
        kept.append(sentence)
        words += len(sentence.split())
    return " ".join(kept)


def speed(rounds: int) -> None:
    articles = [a for a in duc_articles() if len(a["text"].split()) >= 600][:50]
    judge = get_judge()
    print(f"{'articles':>8} {'words':>7} {'claims':>7} {'judged':>7} {'pairs/claim':>11} {'cold s':>7} {'warm p50 s':>11} {'warm p95 s':>11} "
          f"{'fresh judge s':>13} {'comparative summary warm p50 s':>31} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as home:
        folder = Path(home) / "articles"
        folder.mkdir()
        for number, article in enumerate(articles):
            text = re.sub(r"``|''", '"', about_800_words(article["text"]))
            (folder / f"{number:02d}.txt").write_text(f"Title: {article['doc_id']}\nOutlet: Outlet {number}\n\n{text}\n")
        library = Library(IndexSettings(home=Path(home) / "library"))
        library.ingest([str(folder)])
        ids = [r.id for r in sorted(library.articles(), key=lambda r: r.source)]
        previous = None
        def compare_all(chosen):
            return compare_sentences(chosen_sentences(library, chosen), library.embedder.encode, judge)

        for count in (2, 5, 10, 20, 50):
            chosen = ids[:count]
            if len(chosen) < count:
                break
            with timer() as cold:
                comparison = compare_all(chosen)
            timings = []
            for _ in range(rounds):
                started = time.perf_counter()
                compare_all(chosen)
                timings.append(time.perf_counter() - started)
            summary_timings = []  # the comparative summary as the Compare tab and `summarize --compare` make it: compare, then compose
            for _ in range(rounds):
                started = time.perf_counter()
                comparative_summary(library, compare_all(chosen))
                summary_timings.append(time.perf_counter() - started)
            judge.forget()  # models loaded and sentence vectors cached, but every pair judged anew
            before = judge.judged
            with timer() as fresh:
                compare_all(chosen)
            judged = judge.judged - before
            words = sum(r.words for r in library.articles() if r.id in chosen)
            claims = sum(len(g.claims) for g in comparison.unique) + sum(len(c.citations) for c in comparison.consensus)
            p50 = float(np.median(timings))
            growth = f"  x{p50 / previous:.1f}" if previous else ""
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{count:8d} {words:7d} {claims:7d} {judged:7d} {judged / 2 / max(claims, 1):11.2f} {cold['seconds']:7.2f} {p50:11.3f} "
                  f"{float(np.percentile(timings, 95)):11.3f} {fresh['seconds']:13.2f} {float(np.median(summary_timings)):31.3f} {peak:8.0f}{growth}",
                  flush=True)
            previous = p50


def claimdiff() -> None:
    folder = SHARED_DATA / "claimdiff"
    strength = json.loads(require(folder / "ClaimDiff-strength-train.json").read_text())["data"]
    weak = {p["pair_id"]: p["relation"] for p in json.loads((folder / "ClaimDiff-weak-train.json").read_text())["data"]}
    pairs = [(p["claim_a"], p["claim_b"], int(p["relation"] == 1 or weak.get(p["pair_id"]) == 1)) for p in strength]
    library = Library(IndexSettings(home=Path(tempfile.mkdtemp())))
    texts = [t for a, b, _ in pairs for t in (a, b)]
    vectors = library.embedder.encode(texts)
    lexical = word_overlap(texts)
    similarity = np.array([float(vectors[2 * i] @ vectors[2 * i + 1]) + WORD_OVERLAP_WEIGHT * float(lexical[2 * i, 2 * i + 1])
                           for i in range(len(pairs))])
    differs = np.array([label for _, _, label in pairs]).astype(bool)  # one claim strengthens or weakens the other
    from sklearn.metrics import roc_auc_score

    print(f"\nClaimDiff train: {len(pairs)} pairs; {int(differs.sum())} where one claim adds to or weakens the other, "
          f"{int((~differs).sum())} with no such relation")
    print(f"ROC AUC of our alignment similarity for 'adds or weakens' vs the rest: {roc_auc_score(differs, similarity):.3f}")
    relations = get_judge().relate([(a, b) for a, b, _ in pairs])
    same = np.array([r == SAME for r in relations])
    print(f"judge: {int(same.sum())} pairs judged the same fact, {float(differs[same].mean()) if same.any() else 0:.3f} of them "
          f"adds/weakens; accuracy of 'same' as 'no relation': {float((same == ~differs).mean()):.3f}")
    for relation in sorted(set(relations)):
        chosen = np.array([r == relation for r in relations])
        print(f"  {relation:<11} {int(chosen.sum()):5d} pairs, {float(differs[chosen].mean()):.3f} adds/weakens")
    print(f"majority class: {max(differs.mean(), 1 - differs.mean()):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-claimdiff", action="store_true")
    args = parser.parse_args()
    speed(args.rounds)
    if not args.skip_claimdiff:
        claimdiff()


if __name__ == "__main__":
    main()

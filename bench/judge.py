"""The pair judge against the cosine baseline, on the held-out parts of the development data, in one run.

    .venv/bin/python bench/judge.py [--judge cross-encoder|llm]

Held-out parts (see train/judge_data.py; the judge never trained on them): 15% of MRPC train and
of SICK train+trial by a stable hash, STS-B dev whole, and the hard pairs made from the held-out
DUC 2003 / MultiLing 2011 clusters. Printed:
- MRPC: accuracy and paraphrase F1 of `relate == "same"`; the cosine baseline with the best threshold
  chosen on the held-out pairs themselves (an upper bound for cosine).
- STS-B dev: Spearman of the mean entailment probability over both directions; of cosine.
- SICK: three-way accuracy premise -> hypothesis (the official A -> B label).
- Hard pairs: how often each kind of edit is judged `same` (swaps must not be), negation as `contradicts`,
  a dropped clause as `adds`; and how often cosine at the MRPC threshold would call the swap the same.
- One fact told by two outlets (held-out clusters; two articles' sources of one sentence of a human summary): how often
  `relate` aligns them (same, or one adds to the other), beside two sentences of one story, which it must not.
- ClaimDiff: how `relate` splits its pairs, by file and relation.
- Speed: pairs judged per second (both directions count as two).
"""

from __future__ import annotations

import argparse
import collections
import time

import numpy as np
from common import SHARED_DATA, require
from scipy.stats import spearmanr

from bot.judge import ADDS, SAME, get_judge, same_both
from index import IndexSettings
from index.embedding import get_embedder
from train.judge_data import claimdiff_pairs, hard_pairs, mrpc_pairs, pivot_pairs, sick_pairs, stsb_pairs


def cosine(embed, pairs: list[tuple[str, str]]) -> np.ndarray:
    vectors = embed([a for a, _ in pairs] + [b for _, b in pairs])
    return (vectors[: len(pairs)] * vectors[len(pairs):]).sum(axis=1)


def best_threshold_accuracy(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    best = (0.0, 0.0)
    for threshold in np.unique(np.round(scores, 3)):
        accuracy = float(((scores >= threshold) == labels).mean())
        best = max(best, (accuracy, float(threshold)))
    return best


def f1(predicted: np.ndarray, labels: np.ndarray) -> float:
    tp = float((predicted & labels).sum())
    return 2 * tp / max(float(predicted.sum() + labels.sum()), 1.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--judge", default="cross-encoder")
    args = parser.parse_args()
    require(SHARED_DATA / "pairs" / "mrpc_train.tsv")
    import os

    os.environ["MANYSIDES_JUDGE"] = args.judge
    judge = get_judge()
    embed = get_embedder(IndexSettings()).encode
    print(f"judge: {judge.name}")

    mrpc = mrpc_pairs(SHARED_DATA, "test")
    pairs = [(a, b) for a, b, _ in mrpc]
    labels = np.array([y for *_, y in mrpc], dtype=bool)
    started = time.perf_counter()
    same = np.array([r == SAME for r in judge.relate(pairs)])
    seconds = time.perf_counter() - started
    cos_accuracy, threshold = best_threshold_accuracy(cosine(embed, pairs), labels)
    print(f"MRPC held-out ({len(pairs)} pairs): judge accuracy {(same == labels).mean():.3f}, F1 {f1(same, labels):.3f}; "
          f"cosine best threshold {threshold:.2f}: accuracy {cos_accuracy:.3f}; majority {max(labels.mean(), 1 - labels.mean()):.3f}")
    print(f"speed: {2 * len(pairs) / seconds:.0f} pair-directions/s ({seconds:.1f} s for {len(pairs)} pairs, both directions)")

    stsb = stsb_pairs(SHARED_DATA, "test")
    pairs = [(a, b) for a, b, _ in stsb]
    gold = np.array([s for *_, s in stsb])
    both = judge.score(pairs + [(b, a) for a, b in pairs])
    entail = (both[: len(pairs), 0] + both[len(pairs):, 0]) / 2
    same = same_both(judge, pairs)
    head = "" if same is None else f", its \"same\" head {spearmanr(same, gold).statistic:.3f}"
    if getattr(judge, "has_similarity", False):
        graded = (judge.similarity(pairs) + judge.similarity([(b, a) for a, b in pairs])) / 2
        head += f", its similarity head {spearmanr(graded, gold).statistic:.3f} (both orders' mean)"
    print(f"STS-B dev ({len(pairs)} pairs): Spearman judge {spearmanr(entail, gold).statistic:.3f} (mean entailment both ways){head}, "
          f"cosine {spearmanr(cosine(embed, pairs), gold).statistic:.3f}")

    sick = [p for p in sick_pairs(SHARED_DATA, "test") if p.source == "sick"]
    predicted = judge.score([(p.premise, p.hypothesis) for p in sick]).argmax(axis=1)
    gold_sick = np.array([int(np.argmax(p.target)) for p in sick])
    per_class = {name: float((predicted[gold_sick == k] == k).mean()) for k, name in enumerate(("entailment", "neutral", "contradiction"))}
    print(f"SICK held-out ({len(sick)} pairs, A -> B): three-way accuracy {(predicted == gold_sick).mean():.3f}; "
          f"per class {', '.join(f'{k} {v:.2f}' for k, v in per_class.items())}")

    hard = [p for p in hard_pairs(SHARED_DATA, "test") if p.source != "hard:identity"]
    relations = judge.relate([(p.premise, p.hypothesis) for p in hard])
    cosines = cosine(embed, [(p.premise, p.hypothesis) for p in hard])
    by_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    cos_same: dict[str, list[bool]] = collections.defaultdict(list)
    for p, r, c in zip(hard, relations, cosines):
        by_kind[p.source.removeprefix("hard:")][r] += 1
        cos_same[p.source.removeprefix("hard:")].append(bool(c >= threshold))
    print(f"hard pairs from held-out news clusters ({len(hard)}):")
    print(f"  {'edit':<12} {'pairs':>5} {'not same':>9} {'cosine not same':>16}  relations")
    for kind, counts in sorted(by_kind.items()):
        total = sum(counts.values())
        print(f"  {kind:<12} {total:>5} {1 - counts[SAME] / total:>9.3f} {1 - np.mean(cos_same[kind]):>16.3f}  "
              + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    swaps = [k for k in ("entity", "nationality", "number", "date", "weekday", "negation") if k in by_kind]
    total = sum(sum(by_kind[k].values()) for k in swaps)
    print(f"  swaps (entity, nationality, number, date, weekday, negation) never same: "
          f"{1 - sum(by_kind[k][SAME] for k in swaps) / total:.3f} of {total}")

    outlets = [p for p in pivot_pairs(SHARED_DATA, "test") if p.source == "pivot:outlets"][::2]  # one order of each
    apart = [p for p in hard if p.source == "hard:same-story"]
    for name, chosen in (("one fact told by two outlets", outlets), ("two sentences of one story", apart)):
        counts = collections.Counter(judge.relate([(p.premise, p.hypothesis) for p in chosen]))
        print(f"{name} ({len(chosen)} held-out pairs): aligned (same or adds) {(counts[SAME] + counts[ADDS]) / len(chosen):.3f}, "
              f"same {counts[SAME] / len(chosen):.3f}; " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))

    claimdiff = claimdiff_pairs(SHARED_DATA)
    relations = judge.relate([(c["claim_a"], c["claim_b"]) for c in claimdiff])
    split: dict[tuple[str, int], collections.Counter] = collections.defaultdict(collections.Counter)
    for c, r in zip(claimdiff, relations):
        split[(c["kind"], c["relation"])][r] += 1
    print(f"ClaimDiff ({len(claimdiff)} pairs), relate split:")
    for key, counts in sorted(split.items()):
        total = sum(counts.values())
        print(f"  {key[0]:<8} relation {key[1]} ({total:>4}): " + ", ".join(f"{k} {v / total:.2f}" for k, v in counts.most_common()))


if __name__ == "__main__":
    main()

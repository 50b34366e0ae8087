"""Train the injection screen's classifier: logistic regression over the bundled MiniLM embedding plus word groups.

    .venv/bin/python train/injection.py [--news 4000] [--out index/injection_model.json]   (or: make injection-model)

Positives are generated sentences addressed to a model (train/injection_data.py); negatives are real news sentences
from the training clusters of DUC 2003 and Multi-News (../shared/data) and generated hard cases. The removal threshold
is set on cross-validated scores so that at most --max-fpr of the news sentences would be removed; the lower bar for
the sentence after a removed one at --context-fpr. Seeded; about a minute on two cores, almost all of it embedding.
Writes a small JSON of coefficients that `index/injection.py` reads with numpy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402

from index.embedding import get_embedder  # noqa: E402
from index.injection import FEATURES, MODEL_FILE, sentence_features  # noqa: E402
from index.settings import IndexSettings  # noqa: E402
from train.injection_data import DATA, generated_hard_negatives, generated_injections, news_sentences  # noqa: E402


def cross_validated_scores(x: np.ndarray, y: np.ndarray, weights: np.ndarray, c: float, folds: int = 5, seed: int = 0) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    order = np.random.default_rng(seed).permutation(len(y))
    scores = np.empty(len(y))
    for fold in range(folds):
        test = order[fold::folds]
        train = np.setdiff1d(order, test)
        model = LogisticRegression(C=c, max_iter=2000).fit(x[train], y[train], sample_weight=weights[train])
        scores[test] = model.predict_proba(x[test])[:, 1]
    return scores


def threshold_for(scores: np.ndarray, max_rate: float) -> float:
    """The lowest threshold at which at most `max_rate` of these (negative) scores reach it."""
    allowed = int(np.floor(max_rate * len(scores)))
    ranked = np.sort(scores)[::-1]
    return float(np.nextafter(ranked[allowed], 1.0)) if allowed < len(ranked) else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=int, default=6000, help="news sentences sampled from the training clusters")
    parser.add_argument("--c", type=float, default=4.0, help="inverse L2 strength of the logistic regression")
    parser.add_argument("--max-fpr", type=float, default=0.0015, help="share of cross-validated news sentences the threshold may remove")
    parser.add_argument("--context-fpr", type=float, default=0.02, help="the same for the lower bar after a removed sentence")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"training data not found at {DATA}; it needs ../shared/data (see its README)")
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    rng = random.Random(0)
    injected = generated_injections()
    hard = generated_hard_negatives()
    news = news_sentences(held=False)
    news = rng.sample(news, min(args.news, len(news)))
    sentences = injected + hard + news
    y = np.array([1] * len(injected) + [0] * (len(hard) + len(news)))
    # The classes weigh the same in total; the hard negatives count double among the negatives.
    weights = np.array([len(news) / len(injected)] * len(injected) + [2.0] * len(hard) + [1.0] * len(news))
    embedder = get_embedder(IndexSettings(embedding_model=""))
    x = sentence_features(embedder, sentences)
    print(f"{len(injected)} injected, {len(hard)} hard negatives, {len(news)} news sentences; features in "
          f"{time.perf_counter() - started:.0f} s", flush=True)

    scores = cross_validated_scores(x, y, weights, args.c)
    news_scores = scores[len(injected) + len(hard):]
    threshold = threshold_for(news_scores, args.max_fpr)
    context = min(threshold, threshold_for(news_scores, args.context_fpr))
    recall = float((scores[:len(injected)] >= threshold).mean())
    hard_fp = float((scores[len(injected):len(injected) + len(hard)] >= threshold).mean())
    print(f"cross-validated: threshold {threshold:.3f} (context {context:.3f}), recall {recall:.3f}, "
          f"news removed {(news_scores >= threshold).mean():.4f}, hard negatives removed {hard_fp:.3f}")

    model = LogisticRegression(C=args.c, max_iter=2000).fit(x, y, sample_weight=weights)
    saved = {
        "about": "Injection screen: logistic regression over all-MiniLM-L6-v2 (bundled, int8 ONNX) sentence embeddings after "
                 "fold_lookalikes, then the word-group features; trained by train/injection.py on generated sentences and "
                 "DUC 2003 / Multi-News training clusters.",
        "embedding": embedder.name,
        "features": list(FEATURES),
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": round(threshold, 6),
        "context_threshold": round(context, 6),
        "training": {"injected": len(injected), "hard_negatives": len(hard), "news": len(news), "c": args.c,
                     "cv_recall": round(recall, 4), "cv_news_fpr": round(float((news_scores >= threshold).mean()), 5)},
    }
    args.out.write_text(json.dumps(saved, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

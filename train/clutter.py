"""Train the page-clutter model (index/clutter.py) on hand-labelled lines; writes index/clutter_model.json.

    python -m train.clutter            # about ten seconds on one CPU core; needs ../shared/data (DUC 2003, multinews_dev)

The labels (`train/clutter_labels.jsonl`) are lines of real scraped news from `multinews_dev` (split by story:
stories whose index % 10 is 0 or 1 are held out for `bench/clutter.py`, the rest train), plus a few lines written
by hand (`"source": "written"`, training only). Classes: keep, interface, note (bylines, bios, disclaimers, contact lines), caption, promo, fragment.

The threshold on P(clutter) is the one that maximises F1 of story-grouped cross-validation on the training lines
(the held-out stories are never looked at here).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from collections import Counter

import numpy as np

from index.clutter import MODEL_PATH, line_features, verb_lexicon

LABELS = Path(__file__).with_name("clutter_labels.jsonl")
MIN_COUNT = 2
CLASSES = ["keep", "interface", "note", "caption", "promo", "fragment"]


def load(split: str) -> list[dict]:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["split"] == split]


SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
VERBS: frozenset[str] = frozenset()


def running_text() -> list[str]:
    """Unlabelled running news text for the verb lexicon: DUC 2003, and the training stories of multinews_dev."""
    texts = []
    with (SHARED_DATA / "duc2003" / "duc2003_mds.jsonl").open(encoding="utf-8") as handle:
        texts += [doc["text"] for line in handle for doc in json.loads(line)["docs"]]
    with (SHARED_DATA / "multinews" / "multinews_dev.jsonl").open(encoding="utf-8") as handle:
        texts += [p for index, line in enumerate(handle) if index % 10 not in (0, 1) for p in json.loads(line)["passages"]]
    return texts


def features(row: dict) -> dict[str, float]:
    position = row["line"] if row["line"] is not None else 99
    return line_features(row["text"], position, row.get("after_colon", False), VERBS)


def fit(rows: list[dict], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for r in rows for name in features(r))
    vectorizer = DictVectorizer()  # a feature seen on one line only is noise, and would swell the weights file
    x = vectorizer.fit_transform([{k: v for k, v in features(r).items() if counts[k] >= MIN_COUNT} for r in rows])
    y = [CLASSES.index(r["label"]) for r in rows]
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    model.fit(x, y)
    return vectorizer, model


def clutter_probability(vectorizer, model, rows: list[dict]) -> np.ndarray:
    probabilities = model.predict_proba(vectorizer.transform([features(r) for r in rows]))
    keep = list(model.classes_).index(0)
    return 1.0 - probabilities[:, keep]


def cross_validated(rows: list[dict], c: float, folds: int = 5) -> np.ndarray:
    """Out-of-fold P(clutter) for every row, folds grouped by story (written lines always train)."""
    scores = np.zeros(len(rows))
    for fold in range(folds):
        held = [i for i, r in enumerate(rows) if r["story"] is not None and r["story"] % folds == fold]
        train = [r for i, r in enumerate(rows) if i not in set(held)]
        vectorizer, model = fit(train, c)
        scores[held] = clutter_probability(vectorizer, model, [rows[i] for i in held])
    return scores


def precision_recall(scores: np.ndarray, truth: np.ndarray, threshold: float) -> tuple[float, float]:
    flagged = scores >= threshold
    tp = int((flagged & truth).sum())
    return tp / max(int(flagged.sum()), 1), tp / max(int(truth.sum()), 1)


def f_beta(precision: float, recall: float, beta: float) -> float:
    return (1 + beta**2) * precision * recall / max(beta**2 * precision + recall, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength of the logistic regression")
    parser.add_argument("--beta", type=float, default=1.0, help="the threshold maximises the cross-validated F-beta (below 1 favours precision)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()

    global VERBS
    VERBS = verb_lexicon(running_text())
    rows = load("train")
    real = np.array([r["story"] is not None for r in rows])
    truth = np.array([r["label"] != "keep" for r in rows])
    scores = cross_validated(rows, args.c)
    candidates = [round(float(t), 2) for t in np.arange(0.30, 0.951, 0.01)]
    threshold = max(candidates, key=lambda t: f_beta(*precision_recall(scores[real], truth[real], t), args.beta))
    precision, recall = precision_recall(scores[real], truth[real], threshold)
    print(f"{len(rows)} training lines ({int(truth.sum())} clutter); cross-validated at threshold {threshold:.2f}: "
          f"precision {precision:.3f}, recall {recall:.3f}")

    vectorizer, model = fit(rows, args.c)
    order = [list(model.classes_).index(CLASSES.index(name)) for name in CLASSES]
    coef = model.coef_[order]
    weights = {name: [round(float(w), 3) for w in coef[:, j]] for name, j in vectorizer.vocabulary_.items()
               if np.abs(coef[:, j]).max() >= 1e-3}
    data = {"classes": CLASSES, "bias": [round(float(b), 4) for b in model.intercept_[order]], "weights": dict(sorted(weights.items())),
            "threshold": round(threshold, 2), "verbs": sorted(VERBS), "trained_on": f"{len(rows)} lines of train/clutter_labels.jsonl", "c": args.c}
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB, {len(weights)} features)")


if __name__ == "__main__":
    main()

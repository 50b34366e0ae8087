"""Page clutter in plain text: precision and recall of cleaning on held-out hand-labelled lines of real scraped news.

    .venv/bin/python bench/clutter.py [--errors]

The lines are `train/clutter_labels.jsonl` rows with `"split": "test"`: lines of the `multinews_dev` stories whose
index % 10 is 0 or 1, never used in training (`train/clutter.py` trains on the others). A line counts as flagged when
cleaning would remove it, by a rule or by the trained model (`index.cleaning.line_reason`). Precision: of the lines
flagged, how many are clutter; recall: of the clutter lines, how many are flagged. Reported for the rules alone too.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import common  # noqa: F401  (the offline environment)

from index.cleaning import _boilerplate_reason, _header_reason, line_reason

LABELS = Path(__file__).resolve().parent.parent / "train" / "clutter_labels.jsonl"
TARGETS = (0.95, 0.85)


def scores(rows: list[dict], flagged: list[bool]) -> tuple[float, float, int, int]:
    truth = [r["label"] != "keep" for r in rows]
    tp = sum(f and t for f, t in zip(flagged, truth))
    return tp / max(sum(flagged), 1), tp / max(sum(truth), 1), sum(flagged), sum(truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print the lines judged wrongly")
    args = parser.parse_args()
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["split"] == "test"]
    stories = sorted({r["story"] for r in rows})
    print(f"{len(rows)} held-out lines from {len(stories)} multinews_dev stories: "
          f"{dict(Counter(r['label'] for r in rows))}")

    reasons = [line_reason(r["text"], r["line"], ":" if r.get("after_colon") else "") for r in rows]
    rules = [bool(_boilerplate_reason(r["text"]) or _header_reason(r["text"], r["line"])) for r in rows]
    for name, flagged in (("rules alone", rules), ("rules + model (cleaning)", [bool(x) for x in reasons])):
        precision, recall, count, clutter = scores(rows, flagged)
        print(f"{name:26s} precision {precision:.3f}  recall {recall:.3f}  ({count} flagged, {clutter} clutter lines)")
    precision, recall, _, _ = scores(rows, [bool(x) for x in reasons])
    print(f"targets: precision >= {TARGETS[0]}, recall >= {TARGETS[1]}: "
          f"{'met' if precision >= TARGETS[0] and recall >= TARGETS[1] else 'NOT met'}")
    by_label = Counter(r["label"] for r, x in zip(rows, reasons) if x and r["label"] != "keep")
    print("recall by kind:", {k: f"{by_label[k]}/{v}" for k, v in Counter(r['label'] for r in rows if r['label'] != 'keep').items()})
    if args.errors:
        for r, reason in zip(rows, reasons):
            if bool(reason) != (r["label"] != "keep"):
                print(f"  {'FLAGGED ' + reason if reason else 'MISSED':18s} [{r['label']}] {r['text'][:110]}")


if __name__ == "__main__":
    main()

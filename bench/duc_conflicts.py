"""Every conflict the comparison finds in DUC 2003 clusters, printed for a reader to judge.

    .venv/bin/python bench/duc_conflicts.py [--clusters 0-11]

DUC 2003 clusters are ten newswire articles on one story each (AP, NYT, Xinhua ...). Each cluster is ingested into a
temporary library (embedded Chroma, the real embedder) and compared whole, as `manysides compare` would; every conflict
is printed with its reason and every position's claim. Most figures two wires give for one story are values of different
things (a quarter's profit and a year's sales), so this is where false conflicts show: read each line and ask whether
the two outlets really give two values for one thing. Prints the count per cluster and in all.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

from common import SHARED_DATA, require

from bot.compare import compare
from index import IndexSettings, Library


def cluster_range(spec: str) -> list[int]:
    first, _, last = spec.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", default="0-11", help="cluster numbers in file order, e.g. 0-11 or 5")
    args = parser.parse_args()
    clusters = [json.loads(line) for line in require(SHARED_DATA / "duc2003" / "duc2003_mds.jsonl").open(encoding="utf-8")]
    total = 0
    for number in cluster_range(args.clusters):
        cluster = clusters[number]
        with tempfile.TemporaryDirectory() as home:
            folder = Path(home) / "articles"
            folder.mkdir()
            for n, doc in enumerate(cluster["docs"]):
                body = re.sub(r"``|''", '"', doc["text"])
                (folder / f"{n:02d}.txt").write_text(f"Title: {doc['doc_id']}\nOutlet: {doc['doc_id'][:3]} {n}\n\n{body}\n", encoding="utf-8")
            library = Library(IndexSettings(home=Path(home) / "library"))
            library.ingest([str(folder)])
            comparison = compare(library)
        total += len(comparison.conflicts)
        print(f"== cluster {number} ({cluster.get('cluster_id', '')}): {len(comparison.consensus)} agreements, {len(comparison.conflicts)} conflicts",
              flush=True)
        for conflict in comparison.conflicts:
            print(f"  CONFLICT {conflict.reason} | {conflict.topic}")
            for position in conflict.positions:
                print(f"     - {' '.join(position.claim.split())[:220]}")
    print(f"\nconflicts in all: {total}")


if __name__ == "__main__":
    main()

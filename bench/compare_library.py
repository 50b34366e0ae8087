"""`compare` on a library of about 2,000 articles of many stories: time and peak memory of the command.

    .venv/bin/python bench/compare_library.py [--articles 2000] [--home /tmp/manysides-2000]

The library holds DUC 2003 (30 clusters of newswire), every article of `multinews_dev` (99 web stories) and SciFact
abstracts (each its own topic) up to --articles, ingested once into --home (kept, so a second run skips the ingest).
Then `manysides compare` runs in a fresh process on the whole library, as a user would type it: it groups the articles
into stories from the vectors stored at ingest and compares the largest. Printed: the ingest time (sources that fail,
such as a passage with nothing left after cleaning, are reported by the ingest and left out), and for `compare` run
twice, each time in a new process (the second finds the story's sentence vectors cached on disk; the judge starts
empty both times), the wall time and the process's peak RSS (issue target: <= 2 GB).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from common import REPO, SHARED_DATA, duc_articles, require


def _articles(limit: int) -> list[dict]:
    """{id, title, text} records: DUC, multinews, then SciFact abstracts up to `limit`."""
    records = [{"id": f"duc-{a['doc_id']}", "title": a["doc_id"], "text": a["text"]} for a in duc_articles()]
    with require(SHARED_DATA / "multinews" / "multinews_dev.jsonl").open() as handle:
        for number, line in enumerate(handle):
            for outlet, passage in enumerate(json.loads(line)["passages"]):
                records.append({"id": f"mn-{number}-{outlet}", "title": f"Story {number} outlet {outlet}", "text": passage})
    with require(SHARED_DATA / "scifact" / "corpus.jsonl").open() as handle:
        for line in handle:
            if len(records) >= limit:
                break
            abstract = json.loads(line)
            records.append({"id": f"sf-{abstract['_id']}", "title": abstract["title"], "text": abstract["text"]})
    return records[:limit]


def _run(command: list[str], env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds and the child's peak RSS in MB (a fresh process each time, so the peak is this command's own)."""
    probe = [sys.executable, "-c", "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.stdout.write(r.stdout); "
             "sys.stderr.write(r.stderr); sys.exit(r.returncode)", *command]
    started = time.perf_counter()
    result = subprocess.run(probe, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    peak_kb = int(result.stderr.splitlines()[0])
    return seconds, peak_kb / 1024, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--home", type=Path, default=Path("/tmp/manysides-2000"))
    args = parser.parse_args()
    cli = str(Path(sys.executable).parent / "manysides")
    env = {**os.environ, "MANYSIDES_HOME": str(args.home)}
    batch = args.home.parent / f"{args.home.name}-articles.jsonl"
    if not (args.home / ".ingested").exists():
        records = _articles(args.articles)
        batch.write_text("".join(json.dumps(r) + "\n" for r in records))
        seconds, peak, result = _run([cli, "ingest", str(batch)], env)
        stored = len(json.loads(subprocess.run([cli, "list", "--json"], capture_output=True, text=True, env=env).stdout)["articles"])
        print(f"ingest: {len(records)} sources, {stored} articles stored, in {seconds:.0f} s, peak {peak:.0f} MB", flush=True)
        (args.home / ".ingested").write_text("")
    for run in ("first", "second"):
        seconds, peak, result = _run([cli, "compare", "--json"], env)
        if result.returncode:
            print(f"compare {run}: rc {result.returncode}: {result.stderr.strip().splitlines()[-1:]}")
            continue
        comparison = json.loads(result.stdout)
        stories = comparison.get("stories", [])
        print(f"compare {run}: {seconds:.1f} s, peak {peak:.0f} MB; {len(stories)} stories, compared "
              f"{len(comparison['sources'])} articles of the largest ({stories[0]['label'][:60] if stories else ''})", flush=True)
    print(f"(the memory target is <= 2048 MB; this machine: {os.cpu_count()} CPUs; script {Path(__file__).relative_to(REPO)})")


if __name__ == "__main__":
    main()

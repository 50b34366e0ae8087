"""Shared helpers for the benchmarks: the offline environment and the development data in ../shared."""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED_DATA = Path(os.environ.get("MANYSIDES_SHARED_DATA", REPO.parent / "shared" / "data"))

from bot.runtime import configure_runtime  # noqa: E402

configure_runtime()


def require(path: Path) -> Path:
    """The data file, or exit 0 with a message saying it is absent (a user's checkout has no ../shared)."""
    if not path.exists():
        print(f"SKIPPED: {path} is absent; this benchmark needs the development data in ../shared/data.")
        sys.exit(0)
    return path


def duc_articles(limit: int | None = None) -> list[dict]:
    """DUC 2003 news articles as {doc_id, text}, in file order."""
    articles = []
    with require(SHARED_DATA / "duc2003" / "duc2003_mds.jsonl").open() as handle:
        for line in handle:
            articles.extend(json.loads(line)["docs"])
    return articles[:limit] if limit else articles


@contextmanager
def timer():
    """Yields a dict whose 'seconds' is filled in when the block ends."""
    result = {"seconds": 0.0}
    start = time.perf_counter()
    try:
        yield result
    finally:
        result["seconds"] = time.perf_counter() - start

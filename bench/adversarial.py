"""Crafted inputs through load -> clean -> chunk: each about 1 MB, each should take seconds, not minutes.

    .venv/bin/python bench/adversarial.py [--mb 1] [--only NAME ...]

Every input is written to a file and read by the real loaders (`iter_documents`), cleaned by `clean_text`,
split by `split_into_sentences` and packed by `chunk_sentences` at the default chunk size; the embedder is
not involved. Rows: seconds per stage, the total, the chunk count, and the error the user would see when
the input is refused. The target is under 5 s a row on one core.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

from common import timer

from index.chunking import chunk_sentences, split_into_sentences
from index.cleaning import clean_text
from index.errors import SourceError
from index.loaders import iter_documents
from index.settings import IndexSettings

SENTENCE = "The council met on Tuesday to discuss the harbor budget and the ferry schedule for the coming year. "


def repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def nav_page(size: int) -> str:
    lines = "".join(f"<li>Nav {i}</li>\n" for i in range(max(60_000, size // 17)))
    article = "".join(f"<p>{SENTENCE}Item {i}.</p>" for i in range(30))
    return f"<html><head><title>Harbor</title></head><body><ul>\n{lines}</ul><article>{article}</article></body></html>"


def nested_page(size: int) -> str:
    depth = size // 11
    return f"<html><body>{'<div>' * depth}<p>{repeat(SENTENCE, 2_000)}</p>{'</div>' * depth}</body></html>"


# name -> (file suffix, content of about `size` characters)
CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "md emphasis `*x `": (".md", lambda n: repeat("*x ", n)),
    "md emphasis, one per line": (".md", lambda n: repeat("*x\n", n)),
    "md link bomb `[x](`": (".md", lambda n: repeat("[x](", n)),
    "md brackets `[`": (".md", lambda n: repeat("[", n)),
    "md list lines `- a`": (".md", lambda n: repeat("- a\n", n)),
    "md nested lists `- - - - a`": (".md", lambda n: repeat("- - - - a\n", n)),
    "md reference definitions": (".md", lambda n: repeat("[x]: y\n", n)),
    "html 60k+ navigation lines": (".html", nav_page),
    "html divs nested 95k deep": (".html", nested_page),
    "txt one line, no punctuation": (".txt", lambda n: "Title\n\n" + repeat("harbor ferry budget council ", n)),
    "txt one run, no whitespace": (".txt", lambda n: "Title\n\n" + repeat("x", n)),
    "txt Japanese, no spaces": (".txt", lambda n: repeat("東京都は月曜日、新しい防災計画を発表した。", n // 3)),
    "txt 100k short lines": (".txt", lambda n: repeat("Home\n", n)),
    "jsonl nesting `[[[`": (".jsonl", lambda n: repeat("[", n // 2) + repeat("]", n // 2)),
}


def run_case(folder: Path, name: str, suffix: str, content: str, max_tokens: int) -> None:
    path = folder / f"case{suffix}"
    path.write_text(content, encoding="utf-8")
    chunks, outcome = 0, "ok"
    with timer() as loading:
        items = list(iter_documents(str(path), limit=10 * 2**20))
    with timer() as cleaning:
        cleaned = [clean_text(item.text, item.title).text for item in items if not isinstance(item, SourceError)]
    with timer() as chunking:
        for text in cleaned:
            spans = split_into_sentences(text, max_tokens)
            chunks += len(chunk_sentences(text, spans, "bench", "v1", max_tokens))
    errors = [item for item in items if isinstance(item, SourceError)]
    if errors:
        outcome = f"refused: {errors[0].message[:60]}"
    total = loading["seconds"] + cleaning["seconds"] + chunking["seconds"]
    size = path.stat().st_size / 2**20
    print(f"{name:32} {size:5.2f} {loading['seconds']:6.2f} {cleaning['seconds']:6.2f} {chunking['seconds']:6.2f} {total:6.2f} "
          f"{chunks:7,}  {outcome}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of each crafted input")
    parser.add_argument("--only", nargs="*", default=None, help="run only the cases whose name contains one of these")
    args = parser.parse_args()
    size = int(args.mb * 2**20)
    max_tokens = IndexSettings().chunk_tokens
    print(f"{'input':32} {'MB':>5} {'load':>6} {'clean':>6} {'chunk':>6} {'total':>6} {'chunks':>7}  outcome (seconds)")
    with tempfile.TemporaryDirectory() as folder:
        for name, (suffix, make) in CASES.items():
            if args.only and not any(word in name for word in args.only):
                continue
            run_case(Path(folder), name, suffix, make(size), max_tokens)


if __name__ == "__main__":
    main()

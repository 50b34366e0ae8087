"""Honest refusals: unanswerable questions refused, answerable ones still answered, on real articles.

    .venv/bin/python bench/refusals.py [--verbose]

bench/answer_questions.json holds questions written by hand over multinews_dev stories and a DUC 2003 cluster (../shared),
each marked answerable or not (the SQuAD 2.0 design: questions on topic that the text does not answer). Each story's
articles are written as article-N.txt, ingested into a temporary library and asked with the extractive engine, restricted
to that story's articles as the page does. Scored on `answerable` in the answer's JSON:

- refusal precision: of the questions refused, the share that were unanswerable;
- refusal recall: of the unanswerable questions, the share refused;
- answered rate: of the answerable questions, the share answered;
- with the fact: of the answerable questions, the share whose answer holds the labelled fact (`fact`, alternatives by |).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from common import SHARED_DATA, require

from bot.answer import ExtractiveEngine
from index import IndexSettings, Library

QUESTIONS = Path(__file__).resolve().parent / "answer_questions.json"


def story_texts(story: str, docs: int | None) -> list[str]:
    if story.startswith("mn"):
        with require(SHARED_DATA / "multinews" / "multinews_dev.jsonl").open() as handle:
            return next(row for row in map(json.loads, handle) if row["story"] == story)["passages"]
    with require(SHARED_DATA / "duc2003" / "duc2003_mds.jsonl").open() as handle:
        cluster = next(c for c in map(json.loads, handle) if c["cluster_id"] == story)
    return [d["text"] for d in cluster["docs"][:docs]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="print every question with its reply")
    args = parser.parse_args()
    spec = json.loads(QUESTIONS.read_text())
    outcomes: list[tuple[bool, bool]] = []  # (answerable, answered)
    with_fact = 0
    for story, options in spec["stories"].items():
        with tempfile.TemporaryDirectory() as home:
            folder = Path(home) / "articles"
            folder.mkdir()
            for number, text in enumerate(story_texts(story, options.get("docs")), start=1):
                (folder / f"article-{number}.txt").write_text(text)
            library = Library(IndexSettings(home=Path(home) / "library"))
            library.ingest([str(folder)])
            engine = ExtractiveEngine(library)
            ids = [r.id for r in library.articles()]
            for item in (q for q in spec["questions"] if q["story"] == story):
                answer = engine.answer(item["question"], article_ids=ids).to_json()
                outcomes.append((item["answerable"], answer["answerable"]))
                holds = answer["answerable"] and any(f in answer["answer"] for f in item.get("fact", "").split("|") if f)
                with_fact += holds
                if item["answerable"] and answer["answerable"] and not holds:
                    print(f"WITHOUT THE FACT {story}: {item['question']} -> {answer['answer'][:160]!r}")
                wrong = item["answerable"] != answer["answerable"]
                if args.verbose or wrong:
                    print(f"{'WRONG ' if wrong else ''}{story}: {item['question']} -> {answer['answer'][:160]!r}")
    unanswerable = [answered for answerable, answered in outcomes if not answerable]
    answerable = [answered for answerable, answered in outcomes if answerable]
    refused = [answerable for answerable, answered in outcomes if not answered]
    precision = sum(not a for a in refused) / len(refused) if refused else 0.0
    recall = sum(not a for a in unanswerable) / len(unanswerable)
    print(f"{len(answerable)} answerable, {len(unanswerable)} unanswerable questions: refusal precision {precision:.2f}, "
          f"refusal recall {recall:.2f} ({sum(not a for a in unanswerable)}/{len(unanswerable)} refused), "
          f"answered rate {sum(answerable) / len(answerable):.2f} ({sum(answerable)}/{len(answerable)}), "
          f"answered with the fact {with_fact / len(answerable):.2f} ({with_fact}/{len(answerable)})")


if __name__ == "__main__":
    main()

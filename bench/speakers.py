"""Who is quoted: precision and recall of the speakers bot.quotes finds, on hand-labelled sentences of real articles.

    .venv/bin/python bench/speakers.py [--verbose]

bench/speaker_labels.json holds sentences from ../shared/data (multinews_dev stories "mnN" by index and passage, DUC 2003
clusters by id and doc id), each with who the sentence quotes or attributes words to, or null when no named person or
organisation speaks in it. Each article is cleaned (index.clean_text) and split into sentences (index.split_into_sentences)
as ingestion does, and `find_attributions` runs on it; the speaker of a labelled sentence is that of the first attribution
whose span covers the sentence.

- precision: of the labelled sentences given a speaker, the share whose speaker is the labelled one (a speaker given to a
  sentence labelled null counts against it);
- recall: of the sentences labelled with a speaker, the share given that speaker.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from common import SHARED_DATA, require

from bot.quotes import find_attributions
from index.chunking import split_into_sentences
from index.cleaning import clean_text

LABELS = Path(__file__).resolve().parent / "speaker_labels.json"


def articles() -> dict[tuple[str, str], str]:
    """(story, doc) -> raw text for every labelled article."""
    texts: dict[tuple[str, str], str] = {}
    with require(SHARED_DATA / "multinews" / "multinews_dev.jsonl").open() as handle:
        for number, line in enumerate(handle):
            for doc, passage in enumerate(json.loads(line)["passages"]):
                texts[(f"mn{number}", str(doc))] = passage
    with require(SHARED_DATA / "duc2003" / "duc2003_mds.jsonl").open() as handle:
        for line in handle:
            cluster = json.loads(line)
            for doc in cluster["docs"]:
                texts[(cluster["cluster_id"], doc["doc_id"])] = doc["text"]
    return texts


def _plain(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="print every wrong or missed label")
    args = parser.parse_args()
    labels = json.loads(LABELS.read_text())["labels"]
    texts = articles()
    found_cache: dict[tuple[str, str], tuple[str, list]] = {}
    given = right = expected = right_expected = unlocated = 0
    for label in labels:
        key = (label["story"], str(label["doc"]))
        if key not in found_cache:
            text = clean_text(texts[key]).text
            found_cache[key] = (text, find_attributions(text, split_into_sentences(text)))
        text, found = found_cache[key]
        spans = split_into_sentences(text)
        snippet = _plain(label["snippet"])
        sentence = next((s for s in spans if snippet in _plain(text[s.start:s.end])), None)
        if sentence is None:
            unlocated += 1
            print(f"not found (cleaned away?): {key} {label['snippet']!r}")
            continue
        speaker = next((a.speaker for a in found if a.span.start <= sentence.start < a.span.end), None)
        accepted = set(label["speaker"].split("|")) if label["speaker"] else set()
        ok = speaker in accepted if speaker else not accepted
        given += speaker is not None
        right += speaker is not None and ok
        expected += bool(accepted)
        right_expected += bool(accepted) and ok
        if args.verbose and not ok:
            print(f"{'WRONG' if speaker else 'MISSED'}: {key} {label['snippet']!r}: got {speaker!r}, want {label['speaker']!r}")
    precision = right / given if given else 0.0
    recall = right_expected / expected if expected else 0.0
    print(f"{len(labels)} labelled sentences ({expected} with a speaker, {unlocated} not located): "
          f"precision {precision:.2f} ({right}/{given}), recall {recall:.2f} ({right_expected}/{expected})")


if __name__ == "__main__":
    main()

"""Outlets found in real scraped articles: how many articles that carry a dateline or a copyright line get their outlet.

    .venv/bin/python bench/outlets.py [--all]

Each `multinews_dev` passage is loaded as a plain-text file would be (first line the title) and cleaned; its outlet is
what `index.outlets.detect_outlet` finds. Two measures:
(a) hand-labelled passages: the outlet a reader sees in the text (a dateline, a copyright or byline line), and passages
    whose only candidate is a photo credit ("Image copyright Getty Images"), which must name no outlet;
(b) every passage with a dateline-like "(Name) -" or "/Name/ --" opening one of its first paragraphs, or a line starting
    "Copyright"/"©": whether the outlet found is the name on that line.
Labels of articles left without an outlet are shown as they would read ("Article N", or the file name's words).
"""

from __future__ import annotations

import argparse
import json
import re

from common import SHARED_DATA, require

from index.library import build_article
from index.loaders import parse_text

# story:passage -> the outlet the text names ("" when its only candidate is a photo credit). Written by hand.
EXPECTED = {
    "2:1": "AP", "13:1": "CNN", "22:0": "AP", "22:2": "CNN", "27:1": "PRNewswire", "28:1": "Reuters", "31:3": "AP", "33:0": "CNN",
    "36:1": "AP", "39:0": "AFP", "40:1": "Knoxville News Sentinel", "43:0": "GoBankingRates", "44:1": "AP", "45:2": "AP", "49:1": "AP",
    "59:0": "CNN", "59:1": "Reuters", "61:1": "Reuters", "63:2": "WFAA", "64:1": "AP", "66:0": "AP", "69:0": "Reuters", "72:0": "AP",
    "73:0": "AP", "73:1": "CNN", "78:1": "AP", "83:0": "Reuters", "83:1": "AP", "85:1": "AP", "89:1": "AP", "91:0": "CNN",
    "92:1": "CNN",
    "6:2": "", "24:1": "", "61:0": "", "70:1": "", "79:1": "", "86:1": "",  # BBC pages: "Image copyright X" credits only
}
_CANDIDATE = re.compile(r"^[^\n]{0,60}?(\((?P<a>[A-Z][A-Za-z&.' ]{1,40})\)\s*[-—–]|/(?P<b>[A-Z][A-Za-z]{2,30})/\s*--)")
_COPYRIGHT = re.compile(r"^\s*(copyright|©)\s*(\d{4}\s*)?(?P<c>[^\n.]{2,60})", re.IGNORECASE)


def outlet_line(passage: str) -> str:
    """The name on a passage's dateline ("(Reuters) -", "/PRNewswire/ --") or copyright line, "" when it has neither."""
    paragraphs = [p.strip() for p in passage.split("\n") if p.strip()]
    for paragraph in paragraphs[:7]:
        if match := _CANDIDATE.match(paragraph):
            return match.group("a") or match.group("b")
    for paragraph in paragraphs:
        if match := _COPYRIGHT.match(paragraph):
            return match.group("c").strip()
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every passage's outlet")
    args = parser.parse_args()
    path = require(SHARED_DATA / "multinews" / "multinews_dev.jsonl")
    stories = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found: dict[str, str] = {}
    texts: dict[str, str] = {}
    for s, story in enumerate(stories):
        for a, passage in enumerate(story["passages"]):
            key = f"{s}:{a}"
            try:
                article = build_article(parse_text(passage, f"{s:03d}_{a}.txt", key))
            except Exception as error:  # noqa: BLE001 (a passage with nothing left is reported, not fatal)
                found[key] = f"<{type(error).__name__}>"
                continue
            found[key], texts[key] = article.outlet, passage
            if args.all:
                print(f"{key:6s} {article.outlet!r:32s} {article.title[:60]!r}")

    right = [k for k, v in EXPECTED.items() if found.get(k, "").removeprefix("the ").lower() == v.lower()]
    named = [k for k, v in EXPECTED.items() if v]
    print(f"(a) hand-labelled: {len([k for k in right if EXPECTED[k]])}/{len(named)} articles with a dateline, copyright or byline "
          f"line named by their outlet; {len([k for k in right if not EXPECTED[k]])}/{len(EXPECTED) - len(named)} with only a photo "
          f"credit left unnamed (not named by the credit)")
    for key in sorted(set(EXPECTED) - set(right), key=lambda k: tuple(map(int, k.split(":")))):
        print(f"    wrong {key}: expected {EXPECTED[key]!r}, found {found.get(key)!r}")

    candidates = {key: name for key, passage in texts.items() if (name := outlet_line(passage))}
    hits = [k for k, name in candidates.items() if found[k] and found[k].lower() in name.lower()]
    print(f"(b) {len(hits)}/{len(candidates)} passages with a dateline or copyright line get the name on it "
          f"({len(found)} passages in all, {sum(1 for v in found.values() if v and not v.startswith('<'))} with an outlet)")
    for key in sorted(set(candidates) - set(hits), key=lambda k: tuple(map(int, k.split(":")))):
        print(f"    missed {key}: line names {candidates[key]!r}, found {found[key]!r}")


if __name__ == "__main__":
    main()

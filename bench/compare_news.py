"""Comparison quality on hand-labelled multi-outlet web news: shared facts, false agreements, false "only", conflicts.

    .venv/bin/python bench/compare_news.py [--story mn116 ...] [--quiet]

The stories are real scraped web articles from ../shared/data/multinews/multinews_dev.jsonl (page clutter left in).
bench/compare_news_labels.json holds hand labels for some of them: per story, `shared` facts (every article that
reports the fact, each with a verbatim snippet of the sentence stating it), `conflicts` (the same event with a different
figure, date, count or outcome: the snippets of each side), `only` facts (one article alone reports them) and
`not_same` pairs (similar-looking sentences that state different facts). Snippets locate sentences; they are short.

Each story's articles are written as article-1.txt ... article-N.txt (plain text, as a user would save them), ingested
into a temporary library, and compared with `bot.compare.compare(...).to_json()`, the same JSON `manysides compare
--json` prints. Only that public output is scored, so the script scores whatever comparison is checked out.

A citation (article_id, start, end into the cleaned text) hits a label when its span overlaps the snippet's span in the
cleaned text of that article, or the quote contains the snippet (whitespace and quote marks normalised).

- shared-fact recall: a labelled shared fact is found when one consensus item cites it in two or more articles.
  Outlet recall: of the labelled reporting articles, the share the best such consensus item cites at that fact (a fact
  not found adds 0).
- false agreements, counted in pairs of cited articles of a consensus item: the two sides hit labels but no labelled
  shared fact (or conflict side) in common, or both hit one `not_same` pair (so two sides of a labelled conflict shown
  as an agreement count too), or one side hits only `only` facts, or one side is a clutter-only article (a page of
  share buttons or other stories, with no fact of this story). Other pairs where a side hits no label are
  "unscored"; items with no scored pair are printed for a reader to judge.
- false "only": unique items whose citation hits a labelled shared fact of that article (another outlet reports it).
  "true only found": labelled `only` facts that appear as a unique item.
- close calls: claims shown beside another outlet's close claim, unconfirmed (neither agreement nor "only"): how many,
  how many hit a labelled shared fact (rightly kept out of "only") and how many a labelled `only` fact.
- "In short": the comparative summary's "Only X reports" lines (at 150 and 300 words) that cite a labelled shared fact.
- conflicts: a labelled conflict is found when one conflict item cites two of its sides; conflict items that match no
  labelled conflict are printed for a reader to judge.
- clutter: consensus or unique items citing an article labelled as clutter only (e.g. a page's list of headlines).

Labels whose snippet the cleaning dropped (or moved into the title) are listed; they still count as missed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from common import SHARED_DATA, require, timer

LABELS = Path(__file__).resolve().parent / "compare_news_labels.json"
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"', "–": "-", "—": "-"})
_SPACE = re.compile(r"\s+")


def normalized_with_map(text: str) -> tuple[str, list[int]]:
    """The text with plain quote marks and single spaces, and for each of its characters the index it came from."""
    chars, where = [], []
    for index, char in enumerate(text.translate(_QUOTES)):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        where.append(index)
    return "".join(chars), where


def normalized(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def locate(snippet: str, text: str) -> tuple[int, int] | None:
    """The span of the snippet in the text, exact or after normalising spaces and quote marks; None when absent."""
    start = text.find(snippet)
    if start >= 0:
        return start, start + len(snippet)
    flat, where = normalized_with_map(text)
    wanted = normalized(snippet)
    start = flat.find(wanted)
    if start < 0:
        return None
    return where[start], where[start + len(wanted) - 1] + 1


@dataclass(frozen=True)
class Label:
    """One labelled sentence of one article."""

    key: str  # S3 (shared fact 3), C1a (side a of conflict 1), O2 (only fact 2), N1 (not-same pair 1)
    kind: str  # shared, conflict, only or not_same
    article: int  # 1-based article number in the story
    snippet: str  # the verbatim snippet
    span: tuple[int, int] | None  # where it lies in the cleaned text, None when cleaning dropped it


@dataclass
class StoryScore:
    """Counts for one story (and, summed, for all)."""

    shared: int = 0
    shared_found: int = 0
    outlets: int = 0
    outlets_found: int = 0
    pairs: int = 0
    pairs_correct: int = 0
    pairs_false: int = 0
    pairs_unscored: int = 0
    unique: int = 0
    false_only: int = 0
    only: int = 0
    only_found: int = 0
    close: int = 0
    close_shared: int = 0
    close_only: int = 0
    close_pair: int = 0
    short_only: int = 0
    short_false: int = 0
    only_close: int = 0
    conflicts: int = 0
    conflicts_found: int = 0
    conflict_items: int = 0
    conflict_items_unmatched: int = 0
    clutter_items: int = 0
    labels_missing: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def add(self, other: StoryScore) -> None:
        for name, value in vars(other).items():
            if isinstance(value, (int, float)):
                setattr(self, name, getattr(self, name) + value)


def story_labels(story: dict, texts: dict[int, str]) -> list[Label]:
    """Every labelled snippet of the story, located in the cleaned text of its article."""
    labels: list[Label] = []

    def add(key: str, kind: str, article: str | int, snippet: str) -> None:
        number = int(article)
        text = texts.get(number)
        labels.append(Label(key, kind, number, snippet, locate(snippet, text) if text is not None else None))

    for number, fact in enumerate(story["shared"], 1):
        for article, snippets in fact["sentences"].items():
            for snippet in snippets:
                add(f"S{number}", "shared", article, snippet)
    for number, conflict in enumerate(story["conflicts"], 1):
        for side, position in zip("abcdefgh", conflict["sides"]):
            for article, snippets in position["sentences"].items():
                for snippet in snippets:
                    add(f"C{number}{side}", "conflict", article, snippet)
    for number, only in enumerate(story["only"], 1):
        add(f"O{number}", "only", only["article"], only["sentence"])
    for number, pair in enumerate(story.get("not_same", []), 1):
        for article, snippet in pair["sentences"].items():
            add(f"N{number}", "not_same", article, snippet)
    return labels


def label_problems(story: dict, passages: list[str]) -> list[str]:
    """Snippets that are not a verbatim substring (of six words or more) of their article, and `only` snippets that
    overlap a shared fact's snippet in the same article (a label can't be both)."""
    problems = []
    raw = dict(enumerate(passages, 1))
    labels = story_labels(story, raw)
    for label in labels:
        if label.span is None or label.snippet not in raw.get(label.article, ""):
            problems.append(f"{story['story']} {label.key}: not in article {label.article}: {label.snippet!r}")
        elif len(label.snippet.split()) < 6:
            problems.append(f"{story['story']} {label.key}: under six words: {label.snippet!r}")
    for only in (x for x in labels if x.kind == "only" and x.span):
        for shared in (x for x in labels if x.kind == "shared" and x.span and x.article == only.article):
            if only.span[0] < shared.span[1] and shared.span[0] < only.span[1]:
                problems.append(f"{story['story']} {only.key} overlaps {shared.key} in article {only.article}")
    return problems


def hit_labels(citation: dict, article: int | None, labels: list[Label]) -> set[str]:
    """The keys of the labels of that article the citation hits."""
    if article is None:
        return set()
    start, end = int(citation.get("start", -1)), int(citation.get("end", -1))
    quote = normalized(citation.get("quote", ""))
    keys = set()
    for label in labels:
        if label.article != article or label.span is None:
            continue
        if (start < label.span[1] and label.span[0] < end) or normalized(label.snippet) in quote:
            keys.add(label.key)
    return keys


def _pair_verdict(a: set[str], b: set[str]) -> str:
    """correct, false or unscored for two cited articles of one consensus item, from the labels each side hits."""
    if any(k[0] in "SC" for k in a & b):
        return "correct"
    if (a and b) or any(side and all(k[0] == "O" for k in side) for side in (a, b)):
        return "false"  # different labelled facts, a not-same pair, or a fact that only one article reports
    return "unscored"


def _short(text: str, width: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def ingest_story(passages: list[str], home: Path):
    """A fresh library holding the story's articles as article-N.txt; returns it and {article_id: number}."""
    from index import IndexSettings, Library

    folder = home / "articles"
    folder.mkdir()
    for number, text in enumerate(passages, 1):
        (folder / f"article-{number}.txt").write_text(text + "\n", encoding="utf-8")
    library = Library(IndexSettings(home=home / "library"))
    report = library.ingest([str(folder)])
    numbers = {}
    for record in library.articles():
        match = re.search(r"article-(\d+)\.txt$", record.source or "")
        if match:
            numbers[record.id] = int(match.group(1))
    errors = [f"{Path(e.source).name}: {e.error}" for e in report.errors]
    return library, numbers, errors


IN_SHORT_WORDS = (150, 300)  # the comparative summary's lengths whose "Only X reports" lines are scored


def score_story(story: dict, passages: list[str], verbose: bool) -> StoryScore:
    from bot.comparative import comparative_summary
    from bot.compare import compare

    score = StoryScore()
    say = print if verbose else (lambda *a, **k: None)
    with tempfile.TemporaryDirectory() as home:
        library, numbers, errors = ingest_story(passages, Path(home))
        for error in errors:
            say(f"  ingest error: {error}")
        texts = {number: library.article_text(article_id) or "" for article_id, number in numbers.items()}
        labels = story_labels(story, texts)
        with timer() as took:
            comparison = compare(library, list(numbers))
        score.seconds = took["seconds"]
        result = comparison.to_json()
        # The "In short" paragraph: its "Only X reports" lines, false when they cite a shared fact of that article.
        for words in IN_SHORT_WORDS:
            for sentence in comparative_summary(library, comparison, words=words).sentences:
                if not sentence.text.startswith("Only "):
                    continue
                keys = set().union(*(hit_labels(c.to_json(), numbers.get(c.article_id), labels) for c in sentence.citations))
                score.short_only += 1
                if any(k.startswith("S") for k in keys):
                    score.short_false += 1
                    say(f"  FALSE ONLY in short ({words} words): {_short(sentence.text)!r}")
    article_of = numbers.get
    clutter = set(story.get("clutter_articles", []))
    missing = [label for label in labels if label.span is None]
    score.labels_missing = len(missing)
    for label in missing:
        say(f"  label not in cleaned text: {label.key} article {label.article}: {_short(label.snippet, 100)!r}")

    # Shared facts: the consensus item citing the fact in the most articles.
    consensus = []
    for item in result["consensus"]:
        per_article: dict[int | None, set[str]] = defaultdict(set)
        for citation in item["citations"]:
            article = article_of(citation["article_id"])
            per_article[article] |= hit_labels(citation, article, labels)
        consensus.append((item, per_article))
    for number, fact in enumerate(story["shared"], 1):
        key, reporters = f"S{number}", {int(a) for a in fact["sentences"]}
        best = max((sum(1 for a, keys in per_article.items() if a in reporters and key in keys) for _, per_article in consensus),
                   default=0)
        score.shared += 1
        score.outlets += len(reporters)
        if best >= 2:
            score.shared_found += 1
            score.outlets_found += best
            if best < len(reporters):
                say(f"  partial  {key} {best}/{len(reporters)} outlets: {fact['fact']}")
        else:
            say(f"  MISSED   {key} ({len(reporters)} outlets): {fact['fact']}")

    # False agreements, in pairs of cited articles.
    for item, per_article in consensus:
        articles = sorted(a for a in per_article if a is not None)
        verdicts = [("false" if {a, b} & clutter else _pair_verdict(per_article[a], per_article[b]), a, b)
                    for i, a in enumerate(articles) for b in articles[i + 1:]]
        score.pairs += len(verdicts)
        score.pairs_correct += sum(v == "correct" for v, _, _ in verdicts)
        score.pairs_unscored += sum(v == "unscored" for v, _, _ in verdicts)
        false = [(a, b) for v, a, b in verdicts if v == "false"]
        score.pairs_false += len(false)
        if any(a in clutter for a in articles):
            score.clutter_items += 1
            say(f"  CLUTTER  consensus cites clutter-only article: {_short(item['claim'])!r}")
        if false:
            sides = "; ".join(f"{a}:{sorted(per_article[a])} vs {b}:{sorted(per_article[b])}" for a, b in false)
            say(f"  FALSE AGREEMENT ({sides}): {_short(item['claim'])!r}")
            for citation in item["citations"]:
                say(f"      [{article_of(citation['article_id'])}] {_short(citation['quote'], 130)!r}")
        elif all(v == "unscored" for v, _, _ in verdicts):
            cited = ", ".join(str(a) for a in articles)
            say(f"  unscored consensus (articles {cited}): " + " | ".join(
                f"[{article_of(c['article_id'])}] {_short(c['quote'], 90)!r}" for c in item["citations"]))

    # Unique items: false "only" when they hit a shared fact of their article.
    only_keys_found = set()
    for group in result["unique"]:
        article = article_of(group["article_id"])
        for claim in group["claims"]:
            score.unique += 1
            keys = set().union(*(hit_labels(c, article, labels) for c in claim["citations"])) if claim["citations"] else set()
            only_keys_found |= {k for k in keys if k.startswith("O")}
            shared = sorted(k for k in keys if k.startswith("S"))
            if shared:
                score.false_only += 1
                others = sorted({int(a) for k in shared for a in story["shared"][int(k[1:]) - 1]["sentences"]} - {article})
                say(f"  FALSE ONLY [{article}] {shared} also in {others}: {_short(claim['claim'])!r}")
            if article in clutter:
                score.clutter_items += 1
                say(f"  CLUTTER  only [{article}]: {_short(claim['claim'], 100)!r}")
    score.only = len(story["only"])
    score.only_found = len(only_keys_found)

    # Close calls: a claim shown beside another outlet's close one, neither agreement nor "only".
    only_keys_close = set()
    for call in result.get("close_calls", []):
        article = article_of(call["article_id"])
        score.close += 1
        keys = set().union(*(hit_labels(c, article, labels) for c in call["citations"])) if call["citations"] else set()
        score.close_shared += any(k.startswith("S") for k in keys)
        near = set().union(*(hit_labels(c, article_of(c["article_id"]), labels) for c in call["nearest"]))
        score.close_pair += any(k.startswith("S") for k in keys & near)
        score.close_only += any(k.startswith("O") for k in keys)
        only_keys_close |= {k for k in keys if k.startswith("O")}
    score.only_close = len(only_keys_close - only_keys_found)

    # Conflicts.
    found = set()
    for conflict in result["conflicts"]:
        score.conflict_items += 1
        keys = set()
        for position in conflict["positions"]:
            for citation in position["citations"]:
                article = article_of(citation["article_id"])
                keys |= {k for k in hit_labels(citation, article, labels) if k.startswith("C")}
        matched = {k[:-1] for k in keys if sum(1 for j in keys if j[:-1] == k[:-1]) >= 2}
        found |= matched
        if not matched:
            score.conflict_items_unmatched += 1
            say(f"  UNLABELLED CONFLICT ({conflict.get('reason', '')}): " + " | ".join(
                f"[{article_of(p['article_id'])}] {_short(p['claim'], 110)!r}" for p in conflict["positions"]))
    score.conflicts = len(story["conflicts"])
    score.conflicts_found = len(found)
    for number, conflict in enumerate(story["conflicts"], 1):
        if f"C{number}" not in found:
            sides = " vs ".join(side["value"] for side in conflict["sides"])
            say(f"  MISSED CONFLICT C{number}: {conflict['fact']} ({sides})")
    return score


def _ratio(part: float, whole: float) -> str:
    return f"{part / whole:.2f}" if whole else "  - "


def _row(name: str, s: StoryScore) -> str:
    return (f"{name:<7} {s.shared_found:>3}/{s.shared:<3} {_ratio(s.shared_found, s.shared):>6} {_ratio(s.outlets_found, s.outlets):>7} "
            f"{s.pairs_false:>3}/{s.pairs:<3} {s.pairs_unscored:>4} {s.false_only:>3}/{s.unique:<4} {_ratio(s.false_only, s.unique):>6} "
            f"{s.only_found:>3}/{s.only:<3} {s.conflicts_found:>2}/{s.conflicts:<2} {s.conflict_items_unmatched:>2}/{s.conflict_items:<3} "
            f"{s.clutter_items:>4} {s.labels_missing:>4} {s.close_shared:>3}/{s.close_only:>2}/{s.close:<3} {s.seconds:6.1f}")


HEADER = (f"{'story':<7} {'shared':>7} {'recall':>6} {'outlets':>7} {'f.agr':>7} {'unsc':>4} {'f.only':>8} {'f.only%':>6} "
          f"{'true.o':>7} {'confl':>5} {'unlab':>6} {'clut':>4} {'miss':>4} {'close s/o/all':>13} {'cmp s':>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--story", action="append", help="score only this story id (repeatable)")
    parser.add_argument("--quiet", action="store_true", help="print only the table, not each miss and error")
    args = parser.parse_args()
    data = require(SHARED_DATA / "multinews" / "multinews_dev.jsonl")
    rows = {record["story"]: record for record in map(json.loads, data.open(encoding="utf-8"))}
    stories = json.loads(LABELS.read_text(encoding="utf-8"))["stories"]
    if args.story:
        unknown = set(args.story) - {s["story"] for s in stories}
        if unknown:
            sys.exit(f"no labels for {', '.join(sorted(unknown))}; labelled: {', '.join(s['story'] for s in stories)}")
        stories = [s for s in stories if s["story"] in args.story]
    problems = [p for s in stories for p in label_problems(s, rows[s["story"]]["passages"])]
    if problems:
        sys.exit("the labels need fixing:\n" + "\n".join(problems))
    total, table = StoryScore(), []
    for story in stories:
        passages = rows[story["story"]]["passages"]
        if not args.quiet:
            print(f"\n== {story['story']} ({len(passages)} articles): {story['topic']}")
        score = score_story(story, passages, not args.quiet)
        total.add(score)
        table.append(_row(story["story"], score))
    print("\nshared = labelled shared facts found by one consensus item in >= 2 of their articles; outlets = outlet recall;")
    print("f.agr = false agreement pairs / scored+unscored pairs; unsc = pairs with an unlabelled side; f.only = unique items")
    print("that another outlet reports / all unique items; true.o = labelled 'only' facts shown as unique; confl = labelled")
    print("conflicts found; unlab = conflict items matching no labelled conflict; clut = items citing a clutter-only article;")
    print("miss = label snippets not in the cleaned text; close = close calls (a claim shown beside another outlet's close")
    print("one, unconfirmed): s = of a labelled shared fact (rightly not 'only'), o = of a labelled 'only' fact, all;")
    print("cmp s = compare() seconds.\n")
    print(HEADER)
    for line in table:
        print(line)
    print(_row("total", total))
    scored = total.pairs - total.pairs_unscored
    print(f"\nshared-fact recall {_ratio(total.shared_found, total.shared)} ({total.shared_found}/{total.shared}); "
          f"outlet recall {_ratio(total.outlets_found, total.outlets)} ({total.outlets_found}/{total.outlets}); "
          f"false agreements {total.pairs_false}/{scored} scored pairs ({total.pairs_unscored} unscored); "
          f"false only {total.false_only}/{total.unique} ({_ratio(total.false_only, total.unique)}); "
          f"labelled only shown {total.only_found}/{total.only} (+{total.only_close} as close calls); "
          f"close calls {total.close} ({total.close_shared} of a shared fact, {total.close_pair} beside that fact's other "
          f"wording, {total.close_only} of an 'only' fact); "
          f"'In short' only-lines another outlet reports {total.short_false}/{total.short_only} "
          f"({_ratio(total.short_false, total.short_only)}; at {' and '.join(map(str, IN_SHORT_WORDS))} words); "
          f"conflicts found {total.conflicts_found}/{total.conflicts}, unlabelled conflict items {total.conflict_items_unmatched}/{total.conflict_items}")


if __name__ == "__main__":
    main()

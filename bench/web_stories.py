"""Ten real web stories read as a user would: is any page clutter left in what the product says, is every outlet named?

    .venv/bin/python bench/web_stories.py [--stories 16,46,...] [--quiet]

Takes ten `multinews_dev` stories that no label was made from for training: the five stories no line was labelled in
(train/clutter_labels.jsonl) and five of the stories held out for testing the clutter model (index % 10 in 0 or 1,
never trained on), leaving out every story used by bench/compare_news_labels.json, bench/answer_questions.json and
bench/speaker_labels.json. Each story's articles are written to temporary .txt files (as a user would save them) and
ingested together into one temporary library (embedded Chroma, the real embedder). For each story it runs, through the
CLI, `compare`, `summarize`, `summarize --compare` and two questions, and prints:
- every article's outlet label as the comparison shows it, and the name on its dateline or copyright line if it has one;
- every output line that holds text the clutter classifier flags (`index.cleaning.line_reason`) or that looks like page
  clutter (an address, a handle, "click", "subscribe", a caption or credit...), with the command that printed it.
Then the figures: clutter lines in outputs, and articles with a dateline or copyright line named by that outlet.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

from common import SHARED_DATA, require
from outlets import outlet_line

from index.chunking import split_into_sentences
from index.cleaning import line_reason

# Ten stories: 16, 46, 53, 68, 91 have no labelled line; 0, 1, 10, 20, 21 were labelled only for the held-out test.
STORIES = (16, 46, 53, 68, 91, 0, 1, 10, 20, 21)
QUESTIONS = ("What happened?", "Who said what about it?")
# Page clutter a reader would spot at once, whatever the classifier says.
_LOOKS_LIKE_CLUTTER = re.compile(
    r"https?://|www\.|\S+@\S+\.\w+|(^|\s)@\w+|#\w+|\b(click|tap|subscribe|sign up|newsletter|follow (us|me|him|her)|share this|"
    r"read more|continue reading|advertisement|image (copyright|caption)|photo credit|getty images|all rights reserved|"
    r"copyright|cookies?|javascript|your browser|log ?in|loading|tweet with|add this|embed)\b", re.IGNORECASE)
_CITATION = re.compile(r"\s*(\[\^?\d+\])+|\s*\(unsupported[^)]*\)")
_MARKUP = re.compile(r"^\s*(#+|[-*>]|\d+\.)\s+|\*\*|`")
_QUOTED = re.compile(r"“([^”]{3,})”")
# Lines of the report's own structure, not article text: headings, notes in italics, the list of sources, refusals.
_STRUCTURE = re.compile(r"^\s*(#|(- )?\*|\[\d+\]\s|\[exit \d+\]|The selected articles don't say|warning:)")


def article_text_of(line: str) -> list[str]:
    """The article text an output line shows: its quotes (“...”), else the line without Markdown, citation marks and a
    leading "Label:" or "Only X reports:"; nothing for a line of the report's own structure."""
    if _STRUCTURE.match(line) and not _QUOTED.search(line):
        return []
    if quotes := _QUOTED.findall(line):
        return [q.strip() for q in quotes]
    text = _CITATION.sub("", _MARKUP.sub("", line)).strip()
    text = re.sub(r"\s*\((Article \d+|[^()]{1,40})(, [^()]{1,40})*\)$", "", text)  # "(Article 1, Article 3)": who reports it
    return [text] if len(text.split()) >= 3 else []


def _probe(text: str) -> str:
    """The start of an output's text, as it would be found in its article (an ellipsis marks a cut)."""
    return text.strip().removeprefix("…").rstrip(".…").strip()[:80]


def _sentence_of(text: str, articles: list[str]) -> str:
    """The whole sentence of the story's articles that an output's text comes from (the text itself when none holds it):
    the classifier judges lines, and a clause cut out of a sentence would read as a fragment."""
    probe = _probe(text)
    for article in articles:
        at = article.find(probe)
        if at >= 0:
            for span in split_into_sentences(article, 10_000):
                if span.start <= at < span.end:
                    return article[span.start:span.end]
    return text


def _flag(line: str, articles: list[str]) -> str:
    """Why an output line holds text that looks like page clutter ("" when none does)."""
    for text in article_text_of(line):
        if not any(_probe(text) in article for article in articles):
            continue  # the report's own words: headings, "Nobody is quoted.", "Article 1: <title>" in the sources
        if match := _LOOKS_LIKE_CLUTTER.search(text):
            return f"looks like clutter ({match.group(0).strip()!r})"
        if reason := line_reason(_sentence_of(text, articles)):
            return f"classifier: {reason}"
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", default=",".join(map(str, STORIES)), help="multinews_dev story indices, comma-separated")
    parser.add_argument("--quiet", action="store_true", help="print only flagged lines and the figures, not every output")
    args = parser.parse_args()
    path = require(SHARED_DATA / "multinews" / "multinews_dev.jsonl")
    data = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    chosen = [int(s) for s in args.stories.split(",")]
    print(f"stories: {', '.join(map(str, chosen))} (never labelled for training)")

    from typer.testing import CliRunner

    from bot.cli import app
    from bot.compare import outlet_label
    from index import articles_to_compare

    runner = CliRunner()
    flagged, with_line, named = 0, 0, 0
    with tempfile.TemporaryDirectory() as scratch:
        home, folder = Path(scratch) / "home", Path(scratch) / "files"
        folder.mkdir()

        def run(*command: str) -> str:
            result = runner.invoke(app, ["--home", str(home), *command], catch_exceptions=False)
            return result.stdout + (f"[exit {result.exit_code}] {result.stderr}" if result.exit_code else "")

        files = {s: [] for s in chosen}
        for s in chosen:
            for a, passage in enumerate(data[s]["passages"]):
                file = folder / f"{s:03d}_{a}.txt"
                file.write_text(passage, encoding="utf-8")
                files[s].append(file)
        # A source that fails (a page that is all clutter) makes the exit code 1; the JSON still lists it under "errors".
        ingested = runner.invoke(app, ["--home", str(home), "ingest", *[str(f) for s in chosen for f in files[s]], "--json"],
                                 catch_exceptions=False)
        report = json.loads(ingested.stdout)
        by_source = {Path(a["source"]).name: a["id"] for a in report["articles"]}
        for error in report["errors"]:
            print(f"ingest error: {error['source']}: {error['error']}")

        from bot.library import open_library

        library = open_library(home)
        records = {r.id: r for r in library.articles()}
        for s in chosen:
            among = [records[by_source[f.name]] for f in files[s] if f.name in by_source]
            ids = [r.id for r in articles_to_compare(among)]  # what a comparison takes by default: not widget pages or teasers
            print(f"\n=== story {s}: {len(among)} articles, {len(ids)} compared")
            for file, passage in zip(files[s], data[s]["passages"]):
                record = records.get(by_source.get(file.name, ""))
                line_name = outlet_line(passage)
                label = outlet_label(record, among) if record else "(not ingested)"
                ok = bool(line_name) and label.lower().removeprefix("the ") in line_name.lower()
                with_line += bool(line_name)
                named += ok
                flag = "" if not record or not record.not_article else f"  [not an article: {record.not_article}]"
                print(f"  {file.name}: label {label!r}; dateline/copyright: {line_name or '-'!r}"
                      + (f" ({'named' if ok else 'NOT NAMED'})" if line_name else "") + flag)
            if not ids:
                print("  nothing to compare, summarize or ask: no article of this story was ingested")
                continue
            article_args = [arg for i in ids for arg in ("--article", i)]
            outputs = {"compare": run("compare", *article_args), "summarize": run("summarize", *article_args),
                       "summarize --compare": run("summarize", "--compare", *article_args)}
            for question in QUESTIONS:
                outputs[f"ask {question!r}"] = run("ask", question, *article_args)
            texts = [library.article_text(i) or "" for i in ids]
            for command, text in outputs.items():
                if not args.quiet:
                    print(f"--- {command}\n{text.rstrip()}")
                seen = set()  # a comparison shows a sentence as an item and again as its footnote: count it once
                for line in text.splitlines():
                    if (reason := _flag(line, texts)) and tuple(article_text_of(line)) not in seen:
                        seen.add(tuple(article_text_of(line)))
                        flagged += 1
                        print(f"  FLAGGED [{command}] {reason}: {line.strip()[:200]}")
    print(f"\nclutter lines in outputs: {flagged}")
    print(f"articles with a dateline or copyright line named by that outlet: {named}/{with_line}")


if __name__ == "__main__":
    main()

"""Page clutter in plain text is removed (and recorded), and a source that is not an article is flagged, never compared."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from index import articles_to_compare, not_article_reason
from index.cleaning import clean_text, line_reason
from index.models import ArticleRecord, Removal

REPO = Path(__file__).resolve().parent.parent

NEWS = [
    "Shareholders voted against the pay package for BP's chief executive at the annual meeting on Thursday.",
    "About 59% of votes cast opposed the package, which had risen by 20% despite the company's record loss.",
    "The vote is advisory, and the board said it would consult investors before setting next year's pay.",
]
CLUTTER = {  # the page around a scraped article, as people paste it: each line and the kind of clutter it is
    "Image copyright PA Image caption Bob Dudley took over as chief executive in 2010": "caption",
    "You can add location information to your Tweets, such as your city or precise location, from the web and via "
    "third-party applications.": "interface",
    "Add Donald Trump as an interest to stay up to date on the latest Donald Trump news, video, and analysis from ABC News.": "interface",
    "[Related: Oil prices fall for a third week]": "promo",
    "Read Simon's full blog here.": "read more",
    "The author is a Reuters Breakingviews columnist. The opinions expressed are his own.": "note",
    "Tweet with a location": "interface",
    "PHOTOS: The biggest shareholder revolts of the decade": "caption",
}


def test_clutter_lines_of_a_pasted_page_are_removed_with_their_reason():
    lines = list(CLUTTER)
    raw = "\n\n".join(["Shareholders reject BP pay deal", NEWS[0], lines[0], NEWS[1], *lines[1:3], NEWS[2], *lines[3:]])
    cleaned = clean_text(raw, "Shareholders reject BP pay deal")
    assert cleaned.text == "\n\n".join(NEWS)
    removed = {r.text: r.reason for r in cleaned.removed if r.reason != "title"}
    assert set(removed) == set(CLUTTER)  # every removed line stays visible in the cleaning report
    assert removed["Read Simon's full blog here."] == "read more"
    assert removed["The author is a Reuters Breakingviews columnist. The opinions expressed are his own."] == "note"
    assert removed[lines[0]] == "caption" and removed[lines[1]] == "interface"


def test_held_out_labelled_lines_meet_the_targets():
    """Lines of real scraped news labelled by hand, from stories never used in training (index % 10 in {0, 1})."""
    rows = [json.loads(line) for line in (REPO / "train" / "clutter_labels.jsonl").read_text(encoding="utf-8").splitlines()]
    test = [r for r in rows if r["split"] == "test"]
    assert len(test) >= 200 and all(r["story"] % 10 in (0, 1) for r in test)
    assert all(r["story"] is None or r["story"] % 10 not in (0, 1) for r in rows if r["split"] == "train")
    flagged = [line_reason(r["text"], r["line"], ":" if r["after_colon"] else "") is not None for r in test]
    truth = [r["label"] != "keep" for r in test]
    hits = sum(f and t for f, t in zip(flagged, truth))
    assert hits / sum(flagged) >= 0.95 and hits / sum(truth) >= 0.85


def test_the_clutter_model_needs_no_torch():
    code = "import sys, index.cleaning as c; c.clean_text('Tweet with a location\\n\\nThe council met on Monday.'); print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_list_after_a_colon_and_short_news_lines_are_kept():
    raw = ("Shelters are open tonight at these places:\n\nCentral High School\n\nSt Mary's Church hall\n\n"
           "Nobody was hurt.\n\nSchools will reopen on Monday.")
    assert clean_text(raw).removed == ()


def test_a_source_that_is_not_an_article_says_why():
    assert not_article_reason(420, ()) == ""
    assert "words of prose" in not_article_reason(13, ())
    widgets = tuple(Removal(f"Embed this Tweet number {n} on your website by copying the code below", "interface") for n in range(20))
    assert "page furniture" in not_article_reason(90, widgets)
    assert not_article_reason(420, (), duplicate_of="a123") == "a copy of a123"
    assert not_article_reason(0, ()) == ""  # a record stored before word counts: unknown, not empty
    records = [ArticleRecord(id=i, version="v", title="t", source="s", chunks=1, words=w, duplicate_of=d)
               for i, w, d in (("a", 400, ""), ("b", 12, ""), ("c", 400, "a"))]
    assert [r.id for r in articles_to_compare(records)] == ["a", "c"]  # a copy stays: compare counts it once


WIDGET_PAGE = """Tweets about the bridge vote

The council voted on Tuesday to close the Greaves Street Bridge for repairs.

You can add location information to your Tweets, such as your city or precise location, from the web and via third-party applications. You always have the option to delete your Tweet location history.

Tweet with a location

Add this Tweet to your website by copying the code below.

Embed this Tweet

Learn more about your options and how to turn off location history.

Follow @ashfordnews on Twitter
"""


def test_ingest_flags_a_widget_page_and_its_copies(cli, tmp_path):
    paths = []
    for name in ("tweets-1.txt", "tweets-2.txt", "tweets-3.txt"):
        (path := tmp_path / name).write_text(WIDGET_PAGE)
        paths.append(str(path))
    article = tmp_path / "bridge.txt"
    article.write_text("Bridge closes for repairs\n\n" + " ".join(
        f"The Greaves Street Bridge closed on Tuesday after inspectors found corroded beams in span {n}." for n in range(8)))
    code, stdout, _ = cli("ingest", *paths, str(article), "--json")
    assert code == 0
    flags = {Path(a["source"]).name: a["not_article"] for a in json.loads(stdout)["articles"]}
    assert flags["bridge.txt"] is None
    assert "words of prose" in flags["tweets-1.txt"]
    assert flags["tweets-2.txt"].startswith("a copy of") and flags["tweets-3.txt"].startswith("a copy of")
    listed = json.loads(cli("list", "--json")[1])["articles"]
    assert sum(1 for a in listed if a["not_article"]) == 3

    code, stdout, _ = cli("ingest", str(tmp_path / "tweets-1.txt"))
    assert code == 0 and "not an article: only" in stdout and "left out of comparisons" in stdout


def test_separators_bare_links_and_reporting_notes_are_page_furniture():
    raw = ("The council met on Monday to vote on the bridge.\n\n___\n\nhttp://www.example-news.com\n\n"
           "The vote passed by seven to two.\n\nJane Karam reported from Ashford Falls.")
    cleaned = clean_text(raw)
    assert cleaned.text == "The council met on Monday to vote on the bridge.\n\nThe vote passed by seven to two."
    assert [r.reason for r in cleaned.removed] == ["separator", "link", "note"]


ARCHIVE_NOTE = (  # a page that is one paragraph of a site's own note, as a scraper keeps it when the article is gone
    "This archive keeps copies of web pages as they are published, together with the pages they link to. That way, "
    "when a linked page changes or disappears, a reader can still see the version that was live when the story was "
    "written. We hope that publishers will point broken links to these saved copies instead. The aim is that no link on "
    "the web ever leads nowhere. Pages from participating sites are saved every day and added to the collection after a "
    "short delay. You can browse the saved copies by address or by date.")
ONE_PARAGRAPH_STORY = (
    "The city council voted on Tuesday to close the Greaves Street bridge for six months while engineers replace "
    "corroded beams, officials said. The closure will add about 20 minutes to commutes for thousands of drivers who "
    "cross the river each day. The mayor said the repairs could not wait, after an inspection last month found rust that "
    "had eaten through steel supports. Local businesses near the bridge said they feared losing customers and asked the "
    "council for help with lost trade during the work.")


def test_a_page_that_is_one_paragraph_of_site_note_is_removed_and_a_one_paragraph_story_kept():
    assert len(ARCHIVE_NOTE.split()) > 80 and len(ONE_PARAGRAPH_STORY.split()) > 80  # past the length judged line by line
    note = clean_text(ARCHIVE_NOTE)
    assert note.text == "" and [r.reason for r in note.removed] == ["note"]
    story = clean_text(ONE_PARAGRAPH_STORY)
    assert story.text == ONE_PARAGRAPH_STORY and story.removed == ()
    # Judged whole only when it is the whole page: beside article paragraphs, a long paragraph stays article text.
    beside = clean_text(f"{ONE_PARAGRAPH_STORY}\n\n{ARCHIVE_NOTE}")
    assert ARCHIVE_NOTE in beside.text


def test_ingesting_a_site_note_page_says_so_in_one_line_and_adds_the_rest(cli, tmp_path):
    (note := tmp_path / "archived.txt").write_text(ARCHIVE_NOTE)
    (story := tmp_path / "bridge.txt").write_text(ONE_PARAGRAPH_STORY)
    code, stdout, stderr = cli("ingest", str(note), str(story))
    errors = [line for line in (stdout + stderr).splitlines() if "archived.txt" in line]
    assert code == 1 and len(errors) == 1 and "page clutter: note" in errors[0] and "Traceback" not in stdout + stderr
    listed = json.loads(cli("list", "--json")[1])["articles"]
    assert [Path(a["source"]).name for a in listed] == ["bridge.txt"]

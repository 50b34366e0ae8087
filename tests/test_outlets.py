"""Outlets named as people know them: found in the article's own lines, and editable without re-embedding."""

from __future__ import annotations

import json

import pytest

from index.models import Removal
from index.outlets import detect_outlet

BODY = ("The Greaves Street Bridge closed on Tuesday after inspectors found corroded beams. "
        "Repairs will cost $6.8 million, town officials said.")


@pytest.mark.parametrize(("line", "outlet"), [
    ("– Copyright The Example Times Limited 2022", "The Example Times"),
    ("© 2022 Cable Network News. A Mediaco Company. All Rights Reserved.", "Cable Network News"),
    ("Copyright 2003 The Associated Press. All rights reserved.", "The Associated Press"),
    ("Copyright © 2024 Riverside News & Media Limited or its affiliated companies.", "Riverside News & Media"),
    ("© Author 2013. All rights reserved.", ""),
])
def test_a_copyright_line_names_the_outlet(line, outlet):
    assert detect_outlet(BODY, [Removal(line, "copyright")]) == outlet


def test_bylines_datelines_and_urls_name_the_outlet_in_that_order():
    assert detect_outlet(BODY, [Removal("By Jane Doe, The Valley Herald", "byline")]) == "The Valley Herald"
    assert detect_outlet("ASHFORD FALLS (Metro Wire) - " + BODY, []) == "Metro Wire"
    assert detect_outlet(BODY, [], "https://www.example-news.com/story/1") == "example-news.com"
    assert detect_outlet(BODY, [Removal("By Jane Doe in Washington", "byline")]) == ""
    assert detect_outlet("The mayor said on Tuesday. " + BODY, [], "") == ""


def test_ingest_names_outlets_and_edit_renames_without_reembedding(cli, tmp_path):
    story = tmp_path / "000_cbbd79d903cc84ac.txt"
    story.write_text(f"Bridge closed over corroded beams\n\n{BODY}\n\n– Copyright The Example Times Limited 2022\n")
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in [
        {"id": "wire-1", "title": "Ferry", "outlet": "Metro Wire", "text": "A ferry will cross the river every twenty minutes while the bridge is closed."},
        {"id": "web-1", "title": "Detour", "url": "https://www.valley-courier.example/detour",
         "text": "Traffic is detoured to Oakmont Avenue while the Greaves Street Bridge is closed for repairs."}]))
    code, stdout, _ = cli("ingest", str(story), str(batch), "--json")
    assert code == 0
    outlets = {a["id"]: a["outlet"] for a in json.loads(stdout)["articles"]}
    assert sorted(outlets.values()) == ["Metro Wire", "The Example Times", "valley-courier.example"]

    [times] = [i for i, o in outlets.items() if o == "The Example Times"]
    before = {a["id"]: a for a in json.loads(cli("list", "--json")[1])["articles"]}[times]
    code, stdout, _ = cli("edit", times[:6], "--outlet", "Example \x1b[31mTimes", "--json")
    assert code == 0 and json.loads(stdout)["article"]["outlet"] == "Example Times"
    after = {a["id"]: a for a in json.loads(cli("list", "--json")[1])["articles"]}[times]
    assert after["outlet"] == "Example Times" and after["chunks"] == before["chunks"] and after["title"] == before["title"]
    hits = json.loads(cli("search", "corroded beams", "--k", "3", "--json")[1])["hits"]
    assert times in {h["article_id"] for h in hits}  # same chunks, still found
    code, stdout, _ = cli("ingest", str(story), "--json")
    [again] = json.loads(stdout)["articles"]
    assert again["status"] == "unchanged" and again["outlet"] == "Example Times"  # a re-ingest keeps the reader's name
    code, stdout, _ = cli("compare", "--json")  # the two one-sentence records are not articles: left out by default
    assert code == 1 and "not articles" in _
    code, stdout, _ = cli("compare", *[arg for i in outlets for arg in ("--article", i)], "--json")  # unless named
    assert "Example Times" in {s.get("outlet") for s in json.loads(stdout)["sources"]}

    assert cli("edit", times)[0] == 1 and cli("edit", "zzz", "--outlet", "X")[0] == 1


def test_articles_of_one_outlet_get_labels_that_tell_them_apart():
    from bot.compare import outlet_label
    from index import ArticleRecord

    records = [ArticleRecord(id=i, version="v", title="t", source="x.jsonl", chunks=1, outlet="AP")
               for i in ("APW19990519.0113", "APW20000507.0061", "APW20000707.0137")]
    labels = [outlet_label(r, records) for r in records]
    assert labels == ["AP (APW1999)", "AP (APW200005)", "AP (APW200007)"]
    assert outlet_label(records[0], records[:1]) == "AP"


@pytest.mark.parametrize(("opening", "outlet"), [
    ("(CNN) -- A few lucky folks will wake up richer on Wednesday.", "CNN"),
    ("(CNN) The administration plans to raise pending tariffs.", "CNN"),
    ("Washington (CNN) Donald Trump said Saturday that teachers should be armed.", "CNN"),
    ("LONDON (Reuters Breakingviews) - A leading shareholder has turned on the board.", "Reuters Breakingviews"),
    ("FRANKLIN, Tenn. (AP) — The candidate spoke on Saturday.", "AP"),
    ("Dec 17 (Reuters) - A last-minute ticket buying frenzy could make history.", "Reuters"),
    ("CHICAGO, Nov. 30, 2018 /PRNewswire/ -- The airline today announced a deal.", "PRNewswire"),
])
def test_datelines_of_every_common_form_name_the_outlet(opening, outlet):
    assert detect_outlet(f"{opening}\n\n{BODY}", []) == outlet


def test_a_dateline_after_a_caption_and_a_byline_still_counts():
    text = (f"Displaced residents wait at a school in the north of the city on Thursday. (Associated Press)\n\n"
            f"JERUSALEM (AP) — {BODY}")
    assert detect_outlet(text, []) == "AP"


@pytest.mark.parametrize(("line", "outlet"), [
    ("By Jane Doe | The Valley Herald", "The Valley Herald"),
    ("By Jane Doe of the Valley Herald", "Valley Herald"),
    ("By Jane Doe/The Valley Herald", "The Valley Herald"),
])
def test_bylines_of_every_common_form_name_the_outlet(line, outlet):
    from index.library import build_article
    from index.models import Document

    article = build_article(Document(source="x.txt", identity="x", title="Bridge closed", text=f"{line}\n\n{BODY}"))
    assert article.outlet == outlet


def test_a_photo_credit_is_not_the_outlet():
    from index.library import build_article
    from index.models import Document

    text = f"Image copyright PA Image caption Bob Dudley took over as chief executive in 2010\n\n{BODY}\n\nImage copyright Getty Images"
    article = build_article(Document(source="x.txt", identity="x", title="Bridge closed", text=text))
    assert article.outlet == "" and "Image copyright" not in article.text


@pytest.mark.parametrize(("line", "outlet"), [
    ("Write to Jane Doe at jane.doe@valleyherald.com", "valleyherald.com"),
    ("Permalink: http://news.valleyherald.com/2014/03/11/bridge-closed/", "valleyherald.com"),
    ("Message: * A friend wanted you to see this item from WVLY.com: http://wv.ly/1755W", "WVLY.com"),
    ("Originally published on Valley Science.", "Valley Science"),
    ("Follow Jane Doe on Twitter: www.twitter.com/janedoe", ""),
])
def test_an_outlets_own_address_line_names_it(line, outlet):
    assert detect_outlet(BODY, [Removal(line, "interface")]) == outlet


def test_an_outlet_that_has_learned_is_named_but_police_are_not():
    assert detect_outlet("Valley News has learned that the bridge will stay shut. " + BODY, []) == "Valley News"
    assert detect_outlet("Police have learned that the bridge will stay shut. " + BODY, []) == ""


def test_labels_without_an_outlet_are_short_and_readable():
    from bot.compare import outlet_label
    from index import ArticleRecord

    headline = "Angry shareholders mounted an unprecedented revolt against the pay of the chief executive"
    records = [ArticleRecord(id=f"a{n}", version="v", title=headline, source=source, chunks=1)
               for n, source in enumerate(["/tmp/000_cbbd79d903cc84ac.txt", "/tmp/valley-herald.txt", "/tmp/9f1c2e.txt",
                                           "/tmp/angry-shareholders-mounted-an-unprecedented-revolt.txt"])]
    labels = [outlet_label(r, records) for r in records]
    assert labels == ["Article 1", "Valley Herald", "Article 3", "Article 4"]
    assert not any("…" in label or "shareholders" in label.lower() for label in labels)


@pytest.mark.parametrize(("url", "site"), [
    ("https://www.wsj.com/articles/bridge-closes-1", "wsj.com"),
    ("https://markets.wsj.com/story?id=7", "wsj.com"),
    ("http://www.chicagotribune.tribpub.com/news/a", "tribpub.com"),
    ("https://www.bbc.co.uk/news/uk-1", "bbc.co.uk"),
    ("http://127.0.0.1:8502/story", "127.0.0.1"),
    ("ftp://www.wsj.com/a", ""),
])
def test_one_rule_names_the_site_of_a_url(url, site):
    from bot.compare import outlet_label
    from index import ArticleRecord
    from index.outlets import site_name

    assert site_name(url) == site
    # An article stored without an outlet (an older record, or one the reader cleared) is labelled by the same rule.
    unnamed = ArticleRecord(id="a1", version="v", title="Bridge closes", source=url, chunks=1, url=url)
    assert outlet_label(unnamed, [unnamed]) == (site or "Article 1")
    assert detect_outlet(BODY, [], url) == site


def test_an_article_without_an_outlet_is_listed_by_the_name_the_chart_gives_it():
    from bot.compare import article_label, outlet_label
    from index import ArticleRecord

    records = [ArticleRecord(id=f"a{n}", version="v", title=title, source=f"/tmp/000_{n}.txt", chunks=1)
               for n, title in enumerate(["Israel calls up reservists", "Rockets reach Tel Aviv"], start=1)]
    for record in records:
        assert article_label(record, records) == f"{outlet_label(record, records)} - {record.title}"
    assert article_label(records[1], records) == "Article 2 - Rockets reach Tel Aviv"


def test_an_unnamed_article_has_one_number_in_the_list_the_comparison_and_its_citations(library, tmp_path):
    """The sidebar lists the whole library while a comparison shows only the chosen articles: "Article N" is the article's
    number in the library's list everywhere, so the reader can match a chart column to a list row."""
    from bot.compare import compare, outlet_label
    from bot.views import comparison_view

    folder = tmp_path / "unnamed"
    folder.mkdir()
    story = ("The council of Dunmore voted on Tuesday to close the old ferry landing after inspectors found the pier "
             "unsafe. Repairs are expected to cost about 2 million pounds and to take most of the year. Commuters will "
             "use a temporary bus service across the estuary while the work goes on, the council said in a statement. ")
    for n, extra in enumerate(["Shop owners near the landing fear a drop in trade.", "The pier was built in 1931.",
                               "A public meeting on the closure is planned for next month."]):
        (folder / f"000_{n}c0ffee{n}d15ea5e.txt").write_text(f"{story}{extra} " * 2)
    library.ingest([str(folder)])
    listed = library.articles()
    assert [r.number for r in listed] == [1, 2, 3]
    assert [outlet_label(r, listed) for r in listed] == ["Article 1", "Article 2", "Article 3"]
    chosen = [listed[1].id, listed[2].id]  # not the first: numbered by place among the chosen, they would be 1 and 2
    comparison = compare(library, chosen)
    shown = {outlet_label(r, comparison.sources) for r in comparison.sources}
    assert shown == {"Article 2", "Article 3"}
    assert {r.number for r in comparison.sources} == {2, 3}
    assert library.article(listed[2].id).number == 3
    assert set(comparison_view(comparison).labels.values()) == {"Article 2", "Article 3"}  # the chart's column names

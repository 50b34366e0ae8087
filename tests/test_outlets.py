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
    code, stdout, _ = cli("compare", "--json")
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

"""Each format becomes a Document with its metadata."""

import io
import json
import time

import pytest

from index.errors import SourceError
from index.library import build_article
from index.loaders import _html_tree, _page_leftovers, iter_documents
from index.models import Document
from tests.conftest import SAMPLES
from tests.pdfmaker import make_pdf

LIMIT = 10 * 2**20


def load(source: str, **kwargs) -> list:
    return list(iter_documents(source, limit=LIMIT, **kwargs))


def test_text_header_block_gives_metadata():
    [doc] = load(str(SAMPLES / "metro-wire.txt"))
    assert isinstance(doc, Document)
    assert doc.title == "Corroded Beams Force Closure of Ashford Falls Bridge"
    assert (doc.outlet, doc.published, doc.author) == ("Metro Wire", "2026-03-11", "Rafael Ortiz")
    assert not doc.text.startswith("Title:")


def test_text_first_line_is_the_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Council votes to expand the library\n\nThe town council voted 5-2 on Monday to expand the library.\n")
    [doc] = load(str(path))
    assert doc.title == "Council votes to expand the library"
    assert doc.text.startswith("The town council voted")


def test_a_long_first_line_is_body_text_not_a_title(tmp_path):
    path = tmp_path / "story.txt"
    first = "The town council voted on Monday to expand the public library after a long debate about costs, parking and the hours of the reading room."
    path.write_text(first + "\nThe vote was 5-2.\n")
    [doc] = load(str(path))
    assert doc.text.startswith(first)
    assert doc.title and len(doc.title.split()) <= 13


def test_markdown_front_matter_and_markup(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("---\noutlet: Harbor Times\nauthor: Ana Ruiz\n---\n# Ferry fares rise\n\nFares rise **ten percent** on [Monday](http://x.example).\n")
    [doc] = load(str(path))
    assert (doc.title, doc.outlet, doc.author) == ("Ferry fares rise", "Harbor Times", "Ana Ruiz")
    assert doc.text == "Fares rise ten percent on Monday."


def test_html_main_text_and_metadata():
    [doc] = load(str(SAMPLES / "valley-courier.html"))
    assert doc.title == "Ashford Falls shuts Greaves Street Bridge over rusted beams"
    assert (doc.outlet, doc.author, doc.published) == ("Valley Courier", "Hannah Cole", "2026-03-11")
    assert "Nobody was hurt, according to town officials." in doc.text
    assert "Privacy Policy" not in doc.text
    assert "Privacy Policy" in doc.dropped  # what the extractor left out is kept for the user


def test_pdf_text_and_title(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(make_pdf(["The harbor authority approved four new daily crossings.", "The change starts on July 1."], title="Ferry schedule"))
    [doc] = load(str(path))
    assert doc.title == "Ferry schedule"
    assert "four new daily crossings" in doc.text


def test_jsonl_records_use_their_id(tmp_path):
    path = tmp_path / "batch.jsonl"
    rows = [{"id": "story-1", "title": "One", "text": "First story text here, long enough.", "outlet": "A"},
            {"title": "Two", "text": "Second story text here, long enough.", "url": "https://b.example/2"}]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    docs = load(str(path))
    assert [d.explicit_id for d in docs] == ["story-1", ""]
    assert docs[1].identity == "https://b.example/2"


def test_folder_is_walked_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("Title one\n\nBody of the first story.")
    (tmp_path / "a" / "b" / "two.md").write_text("# Title two\n\nBody of the second story.")
    (tmp_path / "a" / "b" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "a" / ".hidden.txt").write_text("Hidden\n\nNot an article.")
    titles = sorted(d.title for d in load(str(tmp_path / "a")))
    assert titles == ["Title one", "Title two"]


def test_stdin():
    data = b"Pasted headline\n\nThe pasted body of the article is here."
    [doc] = load("-", stdin=io.BytesIO(data))
    assert doc.title == "Pasted headline" and doc.source == "-"


def test_unknown_path_and_scheme_are_errors():
    [missing] = load("/nonexistent/story.txt")
    [ftp] = load("ftp://example.com/story.txt")
    assert isinstance(missing, SourceError) and "no such file" in missing.message
    assert isinstance(ftp, SourceError) and "not supported" in ftp.message


def test_utf16_text_is_read_not_refused(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Café reopens\n\nThe café on Main Street reopened on Monday.".encode("utf-16"))
    [doc] = load(str(path))
    assert isinstance(doc, Document) and doc.title == "Café reopens"


def test_a_key_colon_sentence_is_body_text_not_a_header(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Dam inspection\nSource: the ministry said the dam was safe.\nEngineers will return in May.\n")
    [doc] = load(str(path))
    assert doc.outlet == "" and doc.text.startswith("Source: the ministry said")


def test_a_device_is_not_a_file():
    [error] = load("/dev/null")
    assert isinstance(error, SourceError) and "not a regular file" in error.message


def test_byline_and_dateline_become_metadata():
    from index.library import build_article

    [doc] = load(str(SAMPLES / "riverside-gazette.md"))
    article = build_article(doc)
    assert (article.outlet, article.author, article.published) == ("Riverside Gazette", "Owen Pryce", "2026-03-11")
    assert "By Owen Pryce" not in article.text


def test_markdown_is_parsed_not_pattern_matched(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("# Vote delayed\n\nThe council's **budget** vote, set by [the clerk](https://x.example/c \"t\"), was delayed "
                    "under `rule_7` and \\*not\\* for snake_case_names.\n\n- First item\n- Second *item*\n\n1. One\n2. Two\n\n"
                    "> A quoted line.\n\n```\nraw code line\n```\n")
    [doc] = load(str(path))
    assert doc.title == "Vote delayed"
    assert doc.text == ("The council's budget vote, set by the clerk, was delayed under rule_7 and *not* for snake_case_names.\n\n"
                        "First item\n\nSecond item\n\nOne\n\nTwo\n\nA quoted line.\n\nraw code line")


def test_markdown_emphasis_and_link_bombs_load_in_linear_time(tmp_path):
    for name, bomb in (("emphasis", "*x " * 30_000), ("links", "[x](" * 22_000), ("lines", "- a\n" * 25_000)):
        path = tmp_path / f"{name}.md"
        path.write_text(f"Crafted file\n\n{bomb}")
        start = time.perf_counter()
        [doc] = load(str(path))
        assert time.perf_counter() - start < 5, name  # 56 s for the emphasis bomb with the old regexes
        assert isinstance(doc, Document)


def test_page_leftovers_of_60k_navigation_lines_take_one_pass():
    body = "The council met on Tuesday to discuss the harbor budget."
    nav = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>\n' for i in range(60_000))
    html = f"<html><body><nav>{nav}</nav><article><p>{body}</p></article></body></html>"
    start = time.perf_counter()
    leftovers = _page_leftovers(_html_tree(html), body, "Harbor budget")
    assert time.perf_counter() - start < 5  # 61 s with a list scan per line
    assert leftovers[:2] == ["Section 0", "Section 1"] and len(leftovers) == 200 and body not in leftovers


def test_a_page_of_8000_navigation_lines_loads_in_seconds(tmp_path):
    nav = "".join(f"<li>Nav {i}</li>\n" for i in range(8_000))
    article = "".join(f"<p>The council met on Tuesday to discuss the harbor budget, item {i} of the agenda.</p>" for i in range(20))
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Harbor</title></head><body><ul>{nav}</ul><article>{article}</article></body></html>")
    start = time.perf_counter()
    [doc] = load(str(path))
    assert time.perf_counter() - start < 5  # 10 s with trafilatura's justext fallback
    assert "item 19 of the agenda" in doc.text and "Nav 0" in doc.dropped and "Nav 0" not in doc.text


def test_jsonl_errors_name_the_line_and_the_record_id(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "r1", "text": "A fine first story with enough words."}),
             '{"id": "r42", "text": "broken',
             json.dumps({"id": 43, "title": "No text"}),
             json.dumps({"title": "No id and no text"}),
             "[" * 100_000 + "]" * 100_000,
             json.dumps(["not", "an", "object"])]
    path.write_text("\n".join(lines))
    items = load(str(path))
    assert isinstance(items[0], Document)
    assert [e.source for e in items[1:]] == [f"{path} line 2 (id r42)", f"{path} line 3 (id 43)", f"{path} line 4",
                                             f"{path} line 5", f"{path} line 6"]
    assert "not valid JSON" in items[1].message and "nested too deeply" in items[4].message
    assert str(items[2]).startswith(f"{path} line 3 (id 43): needs an object")


def test_control_characters_are_stripped_from_metadata(tmp_path):
    text = tmp_path / "story.txt"
    text.write_text("Title: \x1b[31mHarbor\x1b[0m fares rise\x07\nOutlet: Harbor\x1b]0;pwned\x07 Times\nBy: Ana\x08 Ruiz\n\n"
                    "The harbor authority raised ferry fares by ten percent on Monday.\n")
    record = {"id": "j\x1b[2J1", "title": "\x1b[1mBold\x1b[0m title", "outlet": "Out\x9b31mlet", "author": "A\x1bc",
              "url": "https://x.example/\x1b[0m1", "published": "2026-03-11\x1b[K", "text": "A story body with enough words in it."}
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(json.dumps(record))
    hostile = tmp_path / "\x1b]0;pwned\x07news.txt"  # a file name can carry escapes too
    hostile.write_text(text.read_text())
    doc, row, named = (build_article(document) for document in (*load(str(text)), *load(str(jsonl)), *load(str(hostile))))
    assert (doc.title, doc.outlet, doc.author) == ("Harbor fares rise", "Harbor Times", "Ana Ruiz")
    assert (row.id, row.title, row.outlet, row.author, row.url, row.published) == (
        "j1", "Bold title", "Outlet", "A", "https://x.example/1", "2026-03-11")
    assert named.source == f"{tmp_path}/news.txt"


def test_a_japanese_first_sentence_is_body_text_not_the_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("東京都は月曜日、新しい防災計画を発表した。計画では避難所を増やす。\n知事は「安全が第一だ」と述べた。\n", encoding="utf-8")
    [doc] = load(str(path))
    assert doc.title == "東京都は月曜日、新しい防災計画を発表した。"
    assert doc.text.startswith("東京都は月曜日") and doc.text.endswith("と述べた。")


def test_a_huge_line_without_spaces_is_body_text_with_a_short_title(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_text("x" * 5_000)
    [doc] = load(str(path))
    assert doc.title == "x" * 120 + "…" and doc.text == "x" * 5_000


def test_a_title_taken_from_a_first_sentence_is_not_cut_at_an_abbreviation(tmp_path):
    from index.loaders import parse_text

    text = ("And on Oct. 19, a county deputy was shot while answering a call near the river. He died at the scene.\n"
            "Officials said the suspect was arrested.")
    assert parse_text(text, "a.txt", "a").title == "And on Oct. 19, a county deputy was shot while answering a…"


def test_a_photo_credit_on_the_first_line_is_not_the_title_and_is_reported_as_removed():
    from index.loaders import parse_text

    text = ("Image credit: Jane Roe/Valley Pictures\n"
            "Harbour workers walked out on Monday after talks over pay broke down for the third time this year. "
            "The port authority said ships would be sent to other ports.\n")
    document = parse_text(text, "a.txt", "a")
    assert document.title == "Harbour workers walked out on Monday after talks over pay broke down…"
    article = build_article(document)
    assert ("Image credit: Jane Roe/Valley Pictures", "caption") in [(r.text, r.reason) for r in article.removed]


@pytest.mark.parametrize("widgets", ["Photo Advertisement Continue reading the main story",
                                     "LISTEN TO ARTICLE 3:12 SHARE THIS ARTICLE Share Tweet Post Email", "512 SHARES Share Tweet"])
def test_a_row_of_page_buttons_on_the_first_line_is_not_the_title(widgets):
    from index.loaders import parse_text

    text = (f"{widgets}\n\n"
            "Harbour workers walked out on Monday after talks over pay broke down for the third time this year. "
            "The port authority said ships would be sent to other ports.\n")
    document = parse_text(text, "a.txt", "a")
    assert document.title == "Harbour workers walked out on Monday after talks over pay broke down…"
    assert widgets not in build_article(document).text


def test_a_dateline_after_a_first_line_caption_still_names_the_outlet():
    from index.loaders import parse_text

    text = ("A crane lifts a steel beam from the river near the bridge on Tuesday. (AP Photo/Jane Roe)\n"
            "ASHFORD FALLS (AP) — The Latest on the bridge closure (all times local):\n"
            "Repairs to the Greaves Street Bridge will take eleven months and cost $6.8 million, the county engineer said.\n")
    article = build_article(parse_text(text, "a.txt", "a"))
    assert article.outlet == "AP"


def test_a_boxs_label_glued_to_the_first_line_is_not_part_of_the_title_or_the_text():
    from index.cleaning import clean_text
    from index.loaders import parse_text

    raw = ("Story highlights Hamas' Cabinet headquarters is destroyed, Hamas TV reports\n\n"
           "Israel's Cabinet OKs activating up to 75,000 reservists, a spokesman says\n\n"
           "The violence continued on Saturday morning, with several loud explosions from apparent strikes rattling the city. "
           "Officials said at least 30 people had been killed since Wednesday.\n")
    assert parse_text(raw, "cnn.txt", "x").title == "Hamas' Cabinet headquarters is destroyed, Hamas TV reports"
    cleaned = clean_text("Officials met on Monday to discuss the report.\n\n" + raw)
    assert "Story highlights" not in cleaned.text and "Story highlights" in [r.text for r in cleaned.removed]
    assert "The violence continued on Saturday morning" in cleaned.text


def test_an_image_button_or_credit_glued_to_the_first_sentence_is_not_part_of_the_title():
    from index.loaders import parse_text

    raw = ("Neil Warner / Splash News Britney Spears' handlers have strong ideas on interviews. She will grant three questions.\n\n"
           "Pop star Britney Spears recently ended a radio blitz promoting her Las Vegas residency.\n")
    assert parse_text(raw, "page.txt", "x").title == "Britney Spears' handlers have strong ideas on interviews."


@pytest.mark.parametrize(("first", "title"), [
    ("HARBOR CITY/PORT ELLIS Rescue crews searched the bay overnight for two missing fishermen.",
     "Rescue crews searched the bay overnight for two missing fishermen."),
    ("MILLBROOK, Vt. - A barn fire destroyed a dairy farm's winter hay on Sunday.", "A barn fire destroyed a dairy farm's winter hay on Sunday."),
    ("ASHFORD FALLS -- Town officials shut the Greaves Street Bridge on March 10.", "Town officials shut the Greaves Street Bridge on March 10."),
    ("DUNMORE, Pa. (AP) — A school board voted to delay the start of classes.", "A school board voted to delay the start of classes."),
    ("NASA said on Monday it would delay the launch by a week.", "NASA said on Monday it would delay the launch by a week."),
    ("BP, Shell and Exxon reported higher profits on Tuesday.", "BP, Shell and Exxon reported higher profits on Tuesday."),
])
def test_a_title_taken_from_a_first_sentence_leaves_out_its_dateline(first, title):
    from index.loaders import parse_text

    document = parse_text(f"{first} Officials gave no more details.\n\nMore of the story follows here.", "a.txt", "a")
    assert document.title == title
    assert document.text.startswith(first)  # the body keeps the dateline: it is the article's text


def test_a_video_caption_and_a_photo_caption_above_the_story_are_not_its_title():
    from index.loaders import parse_text

    raw = ("CLOSE Crews lift a rusted beam from under the bridge. Valley News\n\n"
           "The Greaves Street Bridge will stay shut for months. (Photo: Jane Roe, AP)\n\n"
           "When the Greaves Street Bridge closed on Tuesday, thousands of drivers lost their quickest route to work.\n\n"
           "Officials said the repairs could take six months.\n")
    assert parse_text(raw, "page.txt", "x").title == "When the Greaves Street Bridge closed on Tuesday, thousands of drivers lost…"

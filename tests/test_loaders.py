"""Each format becomes a Document with its metadata."""

import io
import json

from index.errors import SourceError
from index.loaders import iter_documents
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

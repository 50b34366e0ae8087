"""Uploads and pasted text become files the library ingests, under the name the user gave."""

from bot.uploads import display_source, pasted_article, safe_filename, staged_files
from index.loaders import parse_text


def test_file_names_lose_folders_and_odd_characters_and_keep_a_known_suffix():
    assert safe_filename("../../etc/passwd") == "passwd.txt"
    assert safe_filename("C:\\Users\\me\\Story (final).PDF") == "Story _final_.PDF"
    assert safe_filename("notes.docx") == "notes.docx.txt"
    assert safe_filename("...") == "article.txt"


def test_pasted_text_carries_its_title_outlet_date_and_url_in_a_header_block():
    name, data = pasted_article("Body sentence one. Body two.\n\nMore.", title="A\nheadline", outlet="Harbor Notes",
                                published="2026-03-12", url="https://example.com/a")
    assert name == "a-headline.txt"
    document = parse_text(data.decode(), name, name)
    assert (document.title, document.outlet, document.published, document.url) == (
        "A headline", "Harbor Notes", "2026-03-12", "https://example.com/a")
    assert document.text == "Body sentence one. Body two.\n\nMore."


def test_pasted_text_without_details_is_left_as_written():
    name, data = pasted_article("Title: Given in the text\n\nBody.")
    assert name == "pasted-article.txt" and data == b"Title: Given in the text\n\nBody."


def test_staged_files_are_named_by_content_and_removed_afterwards(tmp_path):
    with staged_files(tmp_path, [("story.txt", b"one"), ("story.txt", b"two")]) as paths:
        assert len(set(paths)) == 2 and all(p.endswith("/story.txt") for p in paths)
        assert [display_source(p) for p in paths] == ["story.txt", "story.txt"]
        assert display_source(paths[0] + " line 3") == "story.txt line 3"
    with staged_files(tmp_path, [("story.txt", b"one")]) as again:
        assert again[0] == paths[0]  # the same content is the same path, so the same article id
    assert not list(tmp_path.rglob("*.txt"))


def test_other_sources_are_shown_by_name_or_as_given():
    assert display_source("/home/me/news/ledger.txt") == "ledger.txt"
    assert display_source("https://example.com/a.html") == "https://example.com/a.html"

"""Property tests: loaders, cleaning and chunking never fail on arbitrary text, and every offset addresses the text exactly."""

import io
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from index.chunking import chunk_sentences, estimate_tokens, split_into_sentences
from index.cleaning import clean_text
from index.errors import SourceError
from index.library import build_article
from index.loaders import iter_documents
from index.models import Document

LIMIT = 10 * 2**20
QUICK = settings(max_examples=60, deadline=None)
# The characters the parsers react to: Markdown and HTML markup, sentence ends, line breaks, quotes, unspaced scripts,
# combining marks, emoji, zero-width, escape and other control characters.
TRICKY = list("ab Zy.!?*_[]()<>#-|`&;:©\"'”\n\n\t\r") + ["東", "。", "の", "ไ", "é", "e\u0301", "\U0001f600", "\u200b", "\x1b", "\x1b[31m", "\x00", "\x85"]
texts = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(TRICKY), max_size=200).map("".join))
METADATA = ("title", "outlet", "url", "published", "author", "source", "id")


def load_bytes(data: bytes, suffix: str) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"story{suffix}"
        path.write_bytes(data)
        return list(iter_documents(str(path), limit=LIMIT))


def assert_loaded_honestly(items: list) -> None:
    """Documents with a body and printable metadata, or SourceErrors the loader meant (not a wrapped crash)."""
    for item in items:
        if isinstance(item, SourceError):
            assert not item.message.startswith("could not be loaded"), item
            continue
        assert isinstance(item, Document) and item.text.strip()
        try:
            article = build_article(item)  # the one place articles are made cleans every field that can be shown
        except SourceError:
            continue  # nothing left after cleaning
        for name in METADATA:
            assert not any(unicodedata.category(ch) == "Cc" for ch in getattr(article, name)), (name, getattr(article, name))


@QUICK
@given(texts, st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
@example("[" * 5_000 + "]" * 5_000, ".jsonl")  # deeper than json's recursion limit
@example('{"text": "A body.", "title": "\x1b[31mRed\x1b[0m"}', ".jsonl")
def test_loaders_take_any_text(text, suffix):
    assert_loaded_honestly(load_bytes(text.encode("utf-8"), suffix))


@QUICK
@given(texts)
def test_html_and_markdown_wrappers_take_any_text(text):
    html = f"<html><head><title>{text[:40]}</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    assert_loaded_honestly(load_bytes(html.encode("utf-8"), ".html"))
    assert_loaded_honestly(load_bytes(f"---\ntitle: {text[:40]}\n---\n# {text[:20]}\n\n{text}\n".encode(), ".md"))


@QUICK
@given(st.binary(max_size=600))
def test_loaders_take_any_bytes(data):
    assert_loaded_honestly(list(iter_documents("-", limit=LIMIT, stdin=io.BytesIO(data))))
    assert_loaded_honestly(load_bytes(data, ".jsonl"))


@QUICK
@given(texts, texts)
@example("|", "")  # a bare separator paragraph once crashed the share-line rule
def test_cleaning_takes_any_text(raw, title):
    cleaned = clean_text(raw, title)
    assert not any(unicodedata.category(ch) == "Cc" for ch in cleaned.text.replace("\n", ""))
    paragraphs = cleaned.text.split("\n\n") if cleaned.text else []
    assert all(p.strip() == p and p for p in paragraphs)
    assert all(r.text and r.reason for r in cleaned.removed)


def visible(text: str) -> str:
    """The text without whitespace, control and format characters (the splitter treats those as spaces)."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf"))


def assert_exact_offsets(text: str, max_tokens: int) -> None:
    spans = split_into_sentences(text, max_tokens)
    previous_end = 0
    for span in spans:
        sentence = text[span.start:span.end]
        assert previous_end <= span.start < span.end <= len(text)
        assert sentence == sentence.strip() and estimate_tokens(sentence) <= max_tokens
        previous_end = span.end
    covered = "".join(text[s.start:s.end] for s in spans)
    assert visible(covered) == visible(text)  # no character is lost between sentences
    chunks = chunk_sentences(text, spans, "art", "v1", max_tokens=max_tokens)
    assert [s for c in chunks for s in c.sentences if s not in spans] == []
    for chunk in chunks:
        assert chunk.text == text[chunk.start:chunk.end]
        assert (chunk.start, chunk.end) == (chunk.sentences[0].start, chunk.sentences[-1].end)


@QUICK
@given(texts, st.integers(min_value=1, max_value=60))
@example("x" * 5_000, 50)  # no whitespace to cut at
@example("東京都は月曜日、新しい防災計画を発表した" * 20, 30)
def test_chunk_offsets_are_exact_on_any_text(text, max_tokens):
    assert_exact_offsets(text, max_tokens)


@QUICK
@given(texts, st.integers(min_value=1, max_value=60))
def test_chunk_offsets_are_exact_on_cleaned_text(raw, max_tokens):
    assert_exact_offsets(clean_text(raw).text, max_tokens)

"""Cited text as safe Markdown: escaping, citation markers, unsupported flags, highlighted quotes and excerpts."""

import re

from bot.citations import AnswerSentence, Citation
from bot.highlight import (
    GAP,
    UNSUPPORTED_FLAG,
    cited_articles,
    cited_markdown,
    escape_markdown,
    highlighted_article,
    highlighted_excerpt,
    locate,
    source_numbers,
)
from index import ArticleRecord

TEXT = "The bridge closed on Tuesday.\n\nRepairs will cost $6.8 million, officials said.\n\nTraffic moved to Oakmont Avenue.\n\nThe mayor spoke."


def cite(article_id: str, quote: str, text: str = TEXT) -> Citation:
    start = text.index(quote)
    return Citation(article_id, quote, start, start + len(quote))


def unescape(markdown: str) -> str:
    """What the reader sees: no backslash escapes, and no invisible word joiner."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


def test_escaping_leaves_no_markup_and_loses_no_character():
    hostile = "<script>alert(1)</script> $x$ :red[y] **b** [l](http://x) # h\n    code\n1. item"
    escaped = escape_markdown(hostile)
    assert "<" not in escaped.replace(r"\<", "") and "$" not in escaped.replace(r"\$", "")
    assert not re.search(r"(?<!\\)[\[\]()*:#]", escaped)
    assert unescape(escaped) == hostile.replace("\n    ", "\n")  # only indentation (a code block) is dropped


def test_web_addresses_in_article_text_show_as_text_not_links():
    text = "Details at https://evil.example/login, www.evil.example or press@evil.example."
    escaped = escape_markdown(text)
    assert unescape(escaped) == text
    assert not re.search(r"(?i)(https?|www)\\[:.]|@[a-z]", escaped)  # nothing GitHub-flavoured Markdown would link


def test_only_well_formed_http_links_are_rendered():
    from bot.highlight import safe_link

    assert safe_link("javascript:alert(2)") == safe_link("data:text/html,x") == safe_link("https:no-host") == ""
    link = safe_link("https://example.com/a b\n[x](javascript:alert(2))")
    assert link.startswith("https://example.com/a%20b%0A") and not re.search(r"[\s<>]", link)


def test_streamed_pieces_escape_like_the_whole():
    pieces = ["Repairs cost ", "$6", ".8 mil", "lion [1]."]
    assert "".join(escape_markdown(p) for p in pieces) == escape_markdown("".join(pieces))


def test_markers_number_articles_in_order_of_first_citation_and_flag_unsupported_sentences():
    sentences = [
        AnswerSentence("Repairs cost $6.8 million.", (cite("b", "Repairs will cost $6.8 million, officials said."),), True),
        AnswerSentence("It closed Tuesday.", (cite("a", "The bridge closed on Tuesday."), cite("b", "The mayor spoke.")), True),
        AnswerSentence("It will be painted purple.", (), False),
    ]
    numbers = source_numbers(sentences)
    assert numbers == {"b": 1, "a": 2}
    assert unescape(cited_markdown(sentences, numbers)) == (
        f"Repairs cost $6.8 million. [1] It closed Tuesday. [2][1] It will be painted purple. **{UNSUPPORTED_FLAG}**")


def test_listed_sources_set_the_numbering():
    sentences = [AnswerSentence("x", (cite("a", "The mayor spoke."), cite("b", "The mayor spoke.")), True)]
    records = [ArticleRecord(id=i, version="v", title=i, source=i, chunks=1) for i in ("b", "a", "unused")]
    assert source_numbers(sentences, records) == {"b": 1, "a": 2}


def test_cited_articles_group_distinct_citations_in_article_order():
    late, early = cite("a", "The mayor spoke."), cite("a", "The bridge closed on Tuesday.")
    sentences = [AnswerSentence("x", (late, early), True), AnswerSentence("y", (early,), True)]
    [article] = cited_articles(sentences, {"a": 1}, {})
    assert (article.number, article.record, article.citations) == (1, None, (early, late))


def test_the_whole_article_is_shown_with_the_cited_sentence_highlighted():
    markdown = highlighted_article(TEXT, [cite("a", "Repairs will cost $6.8 million, officials said.")])
    assert r":orange-background[**Repairs will cost \$6\.8 million\, officials said\.**]" in markdown
    assert unescape(re.sub(r":orange-background\[\*\*(.*?)\*\*\]", r"\1", markdown)) == TEXT


def test_a_quote_whose_span_moved_is_found_by_its_text_and_a_vanished_one_is_skipped():
    moved = Citation("a", "The mayor spoke.", 0, 16)
    assert locate(TEXT, moved) == (TEXT.index("The mayor"), len(TEXT))
    assert locate(TEXT, Citation("a", "Not in the text.", 0, 16)) is None
    assert "orange-background" not in highlighted_article(TEXT, [Citation("a", "Not in the text.", 0, 16)])


def test_an_excerpt_keeps_only_cited_paragraphs_and_marks_the_gaps():
    excerpt = highlighted_excerpt(TEXT, [cite("a", "Repairs will cost $6.8 million, officials said."), cite("a", "The mayor spoke.")])
    paragraphs = excerpt.split("\n\n")
    assert paragraphs[0] == GAP and paragraphs[2] == GAP and len(paragraphs) == 4
    assert "Tuesday" not in excerpt and "Oakmont" not in excerpt
    assert paragraphs[1].startswith(":orange-background[**Repairs") and paragraphs[3].startswith(":orange-background[**The mayor")


def test_the_whole_article_page_escapes_the_text_and_scrolls_to_the_first_cited_sentence():
    from bot.highlight import article_html

    text = "Intro <script>alert(1)</script> line.\n\nThe ferry runs every <b>twenty</b> minutes. More text here."
    start = text.index("The ferry")
    end = text.index("minutes.") + len("minutes.")
    page = article_html(text, [Citation("a", text[start:end], start, end)])
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>twenty</b>" not in page and '<mark id=first>The ferry runs every &lt;b&gt;twenty&lt;/b&gt; minutes.</mark>' in page
    assert page.count("<script>") == 1 and "scrollIntoView" in page  # the page's own script, nothing from the article

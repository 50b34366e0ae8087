"""Domain objects of the library: articles, sentences, chunks, search hits and ingest outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

IngestStatus = Literal["added", "unchanged", "updated"]
# Why cleaning dropped a paragraph: a rule's name, the clutter model's class, or where ingest found it.
RemovalReason = Literal[
    "image", "link", "separator", "copyright", "caption", "note", "read more", "share", "follow", "advertisement", "newsletter",
    "appeal",  # the cleaning rules
    "byline", "dateline", "title", "repeated", "footer",  # the page's own furniture, by position
    "repeated across articles",  # a site's line found in unrelated articles (index.boilerplate)
    "interface", "promo", "fragment",  # the clutter model's classes (besides caption and note)
    "page", "hidden",  # outside the article's markup, or hidden from readers
    "injection",  # a sentence addressed to a language model
]


@dataclass(frozen=True)
class Removal:
    """A paragraph that cleaning dropped, and why."""

    text: str  # the paragraph as it appeared
    reason: RemovalReason  # which rule dropped it, e.g. "appeal" or "caption"

    def to_json(self) -> dict:
        return {"text": self.text, "reason": self.reason}


MIN_ARTICLE_WORDS = 50  # fewer words of prose after cleaning: a teaser, a widget page or an error page, not an article
# Removals that are the page around an article, not the article's own furniture (a byline, a date, a title).
_PAGE_REASONS: frozenset[RemovalReason] = frozenset({"interface", "promo", "share", "follow", "read more", "advertisement", "newsletter", "appeal",
                                                   "repeated", "repeated across articles", "footer", "page", "caption", "image", "fragment",
                                                   "note"})


def not_article_reason(words: int, removed: tuple[Removal, ...] = (), duplicate_of: str = "") -> str:
    """Why a cleaned source is not an article to compare as an outlet, or "" when it is one."""
    if duplicate_of:
        return f"a copy of {duplicate_of}"
    if words <= 0:  # a record stored before word counts were kept: unknown, not empty
        return ""
    page_words = sum(len(r.text.split()) for r in removed if r.reason in _PAGE_REASONS)
    if words < MIN_ARTICLE_WORDS:
        return f"only {words} words of prose after cleaning (an article has at least {MIN_ARTICLE_WORDS})"
    if words < 150 and page_words > 2 * words:
        return f"mostly page furniture: {page_words} words of widgets, links and captions around {words} words of prose"
    return ""


def articles_to_compare(records: list[ArticleRecord] | tuple[ArticleRecord, ...]) -> list[ArticleRecord]:
    """The records a comparison takes by default: every article, leaving out sources that are not articles (widget pages,
    teasers). Copies stay: a comparison counts a copy once, with its original, and says so."""
    return [r for r in records if r.duplicate_of or not r.not_article]


@dataclass(frozen=True)
class Span:
    """A character range `[start, end)` in an article's cleaned text."""

    start: int  # first character
    end: int  # one past the last character


@dataclass(frozen=True)
class Document:
    """A source as loaded, before cleaning: the raw text and whatever metadata the format carried."""

    source: str  # the path, URL or `-` as the user gave it
    identity: str  # what names this article across re-ingests: an id, a URL or an absolute path
    text: str  # raw body text
    title: str = ""  # headline, if the format gave one
    outlet: str = ""  # publication or site name
    url: str = ""  # canonical URL
    published: str = ""  # publication date, ISO 8601 when known
    author: str = ""  # byline
    explicit_id: str = ""  # id given by the source itself (a JSONL `id`)
    location: str = ""  # where in the source it is, for messages: "batch.jsonl line 7 (id r42)"; empty for a whole file
    dropped: tuple[str, ...] = ()  # page lines the format's extractor already left out (HTML navigation, footers)
    hidden: tuple[str, ...] = ()  # text of page elements a browser does not show (HTML `hidden`, `display: none`, `aria-hidden`)


@dataclass(frozen=True)
class Article:
    """A cleaned article, ready to be chunked and stored."""

    id: str  # stable id derived from the source's identity
    version: str  # hash of the cleaned text and metadata; changes when the article changes
    title: str  # headline
    text: str  # cleaned body; every span and quote points into it
    source: str  # path, URL or `-` as given
    outlet: str = ""  # publication or site name
    url: str = ""  # canonical URL
    published: str = ""  # publication date
    author: str = ""  # byline
    removed: tuple[Removal, ...] = ()  # paragraphs that cleaning removed, in order


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences from one article, the unit that is embedded and retrieved."""

    id: str  # `<article id>:<version>:<index>`
    article_id: str  # article it belongs to
    index: int  # position among the article's chunks
    text: str  # `article.text[start:end]`
    start: int  # offset of the first sentence
    end: int  # end of the last sentence
    sentences: tuple[Span, ...]  # every sentence in the chunk, in article offsets


@dataclass(frozen=True)
class ArticleRecord:
    """What the store keeps about an article, without its text."""

    id: str  # article id
    version: str  # content version currently committed
    title: str  # headline
    source: str  # path, URL or `-` as given
    chunks: int  # number of stored chunks
    outlet: str = ""  # publication or site name
    url: str = ""  # canonical URL
    published: str = ""  # publication date
    author: str = ""  # byline
    duplicate_of: str = ""  # id of the article this one copies, if any
    removed: tuple[Removal, ...] = ()  # paragraphs that cleaning removed
    words: int = 0  # words in the cleaned text
    number: int = 0  # its place in the library's list (1 is first), as Library.articles() gives it; 0 when not known

    @property
    def not_article(self) -> str:
        """Why this source is not an article to compare ("" when it is one): a copy of another source, a page made mostly
        of widgets and links, or too little prose left after cleaning. See `not_article_reason`."""
        return not_article_reason(self.words, self.removed, self.duplicate_of)

    def source_json(self) -> dict:
        """The record as a source an answer, a summary or a comparison cites, in the CLI's JSON contract."""
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "url": self.url, "published": self.published}

    def to_json(self) -> dict:
        """The record in the CLI's JSON contract."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "source": self.source,
            "chunks": self.chunks,
            "author": self.author,
            "duplicate_of": self.duplicate_of or None,
            "not_article": self.not_article or None,
            "words": self.words,
            "removed": [r.to_json() for r in self.removed],
        }


@dataclass(frozen=True)
class IngestedArticle:
    """The outcome of ingesting one article."""

    record: ArticleRecord  # what is stored now
    status: IngestStatus  # added, unchanged or updated

    def to_json(self) -> dict:
        return {**self.record.to_json(), "status": self.status}


@dataclass(frozen=True)
class IngestError:
    """A source that failed, with a one-line message for the user."""

    source: str  # the source as given
    error: str  # what went wrong and what to do

    def to_json(self) -> dict:
        return {"source": self.source, "error": self.error}


@dataclass
class IngestReport:
    """Everything one ingest did: the articles stored and the sources that failed."""

    articles: list[IngestedArticle] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict:
        return {"articles": [a.to_json() for a in self.articles], "errors": [e.to_json() for e in self.errors]}


@dataclass(frozen=True)
class SearchHit:
    """A retrieved chunk with its similarity to the query."""

    article_id: str  # article the chunk comes from
    chunk_id: str  # the chunk's id
    score: float  # higher is more similar
    text: str  # the chunk's text
    start: int  # offset of the chunk in the article's cleaned text
    end: int  # end offset
    sentences: tuple[Span, ...] = ()  # sentence spans inside the chunk

    def to_json(self) -> dict:
        return {
            "article_id": self.article_id,
            "chunk_id": self.chunk_id,
            "score": round(self.score, 6),
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }

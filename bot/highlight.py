"""Cited text as safe Markdown: numbered citation markers, flags on unsupported sentences, quotes highlighted in their article.

Article text is data, never markup: every piece of it goes through `escape_markdown`, so a `<script>`, a `$`
(LaTeX in Streamlit), a `:red[...]` directive or a `# heading` in an article shows as the characters it is.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.citations import AnswerSentence, Citation
from index import ArticleRecord
from index import PARAGRAPH_BREAK

__all__ = [
    "UNSUPPORTED_FLAG",
    "CitationNumbers",
    "CitedArticle",
    "article_html",
    "escape_line",
    "cited_articles",
    "cited_markdown",
    "escape_markdown",
    "highlighted_article",
    "highlighted_excerpt",
    "locate",
    "markers",
    "source_numbers",
]

UNSUPPORTED_FLAG = "⚠️ unsupported"
HIGHLIGHT = "orange-background"  # Streamlit's Markdown directive for a highlighted run of text
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_INDENT = re.compile(r"(?<=\n)[ \t]+")
_AUTOLINK = re.compile(r"(?i)(\bhttps?(?=\\:)|\bftp(?=\\:)|\bwww(?=\\\.)|@(?=[A-Za-z0-9]))")  # where GFM starts a link, once escaped
GAP = "…"  # stands for the paragraphs an excerpt leaves out


def escape_line(text: str) -> str:
    """Article text shown literally inside Markdown on one line: whitespace runs made single spaces, then escaped like
    `escape_markdown`, so no HTML tag or Markdown syntax survives."""
    return escape_markdown(" ".join(text.split()))


def escape_markdown(text: str) -> str:
    """Text that renders as itself in Markdown: every ASCII punctuation mark escaped, no indented code blocks, no links.

    Works on any run of text, a streamed token included: escaping pieces one by one equals escaping their concatenation
    (except that a web address split between two pieces may still be linked).
    """
    # CommonMark allows a backslash before any ASCII punctuation, so escaping all of it is both safe and lossless.
    # Indentation would turn a line into a code block; it carries no meaning in news text. A web address in article text
    # is shown as text: GitHub-flavoured Markdown would link "https://", "www." and e-mail addresses even when escaped,
    # so an invisible word joiner breaks the pattern it looks for.
    return _AUTOLINK.sub("\\1\u2060", _INDENT.sub("", _PUNCTUATION.sub(r"\\\1", text)))


def safe_link(url: str) -> str:
    """The URL as a Markdown autolink target when it is a well-formed http(s) address, else "" (javascript:, data:…)."""
    from urllib.parse import quote, urlsplit

    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return quote(url, safe=":/?#@!$&'*+,;=%~")  # whitespace, brackets, <, >, quotes and control characters encoded


def source_numbers(sentences: Iterable[AnswerSentence], sources: Sequence[ArticleRecord] = ()) -> dict[str, int]:
    """A number per cited article, in order of first citation (the order of `sources` when it lists them)."""
    cited = [c.article_id for s in sentences for c in s.citations]
    listed = [r.id for r in sources if r.id in set(cited)]
    return {article_id: n for n, article_id in enumerate(dict.fromkeys(listed + cited), start=1)}


class CitationNumbers:
    """One number per article for a whole session: an article keeps the number it first got, in every answer and view."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def __call__(self, sentences: Iterable[AnswerSentence], sources: Sequence[ArticleRecord] = ()) -> dict[str, int]:
        """The numbers of the articles these sentences cite (new ones numbered in `source_numbers` order), by number."""
        sentences = list(sentences)
        for article_id in source_numbers(sentences, sources):
            self._numbers.setdefault(article_id, len(self._numbers) + 1)
        cited = {c.article_id for s in sentences for c in s.citations}
        return dict(sorted(((a, n) for a, n in self._numbers.items() if a in cited), key=lambda item: item[1]))


def markers(citations: Iterable[Citation], numbers: Mapping[str, int]) -> str:
    """`[1][3]`: each cited article once, as escaped Markdown."""
    keys = dict.fromkeys(numbers[c.article_id] for c in citations if c.article_id in numbers)
    return "".join(rf"\[{n}\]" for n in keys)


def cited_markdown(sentences: Sequence[AnswerSentence], numbers: Mapping[str, int]) -> str:
    """Sentences with their citation markers, and a visible flag on each sentence the citation check did not back."""
    parts = []
    for sentence in sentences:
        piece = escape_markdown(sentence.text)
        if marks := markers(sentence.citations, numbers):
            piece += " " + marks
        if not sentence.supported:
            piece += f" **{UNSUPPORTED_FLAG}**"
        parts.append(piece)
    return " ".join(parts)


@dataclass(frozen=True)
class CitedArticle:
    """One cited article: its number, its record (None once removed) and the spans cited in it."""

    number: int  # the marker that points to it
    article_id: str  # its id
    record: ArticleRecord | None  # its metadata, None when the article is no longer in the library
    citations: tuple[Citation, ...]  # what was cited from it, in article order


def cited_articles(sentences: Sequence[AnswerSentence], numbers: Mapping[str, int],
                   records: Mapping[str, ArticleRecord]) -> list[CitedArticle]:
    """The cited articles in marker order, each with its distinct citations."""
    by_article: dict[str, dict[tuple[int, int], Citation]] = {article_id: {} for article_id in numbers}
    for sentence in sentences:
        for citation in sentence.citations:
            by_article.setdefault(citation.article_id, {})[(citation.start, citation.end)] = citation
    return [CitedArticle(number, article_id, records.get(article_id), tuple(sorted(by_article[article_id].values(), key=lambda c: c.start)))
            for article_id, number in sorted(numbers.items(), key=lambda item: item[1])]


def locate(text: str, citation: Citation) -> tuple[int, int] | None:
    """Where a quote is in the article text: its own span when that still matches, else its first occurrence."""
    if text[citation.start:citation.end] == citation.quote:
        return citation.start, citation.end
    found = text.find(citation.quote) if citation.quote else -1
    return (found, found + len(citation.quote)) if found >= 0 else None


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _highlight(text: str) -> str:
    # A directive cannot span a paragraph break, so each line is highlighted on its own.
    return "\n".join(f":{HIGHLIGHT}[**{escape_markdown(line)}**]" if line.strip() else line for line in text.split("\n"))


def highlighted_article(text: str, citations: Iterable[Citation]) -> str:
    """The whole article as Markdown with the cited sentences highlighted; quotes no longer in the text are skipped."""
    spans = _merged(span for c in citations if (span := locate(text, c)) is not None)
    out, position = [], 0
    for start, end in spans:
        out.append(escape_markdown(text[position:start]))
        out.append(_highlight(text[start:end]))
        position = end
    out.append(escape_markdown(text[position:]))
    return "".join(out).lstrip(" \t")


def article_html(text: str, citations: Iterable[Citation]) -> str:
    """The whole article as a small HTML page (text escaped) with the cited sentences marked, scrolled to the first one:
    the only script is this page's own."""
    spans = _merged(span for c in citations if (span := locate(text, c)) is not None)
    out, position = [], 0
    for number, (start, end) in enumerate(spans):
        out.append(html.escape(text[position:start]))
        out.append(f'<mark{" id=first" if number == 0 else ""}>{html.escape(text[start:end])}</mark>')
        position = end
    out.append(html.escape(text[position:]))
    body = "".join(out).strip().replace("\n\n", "</p><p>").replace("\n", "<br>")
    return ("<style>body{font-family:sans-serif;font-size:15px;line-height:1.5;margin:0 4px}mark{background:#fff3b0;font-weight:600}</style>"
            f"<p>{body}</p><script>const m=document.getElementById('first');if(m){{m.scrollIntoView({{block:'center'}});}}</script>")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for separator in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def highlighted_excerpt(text: str, citations: Iterable[Citation]) -> str:
    """Only the paragraphs that hold a cited sentence, highlighted, with a gap mark where paragraphs are left out."""
    spans = _merged(span for c in citations if (span := locate(text, c)) is not None)
    pieces, previous = [], -1
    for index, (start, end) in enumerate(_paragraphs(text)):
        inside = [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start]
        if not inside:
            continue
        if index != previous + 1:
            pieces.append(GAP)
        paragraph = text[start:end]
        pieces.append(highlighted_article(paragraph, [Citation("", paragraph[a:b], a, b) for a, b in inside]))
        previous = index
    if pieces and previous != len(_paragraphs(text)) - 1:
        pieces.append(GAP)
    return "\n\n".join(pieces)

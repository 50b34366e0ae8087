"""A site's boilerplate: a paragraph found word for word in articles of the library that are otherwise about different things.

A site prints the same lines around every story it publishes ("The opinions expressed are his own.", an archive's note
on where a page came from, a widget's text). One article alone can't tell such a line from prose, but the library can:
a paragraph that recurs verbatim in articles of different stories is the page, not the news. Articles of one story
may share a paragraph honestly (one outlet quoting another, a wire copy), so a paragraph counts only when the articles
holding it fall into at least two groups that are unrelated to each other: their vectors, leaving out the shared
paragraphs, are less alike than two articles of one story (the threshold `bot.stories` uses), and no article is a copy
of the other. A short sentence ("He declined to comment.") can recur by chance, so it needs three unrelated groups.

Nothing stored changes: the library works this out when it reads, from the stored texts and chunk vectors, so the
result depends only on what the library holds (never on the order articles came in), and removing articles brings the
line back where it is no longer repeated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np

from index.models import RemovalReason, Span
from index.text import PARAGRAPH_BREAK, word_count

__all__ = ["REASON", "SAME_STORY", "paragraph_spans", "repeated_paragraphs", "shared_paragraphs"]

REASON: RemovalReason = "repeated across articles"  # the reason shown in the cleaning report
SAME_STORY = 0.4  # the cosine between two articles' vectors from which they are one story (as `bot.stories` groups them)
_SHORT_SENTENCE = 6  # a paragraph of fewer words that ends like a sentence can recur by chance: it needs more groups
_NON_WORD = re.compile(r"\W+")


def _key(paragraph: str) -> str:
    return " ".join(_NON_WORD.sub(" ", paragraph.lower()).split())


def paragraph_spans(text: str) -> list[Span]:
    """The paragraphs of a cleaned text (blank-line separated), as spans into it."""
    spans, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.append(Span(start, match.start()))
        start = match.end()
    spans.append(Span(start, len(text)))
    return [s for s in spans if text[s.start:s.end].strip()]


def shared_paragraphs(texts: Mapping[str, str]) -> dict[str, dict[str, tuple[Span, ...]]]:
    """Each paragraph (by its words, ignoring case and punctuation) found in two or more articles: where it is in each."""
    found: dict[str, dict[str, list[Span]]] = {}
    for article_id in sorted(texts):
        text = texts[article_id]
        for span in paragraph_spans(text):
            key = _key(text[span.start:span.end])
            if re.search(r"[^\W\d_]", key):
                found.setdefault(key, {}).setdefault(article_id, []).append(span)
    return {key: {a: tuple(spans) for a, spans in where.items()} for key, where in found.items() if len(where) >= 2}


def _groups(article_ids: list[str], vectors: Mapping[str, np.ndarray | None], copies: Mapping[str, str]) -> int:
    """How many groups of related articles these are (related: one story by their vectors, or one a copy of the other)."""
    parent = {a: a for a in article_ids}

    def root(a: str) -> str:
        while parent[a] != a:
            a = parent[a]
        return a

    for i, first in enumerate(article_ids):
        for second in article_ids[i + 1:]:
            u, v = vectors.get(first), vectors.get(second)
            alike = u is not None and v is not None and round(float(u @ v), 4) >= SAME_STORY
            if alike or copies.get(first, first) == copies.get(second, second):  # a copy of the other, or both of one
                parent[root(second)] = root(first)
    return len({root(a) for a in article_ids})


def repeated_paragraphs(texts: Mapping[str, str], shared: Mapping[str, Mapping[str, tuple[Span, ...]]],
                        vectors: Mapping[str, np.ndarray | None], copies: Mapping[str, str] | None = None) -> dict[str, tuple[Span, ...]]:
    """Per article, the spans of its paragraphs that recur verbatim in unrelated articles: the site's boilerplate.

    `shared` is `shared_paragraphs(texts)`; `vectors` holds each article's unit vector without its shared paragraphs (None
    when nothing else is left: such an article is related to none); `copies` maps an article to the one it copies."""
    copies = copies or {}
    found: dict[str, list[Span]] = {}
    for where in shared.values():
        ids = sorted(where)
        first = texts[ids[0]][where[ids[0]][0].start:where[ids[0]][0].end].strip()
        needed = 3 if word_count(first) < _SHORT_SENTENCE and first.endswith((".", "!", "?", '"', "”")) else 2
        if _groups(ids, vectors, copies) >= needed:
            for article_id in ids:
                found.setdefault(article_id, []).extend(where[article_id])
    return {article_id: tuple(sorted(spans, key=lambda s: s.start)) for article_id, spans in sorted(found.items())}

"""Split cleaned text into sentences with exact offsets, and pack sentences into overlapping chunks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from index.models import Chunk, Span

__all__ = ["chunk_sentences", "estimate_tokens", "split_into_sentences"]

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def estimate_tokens(text: str) -> int:
    """A cheap stand-in for a WordPiece token count: words and punctuation marks, plus a little for long words."""
    return sum(1 + len(token) // 10 for token in _TOKEN.findall(text))


def _split_long(text: str, span: Span, max_tokens: int) -> list[Span]:
    """Cut an over-long 'sentence' (a list, a table row run) at word boundaries so no piece exceeds the budget."""
    pieces: list[Span] = []
    start = span.start
    budget = 0
    for match in re.finditer(r"\S+", text[span.start:span.end]):
        cost = estimate_tokens(match.group())
        if budget and budget + cost > max_tokens:
            pieces.append(Span(start, last_end))
            start, budget = span.start + match.start(), 0
        budget += cost
        last_end = span.start + match.end()
    pieces.append(Span(start, span.end))
    return pieces


def split_into_sentences(text: str, max_tokens: int = 200) -> list[Span]:
    """Sentence spans of `text`, paragraph by paragraph; `text[span.start:span.end]` is the sentence, trimmed."""
    spans: list[Span] = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        base = paragraph.start()
        for segment in _segmenter().segment(paragraph.group()):
            raw = paragraph.group()[segment.start:segment.end]
            stripped = raw.strip()
            if not stripped:
                continue
            start = base + segment.start + (len(raw) - len(raw.lstrip()))
            span = Span(start, start + len(stripped))
            if estimate_tokens(stripped) > max_tokens:
                spans.extend(_split_long(text, span, max_tokens))
            else:
                spans.append(span)
    return spans


def chunk_sentences(text: str, sentences: Sequence[Span], article_id: str, version: str, max_tokens: int = 200, overlap: int = 1) -> list[Chunk]:
    """Greedy packing of whole sentences into chunks of about `max_tokens`, each repeating the previous chunk's last `overlap` sentences."""
    costs = [estimate_tokens(text[s.start:s.end]) for s in sentences]
    chunks: list[Chunk] = []
    first = 0
    while first < len(sentences):
        last, budget = first, costs[first]
        while last + 1 < len(sentences) and budget + costs[last + 1] <= max_tokens:
            last += 1
            budget += costs[last]
        members = tuple(sentences[first:last + 1])
        start, end = members[0].start, members[-1].end
        index = len(chunks)
        chunks.append(Chunk(id=f"{article_id}:{version}:{index:05d}", article_id=article_id, index=index,
                            text=text[start:end], start=start, end=end, sentences=members))
        if last + 1 >= len(sentences):
            break
        first = max(last + 1 - overlap, first + 1)
    return chunks

"""Split cleaned text into sentences with exact offsets, and pack sentences into overlapping chunks."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from index.models import Chunk, Span
from index.text import UNSPACED_LETTERS

__all__ = ["SPLITTER_VERSION", "chunk_sentences", "estimate_tokens", "split_into_sentences"]

SPLITTER_VERSION = 6  # part of the sentence-vector cache key: change it when sentence boundaries change

# A letter of a script written without spaces is a token of its own (WordPiece splits CJK text character by character).
_TOKEN = re.compile(f"[{UNSPACED_LETTERS}]|[^\\W{UNSPACED_LETTERS}]+|[^\\w\\s]")
_LONG_RUN = re.compile(f"[^\\W{UNSPACED_LETTERS}]{{10,}}")  # the letter runs that cost more than one token
_WORD = re.compile(r"\S+")
# A paragraph made only of letters, digits, blanks and ASCII punctuation that never ends a sentence has one sentence;
# blingfire needs seconds for a megabyte of such punctuation ("[x](" repeated), so long ones skip it.
_NO_SENTENCE_END = re.compile(r"[\w \t\"#$%&'()*+,\-/:;<=>@\[\\\]^`{|}~]*")


# blingfire (a compiled, offline splitter) is ~40x faster than pysbd on news text at similar accuracy;
# it tends to glue a sentence to the next one when that one opens with a title abbreviation, so split there.
_TITLES = "Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Rev|St"  # abbreviated titles the splitter trips on
_TITLE_AFTER_END = re.compile(rf"(?<=[a-z0-9%)][.!?])([\"”’']?)\s+(?=(?:{_TITLES})\.\s+[A-Z])")
# Pasted web text often loses the space between sentences ("…taking place."Each of…", "…to appear.Later in the day…"):
# a full stop after a lower-case word or a year, then a capitalized word, an acronym or "A"/"I" with no space, ends a
# sentence (not "U.S.", "e.g.", "3.5": "…the Texas coast in 2008.Facing a delay…", "…on Wednesday.NTSB spokesman…" and
# "…with the Nazis.A spokesman…" are two).
_UNSPACED_END = re.compile(r"(?<=(?:[a-z]{2}|\d{2})[.!?])(?=([\"”’]?)[\"“‘]?[A-Z](?:[a-z]|[A-Z]+\b|\s))")


def _unspaced_break(paragraph: str, start: int, match: re.Match) -> tuple[int, int]:
    """Where a sentence ends at an unspaced boundary: after a closing quote mark, before an opening one (a straight
    quote closes when the sentence so far holds an odd number of them)."""
    quote = match.group(1)
    closes = quote in "”’" or paragraph[start:match.start()].count('"') % 2 == 1
    stop = match.start() + (len(quote) if quote and closes else 0)
    return stop, stop


def _paragraph_sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one paragraph."""
    import blingfire

    if len(paragraph) > 2_000 and _NO_SENTENCE_END.fullmatch(paragraph):
        return [(0, len(paragraph))]
    # Wire copy quotes with ``...'' (DUC, AP, NYT): the splitter reads them as words and glues "... Friday. ``Can we", so
    # it reads a copy in which each pair of marks is a space and a straight quote (opening) or a straight quote and a
    # space (closing). The copy has the same length, so every offset holds for the paragraph; a sentence that starts or
    # ends inside a pair takes the whole pair.
    original = paragraph
    paragraph = paragraph.replace("``", ' "').replace("''", '" ')
    _, offsets = blingfire.text_to_sentences_and_offsets(paragraph)
    offsets = [(start - (original[start - 1:start + 1] == "``"), end + (original[end - 1:end + 1] == "''")) for start, end in offsets]
    spans: list[tuple[int, int]] = []
    for start, end in offsets:
        cut = start
        breaks = sorted([(m.start() + len(m.group(1)), m.end()) for m in _TITLE_AFTER_END.finditer(paragraph, start, end)]
                        + [_unspaced_break(paragraph, start, m) for m in _UNSPACED_END.finditer(paragraph, start, end) if start < m.end() < end])
        for stop, resume in breaks:
            if stop > cut:
                spans.append((cut, stop))
                cut = resume
        spans.append((cut, end))
    return _merge_lone_titles(original, spans)


_LONE_TITLE = re.compile(rf"^({_TITLES})\.$")
# A sentence never ends on a rank or title before a name: '…, Israel's top military spokesman, Brig.' / 'Gen. Yoav …'
# ("St." is left out: "… on Main St." ends many a sentence).
_TRAILING_TITLE = re.compile(rf"(?:^|[\s,(])(?:{_TITLES.removesuffix('|St')}|Brig|Maj|Adm|Cmdr|Cpl|Pvt|Supt|Insp|Det)\.$")


def _merge_lone_titles(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Glue a span that is only a title abbreviation ("Dr."), or that ends on one ("… spokesman, Brig."), to the
    sentence that goes on with the name."""
    merged: list[tuple[int, int]] = []
    carry: int | None = None
    for index, (start, end) in enumerate(spans):
        if carry is not None:
            start, carry = carry, None
        text = paragraph[start:end].strip()
        follows = paragraph[spans[index + 1][0]:spans[index + 1][1]].lstrip()[:1] if index + 1 < len(spans) else ""
        if _LONE_TITLE.match(text) or (_TRAILING_TITLE.search(text) and follows.isupper()):
            carry = start
            continue
        merged.append((start, end))
    if carry is not None:
        merged.append((carry, len(paragraph)))
    return merged


def estimate_tokens(text: str) -> int:
    """A cheap stand-in for a WordPiece token count: words and punctuation marks, plus a little for long words."""
    return len(_TOKEN.findall(text)) + sum(len(run) // 10 for run in _LONG_RUN.findall(text))


def _words_within_budget(text: str, span: Span, max_tokens: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, cost) of each word in the span; a word over the budget (a URL, unspaced script) comes in slices that fit."""
    for word in _WORD.finditer(text, span.start, span.end):
        cost = estimate_tokens(word.group())
        if cost <= max_tokens:
            yield word.start(), word.end(), cost
            continue
        # A slice of n characters never costs more than n tokens, so slices of max_tokens characters always fit.
        for start in range(word.start(), word.end(), max_tokens):
            end = min(start + max_tokens, word.end())
            yield start, end, estimate_tokens(text[start:end])


def _split_long(text: str, span: Span, max_tokens: int) -> list[Span]:
    """Cut an over-long 'sentence' (a list, a line without punctuation) at word boundaries, inside over-long words if need be."""
    pieces: list[Span] = []
    start = last_end = span.start
    budget = 0
    for word_start, word_end, cost in _words_within_budget(text, span, max_tokens):
        if budget and budget + cost > max_tokens:
            pieces.append(Span(start, last_end))
            start, budget = word_start, 0
        budget += cost
        last_end = word_end
    pieces.append(Span(start, last_end))
    return pieces


def split_into_sentences(text: str, max_tokens: int = 200) -> list[Span]:
    """Sentence spans of `text`, paragraph by paragraph; `text[span.start:span.end]` is the sentence, trimmed."""
    max_tokens = max(1, max_tokens)
    spans: list[Span] = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        base = paragraph.start()
        first = len(spans)
        for begin, finish in _paragraph_sentences(paragraph.group()):
            raw = paragraph.group()[begin:finish]
            stripped = raw.strip()
            if not stripped:
                continue
            start = base + begin + (len(raw) - len(raw.lstrip()))
            span = Span(start, start + len(stripped))
            closing = re.match(r"[”’)\]]+(?=\s|$)", stripped)
            if closing and len(spans) > first:
                # A closing mark the splitter left at the start ("relax.’ ” Then ...": the end of a quote within a quote)
                # ends the sentence before it.
                spans[-1] = Span(spans[-1].start, start + closing.end())
                rest = stripped[closing.end():]
                if not rest.strip():
                    continue
                start += closing.end() + (len(rest) - len(rest.lstrip()))
                stripped = rest.strip()
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

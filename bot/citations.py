"""Citations to exact source sentences, and the check that a sentence is supported by what it cites."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["AnswerSentence", "Citation", "content_words", "lexical_conflicts", "numbers_in", "support_check"]

_STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those "
    "what which who whom whose when where why how do does did has have had will would can could should may might must "
    "not no so than then there their they them he she his her we our you your i me my about into over after before "
    "up down out more most some any all each other such only own same very just also".split()
)
_NEGATION = re.compile(r"\b(no|not|never|none|nobody|nothing|neither|nor|without|cannot|denied|denies|refused)\b|n['’]t\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Citation:
    """An exact quote from an article: `article_text[start:end] == quote`."""

    article_id: str  # the cited article
    quote: str  # the cited sentence, verbatim
    start: int  # offset in the article's cleaned text
    end: int  # end offset

    def to_json(self) -> dict:
        return {"article_id": self.article_id, "quote": self.quote, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class AnswerSentence:
    """One sentence of an answer or summary with the source sentences it rests on."""

    text: str  # the sentence as shown
    citations: tuple[Citation, ...]  # what it cites
    supported: bool  # whether the citation check passed

    def to_json(self) -> dict:
        return {"text": self.text, "citations": [c.to_json() for c in self.citations], "supported": self.supported}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """Lower-cased, lightly stemmed words that are not stopwords."""
    return {_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOPWORDS and len(w) > 1}


def numbers_in(text: str) -> set[str]:
    """Numbers as written, without thousands separators ("6,000" and "6000" match)."""
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def _names(text: str) -> set[str]:
    """Capitalized words not at the start of a sentence: a rough set of names."""
    words = re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b", text)
    return {w.lower() for w in words}


def lexical_conflicts(sentence: str, evidence: str) -> list[str]:
    """Reasons the sentence says something its evidence does not: new numbers, new names, flipped negation."""
    problems = []
    if missing := numbers_in(sentence) - numbers_in(evidence):
        problems.append(f"numbers not in the source: {', '.join(sorted(missing))}")
    if missing := _names(sentence) - _names(evidence) - content_words(evidence):
        problems.append(f"names not in the source: {', '.join(sorted(missing))}")
    if bool(_NEGATION.search(sentence)) != bool(_NEGATION.search(evidence)):
        problems.append("negation differs from the source")
    return problems


def support_check(sentences: Sequence[str], evidence: Sequence[str], sentence_vectors: np.ndarray, evidence_vectors: np.ndarray,
                  threshold: float = 0.6) -> list[bool]:
    """Whether each sentence is supported by its evidence: semantically close and lexically consistent."""
    results = []
    for i, (sentence, quote) in enumerate(zip(sentences, evidence, strict=True)):
        if not quote:
            results.append(False)
            continue
        similarity = float(sentence_vectors[i] @ evidence_vectors[i])
        results.append(similarity >= threshold and not lexical_conflicts(sentence, quote))
    return results

"""Citations to exact source sentences, and the check that a sentence is supported by what it cites."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.judge import ENTAILMENT, SUPPORT_ENTAILMENT, Judge, get_judge, lexical_conflicts  # lexical_conflicts re-exported
from index import content_words, numbers_in  # re-exported

__all__ = ["AnswerSentence", "Citation", "content_words", "lexical_conflicts", "numbers_in", "support_check"]


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


def support_check(sentences: Sequence[str], evidence: Sequence[str], judge: Judge | None = None) -> list[bool]:
    """Whether each sentence is supported by its evidence (the cited source sentences, joined): the evidence entails it,
    by the judge (the configured one by default), and it brings no number or name the evidence lacks, nor flips its
    negation. The one support check every engine calls."""
    checkable = [i for i, (sentence, quote) in enumerate(zip(sentences, evidence, strict=True)) if quote and sentence.strip()]
    results = [False] * len(sentences)
    if not checkable:
        return results
    scores = (judge or get_judge()).score([(evidence[i], sentences[i]) for i in checkable])
    for i, score in zip(checkable, scores, strict=True):
        results[i] = bool(score[ENTAILMENT] >= SUPPORT_ENTAILMENT) and not lexical_conflicts(sentences[i], evidence[i])
    return results

"""A conversation over the library: follow-up questions are condensed into standalone ones using the previous turn."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from bot.answer import Answer
from bot.citations import content_words

__all__ = ["ChatSession", "Turn", "condense_question", "is_follow_up"]

_FOLLOW_UP = re.compile(
    r"^\s*(and|but|also|so|what about|how about|why|why not|when|where|how come)\b|\b(it|its|they|them|their|he|him|his|she|her|"
    r"that|this|those|these|there|the same|the other)\b",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"\b(?:[A-Z][a-z]+(?:\s+(?:of|the|de|van)?\s*[A-Z][a-z]+)*|[A-Z]{2,}(?:\.[A-Z])*\.?)\b")
_QUESTION_WORDS = {"what", "who", "when", "where", "why", "how", "which", "did", "does", "do", "is", "are", "was", "were", "and", "but", "the"}


@dataclass(frozen=True)
class Turn:
    """One exchange: what was asked, what it meant on its own, and the answer."""

    question: str  # as typed
    standalone: str  # as searched
    answer: Answer  # the reply


def is_follow_up(question: str) -> bool:
    """Short questions with pronouns or a leading "and"/"what about" lean on the previous turn."""
    return len(question.split()) <= 12 and bool(_FOLLOW_UP.search(question))


def _entities(text: str) -> list[str]:
    found = [m.group(0) for m in _ENTITY.finditer(text)]
    return [e for e in dict.fromkeys(found) if e.lower() not in _QUESTION_WORDS]


def condense_question(question: str, previous: Turn | None) -> str:
    """A standalone form of a follow-up: the question plus the entities and key words of the previous turn it refers to."""
    if previous is None or not is_follow_up(question):
        return question
    # What the previous question was about comes first; failing that, the multi-word names its answer opened with.
    context = _entities(previous.standalone.split(" (")[0])
    if not context and previous.answer.sentences:
        context = [e for e in _entities(previous.answer.sentences[0].text) if " " in e][:2]
    asked = content_words(question)
    extra = [term for term in dict.fromkeys(context) if not content_words(term) <= asked]
    if not extra:
        extra = sorted(content_words(previous.standalone) - asked)[:4]
    return f"{question} ({', '.join(extra)})" if extra else question


@dataclass
class ChatSession:
    """Keeps the history of one conversation and asks the engine standalone questions."""

    engine: object  # an ExtractiveEngine or LLMEngine
    article_ids: Sequence[str] | None = None  # restrict answers to these articles
    history: list[Turn] = field(default_factory=list)

    def ask(self, question: str) -> Turn:
        standalone = condense_question(question, self.history[-1] if self.history else None)
        turn = Turn(question, standalone, self.engine.answer(standalone, article_ids=self.article_ids))
        self.history.append(turn)
        return turn

    def stream(self, question: str) -> Iterator[str]:
        """The reply as it is produced (sentences for the extractive engine, tokens for an LLM); then records the turn."""
        standalone = condense_question(question, self.history[-1] if self.history else None)
        if getattr(self.engine, "name", "") == "extractive":
            answer = self.engine.answer(standalone, article_ids=self.article_ids)
            for sentence in answer.sentences or ():
                yield sentence.text + " "
            if not answer.sentences:
                yield answer.text
        else:
            pieces = []
            for piece in self.engine.stream(standalone, article_ids=self.article_ids):
                pieces.append(piece)
                yield piece
            answer = self.engine.answer(standalone, article_ids=self.article_ids, reply="".join(pieces))
        self.history.append(Turn(question, standalone, answer))

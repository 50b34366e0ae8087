"""A conversation over the library: follow-up questions are condensed into standalone ones using the previous turn,
and requests to compare or summarize the sources are routed to the comparison and the summary."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from bot.answer import Answer
from bot.citations import AnswerSentence
from bot.comparative import comparative_summary
from bot.engines import AnswerEngine, judge_for
from bot.highlight import CitationNumbers, escape_line, escape_markdown, markers
from bot.summarize import summarize
from bot.views import AGREE, DISAGREE, QUOTES, UNIQUE, ComparisonView, Headings, Section, comparison_view, view_markdown
from bot.compare import Comparison, article_label, compare
from index import ArticleRecord
from index import NAME, content_words

__all__ = ["ChatSession", "Intent", "IntentKind", "Turn", "condense_question", "is_follow_up", "route"]

IntentKind = Literal["compare", "disagree", "agree", "unique", "quotes", "summary"]  # what a routed request asks for
_SOURCES = r"(?:they|them|the (?:outlets?|sources?|articles?|papers?|reports?|stories|media|coverage))"
_BROAD = (r"^\s*(so\s+)?(what(['’]s| is| has)? (happened|happening|going on|new|the (news|story|latest))"
          r"|what (is|are) (this|these|the (articles?|stories|reports?|news)|they) about|tell me (about it|about the story|what happened)"
          r"|catch me up|fill me in|brief me|give me the (gist|summary|overview))\s*(here|so far|today|then|now)?\s*[?.!]*\s*$")
_INTENTS: tuple[tuple[IntentKind, re.Pattern[str]], ...] = (  # what a request asks for, tried in order
    ("compare", re.compile(rf"\b(summari[sz]e|sum up|overview|recap)\b.*\b(differ|differences?|compare|comparison|disagree|agree|"
                           rf"sources|outlets|coverage|sides|each)\b|\b(compare|comparison|side by side|contrast)\b|"
                           rf"\bhow do {_SOURCES} (differ|compare)", re.I)),
    ("disagree", re.compile(rf"\b(disagree|differ|difference|contradict|conflict|dispute|inconsisten)|\bwhere do {_SOURCES} (not|n't) agree", re.I)),
    ("agree", re.compile(r"\b(agree|consensus|in common|common ground)\b|\bwhat do (all|every) ", re.I)),
    ("unique", re.compile(r"\bwhat (does|did|do) (?P<outlet>.+?) (add|say that|report that|have that)|\b(unique|exclusive)\b|\bonly (one|source|outlet)", re.I)),
    ("quotes", re.compile(r"\bwho (is|was|are|were|gets|got) quoted\b|\b(quotes|quoted)\b.*\b(sources?|outlets?|articles?|who)\b|^\s*quotes\b", re.I)),
    ("summary", re.compile(r"^\s*(please\s+)?(summari[sz]e|sum up|give me (a|the) (summary|gist|overview)|(what'?s|what is) the (story|gist)|tl;?dr|overview)\b|"
                           + _BROAD, re.I)),
)

_FOLLOW_UP = re.compile(
    r"^\s*(and|but|also|so|what about|how about|why|why not|when|where|how come)\b|\b(it|its|they|them|their|he|him|his|she|her|"
    r"that|this|those|these|there|the same|the other)\b",
    re.IGNORECASE,
)
_ENTITY = re.compile(rf"\b(?:{NAME}|[A-Z]{{2,}}(?:\.[A-Z])*\.?)\b")  # a name or an acronym
_QUESTION_WORDS = {"what", "who", "when", "where", "why", "how", "which", "did", "does", "do", "is", "are", "was", "were", "and", "but", "the"}


@dataclass(frozen=True)
class Turn:
    """One exchange: what was asked, what it meant on its own, and the answer."""

    question: str  # as typed
    standalone: str  # as searched
    answer: Answer  # the reply (for a comparison request: the cited claims it shows)
    comparison: Comparison | None = None  # set when the request was routed to the comparison
    reply: str = ""  # the reply as shown (Markdown for routed requests)
    view: ComparisonView | None = None  # the part of the comparison the request asked for, as every view shows it


@dataclass(frozen=True)
class Intent:
    """A request the chat hands to the comparison or the summary instead of the answer engine."""

    kind: IntentKind  # disagree, agree, unique, quotes, compare or summary
    article_id: str | None = None  # for "what does <outlet> add": that outlet's article


def route(question: str, records: Sequence[ArticleRecord]) -> Intent | None:
    """The comparative request a question makes, or None for an ordinary question."""
    for kind, pattern in _INTENTS:
        match = pattern.search(question)
        if match is None:
            continue
        if kind == "unique":
            named = (match.groupdict().get("outlet") or question).lower()
            article = next((r.id for r in records if r.outlet and r.outlet.lower() in named), None)
            if article is None and match.groupdict().get("outlet") and not re.search(r"\b(each|every|they|outlets?|sources?)\b", named):
                continue  # "what does the report add ..." about something else: an ordinary question
            return Intent(kind, article)
        return Intent(kind)
    return None


_SECTIONS: dict[IntentKind, tuple[Section, ...]] = {"agree": (AGREE,), "disagree": (DISAGREE,), "unique": (UNIQUE,), "quotes": (QUOTES,)}


def comparison_reply(comparison: Comparison, intent: Intent, numbers: CitationNumbers | None = None
                     ) -> tuple[str, tuple[AnswerSentence, ...], ComparisonView]:
    """A short Markdown reply for a routed request (the part of the comparison's view it asks for, article numbers as [n]),
    the cited source sentences it shows, and that view."""
    view = comparison_view(comparison, _SECTIONS.get(intent.kind, (AGREE, DISAGREE)), intent.article_id)
    sentences = tuple(view.sentences())
    numbered = (numbers or CitationNumbers())(sentences, comparison.sources)
    lines = view_markdown(view, lambda citations: " " + markers(citations, numbered), Headings.CHAT, limit=8)
    records = {r.id: r for r in comparison.sources}
    lines += [f"\\[{n}\\] {escape_line(article_label(records[a], comparison.sources))}  " for a, n in numbered.items() if a in records]
    return "\n".join(lines).rstrip(), sentences, view


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
    # What the previous question was about (as asked, without the context a follow-up was given) comes first; failing
    # that, the multi-word names its answer opened with.
    context = _entities(previous.question)
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

    engine: AnswerEngine  # answers ordinary questions; its model (if any) also judges when MANYSIDES_JUDGE=llm
    article_ids: Sequence[str] | None = None  # restrict answers to these articles
    history: list[Turn] = field(default_factory=list)
    numbers: CitationNumbers = field(default_factory=CitationNumbers)  # one citation number per article for the whole session

    def _records(self) -> list[ArticleRecord]:
        records = self.engine.library.articles()
        return records if self.article_ids is None else [r for r in records if r.id in set(self.article_ids)]

    def _routed(self, question: str) -> Turn | None:
        """The turn for a comparison or summary request, or None for an ordinary question."""
        library = self.engine.library
        records = self._records()
        intent = route(question, records)
        if intent is None:
            return None
        if intent.kind == "summary":
            summary = summarize(library, self.article_ids, words=120)
            answer = Answer(question, summary.text, bool(summary.sentences), summary.sentences, summary.sources)
            return Turn(question, question, answer, reply=summary.text)
        if len(records) < 2:
            return None  # one article has nothing to compare with: answer the question instead
        comparison = compare(library, self.article_ids, judge=judge_for(self.engine))
        if intent.kind == "compare":  # "compare the sources", "summarize how they differ": the comparative summary
            summary = comparative_summary(library, comparison, chat_model=self.engine.chat_model)
            answer = Answer(question, summary.text, bool(summary.sentences), summary.sentences, summary.sources)
            return Turn(question, question, answer, reply=summary.text)
        reply, sentences, view = comparison_reply(comparison, intent, self.numbers)
        cited = dict.fromkeys(c.article_id for s in sentences for c in s.citations)
        sources = tuple(r for r in comparison.sources if r.id in cited)
        answer = Answer(question, " ".join(s.text for s in sentences), True, sentences, sources)
        return Turn(question, question, answer, comparison=comparison, reply=reply, view=view)

    def ask(self, question: str) -> Turn:
        turn = self._routed(question)
        if turn is None:
            standalone = condense_question(question, self.history[-1] if self.history else None)
            answer = self.engine.answer(standalone, article_ids=self.article_ids)
            turn = Turn(question, standalone, answer, reply=answer.text)
        self.history.append(turn)
        return turn

    def stream(self, question: str, markdown: bool = False) -> Iterator[str]:
        """The reply as it is produced (sentences for the extractive engine, tokens for an LLM); then records the turn.
        With `markdown`, every piece is Markdown that shows as itself: an answer's text escaped (a comparison's reply
        already is)."""
        routed = self._routed(question)
        if routed is not None:
            yield from routed.reply.splitlines(keepends=True)
            self.history.append(routed)
            return
        shown = escape_markdown if markdown else str
        standalone = condense_question(question, self.history[-1] if self.history else None)
        stream = self.engine.stream(standalone, article_ids=self.article_ids)
        while True:  # the engine yields the answer's text as it comes and returns the checked answer
            try:
                piece = next(stream)
            except StopIteration as done:
                answer = done.value
                break
            yield shown(piece)
        self.history.append(Turn(question, standalone, answer, reply=answer.text))

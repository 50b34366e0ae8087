"""A conversation over the library: follow-up questions are condensed into standalone ones using the previous turn,
and requests to compare or summarize the sources are routed to the comparison and the summary."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from bot.answer import Answer
from bot.citations import AnswerSentence, Citation
from bot.compare import Comparison, compare, outlet_label
from index import ArticleRecord
from index.text import NAME, content_words

__all__ = ["ChatSession", "Intent", "Turn", "condense_question", "is_follow_up", "route"]

_SOURCES = r"(?:they|them|the (?:outlets?|sources?|articles?|papers?|reports?|stories|media|coverage))"
_INTENTS = (  # what a request asks for, tried in order
    ("disagree", re.compile(rf"\b(disagree|differ|difference|contradict|conflict|dispute|inconsisten)|\bwhere do {_SOURCES} (not|n't) agree", re.I)),
    ("agree", re.compile(r"\b(agree|consensus|in common|common ground)\b|\bwhat do (all|every) ", re.I)),
    ("unique", re.compile(r"\bwhat (does|did|do) (?P<outlet>.+?) (add|say that|report that|have that)|\b(unique|exclusive)\b|\bonly (one|source|outlet)", re.I)),
    ("quotes", re.compile(r"\bwho (is|was|are|were|gets|got) quoted\b|\b(quotes|quoted)\b.*\b(sources?|outlets?|articles?|who)\b|^\s*quotes\b", re.I)),
    ("compare", re.compile(rf"\b(compare|comparison|side by side|contrast)\b|\bhow do {_SOURCES} (differ|compare)", re.I)),
    ("summary", re.compile(r"^\s*(please\s+)?(summari[sz]e|sum up|give me (a|the) (summary|gist|overview)|(what'?s|what is) the (story|gist)|tl;?dr|overview)\b", re.I)),
)
_HEADINGS = {"disagree": "Where the outlets differ", "agree": "What the outlets agree on", "unique": "What each outlet adds alone",
             "quotes": "Who is quoted", "compare": "How the outlets compare"}

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


@dataclass(frozen=True)
class Intent:
    """A request the chat hands to the comparison or the summary instead of the answer engine."""

    kind: str  # disagree, agree, unique, quotes, compare or summary
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


def _cited(claims: Sequence[tuple[str, tuple[Citation, ...]]]) -> tuple[AnswerSentence, ...]:
    return tuple(AnswerSentence(text, citations, True) for text, citations in claims)


def comparison_reply(comparison: Comparison, intent: Intent) -> tuple[str, tuple[AnswerSentence, ...]]:
    """A short Markdown reply for a routed request, and the cited source sentences it shows (numbered [n] in the reply)."""
    labels = {r.id: outlet_label(r, comparison.sources) for r in comparison.sources}
    lines = [f"**{_HEADINGS[intent.kind]}**", ""]
    claims: list[tuple[str, tuple[Citation, ...]]] = []

    def mark(citations: tuple[Citation, ...], text: str) -> str:
        claims.append((text, citations))
        return f"[{len(claims)}]"

    if intent.kind in ("agree", "compare"):
        for item in comparison.consensus[:8]:
            outlets = ", ".join(labels[a] for a in dict.fromkeys(item.article_ids))
            lines.append(f"- {_plain(item.claim)} {mark(item.citations, item.claim)} ({outlets})")
        if not comparison.consensus:
            lines.append("- No fact is reported by two independent outlets.")
    if intent.kind == "compare":
        lines += ["", f"**{_HEADINGS['disagree']}**", ""]
    if intent.kind in ("disagree", "compare"):
        for conflict in comparison.conflicts:
            lines.append(f"- {_plain(conflict.topic)} ({_plain(conflict.reason)})")
            for position in conflict.positions:
                lines.append(f"  - {labels[position.article_id]}: “{_plain(position.claim)}” {mark(position.citations, position.claim)}")
        if not comparison.conflicts:
            lines.append("- No contradictions found between the chosen articles.")
    if intent.kind == "unique":
        groups = [g for g in comparison.unique if intent.article_id in (None, g.article_id)]
        for group in groups:
            lines.append(f"- {labels[group.article_id]}:")
            for claim in group.claims[:5]:
                lines.append(f"  - {_plain(claim.text)} {mark(claim.citations, claim.text)}")
        if not groups:
            lines.append("- Nothing: everything it reports, another outlet reports too.")
    if intent.kind == "quotes":
        for quote in comparison.quotes:
            if quote.kind != "direct":
                continue
            who = quote.speaker + (f" ({quote.role})" if quote.role else "")
            lines.append(f"- {_plain(who)} in {labels[quote.article_id]}: “{_plain(quote.quote)}” {mark(quote.citations, quote.quote)}")
        if not any(q.kind == "direct" for q in comparison.quotes):
            lines.append("- Nobody is quoted directly.")
    if intent.kind == "compare":
        lines += ["", "Open *Compare sources* for what each outlet adds and who is quoted."]
    return "\n".join(lines), _cited(claims)


def _plain(text: str) -> str:
    """Article text inside a Markdown reply: one line, no Markdown or HTML of its own."""
    from bot.report import markdown_escape

    return markdown_escape(text)


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

    def _records(self) -> list[ArticleRecord]:
        records = self.engine.library.articles()
        return records if self.article_ids is None else [r for r in records if r.id in set(self.article_ids)]

    def intent(self, question: str) -> Intent | None:
        """The comparison or summary request this question makes, if any (its streamed reply is Markdown, already escaped)."""
        return route(question, self._records())

    def _routed(self, question: str) -> Turn | None:
        """The turn for a comparison or summary request, or None for an ordinary question."""
        library = self.engine.library
        records = self._records()
        intent = route(question, records)
        if intent is None:
            return None
        if intent.kind == "summary":
            from bot.summarize import summarize

            summary = summarize(library, self.article_ids, words=120)
            answer = Answer(question, summary.text, bool(summary.sentences), summary.sentences, summary.sources)
            return Turn(question, question, answer, reply=summary.text)
        if len(records) < 2:
            return None  # one article has nothing to compare with: answer the question instead
        comparison = compare(library, self.article_ids)
        reply, sentences = comparison_reply(comparison, intent)
        cited = dict.fromkeys(c.article_id for s in sentences for c in s.citations)
        sources = tuple(r for r in comparison.sources if r.id in cited)
        answer = Answer(question, " ".join(s.text for s in sentences), True, sentences, sources)
        return Turn(question, question, answer, comparison=comparison, reply=reply)

    def ask(self, question: str) -> Turn:
        turn = self._routed(question)
        if turn is None:
            standalone = condense_question(question, self.history[-1] if self.history else None)
            answer = self.engine.answer(standalone, article_ids=self.article_ids)
            turn = Turn(question, standalone, answer, reply=answer.text)
        self.history.append(turn)
        return turn

    def stream(self, question: str) -> Iterator[str]:
        """The reply as it is produced (sentences for the extractive engine, tokens for an LLM); then records the turn."""
        routed = self._routed(question)
        if routed is not None:
            for line in routed.reply.splitlines(keepends=True):
                yield line
            self.history.append(routed)
            return
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
        self.history.append(Turn(question, standalone, answer, reply=answer.text))

"""LLM answer engines through LangChain chat models, with [n] citations parsed, checked and mapped to exact sentences.

The chat models come from `bot.backends` (`openai:MODEL`, `ollama:MODEL`, `llamacpp:PATH.gguf` or `llamacpp:smollm2`).
When the model gives no usable reply, the reason is an `EngineFailure`:

    EngineFailure        the LLM gave no usable reply; str() says how, in a few words
     ├── ReplyTimeout     no complete reply within the deadline (MANYSIDES_LLM_DEADLINE_S)
     ├── EmptyReply       nothing in the reply, or no sentence
     ├── CutOffReply      the reply stopped mid-sentence (what it said so far is kept)
     └── ClientFailure    the client or its server failed: connection, HTTP status, a crashed runner
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache

from bot.answer import ANSWERABLE_THRESHOLD, Answer, AnswerStream, Evidence, ExtractiveEngine, focused, gather_evidence, not_said
from bot.backends import chat_model_for
from bot.citations import AnswerSentence, Citation, support_check
from bot.judge import Judge, get_judge
from bot.prompts import fact_blocks, passage_blocks, render_prompt
from bot.retrieval import HybridRetriever
from bot.settings import load_bot_settings
from index import Library, ManysidesError, SearchHit, ends_sentence, split_into_sentences, word_count

__all__ = ["ClientFailure", "CutOffReply", "EmptyReply", "EngineFailure", "LLMEngine", "ReplyTimeout", "as_failure", "chat_model_for",
           "checked_sentences", "deadline_s", "failure_line", "format_passages", "invoke_within_deadline", "parse_cited_sentences",
           "phrase_consensus", "reply_or_error", "rewrite_summary"]

_KEY = re.compile(r"\[(\d{1,3})\]")
# Prompt markup a model may echo ("Talks in Rome\n</passage>"): tags of our prompts, escaped or not, and their labels.
_MARKUP = re.compile(r"(?:<|&lt;)\s*/?\s*(?:passage|premise|hypothesis|pair|fact|sources?|question|context)\b[^>&]*(?:>|&gt;)"
                     r"|^\s*(?:source sentences|passages?|question|answer|summary)\s*:\s*$"
                     r"|^\s*(?:#{1,6}\s+[^\n]*|\*\*[^*\n]{1,80}\*\*:?)\s*$", re.IGNORECASE | re.MULTILINE)  # Markdown headings
_HEADING_WORDS = 6  # a line this short without a closing stop is a heading fragment, not a sentence of the answer
_REFUSAL = re.compile(r"NOT IN SOURCES", re.IGNORECASE)


_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)]*(\s*\[\d{1,3}\])*\s*$")  # a reply that ends like a sentence, [n] markers aside


def deadline_s() -> float:
    """The most seconds one request to an LLM may take (MANYSIDES_LLM_DEADLINE_S), streams included."""
    return load_bot_settings().llm_deadline_s


class EngineFailure(Exception):
    """The LLM gave no usable reply; `str()` says how in a few words, for `failure_line`."""


class ReplyTimeout(EngineFailure, TimeoutError):
    """No complete reply within the deadline."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"no complete reply within {seconds:.0f} s")


class EmptyReply(EngineFailure):
    """A reply with nothing in it, or with no sentence that could be shown."""

    def __init__(self, blank: bool = True) -> None:
        super().__init__("an empty reply" if blank else "a reply with no sentence in it")


class CutOffReply(EngineFailure):
    """A reply that stopped mid-sentence."""

    def __init__(self) -> None:
        super().__init__("the reply stopped mid-sentence")


class ClientFailure(EngineFailure):
    """The client or its server failed: a refused connection, an HTTP error, a crashed model runner."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        super().__init__(f"{type(error).__name__}: {' '.join(str(error).split())[:160]}")


@cache
def _timeout_errors() -> tuple[type[BaseException], ...]:
    """The exception types the LLM clients raise when their own timeout passes."""
    found: list[type[BaseException]] = [TimeoutError]
    try:
        import httpx  # the Ollama and OpenAI clients' transport

        found.append(httpx.TimeoutException)
    except ImportError:
        pass
    try:
        import openai

        found.append(openai.APITimeoutError)
    except ImportError:
        pass
    return tuple(found)


def as_failure(error: BaseException, seconds: float | None = None) -> EngineFailure:
    """The failure an exception from an LLM client stands for: a timeout (after `seconds`, default the deadline) or a client failure."""
    if isinstance(error, EngineFailure):
        return error
    if isinstance(error, _timeout_errors()):
        return ReplyTimeout(deadline_s() if seconds is None else seconds)
    return ClientFailure(error)


def failure_line(engine: str, error: BaseException, kept: bool = False, instead: str | None = None) -> str:
    """One line that says what went wrong with the LLM, what the reader gets `instead` (by default: the reply as far as
    it went when `kept`, else the extractive answer), and what to do."""
    instead = instead or ("the answer is cut off where it stopped" if kept else "the extractive answer is shown instead")
    return (f"The answer engine {engine} failed ({as_failure(error)}); {instead}. "
            "Check the engine under Settings (is its server running, is the model there?).")


def invoke_within_deadline(chat_model, messages, seconds: float | None = None) -> str:
    """The model's whole reply, or ReplyTimeout once the deadline passes (the request is left to finish on its own)."""
    seconds = deadline_s() if seconds is None else seconds
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return str(pool.submit(chat_model.invoke, messages).result(timeout=seconds).content)
    except TimeoutError:
        raise ReplyTimeout(seconds) from None
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def reply_or_error(chat_model, messages) -> str:
    """The model's reply within the deadline, or a ManysidesError in one line (a summary has no extractive stand-in to
    swap in silently: the reader asked for the model's text)."""
    try:
        reply = invoke_within_deadline(chat_model, messages)
    except Exception as error:  # noqa: BLE001 (any client error: connection, HTTP status, timeout)
        raise _summary_error(as_failure(error)) from None
    if not reply.strip():
        raise _summary_error(EmptyReply())
    return reply


def _summary_error(failure: EngineFailure) -> ManysidesError:
    return ManysidesError(f"The answer engine LLM failed ({failure}); run it again without --llm (or with the extractive engine), "
                          "or check the engine")


def format_passages(hits: Sequence[SearchHit]) -> str:
    """Numbered passages inside delimiters; the text is escaped so it cannot close its own tag."""
    return passage_blocks([hit.text for hit in hits])


@dataclass(frozen=True)
class CitedSentence:
    """A sentence of the model's reply and the passage keys it cites that exist."""

    text: str  # the sentence without its [n] markers
    keys: tuple[int, ...]  # valid passage numbers, in order
    invented: tuple[int, ...]  # keys that name no passage, dropped


def parse_cited_sentences(reply: str, passages: int) -> list[CitedSentence]:
    """Split a reply into sentences and their [n] keys; keys outside 1..passages are dropped as invented."""
    text = _MARKUP.sub("\n", reply).strip()
    spans = split_into_sentences(text)
    sentences: list[CitedSentence] = []
    for index, span in enumerate(spans):
        raw = text[span.start:span.end]
        # Markers written just after the sentence's full stop belong to it ("... cost. [2]").
        following = text[span.end: spans[index + 1].start if index + 1 < len(spans) else len(text)]
        keys = [int(k) for k in _KEY.findall(raw + following)]
        clean = _KEY.sub("", raw).strip()
        clean = re.sub(r"\s+([.,;:!?])", r"\1", clean)
        fragment = not keys and word_count(clean) <= _HEADING_WORDS and not ends_sentence(clean)
        if not clean or re.fullmatch(r"[\W\d]*", clean) or fragment:
            if sentences and keys:  # a lone "[2]." line cites the sentence before it
                last = sentences[-1]
                valid = tuple(k for k in keys if 1 <= k <= passages)
                sentences[-1] = CitedSentence(last.text, last.keys + valid, last.invented + tuple(k for k in keys if k not in valid))
            continue
        valid = tuple(dict.fromkeys(k for k in keys if 1 <= k <= passages))
        sentences.append(CitedSentence(clean, valid, tuple(k for k in keys if not 1 <= k <= passages)))
    return sentences


class LLMEngine:
    """Retrieves passages, asks a chat model for a cited answer, then checks every sentence against exact source sentences."""

    def __init__(self, library: Library, chat_model, name: str, retriever: HybridRetriever | None = None, passages: int = 6,
                 judge: Judge | None = None) -> None:
        self.library = library
        self.chat_model = chat_model
        self.name = name
        self.retriever = retriever or HybridRetriever(library)
        self.passages = passages
        self._judge = judge  # None: the configured judge, with this engine's model when the judge is the LLM

    @property
    def judge(self) -> Judge:
        """The judge that checks this engine's sentences."""
        if self._judge is None:
            self._judge = get_judge(self.chat_model, name=self.name)
        return self._judge

    def _messages(self, question: str, hits: Sequence[SearchHit]) -> list[tuple[str, str]]:
        return [("system", render_prompt("answer_system")),
                ("human", render_prompt("answer_user", passages=format_passages(hits), question=question))]

    def _retrieve(self, question: str, article_ids: Sequence[str] | None) -> tuple[list[SearchHit], list[Evidence]]:
        hits = self.retriever.search(question, k=self.passages, article_ids=article_ids)
        return hits, gather_evidence(self.library, question, hits)

    def _without_model(self, question: str, article_ids: Sequence[str] | None, hits: Sequence[SearchHit],
                       evidence: Sequence[Evidence]) -> Answer | None:
        """The answer when the model need not be asked: nothing close enough (the refusal), or nothing that says what was
        asked (the refusal and the nearest sentence)."""
        if not evidence or evidence[0].score < ANSWERABLE_THRESHOLD:
            return Answer(question, not_said(article_ids), False, (), ())
        if not focused(question, evidence, [hit.text for hit in hits]):
            return self._extractive(question, article_ids, "")
        return None

    def stream(self, question: str, article_ids: Sequence[str] | None = None) -> AnswerStream:
        """The model's reply token by token, then (as the generator's return value) the checked answer. A server that fails,
        hangs past the deadline or breaks off midway ends the stream; the answer says so in its notice."""
        hits, evidence = self._retrieve(question, article_ids)
        if (early := self._without_model(question, article_ids, hits, evidence)) is not None:
            yield early.text
            return early
        pieces: list[str] = []
        failure: EngineFailure | None = None
        seconds = deadline_s()
        ends = time.monotonic() + seconds
        try:
            for chunk in self.chat_model.stream(self._messages(question, hits)):
                pieces.append(str(chunk.content))
                yield pieces[-1]
                if time.monotonic() > ends:
                    raise ReplyTimeout(seconds)
        except Exception as error:  # noqa: BLE001 (the server failed, hung or closed midway: say so, answer anyway)
            failure = as_failure(error, seconds)
        return self._finish(question, article_ids, hits, evidence, "".join(pieces), failure)

    def _extractive(self, question: str, article_ids: Sequence[str] | None, notice: str) -> Answer:
        return replace(ExtractiveEngine(self.library, self.retriever, self.passages).answer(question, article_ids), notice=notice)

    def answer(self, question: str, article_ids: Sequence[str] | None = None, reply: str | None = None) -> Answer:
        """A checked, cited answer; `reply` checks a reply the caller already has instead of asking the model. A model that
        fails, hangs past the deadline or says nothing leaves the extractive answer, with a notice; a reply cut off midway
        is kept as far as it goes, its sentences checked like any others."""
        hits, evidence = self._retrieve(question, article_ids)
        if (early := self._without_model(question, article_ids, hits, evidence)) is not None:
            return early
        if reply is None:
            try:
                reply = invoke_within_deadline(self.chat_model, self._messages(question, hits))
            except Exception as error:  # noqa: BLE001 (any client error: connection, HTTP status, timeout)
                return self._extractive(question, article_ids, failure_line(self.name, error))
        return self._finish(question, article_ids, hits, evidence, reply, None)

    def _finish(self, question: str, article_ids: Sequence[str] | None, hits: Sequence[SearchHit], evidence: Sequence[Evidence],
                reply: str, failure: EngineFailure | None) -> Answer:
        """The answer from the model's reply (whole, or as far as it came before `failure`)."""
        if _REFUSAL.search(reply):
            return Answer(question, not_said(article_ids), False, (), ())
        sentences = self._check(parse_cited_sentences(reply, len(hits)), hits, evidence)
        if not sentences:
            return self._extractive(question, article_ids, failure_line(self.name, failure or EmptyReply(blank=not reply.strip())))
        cited = list(dict.fromkeys(c.article_id for s in sentences for c in s.citations))
        records = [self.library.article(i) for i in cited]
        if failure is None and not _ENDS_SENTENCE.search(reply.strip()):
            failure = CutOffReply()
        notice = failure_line(self.name, failure, kept=True) if failure else ""
        return Answer(question, " ".join(s.text for s in sentences), True, tuple(sentences), tuple(r for r in records if r is not None), notice)

    def _check(self, parsed: list[CitedSentence], hits: Sequence[SearchHit], evidence: Sequence[Evidence]) -> list[AnswerSentence]:
        """Map each sentence to the source sentences that best support it, within its cited passages when it cites any."""
        if not parsed:
            return []
        vectors = self.library.embedder.encode([p.text for p in parsed])
        chosen = []  # the source sentences closest in meaning, within the passages it cites
        for sentence, vector in zip(parsed, vectors, strict=True):
            allowed = {(hits[k - 1].article_id, hits[k - 1].start, hits[k - 1].end) for k in sentence.keys}
            pool = [e for e in evidence if not allowed or any(a == e.citation.article_id and s <= e.citation.start < t for a, s, t in allowed)]
            scored = sorted(((float(vector @ e.vector), e) for e in pool), key=lambda pair: -pair[0])
            chosen.append([e for similarity, e in scored[:2] if similarity >= scored[0][0] - 0.05] if scored else [])
        supported = support_check([p.text for p in parsed], [" ".join(e.citation.quote for e in best) for best in chosen], self.judge)
        checked = []
        for sentence, best, ok in zip(parsed, chosen, supported, strict=True):
            citations: tuple[Citation, ...] = tuple(e.citation for e in best) if (sentence.keys or ok) else ()
            checked.append(AnswerSentence(sentence.text, citations, ok))
        return checked


def checked_sentences(library: Library, parsed: Sequence[CitedSentence], passages: Sequence[Citation], judge: Judge | None = None
                      ) -> list[AnswerSentence]:
    """Each sentence mapped to the passages it cites (or, citing none, the closest one) and checked against them by the
    judge (the configured one by default)."""
    if not parsed or not passages:
        return []
    vectors = library.embedder.encode([p.text for p in parsed] + [c.quote for c in passages])
    sentence_vectors, passage_vectors = vectors[: len(parsed)], vectors[len(parsed):]
    keys = [[k - 1 for k in sentence.keys] or [int((passage_vectors @ vector).argmax())]
            for sentence, vector in zip(parsed, sentence_vectors, strict=True)]
    supported = support_check([p.text for p in parsed], [" ".join(passages[k].quote for k in cited) for cited in keys], judge)
    # A sentence that cites nothing is shown with the closest passage but never counts as supported.
    return [AnswerSentence(sentence.text, tuple(passages[k] for k in cited), bool(sentence.keys) and ok)
            for sentence, cited, ok in zip(parsed, keys, supported, strict=True)]


def rewrite_summary(library: Library, chat_model, evidence: Sequence[Citation], words: int) -> list[AnswerSentence]:
    """The selected source sentences rewritten by the model into prose, every sentence checked against what it cites."""
    if not evidence:
        return []
    messages = [("system", render_prompt("summary_system")),
                ("human", render_prompt("summary_user", passages=passage_blocks([c.quote for c in evidence]), words=str(words)))]
    reply = reply_or_error(chat_model, messages)
    sentences = checked_sentences(library, parse_cited_sentences(reply, len(evidence)), evidence, get_judge(chat_model))
    kept, used = [], 0
    for sentence in sentences:  # the budget holds whatever the model wrote: whole sentences only
        cost = word_count(sentence.text)
        if used + cost > words:
            break
        kept.append(sentence)
        used += cost
    return kept


_LINE = re.compile(r"^\s*(\d{1,3})[.)]\s+(.+?)\s*$")


def phrase_consensus(library: Library, chat_model, facts: Sequence[Sequence[Citation]]) -> list[str | None]:
    """One neutral sentence per fact from the model, or None where its line is missing or not supported by every outlet's words."""
    if not facts:
        return []
    blocks = fact_blocks([[c.quote for c in citations] for citations in facts])
    messages = [("system", render_prompt("consensus_system")), ("human", render_prompt("consensus_user", facts=blocks))]
    try:  # a failing model leaves the outlets' own wording, which is what the lines show without an LLM
        reply = invoke_within_deadline(chat_model, messages)
    except Exception:  # noqa: BLE001
        return [None] * len(facts)
    lines: dict[int, str] = {}
    for line in reply.splitlines():
        if (match := _LINE.match(line)) and 1 <= int(match.group(1)) <= len(facts):
            lines.setdefault(int(match.group(1)), _KEY.sub("", match.group(2)).strip())
    # Each outlet's own sentence must support the line on its own: a consensus line says only what every outlet says.
    checks = [(number, text, c.quote) for number, citations in enumerate(facts, start=1) if (text := lines.get(number)) for c in citations]
    verdicts = support_check([text for _, text, _ in checks], [quote for *_, quote in checks], get_judge(chat_model))
    backed = dict.fromkeys(lines, True)
    for (number, _, _), ok in zip(checks, verdicts, strict=True):
        backed[number] = backed[number] and ok
    return [lines[n] if backed.get(n) else None for n in range(1, len(facts) + 1)]

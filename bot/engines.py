"""Answer engines chosen by name (`--llm SPEC` or the setting MANYSIDES_LLM), and what every engine offers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from bot.answer import Answer, AnswerStream, ExtractiveEngine
from bot.backends import chat_model_for
from bot.judge import Judge, get_judge
from bot.llm import LLMEngine
from bot.settings import EngineSpec, load_bot_settings
from index import Library

__all__ = ["AnswerEngine", "get_engine", "judge_for"]


@runtime_checkable
class AnswerEngine(Protocol):
    """Answers questions from the library with cited sentences: the extractive engine, or an LLM's checked answers."""

    name: str  # the engine spec it runs, e.g. "extractive" or "ollama:llama3.2"
    library: Library  # where it searches
    passages: int  # passages retrieved per question
    chat_model: Any  # the LangChain chat model it asks; None for an engine that asks none

    def answer(self, question: str, article_ids: Sequence[str] | None = None) -> Answer:
        """The cited answer (or the refusal) to a standalone question."""
        ...

    def stream(self, question: str, article_ids: Sequence[str] | None = None) -> AnswerStream:
        """The reply's text piece by piece as it is produced, then the checked answer as the generator's return value."""
        ...


def get_engine(library: Library, spec: str | EngineSpec | None = None, chat_model=None, base_url: str | None = None,
               api_key: str | None = None) -> AnswerEngine:
    """The engine a spec names: `extractive` (default, no LLM), `openai:MODEL`, `ollama:MODEL` or `llamacpp:PATH`.

    Without a spec, MANYSIDES_LLM names it. `base_url` and `api_key` reach the model's server instead of the settings';
    `chat_model` replaces the model the spec would build (tests pass LangChain's fake chat models).
    """
    engine = EngineSpec.parse(spec) if spec else load_bot_settings().engine
    if not engine.is_llm:
        return ExtractiveEngine(library)
    return LLMEngine(library, chat_model or chat_model_for(engine, base_url=base_url, api_key=api_key), name=str(engine))


def judge_for(engine: AnswerEngine) -> Judge:
    """The judge for work done alongside this engine: with MANYSIDES_JUDGE=llm, the engine's own model judges."""
    return get_judge(engine.chat_model, name=engine.name)

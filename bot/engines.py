"""Answer engines chosen by name: `--llm SPEC` or the setting MANYSIDES_LLM."""

from __future__ import annotations

import os

from bot.answer import ExtractiveEngine
from bot.llm import LLMEngine, chat_model_for
from index import Library

__all__ = ["get_engine"]


def get_engine(library: Library, spec: str | None = None, chat_model=None) -> ExtractiveEngine | LLMEngine:
    """The engine a spec names: `extractive` (default, no LLM), `openai:MODEL`, `ollama:MODEL` or `llamacpp:PATH`.

    `chat_model` replaces the model the spec would build (tests pass LangChain's fake chat models).
    """
    spec = (spec or os.environ.get("MANYSIDES_LLM") or "extractive").strip()
    if spec == "extractive":
        return ExtractiveEngine(library)
    return LLMEngine(library, chat_model or chat_model_for(spec), name=spec)

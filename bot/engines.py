"""Answer engines chosen by name: `--llm SPEC` or the setting MANYSIDES_LLM."""

from __future__ import annotations

import os

from bot.answer import ExtractiveEngine
from index import ConfigError, Library

__all__ = ["get_engine"]


def get_engine(library: Library, spec: str | None = None) -> ExtractiveEngine:
    """The engine a spec names; `extractive` (the default) needs no LLM."""
    spec = (spec or os.environ.get("MANYSIDES_LLM") or "extractive").strip()
    if spec == "extractive":
        return ExtractiveEngine(library)
    raise ConfigError(f"answer engine {spec!r} is not available in this version; use --llm extractive")

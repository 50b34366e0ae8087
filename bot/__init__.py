"""Chat, retrieval, answers, summaries and comparison over the article library in `index`."""

from index import IndexSettings, ManysidesError
from bot.library import load_settings, open_library
from bot.engine_settings import ENGINE_KINDS, EngineChoice, EngineStatus, build_engine, check_engine
from bot.engines import AnswerEngine
from bot.settings import BotSettings, EngineSpec
from bot.highlight import (
    CitationNumbers,
    CitedArticle,
    cited_articles,
    cited_markdown,
    escape_markdown,
    highlighted_article,
    highlighted_excerpt,
    markers,
    source_numbers,
)
from bot.uploads import UPLOAD_TYPES, display_source, pasted_article, staged_files

__all__ = [
    "ENGINE_KINDS",
    "UPLOAD_TYPES",
    "AnswerEngine",
    "BotSettings",
    "CitationNumbers",
    "CitedArticle",
    "EngineChoice",
    "EngineSpec",
    "EngineStatus",
    "IndexSettings",
    "ManysidesError",
    "build_engine",
    "check_engine",
    "cited_articles",
    "cited_markdown",
    "display_source",
    "escape_markdown",
    "highlighted_article",
    "highlighted_excerpt",
    "markers",
    "load_settings",
    "open_library",
    "pasted_article",
    "source_numbers",
    "staged_files",
]

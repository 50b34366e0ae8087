"""Opening the library for the CLI and the app, one per home per process."""

from __future__ import annotations

import threading
from pathlib import Path

from collections.abc import Sequence

from index import IndexSettings, Library, ManysidesError
from index.sentences import ArticleSentences

__all__ = ["chosen_sentences", "open_library"]

_LIBRARIES: dict[str, Library] = {}
_LOCK = threading.Lock()


def open_library(home: Path | None = None, settings: IndexSettings | None = None) -> Library:
    """The Library at `home` (or the configured home), opened once per process."""
    settings = settings or IndexSettings()
    if home is not None:
        settings = settings.model_copy(update={"home": Path(home)})
    key = f"{settings.chroma_url or Path(settings.home).resolve()}|{settings.collection_prefix}"
    with _LOCK:
        if key not in _LIBRARIES:
            _LIBRARIES[key] = Library(settings)
        return _LIBRARIES[key]


def chosen_sentences(library: Library, article_ids: Sequence[str] | None) -> list[ArticleSentences]:
    """The sentences of the chosen articles (all by default); an unknown id is an error that says where to find ids."""
    articles = library.sentences(article_ids)
    if article_ids is not None:
        missing = [i for i in dict.fromkeys(article_ids) if i not in {a.record.id for a in articles}]
        if missing:
            raise ManysidesError(f"no article with id {', '.join(missing)} in the library; `manysides list` shows the ids")
    return articles

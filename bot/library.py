"""Opening the library for the CLI and the app, one per home per process."""

from __future__ import annotations

import threading
from pathlib import Path

from collections.abc import Sequence

from pydantic import ValidationError

from index import ArticleRecord, ArticleSentences, IndexSettings, Library, ManysidesError, settings_error

__all__ = ["chosen_records", "chosen_sentences", "load_settings", "open_library", "resolve_ids"]

_LIBRARIES: dict[str, Library] = {}
_LOCK = threading.Lock()


def load_settings() -> IndexSettings:
    """The library settings from the environment; an invalid one is a one-line ConfigError naming the variable."""
    try:
        return IndexSettings()
    except ValidationError as error:
        raise settings_error(error) from None


def open_library(home: Path | None = None, settings: IndexSettings | None = None, load_model: bool = False) -> Library:
    """The Library at `home` (or the configured home), opened once per process; with `load_model`, its embedding model
    is loaded now rather than at the first question."""
    settings = settings or load_settings()
    if home is not None:
        settings = settings.model_copy(update={"home": Path(home)})
    key = f"{settings.chroma_url or Path(settings.home).resolve()}|{settings.collection_prefix}"
    with _LOCK:
        if key not in _LIBRARIES:
            _LIBRARIES[key] = Library(settings)
        library = _LIBRARIES[key]
    if load_model:
        _ = library.embedder
    return library


def chosen_records(library: Library, article_ids: Sequence[str] | None) -> list[ArticleRecord]:
    """The chosen articles' records (all by default), in the order given; an unknown id is an error that says where to
    find ids."""
    records = library.articles()
    if article_ids is None:
        return records
    by_id = {r.id: r for r in records}
    missing = [i for i in dict.fromkeys(article_ids) if i not in by_id]
    if missing:
        raise ManysidesError(f"no article with id {', '.join(missing)} in the library; `manysides list` shows the ids")
    return [by_id[i] for i in dict.fromkeys(article_ids)]


def chosen_sentences(library: Library, article_ids: Sequence[str] | None) -> list[ArticleSentences]:
    """The sentences of the chosen articles (all by default); an unknown id is an error that says where to find ids."""
    articles = library.sentences(article_ids)
    if article_ids is not None:
        missing = [i for i in dict.fromkeys(article_ids) if i not in {a.record.id for a in articles}]
        if missing:
            raise ManysidesError(f"no article with id {', '.join(missing)} in the library; `manysides list` shows the ids")
    return articles


def resolve_ids(library: Library, given: Sequence[str]) -> tuple[list[str], list[str]]:
    """Article ids from what the user typed: a whole id or any unique prefix. Returns (ids, one-line problems)."""
    known = [r.id for r in library.articles()]
    ids, problems = [], []
    for text in given:
        matches = [text] if text in known else [i for i in known if i.startswith(text)] if text else []
        if len(matches) == 1:
            ids.append(matches[0])
        elif matches:
            problems.append(f"{text}: matches {len(matches)} articles ({', '.join(matches[:4])}); type more of the id")
        else:
            problems.append(f"{text}: no such article; see `manysides list`")
    return ids, problems

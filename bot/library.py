"""Opening the library for the CLI and the app, one per home per process."""

from __future__ import annotations

import threading
from pathlib import Path

from index import IndexSettings, Library

__all__ = ["open_library"]

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

"""Uploaded files and pasted text as files the library can ingest, named after what the user gave.

The library ingests paths. An upload is written to `<home>/uploads/<content hash>/<its file name>`: the article
keeps the file's own name as its source, and the same upload twice is the same path, so the same article id.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from index import SUPPORTED_SUFFIXES

__all__ = ["UPLOAD_TYPES", "display_source", "pasted_article", "safe_filename", "staged_files"]

UPLOAD_TYPES = ("txt", "md", "html", "pdf", "jsonl")  # what the uploader offers; the loaders read more
_UNSAFE = re.compile(r"[^\w.\- ]+")
_STAGED = re.compile(r"^.*[/\\]uploads[/\\][0-9a-f]{12}[/\\]")


def safe_filename(name: str, default_suffix: str = ".txt") -> str:
    """A file name without folders or odd characters, keeping a suffix the loaders know."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" ._") or "article"
    if Path(base).suffix.lower() not in SUPPORTED_SUFFIXES:
        base += default_suffix
    return base[-120:]


def _one_line(value: str) -> str:
    return " ".join(value.split())


def pasted_article(text: str, title: str = "", outlet: str = "", published: str = "", url: str = "") -> tuple[str, bytes]:
    """Pasted text as a .txt file (name, bytes): the given title, outlet, date and URL become its header block."""
    header = [f"{key}: {_one_line(value)}" for key, value in
              (("Title", title), ("Outlet", outlet), ("Published", published), ("URL", url)) if value.strip()]
    body = text.strip()
    content = "\n".join(header) + "\n\n" + body if header else body
    name = safe_filename(re.sub(r"\W+", "-", _one_line(title).lower()).strip("-")[:60] or "pasted-article")
    return name, content.encode("utf-8")


@contextmanager
def staged_files(folder: Path, files: Sequence[tuple[str, bytes]]) -> Iterator[list[str]]:
    """Write (name, bytes) pairs under `folder` for an ingest; yields their paths and removes them afterwards."""
    written: list[Path] = []
    try:
        for name, data in files:
            digest = hashlib.sha256(data).hexdigest()[:12]
            path = Path(folder) / digest / safe_filename(name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(path)
        yield [str(path) for path in written]
    finally:
        # The library keeps the cleaned text; the staged copy has served its purpose.
        for path in written:
            shutil.rmtree(path.parent, ignore_errors=True)


def display_source(source: str) -> str:
    """A short name for a source: a file's name (an upload's own, not its staging path), a URL as given."""
    if "://" in source or source == "-":
        return source
    return Path(_STAGED.sub("", source)).name or source

"""Uploaded files and pasted text as files the library can ingest, named after what the user gave.

The library ingests paths. An upload is written to `<home>/uploads/<content hash>/<its file name>`: the article
keeps the file's own name as its source, and the same upload twice is the same path, so the same article id.
`addition` checks what one of the page's forms gives; `add_sources` ingests it, under the outlet the reader named, and
says in lines what happened.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.compare import article_label
from bot.highlight import safe_link
from bot.notes import Note
from index import SUPPORTED_SUFFIXES, IngestProgress, Library

__all__ = ["UPLOAD_TYPES", "Added", "Addition", "ChunkProgress", "add_sources", "addition", "display_source", "pasted_article",
           "safe_filename", "staged_files"]

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


@dataclass(frozen=True)
class Addition:
    """What one of the page's forms asks to add: its sources and the outlet to name them by, or what to fill in first."""

    sources: tuple[str | tuple[str, bytes], ...] = ()  # URLs and (name, bytes) uploads, for `add_sources`
    outlet: str = ""  # the outlet the reader named for every article, or "" to find it in the text
    problem: str = ""  # one line saying what to fill in first; "" when there is something to add


def addition(*, files: Sequence[tuple[str, bytes]] | None = None, text: str | None = None, url: str | None = None,
             title: str = "", outlet: str = "", published: str = "") -> Addition:
    """What a submitted form asks to add: `files` (uploaded, all from `outlet`), pasted `text` (its `title`, `outlet` and
    `published` date go in its header) or a `url`; pass only what the submitted form holds."""
    if files is not None:
        return Addition(tuple(files), outlet) if files else Addition(problem="Choose one or more files first.")
    if text is not None:
        if not text.strip():
            return Addition(problem="Paste the article's text first.")
        return Addition((pasted_article(text, title, outlet, published),))
    if url is not None and safe_link(url):
        return Addition((url.strip(),))
    return Addition(problem="Give the article's address, starting with http:// or https://.")


@dataclass(frozen=True)
class Added:
    """What adding sources did, in lines for the reader."""

    ids: tuple[str, ...]  # the articles stored: added, updated or unchanged
    errors: tuple[str, ...]  # one line per source that failed: its short name and what to do
    done: tuple[str, ...]  # one line per article stored, e.g. "Added: Harbor Notes - Ferry added"

    @property
    def notes(self) -> list[Note]:
        """What the page says after an addition: each failure, then each article stored."""
        return [Note("error", line) for line in self.errors] + [Note("success", line) for line in self.done]


class ChunkProgress:
    """An ingest's progress for a progress bar: `show(fraction, text)` is called as chunks are embedded."""

    def __init__(self, show: Callable[[float, str], object]) -> None:
        self.show, self.total, self.done = show, 0, 0

    def planned(self, chunks: int) -> None:
        self.total += chunks

    def encoded(self, chunks: int) -> None:
        self.done += chunks
        self.show(min(self.done / max(self.total, 1), 1.0), f"Embedding {self.done}/{self.total} chunks…")


def add_sources(library: Library, sources: Sequence[str | tuple[str, bytes]], outlet: str = "",
                progress: IngestProgress | None = None) -> Added:
    """Ingest files, URLs and uploads ((name, bytes) pairs, staged under the library's home while they are read); a
    non-blank `outlet` names the outlet of every article they hold (instead of the one found in the text)."""
    uploads = [s for s in sources if isinstance(s, tuple)]
    with staged_files(Path(library.settings.home) / "uploads", uploads) as paths:
        staged = iter(paths)
        report = library.ingest([next(staged) if isinstance(s, tuple) else s for s in sources], progress=progress)
    errors = tuple(f"{display_source(f.source)}: {f.error}" if f.source else f.error for f in report.errors)
    records = [(library.edit(a.record.id, outlet=outlet) if outlet.strip() else None) or a.record for a in report.articles]
    everything = library.articles() if records else []
    done = tuple(f"{a.status.capitalize()}: {article_label(r, everything)}" for a, r in zip(report.articles, records))
    return Added(tuple(r.id for r in records), errors, done)

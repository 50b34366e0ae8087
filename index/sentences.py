"""Sentence vectors of stored articles: encoded once per article version and embedding model, then read from disk.

Summaries and comparisons work on every sentence of the chosen articles. Encoding them is the
slow part (about 2 s for ten 800-word articles here), so each article's vectors are saved under
`home/sentences/<collection prefix>/`, keyed by article version and model; later calls only read them.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.chunking import SPLITTER_VERSION, split_into_sentences
from index.embedding import Embedder
from index.models import ArticleRecord, Span

__all__ = ["ArticleSentences", "SentenceVectors"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArticleSentences:
    """Every sentence of one article version, with its embedding."""

    record: ArticleRecord  # the article
    text: str  # its cleaned text; spans point into it
    spans: tuple[Span, ...]  # sentence spans, in order
    vectors: np.ndarray = field(repr=False, compare=False)  # (sentences, dimension), L2-normalized

    def sentence(self, index: int) -> str:
        span = self.spans[index]
        return self.text[span.start:span.end]


class SentenceVectors:
    """Reads an article's sentence vectors from the disk cache, encoding only what is missing."""

    def __init__(self, folder: Path, embedder: Embedder, max_tokens: int) -> None:
        self._folder = folder
        self._embedder = embedder
        self._max_tokens = max_tokens
        model = hashlib.sha256(f"{embedder.name}/{embedder.dimension}/{max_tokens}/{SPLITTER_VERSION}".encode()).hexdigest()[:10]
        self._model_key = model

    def _path(self, record: ArticleRecord) -> Path:
        return self._folder / f"{record.id}.{record.version}.{self._model_key}.npz"

    def _load(self, record: ArticleRecord, text: str) -> ArticleSentences | None:
        path = self._path(record)
        if not path.exists():
            return None
        try:
            with np.load(path) as saved:
                spans, vectors = saved["spans"], saved["vectors"]
        except (OSError, ValueError, KeyError):
            log.warning("ignoring a damaged sentence cache file: %s", path)
            return None
        if len(spans) != len(vectors) or (len(spans) and spans[-1][1] > len(text)):
            return None
        return ArticleSentences(record, text, tuple(Span(int(a), int(b)) for a, b in spans), vectors.astype(np.float32))

    def _save(self, sentences: ArticleSentences) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        path = self._path(sentences.record)
        scratch = path.with_suffix(".tmp.npz")
        np.savez(scratch, spans=np.array([[s.start, s.end] for s in sentences.spans], dtype=np.int64).reshape(-1, 2),
                 vectors=sentences.vectors.astype(np.float16))
        scratch.replace(path)

    def get(self, articles: Sequence[tuple[ArticleRecord, str]]) -> list[ArticleSentences]:
        """Sentences and vectors of each (record, cleaned text), in the order given; missing ones encoded in one batch."""
        found: list[ArticleSentences | None] = [self._load(record, text) for record, text in articles]
        missing = [i for i, item in enumerate(found) if item is None]
        if missing:
            split = {i: split_into_sentences(articles[i][1], self._max_tokens) for i in missing}
            texts = [articles[i][1][s.start:s.end] for i in missing for s in split[i]]
            vectors = self._embedder.encode(texts) if texts else np.zeros((0, self._embedder.dimension), dtype=np.float32)
            offset = 0
            for i in missing:
                record, text = articles[i]
                count = len(split[i])
                item = ArticleSentences(record, text, tuple(split[i]), vectors[offset:offset + count])
                offset += count
                try:
                    self._save(item)
                except OSError as error:  # a read-only cache only costs speed
                    log.info("cannot cache sentence vectors: %s", error)
                found[i] = item
        return [item for item in found if item is not None]

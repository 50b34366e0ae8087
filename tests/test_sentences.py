"""Sentence vectors: every sentence of an article, encoded once, read back from disk, re-encoded when stale or damaged."""

import numpy as np
import pytest

from index.chunking import split_into_sentences
from index.models import ArticleRecord
from index.sentences import SentenceVectors

TEXT = ("The Kellan Street bridge closed on Monday. Inspectors found corrosion in two steel supports. "
        "Repairs will take four months.")
OTHER = "Dockworkers went on strike at the port. Ships waited offshore overnight."


def record(article_id: str, version: str = "v1") -> ArticleRecord:
    return ArticleRecord(id=article_id, version=version, title="", source="-", chunks=1)


class CountingEmbedder:
    """The real embedder, counting the texts it is asked to encode."""

    def __init__(self, embedder) -> None:
        self._embedder = embedder
        self.name, self.dimension = embedder.name, embedder.dimension
        self.encoded: list[str] = []

    def encode(self, texts):
        self.encoded += list(texts)
        return self._embedder.encode(texts)


@pytest.fixture
def counting(embedder):
    return CountingEmbedder(embedder)


def test_sentences_match_the_splitter_and_vectors_match_the_embedder(tmp_path, counting, embedder):
    [item] = SentenceVectors(tmp_path, counting, 256).get([(record("a"), TEXT)])
    assert item.spans == tuple(split_into_sentences(TEXT, 256)) and len(item.spans) == 3
    assert [item.sentence(i) for i in range(3)] == counting.encoded
    assert item.sentence(2) == "Repairs will take four months."
    assert item.vectors.shape == (3, embedder.dimension)
    assert np.allclose(item.vectors, embedder.encode(counting.encoded), atol=1e-5)


def test_a_second_read_comes_from_disk_and_only_new_articles_are_encoded(tmp_path, counting):
    first = SentenceVectors(tmp_path, counting, 256).get([(record("a"), TEXT)])[0]
    counting.encoded.clear()
    again, other = SentenceVectors(tmp_path, counting, 256).get([(record("a"), TEXT), (record("b"), OTHER)])
    assert counting.encoded == [OTHER[s.start:s.end] for s in other.spans]  # article a came from the cache
    assert again.spans == first.spans
    assert np.allclose(again.vectors, first.vectors, atol=1e-2)  # stored as float16
    assert [item.record.id for item in (again, other)] == ["a", "b"]


def test_a_new_version_or_a_damaged_file_is_encoded_again(tmp_path, counting):
    SentenceVectors(tmp_path, counting, 256).get([(record("a"), TEXT)])
    counting.encoded.clear()
    SentenceVectors(tmp_path, counting, 256).get([(record("a", "v2"), TEXT)])
    assert len(counting.encoded) == 3
    for path in tmp_path.glob("a.*.npz"):
        path.write_bytes(b"not a numpy file")
    counting.encoded.clear()
    [item] = SentenceVectors(tmp_path, counting, 256).get([(record("a"), TEXT)])
    assert len(counting.encoded) == 3 and len(item.spans) == 3


def test_an_empty_article_has_no_sentences(tmp_path, counting, embedder):
    [item] = SentenceVectors(tmp_path, counting, 256).get([(record("e"), "")])
    assert item.spans == () and item.vectors.shape == (0, embedder.dimension)

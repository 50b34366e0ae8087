"""The embedders agree: ONNX (float and int8) reproduce the PyTorch sentence-transformers vectors."""

import numpy as np
import pytest

from index import IndexSettings
from index.embedding import get_embedder

TEXTS = [
    "The bridge was closed on Tuesday after inspectors found corroded steel beams.",
    "No one was injured, officials said.",
    "A recipe for lemon cake with poppy seeds.",
    "Repairs are expected to cost several million dollars and take months.",
]


def test_default_embedder_gives_unit_vectors(embedder):
    vectors = embedder.encode(TEXTS)
    assert vectors.shape == (4, embedder.dimension) == (4, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    similarity = vectors @ vectors.T
    assert similarity[0, 3] > similarity[0, 2]  # related news sentences are closer than an unrelated one


def test_model_is_loaded_once_per_process(embedder):
    assert get_embedder(IndexSettings()) is embedder


@pytest.mark.slow
def test_onnx_matches_torch():
    torch_vectors = get_embedder(IndexSettings(embedding_backend="torch")).encode(TEXTS)
    fp32 = get_embedder(IndexSettings(embedding_backend="onnx")).encode(TEXTS)
    int8 = get_embedder(IndexSettings(embedding_backend="onnx-int8")).encode(TEXTS)
    assert np.all((torch_vectors * fp32).sum(axis=1) > 0.9999)
    assert np.all((torch_vectors * int8).sum(axis=1) > 0.98)  # per-channel int8 stays close

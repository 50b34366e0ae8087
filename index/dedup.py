"""Near-duplicate detection: MinHash signatures of word shingles, compared all at once with numpy."""

from __future__ import annotations

import re
import zlib

import numpy as np

__all__ = ["SignatureIndex", "minhash_signature"]

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


class SignatureIndex:
    """The signatures of a library's originals in one growing matrix: a lookup is one vectorised compare, not a restack."""

    def __init__(self, signatures: dict[str, np.ndarray]) -> None:
        self._ids: list[str] = []
        self._rows: dict[str, int] = {}
        self._matrix = np.zeros((max(64, len(signatures)), _PERMUTATIONS), dtype=np.uint32)
        self._live = np.zeros(len(self._matrix), dtype=bool)
        for article_id, signature in signatures.items():
            self.add(article_id, signature)

    def add(self, article_id: str, signature: np.ndarray) -> None:
        """Store or replace an article's signature."""
        row = self._rows.get(article_id)
        if row is None:
            row = len(self._ids)
            if row == len(self._matrix):
                self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
                self._live = np.concatenate([self._live, np.zeros_like(self._live)])
            self._ids.append(article_id)
            self._rows[article_id] = row
        self._matrix[row] = signature
        self._live[row] = True

    def discard(self, article_id: str) -> None:
        """Forget an article (a copy never stands in for the original)."""
        row = self._rows.get(article_id)
        if row is not None:
            self._live[row] = False

    def duplicate_of(self, article_id: str, signature: np.ndarray, threshold: float) -> tuple[str, float] | None:
        """The most similar other article whose estimated Jaccard similarity reaches the threshold."""
        count = len(self._ids)
        if not count:
            return None
        similarity = (self._matrix[:count] == signature[None, :]).mean(axis=1)
        similarity[~self._live[:count]] = -1.0
        own = self._rows.get(article_id)
        if own is not None:
            similarity[own] = -1.0
        best = int(similarity.argmax())
        return (self._ids[best], float(similarity[best])) if similarity[best] >= threshold else None

"""Settings for the article library, read from `MANYSIDES_*` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

EmbeddingBackend = Literal["onnx-int8", "onnx", "torch"]


def default_home() -> Path:
    """The per-user data directory that holds the library when no home is given."""
    return Path(platformdirs.user_data_dir("manysides", appauthor=False))


def default_cache_dir() -> Path:
    """The per-user cache directory, shared by every library on this machine."""
    return Path(platformdirs.user_cache_dir("manysides", appauthor=False))


class IndexSettings(BaseSettings):
    """Where the library lives and how articles are cut and embedded."""

    # Floats are finite: "inf" or "nan" in a variable is a one-line settings error, not an OverflowError later.
    model_config = SettingsConfigDict(env_prefix="MANYSIDES_", extra="ignore", allow_inf_nan=False)

    home: Path = Field(default_factory=default_home, description="Folder that holds the embedded store and caches.")
    cache_dir: Path = Field(default_factory=default_cache_dir, description="Folder for derived files such as exported ONNX models.")
    chroma_url: str | None = Field(default=None, description="http(s)://host:port of a Chroma server; embedded store when unset.")
    collection_prefix: str = Field(default="manysides", description="Prefix of the Chroma collection names.")
    embedding_model: str = Field(default="", description="Folder or name of a sentence-transformers model; empty means the bundled all-MiniLM-L6-v2.")
    embedding_backend: EmbeddingBackend = Field(default="onnx-int8", description="How the model runs: int8 ONNX, float ONNX or PyTorch.")
    embedding_batch_size: int = Field(default=32, ge=1, description="Chunks encoded per batch.")
    chunk_tokens: int = Field(default=200, ge=20, description="Target size of a chunk in (estimated) tokens.")
    max_source_mb: float = Field(default=10.0, gt=0, le=1_000_000, description="Largest file, page or stdin accepted, in megabytes.")
    url_timeout_s: float = Field(default=20.0, gt=0, description="Seconds to wait for a URL to answer.")
    url_deadline_s: float = Field(default=30.0, gt=0, description="Most seconds one URL download may take, redirects included.")
    allow_private_urls: bool = Field(default=False, description="Allow URLs on loopback, private or link-local addresses (your own network).")
    open_timeout_s: float = Field(default=60.0, gt=0, description="Most seconds opening the library may take to repair interrupted writes; past it, it opens read-only.")
    duplicate_threshold: float = Field(default=0.5, gt=0, le=1, description="Shingle Jaccard similarity above which an article is a copy.")

    @property
    def max_source_bytes(self) -> int:
        return int(self.max_source_mb * 1024 * 1024)

"""Process-wide setup for every entry point: offline, no telemetry, quiet third-party logs."""

from __future__ import annotations

import logging
import warnings

from bot.settings import OFFLINE_ENVIRONMENT, offline_environment

__all__ = ["OFFLINE_ENVIRONMENT", "configure_runtime"]


def configure_runtime(verbose: bool = False) -> None:
    """Set the offline environment and logging levels; call once at start-up, before heavy imports."""
    offline_environment()
    # Without --verbose, stderr carries only what a command says itself: one-line errors, progress bars.
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("bm25s", "chromadb", "httpx", "urllib3", "trafilatura", "htmldate", "onnxruntime", "transformers", "sentence_transformers"):
        logging.getLogger(noisy).setLevel(logging.INFO if verbose else logging.CRITICAL)
    if not verbose:
        warnings.filterwarnings("ignore")

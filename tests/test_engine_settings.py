"""The engine picked in the app: its spec, building it, and the reachability check (loopback servers only)."""

import json

import pytest

from bot.answer import ExtractiveEngine
from bot.engine_settings import EngineChoice, build_engine, check_engine
from index import ConfigError
from tests.webserver import serve


def test_specs_and_labels():
    assert EngineChoice().spec == "extractive"
    assert EngineChoice("ollama", "llama3.2", "http://127.0.0.1:11434").label == "ollama:llama3.2 at http://127.0.0.1:11434"
    assert "secret" not in EngineChoice("openai", "m", "http://h/v1", "secret").label
    assert EngineChoice("openai", "", "http://h/v1").label == "openai at http://h/v1"
    assert EngineChoice.from_spec("openai:gpt-x") == EngineChoice("openai", "gpt-x")
    assert EngineChoice.from_spec("nonsense") == EngineChoice.from_spec(None) == EngineChoice()


def test_build_extractive_with_passages(library):
    engine = build_engine(library, EngineChoice(passages=4))
    assert isinstance(engine, ExtractiveEngine) and engine.passages == 4


def test_build_without_a_model_says_what_to_fill_in(library):
    with pytest.raises(ConfigError, match="needs a model name"):
        build_engine(library, EngineChoice("openai"))


def test_build_passes_the_server_settings_without_leaving_them_in_the_environment(library, monkeypatch):
    monkeypatch.delenv("MANYSIDES_OPENAI_BASE_URL", raising=False)
    engine = build_engine(library, EngineChoice("openai", "fake", "http://127.0.0.1:9/v1", "k3y"))
    assert str(engine.chat_model.openai_api_base) == "http://127.0.0.1:9/v1"
    import os

    assert "MANYSIDES_OPENAI_BASE_URL" not in os.environ


def test_extractive_is_always_ready():
    assert check_engine(EngineChoice()).ready


def test_an_openai_server_that_answers_is_reachable_and_a_refused_key_is_named():
    routes = {"/v1/models": (200, {"Content-Type": "application/json"}, b'{"data": []}')}
    with serve(routes) as base:
        assert check_engine(EngineChoice("openai", "m", f"{base}/v1")).ready
    with serve({"/v1/models": (401, {}, b"")}) as base:
        status = check_engine(EngineChoice("openai", "m", f"{base}/v1", "wrong"))
    assert not status.ready and "refused the API key" in status.message


def test_nothing_listening_says_to_start_the_server():
    status = check_engine(EngineChoice("ollama", "llama3.2", "http://127.0.0.1:9"))
    assert not status.ready and "start the server or fix the URL" in status.message
    assert "http://" in check_engine(EngineChoice("openai", "m", "localhost:8000")).message


def test_ollama_names_a_model_that_is_not_pulled():
    tags = json.dumps({"models": [{"name": "llama3.2:latest"}]}).encode()
    with serve({"/api/tags": (200, {"Content-Type": "application/json"}, tags)}) as base:
        assert check_engine(EngineChoice("ollama", "llama3.2", base)).ready
        status = check_engine(EngineChoice("ollama", "qwen3", base))
    assert not status.ready and "ollama pull qwen3" in status.message


def test_a_missing_gguf_file_or_package_is_not_ready(tmp_path):
    status = check_engine(EngineChoice("llamacpp", str(tmp_path / "missing.gguf")))
    assert not status.ready and ("no GGUF model" in status.message or "local" in status.message)

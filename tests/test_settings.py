"""One settings object for `bot`, one engine spec parser, chat models from explicit arguments, one engine protocol, typed
LLM failures, and the engine's model reaching the judge. LangChain's fake chat models stand in for the remote LLM."""

from __future__ import annotations

import os

import httpx
import pytest
from langchain_core.language_models import FakeListChatModel

from bot.answer import Answer, ExtractiveEngine
from bot.backends import chat_model_for, configured_chat_model
from bot.chat import ChatSession
from bot.engine_settings import EngineChoice, build_engine
from bot.engines import AnswerEngine, get_engine, judge_for
from bot.llm import ClientFailure, CutOffReply, EmptyReply, LLMEngine, ReplyTimeout, as_failure, failure_line
from bot.settings import EngineSpec, load_bot_settings
from index import ConfigError
from tests.conftest import SAMPLES

QUESTION = "How much will the repairs cost?"
_SETTINGS = ("MANYSIDES_LLM", "MANYSIDES_LLM_DEADLINE_S", "MANYSIDES_OPENAI_BASE_URL", "OPENAI_BASE_URL", "MANYSIDES_OPENAI_API_KEY",
             "OPENAI_API_KEY", "MANYSIDES_OLLAMA_URL", "MANYSIDES_JUDGE", "MANYSIDES_JUDGE_MODEL")


@pytest.fixture(autouse=True)
def clean_settings(monkeypatch):
    for name in _SETTINGS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def samples(library):
    assert library.ingest([str(SAMPLES)]).ok
    return library


def test_the_settings_read_the_same_variables_as_before(monkeypatch):
    defaults = load_bot_settings()
    assert (defaults.llm, defaults.llm_deadline_s, defaults.judge, defaults.ollama_url) == ("extractive", 90.0, "cross-encoder", "http://localhost:11434")
    assert defaults.openai_base_url is None and defaults.api_key is None and not defaults.engine.is_llm
    monkeypatch.setenv("MANYSIDES_LLM", " ollama:llama3.2 ")
    monkeypatch.setenv("MANYSIDES_LLM_DEADLINE_S", "12.5")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:1/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "k1")
    monkeypatch.setenv("MANYSIDES_OLLAMA_URL", "http://127.0.0.1:2")
    monkeypatch.setenv("MANYSIDES_JUDGE", " LLM ")
    monkeypatch.setenv("MANYSIDES_JUDGE_MODEL", "/models/judge")
    settings = load_bot_settings()
    assert settings.engine == EngineSpec("ollama", "llama3.2") and settings.llm_deadline_s == 12.5
    assert (settings.openai_base_url, settings.api_key) == ("http://127.0.0.1:1/v1", "k1")  # the OpenAI client's own names work
    assert (settings.ollama_url, settings.judge, settings.judge_model) == ("http://127.0.0.1:2", "llm", "/models/judge")
    monkeypatch.setenv("MANYSIDES_OPENAI_BASE_URL", "http://127.0.0.1:3/v1")  # ours wins over the client's
    monkeypatch.setenv("MANYSIDES_OPENAI_API_KEY", "k2")
    assert (load_bot_settings().openai_base_url, load_bot_settings().api_key) == ("http://127.0.0.1:3/v1", "k2")
    assert "k2" not in repr(load_bot_settings())  # the key is a secret


@pytest.mark.parametrize("variable, value", [("MANYSIDES_LLM_DEADLINE_S", "soon"), ("MANYSIDES_LLM_DEADLINE_S", "0"),
                                             ("MANYSIDES_LLM_DEADLINE_S", "inf"), ("MANYSIDES_JUDGE", "oracle")])
def test_a_bad_setting_is_one_line_naming_it(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_bot_settings()
    assert str(caught.value).startswith(f"{variable}={value!r} is invalid") and "\n" not in str(caught.value)


def test_an_empty_variable_keeps_the_default(monkeypatch):
    monkeypatch.setenv("MANYSIDES_LLM_DEADLINE_S", "")
    monkeypatch.setenv("MANYSIDES_JUDGE", "")
    assert (load_bot_settings().llm_deadline_s, load_bot_settings().judge) == (90.0, "cross-encoder")


@pytest.mark.parametrize("spec, parsed", [(None, EngineSpec()), ("", EngineSpec()), (" extractive ", EngineSpec()),
                                          ("openai:gpt-x", EngineSpec("openai", "gpt-x")), ("ollama: llama3.2", EngineSpec("ollama", "llama3.2")),
                                          ("llamacpp:/m/a:b.gguf", EngineSpec("llamacpp", "/m/a:b.gguf"))])
def test_engine_specs_parse_one_way(spec, parsed):
    assert EngineSpec.parse(spec) == parsed
    assert EngineSpec.parse(str(parsed)) == parsed and EngineChoice.from_spec(spec).spec == str(parsed)


@pytest.mark.parametrize("spec, says", [("nonsense", "unknown answer engine"), ("nonsense:model", "unknown answer engine"),
                                        ("openai:", "needs a model"), ("extractive:x", "unknown answer engine")])
def test_a_bad_engine_spec_says_what_to_write(spec, says):
    with pytest.raises(ConfigError, match=says):
        EngineSpec.parse(spec)
    assert EngineChoice.from_spec(spec) == EngineChoice()  # the settings panel starts from the extractive engine instead


def test_chat_models_are_built_from_explicit_arguments_before_the_settings(monkeypatch):
    monkeypatch.setenv("MANYSIDES_OPENAI_BASE_URL", "http://127.0.0.1:8/v1")
    monkeypatch.setenv("MANYSIDES_OLLAMA_URL", "http://127.0.0.1:7")
    from_settings = chat_model_for("openai:m")
    assert str(from_settings.openai_api_base) == "http://127.0.0.1:8/v1" and from_settings.openai_api_key.get_secret_value() == "not-needed"
    explicit = chat_model_for("openai:m", base_url="http://127.0.0.1:9/v1", api_key="k3y")
    assert str(explicit.openai_api_base) == "http://127.0.0.1:9/v1" and explicit.openai_api_key.get_secret_value() == "k3y"
    assert chat_model_for("ollama:llama3.2").base_url == "http://127.0.0.1:7"
    assert chat_model_for("ollama:llama3.2", base_url="http://127.0.0.1:6").base_url == "http://127.0.0.1:6"
    assert configured_chat_model() is None and configured_chat_model("openai:m").model_name == "m"
    with pytest.raises(ConfigError, match="needs a model"):
        chat_model_for("extractive")


def test_building_an_engine_writes_nothing_to_the_environment(library):
    before = dict(os.environ)
    engine = build_engine(library, EngineChoice("ollama", "llama3.2", "http://127.0.0.1:5", passages=3))
    assert engine.chat_model.base_url == "http://127.0.0.1:5" and engine.passages == 3
    assert dict(os.environ) == before


def drain(stream) -> tuple[list[str], Answer]:
    pieces = []
    while True:
        try:
            pieces.append(next(stream))
        except StopIteration as stop:
            return pieces, stop.value


def test_both_engines_are_answer_engines_that_stream_text_then_the_answer(samples):
    extractive = ExtractiveEngine(samples)
    llm = get_engine(samples, "openai:fake", chat_model=FakeListChatModel(responses=["Town officials estimate the repairs will cost $6.8 million [1]."]))
    for engine in (extractive, llm):
        assert isinstance(engine, AnswerEngine)
        pieces, answer = drain(engine.stream(QUESTION))
        assert pieces and all(isinstance(piece, str) for piece in pieces)
        assert isinstance(answer, Answer) and answer.answerable and "$6.8 million" in answer.text
        assert "".join(pieces).strip().startswith(answer.sentences[0].text[:20])
    assert extractive.chat_model is None and llm.chat_model is not None


def test_the_chat_streams_any_engine_without_asking_its_name(samples):
    engine = ExtractiveEngine(samples)
    engine.name = "quoting"  # an engine is used by what it offers, never by what it is called
    session = ChatSession(engine)
    pieces = list(session.stream(QUESTION))
    assert "".join(pieces).strip() == session.history[-1].answer.text and "$6.8 million" in session.history[-1].answer.text


@pytest.mark.parametrize("error, kind", [(TimeoutError(), ReplyTimeout), (httpx.ReadTimeout("read timed out"), ReplyTimeout),
                                         (ConnectionError("refused"), ClientFailure), (CutOffReply(), CutOffReply)])
def test_client_errors_become_typed_failures(error, kind):
    failure = as_failure(error, seconds=3)
    assert isinstance(failure, kind)
    if kind is ReplyTimeout:
        assert str(failure) == "no complete reply within 3 s"


def test_the_failure_line_says_what_is_shown_instead():
    assert "(an empty reply); the extractive answer is shown instead." in failure_line("ollama:x", EmptyReply())
    kept = failure_line("ollama:x", CutOffReply(), kept=True)
    assert "(the reply stopped mid-sentence); the answer is cut off where it stopped." in kept and "\n" not in kept


def test_a_stream_that_breaks_off_keeps_what_came_and_says_why(samples):
    reply = "Town officials estimate the repairs will cost $6.8 million [1]. The bridge closed on"
    broken = FakeListChatModel(responses=[reply], error_on_chunk_number=len(reply) - 5)
    pieces, answer = drain(get_engine(samples, "openai:fake", chat_model=broken).stream(QUESTION))
    assert "$6.8 million" in "".join(pieces) and answer.sentences[0].text.endswith("$6.8 million.")
    assert "FakeListChatModelError" in answer.notice and "cut off where it stopped" in answer.notice
    cut = FakeListChatModel(responses=[reply])
    _, answer = drain(get_engine(samples, "openai:fake", chat_model=cut).stream(QUESTION))
    assert "stopped mid-sentence" in answer.notice and all("closed on" not in s.text for s in answer.sentences)


class JudgeRecorder(FakeListChatModel):
    """A fake LLM that records the pair-judging prompts it receives and answers none of them (the cross-encoder judges)."""

    def invoke(self, messages, *args, **kwargs):
        if any("<pair" in str(content) for _, content in messages):
            JUDGED.append(messages)
        return super().invoke(messages, *args, **kwargs)


JUDGED: list = []


@pytest.fixture
def recorder(monkeypatch):
    JUDGED.clear()
    monkeypatch.setenv("MANYSIDES_JUDGE", "llm")  # and MANYSIDES_LLM unset: only the engine chosen here can judge
    return JudgeRecorder(responses=["no verdicts"])


def test_the_engine_chosen_for_a_comparison_judges_it(samples, recorder):
    from bot.compare import compare

    assert judge_for(ExtractiveEngine(samples)).name == "cross-encoder"
    engine = LLMEngine(samples, recorder, name="ollama:llama3.2")
    assert judge_for(engine).name == "llm (ollama:llama3.2)"
    comparison = compare(samples, chat_model=recorder)  # what --llm does
    assert comparison.consensus and JUDGED
    JUDGED.clear()
    session = ChatSession(engine)  # the page's engine choice, asked in the chat
    list(session.stream("What do the outlets disagree on?"))
    assert session.history[-1].comparison is not None and JUDGED


def test_cli_llm_option_reaches_the_judge(cli, recorder, monkeypatch):
    import bot.backends

    monkeypatch.setattr(bot.backends, "build_chat_model", lambda spec, **_: recorder)  # the remote LLM is the only fake
    assert cli("ingest", str(SAMPLES))[0] == 0
    code, _, stderr = cli("compare", "--llm", "openai:fake")
    assert code == 0, stderr
    assert JUDGED
    JUDGED.clear()
    code, _, stderr = cli("summarize", "--compare", "--llm", "openai:fake")
    assert JUDGED, stderr


"""The LLM path against OpenAI-compatible servers that misbehave as real ones do: a server that hangs, one that returns
HTTP 500, an empty completion, and a reply that stops mid-sentence. Each gives a one-line notice and an answer (the
extractive one, or the partial reply flagged), never a traceback and never a silent empty reply. Real loopback sockets,
the real library and model; the server is the only stand-in."""

from __future__ import annotations

import time

import pytest

from bot.chat import ChatSession
from bot.engines import get_engine
from tests.conftest import SAMPLES
from tests.webserver import serve_openai

REPLY = "Town officials estimate the repairs will cost $6.8 million [1]. The bridge closed on Tuesday after inspectors found corroded beams [2]."
QUESTION = "How much will the repairs cost?"


@pytest.fixture
def samples(library):
    assert library.ingest([str(SAMPLES)]).ok
    return library


@pytest.fixture
def engine_at(samples, monkeypatch):
    """The openai:fake engine pointed at a loopback server; a short deadline so a hang costs seconds."""
    monkeypatch.setenv("MANYSIDES_LLM_DEADLINE_S", "3")

    def make(url: str):
        monkeypatch.setenv("MANYSIDES_OPENAI_BASE_URL", url)
        return get_engine(samples, "openai:fake")
    return make


def _is_extractive_fallback(answer) -> bool:
    return answer.answerable and answer.sentences and all(s.supported and s.citations for s in answer.sentences)


def test_a_well_behaved_server_answers_without_a_notice(engine_at):
    with serve_openai(REPLY) as url:
        answer = engine_at(url).answer(QUESTION)
    assert not answer.notice and answer.sentences[0].text.endswith("$6.8 million.")


def test_a_hanging_server_meets_the_deadline_and_the_extractive_answer_is_shown(engine_at):
    with serve_openai(REPLY, "hang") as url:
        started = time.monotonic()
        answer = engine_at(url).answer(QUESTION)
        took = time.monotonic() - started
    assert took < 10  # the 3 s deadline, plus retrieval; never the client's own minutes
    assert "no complete reply within 3 s" in answer.notice and "\n" not in answer.notice
    assert _is_extractive_fallback(answer) and "million" in answer.text


@pytest.mark.parametrize("behaviour, says", [("error", "500"), ("empty", "an empty reply")])
def test_a_server_error_or_an_empty_completion_says_so_in_one_line(engine_at, behaviour, says):
    with serve_openai(REPLY, behaviour) as url:
        answer = engine_at(url).answer(QUESTION)
    assert says in answer.notice and "\n" not in answer.notice and "Settings" in answer.notice
    assert _is_extractive_fallback(answer)


def test_a_reply_cut_off_mid_sentence_is_kept_as_far_as_it_goes_and_flagged(engine_at):
    with serve_openai(REPLY, "half") as url:
        answer = engine_at(url).answer(QUESTION)
    assert "stopped mid-sentence" in answer.notice
    assert answer.sentences and answer.sentences[0].text.endswith("$6.8 million.")
    assert all("bridge closed" not in s.text for s in answer.sentences)  # the fragment is not passed off as a sentence


@pytest.mark.parametrize("behaviour", ["ok", "half", "error", "hang", "empty"])
def test_streaming_in_the_chat_never_ends_silent(engine_at, behaviour):
    with serve_openai(REPLY, behaviour) as url:
        session = ChatSession(engine_at(url))
        streamed = "".join(session.stream(QUESTION))
    answer = session.history[-1].answer
    assert answer.sentences and answer.text  # something to read, every time
    assert bool(answer.notice) == (behaviour != "ok")
    if behaviour in ("ok", "half"):
        assert "$6.8 million" in streamed


def test_cli_ask_prints_the_notice_on_stderr_and_the_answer_on_stdout(cli, monkeypatch):
    assert cli("ingest", str(SAMPLES))[0] == 0
    monkeypatch.setenv("MANYSIDES_LLM_DEADLINE_S", "3")
    with serve_openai(REPLY, "error") as url:
        monkeypatch.setenv("MANYSIDES_OPENAI_BASE_URL", url)
        code, stdout, stderr = cli("ask", QUESTION, "--llm", "openai:fake")
    assert code == 0 and "million" in stdout
    assert stderr.startswith("warning: The answer engine openai:fake failed") and stderr.count("\n") == 1


def test_a_summary_with_a_failing_llm_is_a_one_line_error(cli, monkeypatch):
    assert cli("ingest", str(SAMPLES))[0] == 0
    with serve_openai(REPLY, "error") as url:
        monkeypatch.setenv("MANYSIDES_OPENAI_BASE_URL", url)
        for command in (["summarize"], ["summarize", "--compare"]):
            code, _, stderr = cli(*command, "--llm", "openai:fake")
            assert code == 1 and stderr.startswith("error: The answer engine LLM failed") and "without --llm" in stderr
            assert stderr.count("\n") == 1


def test_a_bad_deadline_setting_is_one_line(cli, monkeypatch):
    monkeypatch.setenv("MANYSIDES_LLM_DEADLINE_S", "soon")
    code, _, stderr = cli("ask", QUESTION, "--llm", "openai:fake")
    assert code == 1 and "MANYSIDES_LLM_DEADLINE_S" in stderr and stderr.count("\n") == 1

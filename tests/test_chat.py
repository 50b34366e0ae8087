"""Follow-up questions are condensed with the previous turn; the chat streams and keeps history."""

import pytest

from bot.answer import ExtractiveEngine
from bot.chat import ChatSession, condense_question, is_follow_up
from tests.conftest import SAMPLES


@pytest.fixture
def session(library):
    library.ingest([str(SAMPLES)])
    return ChatSession(ExtractiveEngine(library))


def test_follow_up_detection():
    assert is_follow_up("What did they find?")
    assert is_follow_up("And the cost?")
    assert not is_follow_up("How much will the Greaves Street Bridge repairs cost?")


def test_a_follow_up_carries_the_previous_entities(session):
    first = session.ask("Who inspected the Greaves Street Bridge?")
    assert first.answer.answerable
    second = session.ask("How long will it stay closed?")
    assert "Greaves Street Bridge" in second.standalone
    assert second.answer.answerable and "months" in second.answer.text
    assert [t.question for t in session.history] == ["Who inspected the Greaves Street Bridge?", "How long will it stay closed?"]


def test_a_new_standalone_question_is_left_alone(session):
    session.ask("Who inspected the Greaves Street Bridge?")
    assert condense_question("Was anyone injured when the bridge closed?", session.history[-1]) == "Was anyone injured when the bridge closed?"


def test_extractive_answers_stream_sentence_by_sentence(session):
    pieces = list(session.stream("Was anyone injured?"))
    assert len(pieces) == len(session.history[-1].answer.sentences) >= 1
    assert "".join(pieces).strip() == session.history[-1].answer.text

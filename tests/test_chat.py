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


@pytest.mark.parametrize("question, kind", [
    ("What do the outlets disagree on?", "disagree"),
    ("Where do the sources differ?", "disagree"),
    ("What do they agree on?", "agree"),
    ("Compare the sources", "compare"),
    ("What does Metro Wire add?", "unique"),
    ("Who is quoted?", "quotes"),
    ("Summarize the story", "summary"),
    ("How much will the repairs cost?", None),
    ("What did the mayor say about safety?", None),
])
def test_comparative_requests_are_routed(question, kind):
    from bot.chat import route
    from index import ArticleRecord

    records = [ArticleRecord(id="m", version="1", title="t", source="s", chunks=1, outlet="Metro Wire"),
               ArticleRecord(id="g", version="1", title="t", source="s", chunks=1, outlet="Riverside Gazette")]
    intent = route(question, records)
    assert (intent.kind if intent else None) == kind
    if kind == "unique":
        assert intent.article_id == "m"


def test_a_disagreement_request_gets_the_conflict_with_both_sides_cited(session, library):
    pieces = list(session.stream("What do the outlets disagree on?"))
    turn = session.history[-1]
    assert turn.comparison is not None and turn.comparison.conflicts
    from markdown_it import MarkdownIt

    reply = MarkdownIt().render("".join(pieces))  # the reply is Markdown with the article text escaped
    assert "$4.2 million" in reply and "$6.8 million" in reply and "[2]" in reply
    assert len(turn.answer.sentences) >= 2
    for sentence in turn.answer.sentences:
        [citation] = sentence.citations
        assert library.article_text(citation.article_id)[citation.start:citation.end] == citation.quote
    assert {r.outlet for r in turn.answer.sources} >= {"Metro Wire", "Riverside Gazette"}


def test_what_one_outlet_adds_lists_only_its_claims(session):
    turn = session.ask("What does Metro Wire add?")
    metro = next(r.id for r in session.engine.library.articles() if r.outlet == "Metro Wire")
    assert turn.answer.sentences and all(c.article_id == metro for s in turn.answer.sentences for c in s.citations)
    assert "11\\,000 vehicles" in turn.reply  # escaped Markdown


def test_a_summary_request_gets_a_cited_summary(session):
    turn = session.ask("Summarize the story")
    assert turn.answer.answerable and len(turn.answer.sources) >= 2
    assert all(s.citations for s in turn.answer.sentences)


def test_terminal_chat_routes_a_comparison_request(cli):
    assert cli("ingest", str(SAMPLES))[0] == 0
    code, stdout, _ = cli("chat", input="What do the outlets disagree on?\nexit\n")
    assert code == 0
    assert "Where they differ" in stdout and "$6.8 million" in stdout and "\\$" not in stdout

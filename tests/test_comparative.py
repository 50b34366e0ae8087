"""The comparative summary: what all outlets report, what each adds and where they conflict, in one cited text within a
word budget, on the real sample articles and the port-strike story (real library, real model, the bundled judge)."""

from __future__ import annotations

import json
import re

import pytest
from langchain_core.language_models import FakeListChatModel

from bot.chat import ChatSession
from bot.comparative import comparative_summary, plan
from bot.compare import compare, outlet_label
from bot.engines import get_engine
from index.text import word_count
from index import IndexSettings, Library, ManysidesError
from tests.conftest import SAMPLES

STORY = SAMPLES.parent / "tests" / "stories" / "port-strike"
_QUOTED = re.compile(r"“([^”]+)”")
# The only words the extractive summary may add around its quotes: outlet names and these connecting phrases.
_CONNECTING = re.compile(r"^(Both .+ and .+ report: |All \d+ outlets \(.+\) report: |.+ report: |Only .+ reports: |.+ differ \(.+\): )")


@pytest.fixture(scope="module")
def comparison(sample_library):
    return compare(sample_library)


@pytest.mark.parametrize("words", [40, 150, 300])
def test_every_sentence_quotes_its_cited_sources_word_for_word_within_the_budget(sample_library, comparison, words):
    summary = comparative_summary(sample_library, comparison, words=words)
    assert 0 < word_count(summary.text) <= words
    for sentence in summary.sentences:
        assert sentence.citations and sentence.supported
        assert _CONNECTING.match(sentence.text), sentence.text  # nothing but a connecting phrase before the quotes
        quotes = _QUOTED.findall(sentence.text)
        assert quotes
        cited = {c.quote for c in sentence.citations}
        for quote in quotes:
            assert quote in cited  # the words are a cited source sentence, exactly
        for citation in sentence.citations:
            assert sample_library.article_text(citation.article_id)[citation.start:citation.end] == citation.quote


def test_it_says_what_all_report_where_they_conflict_and_what_each_adds_by_outlet_name(sample_library, comparison):
    summary = comparative_summary(sample_library, comparison, words=300)
    labels = [outlet_label(r, comparison.sources) for r in comparison.sources]
    sections = [s.text for s in summary.sentences]
    agree = [t for t in sections if " report: " in t and not t.startswith("Only ")]
    conflicts = [t for t in sections if " differ (" in t]
    adds = [t for t in sections if t.startswith("Only ")]
    assert agree and conflicts and adds
    assert sections == agree + conflicts + adds  # read in that order
    assert "$6.8 million" in conflicts[0] and "$4.2 million" in conflicts[0]  # the planted cost conflict, both sides
    assert sum(label in summary.text for label in labels) >= 3  # outlets named as people know them
    assert len(set(sections)) == len(sections)  # no line twice


def test_the_narrow_budget_keeps_the_widest_agreement_and_the_conflict(sample_library, comparison):
    planned = plan(comparison)
    assert planned[0].section == "agree"  # the widest agreement is the first thing said
    ranks = [p.rank for p in planned]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    summary = comparative_summary(sample_library, comparison, words=120)
    assert any(" differ (" in s.text for s in summary.sentences)


def test_a_budget_too_small_is_a_one_line_error(sample_library, comparison):
    with pytest.raises(ManysidesError, match="--words"):
        comparative_summary(sample_library, comparison, words=5)


def test_with_an_llm_every_written_sentence_is_checked_against_what_it_cites(sample_library, comparison):
    summary = comparative_summary(sample_library, comparison, words=150)
    first_quote = summary.sentences[0].citations[0].quote
    reply = f"{first_quote} [1]\nEvery outlet says the bridge will be painted gold next spring [2]."
    written = comparative_summary(sample_library, comparison, words=150, chat_model=FakeListChatModel(responses=[reply]))
    assert [s.supported for s in written.sentences] == [True, False]  # the invention is flagged, the faithful line is not
    assert all(s.citations for s in written.sentences)


def test_cli_summarize_compare_json_contract_and_markdown(cli):
    assert cli("ingest", str(SAMPLES))[0] == 0
    code, stdout, stderr = cli("summarize", "--compare", "--words", "120", "--json")
    assert code == 0, stderr
    payload = json.loads(stdout)
    assert set(payload) == {"summary", "words", "sentences", "sources"} and payload["words"] == 120
    assert word_count(payload["summary"]) <= 120
    assert all(s["citations"] and s["supported"] for s in payload["sentences"])
    outlets = {s["outlet"] for s in payload["sources"]}
    assert any(o and o in payload["summary"] for o in outlets)
    code, stdout, _ = cli("summarize", "--compare", "--format", "markdown")
    assert code == 0 and "[^1]" in stdout and "## Sources" in stdout


def test_chat_routes_compare_requests_to_the_comparative_summary(sample_library):
    session = ChatSession(get_engine(sample_library, None))
    for question in ("Compare the sources", "Summarize how they differ"):
        turn = session.ask(question)
        assert turn.answer.answerable and turn.answer.sentences
        assert any(" differ (" in s.text or " report: " in s.text for s in turn.answer.sentences)


def test_the_port_strike_story_summary_names_no_false_agreement(tmp_path, embedder):
    library = Library(IndexSettings(home=tmp_path), embedder=embedder)
    assert library.ingest([str(STORY)]).ok
    comparison = compare(library)
    summary = comparative_summary(library, comparison, words=400)
    agreements = [s for s in summary.sentences if " report: " in s.text and not s.text.startswith("Only ")]
    consensus = {item.claim for item in comparison.consensus}
    assert agreements and consensus
    for sentence in agreements:  # every agreement line is one of the grid's agreements, with every outlet's citation
        assert any(claim in sentence.text for claim in consensus)
        assert len({c.article_id for c in sentence.citations}) >= 2


def test_each_outlets_additions_in_short_are_its_most_distinct_claims(sample_library):
    comparison = compare(sample_library)
    closest = {claim.citations: claim.closest for group in comparison.unique for claim in group.claims}
    assert closest and all(0.0 < value < 1.0 for value in closest.values())
    for group in comparison.unique:
        planned = [closest[s.citations] for s in plan(comparison) if s.citations[0].article_id == group.article_id
                   and s.citations in closest]
        assert planned == sorted(planned)  # least like any other outlet's claim first
        assert planned[0] == min(closest[c.citations] for c in group.claims if c.citations in closest)

"""The page's rules, without the page: which articles are chosen, when the engine is checked, when the comparison is
computed again, what a card and a failure say, and how an addition applies the outlet the reader named."""

from __future__ import annotations

import re

from bot.answer import Answer
from bot.citations import AnswerSentence, Citation
from bot.engine_settings import EngineChoice, EngineStatus
from bot.page_state import (
    ArticlePicks, EngineCheck, Memo, answer_failure, article_card, cited_sources, comparison_key, refusal_words, selected_ids,
)
from bot.uploads import ChunkProgress, add_sources
from index import ArticleRecord, ManysidesError
from index.models import Removal
from tests.conftest import SAMPLES


def _record(article_id: str, **fields) -> ArticleRecord:
    return ArticleRecord(article_id, fields.pop("version", "v1"), fields.pop("title", f"Story {article_id}"), f"{article_id}.txt",
                         fields.pop("chunks", 2), **fields)


def test_every_article_chosen_means_no_limit():
    records = [_record("a"), _record("b")]
    assert selected_ids(["b", "a"], records) is None  # all of them: a later addition is included too
    assert selected_ids(["b"], records) == ["b"]
    assert selected_ids([], records) == []


def test_new_articles_start_chosen_once_and_additions_go_first_newest_first():
    picks = ArticlePicks()
    records = [_record("a"), _record("b"), _record("c")]
    assert picks.new([r.id for r in records]) == ["a", "b", "c"]
    assert picks.new([r.id for r in records]) == []  # the reader may have left them out since: never chosen again
    picks.added(["c"])
    picks.added(["b", "x"])
    assert [r.id for r in picks.arranged(records)] == ["b", "c", "a"]
    assert picks.just_added_among(["a", "b", "c"]) == ["b"]  # "x" is no longer in the library
    assert picks.new(["a", "b", "c", "d"]) == ["d"]


def test_the_engine_is_checked_again_only_when_the_choice_changes_or_on_request():
    seen: list[EngineChoice] = []

    def check(choice: EngineChoice) -> EngineStatus:
        seen.append(choice)
        return EngineStatus(choice.kind == "extractive", "ready" if choice.kind == "extractive" else "no answer from the server")

    engine = EngineCheck()
    first = EngineChoice(passages=8)
    assert engine.due(first)
    engine.run(first, check)
    assert not engine.due(EngineChoice(passages=3))  # the number of passages needs no server
    assert engine.tone(first) == "success" and engine.line(first) == "extractive: ready"
    ollama = EngineChoice("ollama", "llama3.2", "http://localhost:11434")
    assert engine.due(ollama)
    engine.run(ollama, check)
    assert engine.tone(ollama) == "error" and "no answer from the server" in engine.line(ollama)
    assert engine.tone(EngineChoice("ollama")) == "warning"  # still being filled in
    assert len(seen) == 2


def test_the_comparison_is_computed_again_when_what_it_depends_on_changes():
    records = [_record("a"), _record("b", outlet="Metro Wire")]
    key = comparison_key(["b", "a"], records, 0)
    assert key == comparison_key(["a", "b"], list(reversed(records)), 0)
    assert key != comparison_key(["a", "b"], [records[0], _record("b", outlet="Metropolitan Wire")], 0)  # renamed
    assert key != comparison_key(["a", "b"], [records[0], _record("b", outlet="Metro Wire", version="v2")], 0)  # re-ingested
    assert key != comparison_key(["a", "b"], records, 1)  # another story
    assert key != comparison_key(["a", "b"], records, 0, "ollama:llama3.2")  # another engine, which may judge the pairs
    calls: list[int] = []
    memo: Memo[str] = Memo()

    def compute() -> str | None:
        calls.append(1)
        return None if len(calls) == 1 else f"comparison {len(calls)}"

    assert memo.get(key, compute) is None  # failed: not kept
    assert memo.get(key, compute) == "comparison 2"
    assert memo.get(key, compute) == "comparison 2" and len(calls) == 2
    assert memo.get(comparison_key(["a"], records, 0), compute) == "comparison 3"


def test_a_card_says_date_chunks_copies_and_what_cleaning_removed():
    original = _record("a", outlet="Harbor Notes", title="Bridge shut")
    copy = _record("b", outlet="Metro Wire", chunks=1, duplicate_of="a", published="2026-03-12",
                   removed=(Removal("Subscribe now", "promo"), Removal("Share this", "share")))
    card = article_card(copy, [original, copy], original)
    assert card.label == "Metro Wire - Story b"
    assert card.details == "2026-03-12 · 1 chunk · copy of Harbor Notes - Bridge shut"
    assert card.warning == ""  # a copy is said to be one, not flagged as "not an article"
    assert card.removed == "Cleaning removed 2 passages" and card.removed_lines == "[promo] Subscribe now\n[share] Share this"
    short = article_card(_record("c", words=5), [original])
    assert short.details == "undated · 2 chunks" and short.warning.startswith("Not an article: ") and short.removed == ""


def test_an_llm_failure_is_worded_once_and_our_errors_speak_for_themselves():
    from types import SimpleNamespace

    llm, extractive = SimpleNamespace(name="ollama:llama3.2", chat_model=object()), SimpleNamespace(name="extractive", chat_model=None)
    line = answer_failure(llm, ConnectionError("connection refused"))
    assert line and line.startswith("The answer engine ollama:llama3.2 failed (ConnectionError: connection refused); no answer is shown.")
    assert "Check the engine under Settings" in line
    assert answer_failure(extractive, RuntimeError("boom")) is None
    assert answer_failure(llm, ManysidesError("the library is read-only")) is None


def test_a_refusal_is_shown_apart_from_the_nearest_sentence_it_quotes():
    near = Citation("a", "The bridge closed on Monday.", 0, 28)
    answer = Answer("Who won?", "The articles don't say. The nearest they come: The bridge closed on Monday.", False,
                    (AnswerSentence(near.quote, (near,), True),), ())
    assert refusal_words(answer) == "The articles don't say. The nearest they come:"
    assert refusal_words(Answer("Who won?", "The articles don't say.", False, (), ())) == "The articles don't say."


def test_an_addition_names_the_outlet_given_and_stages_uploads(library):
    shown: list[tuple[float, str]] = []
    upload = ("ledger copy.txt", (SAMPLES / "northern-ledger.txt").read_bytes())
    added = add_sources(library, [upload, str(SAMPLES / "no-such-file.txt")], outlet="Kellan Gazette",
                        progress=ChunkProgress(lambda done, text: shown.append((done, text))))
    [record] = library.articles()
    assert added.ids == (record.id,) and record.outlet == "Kellan Gazette" and record.source.endswith("ledger copy.txt")
    assert added.done == (f"Added: Kellan Gazette - {record.title}",)
    assert len(added.errors) == 1 and added.errors[0].startswith("no-such-file.txt: ")
    assert shown and shown[-1][0] == 1.0 and re.fullmatch(r"Embedding (\d+)/\1 chunks…", shown[-1][1])
    assert not list((library.settings.home / "uploads").rglob("*.txt"))  # the staged copy is gone
    again = add_sources(library, [str(SAMPLES / "metro-wire.txt")])
    assert library.article(again.ids[0]).outlet == "Metro Wire"  # no outlet given: the one in the text


def test_cited_sources_name_each_article_once_with_a_safe_link(library):
    library.ingest([str(SAMPLES / "northern-ledger.txt")])
    [record] = library.articles()
    text = library.article_text(record.id)
    first = text.split(". ")[0] + "."
    citation = Citation(record.id, first, 0, len(first))
    [source] = cited_sources(library, [AnswerSentence(first, (citation,), True)], {record.id: 3}, [record])
    assert source.heading.startswith("[3] ") and source.text == text and source.citations == (citation,)
    gone = cited_sources(library, [AnswerSentence("x", (Citation("missing", "x", 0, 1),), True)], {"missing": 1}, [])
    assert gone[0].text is None and gone[0].heading == "[1] missing"

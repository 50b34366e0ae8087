"""The page's rules, without the page: which articles are chosen, when the engine is checked, when the comparison is
computed again, what a card and a failure say, how an addition applies the outlet the reader named, what the engine
form asks for, and the lines the page shows around them."""

from __future__ import annotations

import logging
import re

from bot.answer import Answer
from bot.chat import Turn
from bot.citations import AnswerSentence, Citation
from bot.comparative import comparative_summary
from bot.compare import compare
from bot.engine_settings import BUNDLED_MODEL, EngineChoice, EngineStatus, engine_fields
from bot.library import open_library
from bot.notes import Note
from bot.page_state import (
    ArticlePicks, CitedSource, EngineCheck, Memo, answer_failure, article_card, cited_sources, comparison_key, downloads,
    error_line, refusal_words, selected_ids, selection_notes, turn_notes,
)
from bot.uploads import Added, ChunkProgress, add_sources, addition, pasted_article
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


def test_the_shortcuts_choose_all_none_or_the_last_addition_when_it_brought_several():
    picks = ArticlePicks()
    assert picks.shortcuts(["a", "b"]) == [("Select all", ["a", "b"]), ("Select none", [])]
    picks.added(["c"])
    assert len(picks.shortcuts(["a", "b", "c"])) == 2  # one article added: "Only this" does it
    picks.added(["d", "e", "x"])
    assert picks.shortcuts(["a", "d", "e"])[-1] == ("Only the 2 just added", ["d", "e"])  # "x" is gone


def test_a_copy_names_its_original_from_the_library_and_the_card_says_its_lines_in_order():
    original = _record("a", outlet="Harbor Notes", title="Bridge shut")
    copy = _record("b", outlet="Metro Wire", duplicate_of="a")
    card = article_card(copy, [original, copy])
    assert card.details.endswith("copy of Harbor Notes - Bridge shut")
    assert card.notes == [Note("caption", card.details)]
    short = article_card(_record("c", words=5), [original])
    assert [n.tone for n in short.notes] == ["caption", "warning"] and short.notes[1].text.startswith("Not an article: ")


def test_the_engine_form_asks_each_kind_for_what_it_needs():
    assert engine_fields("extractive", EngineChoice()) == ()
    openai = engine_fields("openai", EngineChoice("openai", "gpt-x"))
    assert [(f.name, f.key) for f in openai] == [("base_url", "openai_url"), ("model", "openai_model"), ("api_key", "openai_key")]
    assert openai[1].value == "gpt-x" and openai[2].input_type == "password" and openai[0].input_type == "default"
    ollama = engine_fields("ollama", EngineChoice("openai", "gpt-x"))
    assert [f.name for f in ollama] == ["base_url", "model"] and ollama[1].value == ""  # another kind's model is not offered
    source, path = engine_fields("llamacpp", EngineChoice())
    assert source.value == "Bundled SmolLM2" and source.options == ("Bundled SmolLM2", "A .gguf file")
    assert not path.shown({"source": "Bundled SmolLM2"}) and path.shown({"source": "A .gguf file"})
    assert engine_fields("llamacpp", EngineChoice("llamacpp", "/models/x.gguf"))[0].value == "A .gguf file"
    bundled = EngineChoice.from_form("llamacpp", {"source": "Bundled SmolLM2"}, 8)
    assert bundled == EngineChoice("llamacpp", BUNDLED_MODEL, passages=8)
    typed = EngineChoice.from_form("openai", {"base_url": " http://h/v1 ", "model": " m ", "api_key": " k "}, 3)
    assert typed == EngineChoice("openai", "m", "http://h/v1", "k", 3)
    assert EngineChoice.from_form("llamacpp", {"source": "A .gguf file", "model": "/m.gguf"}, 8).model == "/m.gguf"


def test_the_engine_check_is_shown_in_its_tone():
    check = EngineCheck()
    check.run(EngineChoice(), lambda choice: EngineStatus(True, "ready"))
    assert check.note(EngineChoice()) == Note("success", "extractive: ready")


def test_each_form_adds_what_it_holds_or_says_what_to_fill_in_first():
    assert addition(files=[]).problem == "Choose one or more files first."
    upload = addition(files=[("a.txt", b"text")], outlet="Kellan Gazette")
    assert upload.sources == (("a.txt", b"text"),) and upload.outlet == "Kellan Gazette" and not upload.problem
    assert addition(text="  ").problem == "Paste the article's text first."
    pasted = addition(text="The bridge shut.", title="Bridge", outlet="Metro Wire", published="2026-03-12")
    assert pasted.sources == (pasted_article("The bridge shut.", "Bridge", "Metro Wire", "2026-03-12"),) and pasted.outlet == ""
    assert addition(url=" https://example.org/a ").sources == ("https://example.org/a",)
    for bad in ("", "javascript:alert(1)", "example.org/a"):
        assert addition(url=bad).problem == "Give the article's address, starting with http:// or https://."
    added = Added(("a",), ("x.txt: not found",), ("Added: Metro Wire - Bridge",))
    assert added.notes == [Note("error", "x.txt: not found"), Note("success", "Added: Metro Wire - Bridge")]


def test_a_cited_source_says_it_is_gone_or_who_wrote_it():
    gone = CitedSource(1, "a", "[1] a", "", "", None, ())
    assert gone.notes == [Note("caption", "This article is no longer in the library.")]
    assert CitedSource(1, "a", "[1] a", "By Ana Ruiz", "", "text", ()).notes == [Note("caption", "By Ana Ruiz")]
    assert CitedSource(1, "a", "[1] a", "", "", "text", ()).notes == []


def test_an_unplanned_error_is_one_line_and_logged_with_its_traceback(caplog):
    assert error_line(ManysidesError("the library is read-only; free some disk space")) == "the library is read-only; free some disk space"
    with caplog.at_level(logging.ERROR, logger="bot.page_state"):
        line = error_line(KeyError("x"))
    assert line.startswith("Something went wrong (KeyError: 'x'). Try again") and "check its log" in line
    assert caplog.records and caplog.records[-1].exc_info and caplog.records[-1].exc_info[0] is KeyError


def test_the_page_says_how_many_articles_are_chosen_and_what_to_do_with_none():
    records = [_record("a"), _record("b")]
    assert selection_notes(["a"], records, "extractive") == [Note("caption", "1 of 2 articles selected · answer engine: extractive")]
    assert selection_notes([], records, "extractive")[1] == Note("warning", "No articles are selected; pick some in the sidebar.")
    assert selection_notes([], [], "extractive")[1].tone == "info"


def test_an_answer_says_its_notice_search_and_refusal_around_its_citations():
    near = Citation("a", "The bridge closed on Monday.", 0, 28)
    refusal = Answer("Who won?", "The articles don't say. The nearest they come: The bridge closed on Monday.", False,
                     (AnswerSentence(near.quote, (near,), True),), (), notice="ollama failed; the extractive engine answered")
    before, after = turn_notes(Turn("who won", "Who won the vote?", refusal))
    assert before == [Note("warning", "ollama failed; the extractive engine answered"), Note("caption", "Searched for: Who won the vote?"),
                      Note("markdown", "The articles don't say. The nearest they come:")]
    assert [n.tone for n in after] == ["caption"] and after[0].text.startswith("No sentence in the selected articles answers this")
    answered = Answer("Who?", "The bridge closed on Monday.", True, (AnswerSentence(near.quote, (near,), True),), ())
    assert turn_notes(Turn("Who?", "Who?", answered)) == ([], [])


def test_the_comparison_page_offers_the_comparison_and_the_summary_as_markdown(sample_library):
    comparison = compare(sample_library)
    [only] = downloads(comparison, None)
    assert only.file_name == "comparison.md" and only.label == "Download the comparison (Markdown)" and only.data.strip()
    both = downloads(comparison, comparative_summary(sample_library, comparison))
    assert [d.file_name for d in both] == ["comparison.md", "summary.md"] and both[1].data.strip()


def test_the_app_opens_its_library_with_the_model_loaded(settings, embedder):
    assert open_library(settings=settings, load_model=True)._embedder is embedder  # the process's model, loaded now

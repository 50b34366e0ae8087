"""Cross-source summaries: cited whole sentences within the word budget, LLM rewriting checked, Markdown export."""

import json

import numpy as np
import pytest
from langchain_core.language_models import FakeListChatModel

from bot.report import summary_markdown
from bot.summarize import SentencePool, select_sentences, summarize
from index.text import word_count
from index import IndexSettings, Library, ManysidesError
from tests.conftest import SAMPLES


@pytest.mark.parametrize("words", [25, 60, 100, 250])
def test_the_word_budget_holds_with_whole_cited_sentences(sample_library, words):
    summary = summarize(sample_library, words=words)
    assert 0 < word_count(summary.text) <= words
    assert word_count(summary.text) >= words * 0.6  # it uses the budget, not one sentence
    for sentence in summary.sentences:
        own = sentence.citations[0]
        assert sentence.text == own.quote  # extractive: never a word of its own, never half a sentence
        assert len({c.article_id for c in sentence.citations}) == len(sentence.citations)  # one sentence per other outlet
        for citation in sentence.citations:
            assert sample_library.article_text(citation.article_id)[citation.start:citation.end] == citation.quote
    assert [r.id for r in summary.sources] == list(dict.fromkeys(c.article_id for s in summary.sentences for c in s.citations))


def test_summary_spans_outlets_and_leads_with_the_main_event(sample_library):
    summary = summarize(sample_library, words=100)
    assert len(summary.sources) >= 3
    assert any("closed" in s.text or "shut" in s.text for s in summary.sentences[:2])
    texts = [s.text for s in summary.sentences]
    assert len(set(texts)) == len(texts)
    # The same fact from two outlets is not said twice: no two chosen sentences are near-paraphrases.
    vectors = sample_library.embedder.encode(texts)
    similarity = vectors @ vectors.T - np.eye(len(texts))
    assert similarity.max() < 0.7


def test_selection_prefers_what_several_sources_report():
    rng = np.random.default_rng(0)
    shared, alone = rng.standard_normal(16), rng.standard_normal(16)
    vectors = np.stack([shared, shared + 0.05 * rng.standard_normal(16), shared + 0.05 * rng.standard_normal(16), alone])
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    texts = ["one two three four five six seven."] * 4
    pool = SentencePool(texts, vectors, positions=[3, 3, 3, 0], sources=[0, 1, 2, 3])
    assert select_sentences(pool, 7)[0] in {0, 1, 2}


def test_summary_json_contract_and_markdown_footnotes(cli):
    assert cli("ingest", str(SAMPLES))[0] == 0
    code, stdout, _ = cli("summarize", "--words", "80", "--json")
    assert code == 0
    payload = json.loads(stdout)
    assert set(payload) >= {"summary", "sentences", "sources"}
    assert set(payload["sentences"][0]) >= {"text", "citations"}
    assert set(payload["sentences"][0]["citations"][0]) == {"article_id", "quote", "start", "end"}
    assert word_count(payload["summary"]) <= 80
    code, stdout, _ = cli("summarize", "--words", "80", "--format", "markdown")
    assert code == 0
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    html = MarkdownIt().use(footnote_plugin).render(stdout)
    cited = {(c["article_id"], c["start"]) for sentence in payload["sentences"] for c in sentence["citations"]}
    assert html.count('class="footnote-item"') == len(cited) >= len(payload["sentences"]) >= 2  # one footnote per cited sentence


def test_bad_budgets_and_ids_are_one_line_errors(cli, sample_library):
    assert cli("ingest", str(SAMPLES))[0] == 0
    code, _, stderr = cli("summarize", "--words", "0")
    assert code == 1 and stderr.startswith("error: ") and "--words" in stderr
    code, _, stderr = cli("summarize", "--article", "missing-id")
    assert code == 1 and "manysides list" in stderr
    code, _, stderr = cli("summarize", "--format", "pdf")
    assert code == 1 and "markdown" in stderr


def test_llm_rewrite_is_cited_checked_and_invented_keys_dropped(sample_library):
    extractive = summarize(sample_library, words=60)
    reply = f"{extractive.sentences[0].text} [1][9]. The mayor resigned over the closure [2]."
    summary = summarize(sample_library, words=60, chat_model=FakeListChatModel(responses=[reply]))
    assert len(summary.sentences) == 2
    first, second = summary.sentences
    assert first.citations == (extractive.sentences[0].citations[0],)  # [9] named no passage: dropped
    assert first.supported
    assert not second.supported  # nothing it cites says the mayor resigned: flagged, not hidden
    assert "**(unsupported)**" in summary_markdown(summary)


def test_llm_rewrite_keeps_the_budget(sample_library):
    long_reply = " ".join(f"The bridge was closed to all traffic on Tuesday [{1}]." for _ in range(20))
    summary = summarize(sample_library, words=30, chat_model=FakeListChatModel(responses=[long_reply]))
    assert 0 < word_count(summary.text) <= 30


def test_summarize_needs_articles(library):
    with pytest.raises(ManysidesError, match="no articles"):
        summarize(library, words=50)


def test_headlines_and_no_comment_lines_are_not_summary_sentences():
    from bot.summarize import reads_alone

    assert reads_alone("The council approved the new ferry schedule on Monday.")
    assert not reads_alone("High-level talks to take place in Rome as the crisis enters its third week")  # a sub-head
    assert not reads_alone("A spokeswoman for the ministry declined to comment.")
    assert not reads_alone("The embassy did not respond to a request for a comment on Sunday.")
    assert not reads_alone("The White House did not comment.")


def test_hostile_metadata_never_becomes_markup_in_the_report(tmp_path, embedder):
    import json

    library = Library(IndexSettings(home=tmp_path / "home"), embedder=embedder)
    rows = [{"id": "evil", "title": "Bridge \x1b[31mclosed\x1b[0m [x](javascript:alert(1))", "outlet": "<b>Wire</b>",
             "url": "https://example.com/a\n[x](javascript:alert(2))",
             "text": "The Greaves Street Bridge closed on Tuesday after inspectors found corroded beams. Repairs will cost $6.8 million."},
            {"id": "worse", "title": "Ferry", "outlet": "Courier", "url": "javascript:alert(3)",
             "text": "A ferry will cross the river every twenty minutes while the bridge is closed, the operator said."}]
    (tmp_path / "batch.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    assert library.ingest([str(tmp_path / "batch.jsonl")]).ok
    report = summary_markdown(summarize(library, words=60))
    assert "\x1b" not in report and "<b>" not in report
    assert not any(line.lstrip("- ").startswith("[x](") for line in report.splitlines())
    assert "](javascript:" not in report.replace("\\](javascript", "")  # only escaped, never a live link
    assert "<https://example.com/a" in report and "javascript:alert(3)" not in report.split("## Sources")[1].replace("\\", "")


def test_a_summary_sentence_cites_every_outlet_that_says_the_same_and_none_that_gives_another_figure(sample_library, embedder):
    from bot.citations import Citation
    from bot.summarize import corroborating

    summary = summarize(sample_library, words=100)
    assert any(len(s.citations) >= 2 for s in summary.sentences)  # the samples' outlets report the closure alike
    texts = ["The bridge repairs will cost about $4 million, the town engineer said.",
             "Repairs to the bridge will cost about $4 million, according to the town engineer.",
             "The bridge repairs will cost about $6 million, the town engineer said.",
             "The bridge repairs will not cost about $4 million, the town engineer said."]
    pool = SentencePool(texts, embedder.encode(texts), [0, 0, 0, 0], [0, 1, 2, 3])
    citations = [Citation(f"a{n}", text, 0, len(text)) for n, text in enumerate(texts)]
    assert [c.article_id for c in corroborating(pool, citations, 0)] == ["a0", "a1"]  # not another figure, not a denial


def test_a_summary_of_the_whole_library_leaves_out_a_teaser_as_a_comparison_does(tmp_path, embedder):
    library = Library(IndexSettings(home=tmp_path / "home"), embedder=embedder)
    teaser = tmp_path / "teaser.txt"
    teaser.write_text("Title: Ferry timetable\nOutlet: Harbor Notes\n\nA temporary ferry will cross the Kellan River every "
                      "twenty minutes while the Greaves Street Bridge is closed.\n")
    assert library.ingest([str(SAMPLES), str(teaser)]).ok
    [flagged] = [r for r in library.articles() if r.not_article]
    assert flagged.outlet == "Harbor Notes"
    assert flagged.id not in {r.id for r in summarize(library, words=150).sources}
    named = summarize(library, [flagged.id], words=60)  # named by the reader, it is summarized
    assert [r.id for r in named.sources] == [flagged.id]

"""The browser app through streamlit's AppTest: chat, library, settings, errors and safety (real library and model)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO, SAMPLES
from tests.webserver import serve_openai

HOSTILE_ARTICLE = """A temporary ferry <script>alert(1)</script> will cross the Kellan River every twenty minutes while the bridge is closed.

Riders boarding at the west landing <img src=x onerror=alert(1)> pay no fare until the bridge reopens, the ferry operator said."""


def unescape(markdown: str) -> str:
    """Markdown as the reader sees it: the app escapes every punctuation mark of article text."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")  # the joiner that keeps addresses unlinked


def open_app() -> AppTest:
    return AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=180).run()


def ask(app: AppTest, question: str) -> AppTest:
    return app.chat_input[0].set_value(question).run()


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error]


def assistant_markdown(app: AppTest) -> str:
    return "\n".join(md.value for message in app.chat_message if message.name == "assistant" for md in message.markdown)


def sidebar_text(app: AppTest) -> str:
    """What the library cards say: checkbox labels, captions and plain text, unescaped."""
    return unescape("\n".join([c.label for c in app.sidebar.checkbox] + [c.value for c in app.sidebar.caption]
                               + [t.value for t in app.sidebar.text]))


def chosen(app: AppTest) -> list[str]:
    """The ids of the articles whose checkbox is ticked, in the sidebar's order."""
    return [c.key.removeprefix("pick-") for c in app.sidebar.checkbox if c.key.startswith("pick-") and c.value]


@pytest.fixture
def samples(library):
    """The library holding the four sample articles."""
    library.ingest([str(SAMPLES)])
    return library


# --- chat ---------------------------------------------------------------------------------------------------------

def test_opens_on_the_library_with_suggested_questions(samples):
    app = open_app()
    assert not app.exception and not errors(app)
    assert "Valley Courier" in sidebar_text(app) and "Metro Wire" in sidebar_text(app)
    assert "What do the outlets disagree on?" in [b.label for b in app.button]
    assert sorted(chosen(app)) == sorted(r.id for r in samples.articles())  # every article is used by default


def test_a_question_gets_a_cited_answer_with_highlighted_sources(samples):
    app = ask(open_app(), "How much will the repairs cost?")
    assert not app.exception and not errors(app)
    assert [m.name for m in app.chat_message] == ["user", "assistant"]
    answer = assistant_markdown(app)
    assert "million" in answer and r"\[1\]" in answer
    sources = [e.label for e in app.main.expander]
    assert sources and sources[0].startswith(r"\[1\] ")
    assert ":orange-background[**" in answer  # the cited sentence is highlighted in its article
    turn = app.session_state["chat"].history[-1]
    cited = turn.answer.sentences[0].citations[0]
    assert samples.article_text(cited.article_id)[cited.start:cited.end] == cited.quote


def test_the_conversation_is_remembered_across_questions(samples):
    app = ask(open_app(), "How much will the repairs cost?")
    app = ask(app, "Who found the corrosion?")
    assert not app.exception and not errors(app)
    assert [m.name for m in app.chat_message] == ["user", "assistant", "user", "assistant"]
    assert [t.question for t in app.session_state["chat"].history] == ["How much will the repairs cost?", "Who found the corrosion?"]
    button(app, "Clear the conversation").click().run()
    assert not app.chat_message and not app.session_state["chat"].history


def test_a_suggested_question_is_asked_by_its_button(samples):
    app = open_app()
    button(app, "What happened?").click().run()
    assert not app.exception and not errors(app)
    assert [m.name for m in app.chat_message] == ["user", "assistant"]
    assert unescape(app.chat_message[0].markdown[0].value) == "What happened?"
    answer = app.session_state["chat"].history[-1].answer  # a broad question gets the cited summary, not a refusal
    assert answer.answerable and len(answer.sentences) >= 2 and all(s.citations for s in answer.sentences)
    assert r"\[1\]" in assistant_markdown(app)
    assert "Try one of these" not in " ".join(c.value for c in app.caption)


@pytest.mark.parametrize("question, shows", [
    ("What does each outlet add?", "#### What each outlet adds"),
    ("Who is quoted?", "#### Who is quoted"),
    ("Compare the sources", " report"),
    ("Summarize the story", "[1]"),
])
def test_comparative_requests_answer_from_the_comparison_or_the_summary(samples, question, shows):
    app = ask(open_app(), question)
    assert not app.exception and not errors(app)
    assert shows in unescape(assistant_markdown(app))
    assert app.main.expander  # with their sources


def test_a_question_the_articles_cannot_answer_gets_an_honest_refusal(samples):
    app = ask(open_app(), "Who won the 1998 World Cup final in football?")
    assert not app.exception and not errors(app)
    assert not app.session_state["chat"].history[-1].answer.answerable
    assert "don't say" in unescape(assistant_markdown(app))
    assert not app.main.expander  # no sources for a refusal


def test_chat_uses_only_the_chosen_articles(samples):
    metro = next(r.id for r in samples.articles() if r.outlet == "Metro Wire")
    app = open_app()
    app.checkbox(key=f"pick-{metro}").uncheck().run()
    app = ask(app, "How much will the repairs cost?")
    assert not app.exception and not errors(app)
    session = app.session_state["chat"]
    assert session.article_ids and metro not in session.article_ids
    cited = {c.article_id for s in session.history[-1].answer.sentences for c in s.citations}
    assert cited and metro not in cited
    assert metro not in chosen(app)  # the choice holds across reruns


# --- comparison ---------------------------------------------------------------------------------------------------

def open_comparison(app: AppTest) -> AppTest:
    app.session_state["view"] = "Compare sources"
    return app.run()


def test_the_comparison_tab_shows_agreement_conflicts_quotes_chart_summary_and_downloads(samples):
    app = open_comparison(open_app())
    assert not app.exception and not errors(app)
    shown = unescape("\n".join(m.value for m in app.main.markdown))
    assert "### In short" in shown
    for heading in ("Coverage", "What the outlets agree on", "Where they differ", "What each outlet adds alone", "Who is quoted"):
        assert f"#### {heading}" in shown
    conflict = shown.split("#### Where they differ", 1)[1].split("####", 1)[0]
    assert "$6.8 million" in conflict and "$4.2 million" in conflict  # both sides of the planted cost conflict, quoted
    assert "Marcus Hale" in shown.split("#### Who is quoted", 1)[1]
    [chart] = app.get("vega_lite_chart")
    cells = chart.proto.data.data  # the facts × outlets grid, as Arrow bytes
    assert b"Metro Wire" in cells and b"conflicting" in cells and b"not reported" in cells
    assert [b.label for b in app.get("download_button")] == ["Download the comparison (Markdown)", "Download the summary (Markdown)"]
    assert not app.chat_input  # the chat input belongs to the chat tab


def test_the_summary_follows_the_word_budget(samples):
    app = open_comparison(open_app())
    long_summary = app.session_state["comparative_summary"]
    app.slider(key="summary_words").set_value(60).run()
    assert not app.exception and not errors(app)
    short_summary = app.session_state["comparative_summary"]
    assert len(short_summary.text.split()) <= 60
    assert len(short_summary.text.split()) < len(long_summary.text.split())
    assert r"\[1\]" in "\n".join(m.value for m in app.main.markdown)


def test_two_articles_compare_with_a_short_chart(samples):
    records = samples.articles()
    app = button(open_app(), "Select none").click().run()
    for record in records[:2]:
        app.checkbox(key=f"pick-{record.id}").check()
    app = open_comparison(app.run())
    assert not app.exception and not errors(app)
    assert app.get("vega_lite_chart") and "### In short" in "\n".join(m.value for m in app.main.markdown)


def test_comparing_needs_two_chosen_articles(samples):
    app = open_app()
    keep = chosen(app)[0]
    app = button(app, "Select none").click().run()
    app.checkbox(key=f"pick-{keep}").check()
    app = open_comparison(app.run())
    assert not app.exception and not errors(app)
    assert chosen(app) == [keep]
    assert any("at least two articles" in i.value for i in app.main.info)


def test_asking_where_the_outlets_disagree_shows_the_conflicts_in_the_chat(samples):
    app = ask(open_app(), "What do the outlets disagree on?")
    assert not app.exception and not errors(app)
    turn = app.session_state["chat"].history[-1]
    assert turn.comparison is not None
    answer = unescape(assistant_markdown(app))
    assert "#### Where they differ" in answer and "$4.2 million" in answer
    assert "#### What the outlets agree on" not in answer and not app.get("vega_lite_chart")  # only what was asked


# --- library ------------------------------------------------------------------------------------------------------

STORY = b"""Title: Ferry added during the bridge closure
Outlet: Harbor Notes
Published: 2026-03-12

A temporary ferry will cross the Kellan River every twenty minutes while the Greaves Street Bridge is closed, the operator said.

Riders pay no fare until the bridge reopens, and bicycles are allowed on every crossing.
"""


def test_an_uploaded_file_is_added_under_its_own_name(library):
    app = open_app()
    app.file_uploader[0].set_value(("harbor-notes.txt", STORY, "text/plain"))
    button(app, "Add to the library").click().run()
    assert not app.exception and not errors(app)
    assert "Added: Harbor Notes - Ferry added during the bridge closure" in [unescape(s.value) for s in app.success]  # named
    assert "Harbor Notes" in sidebar_text(app) and "2026-03-12" in sidebar_text(app)
    assert "1 chunks" not in sidebar_text(app) and "1 chunk" in sidebar_text(app)  # counted as a reader counts
    [record] = library.articles()
    assert record.title == "Ferry added during the bridge closure" and record.source.endswith("harbor-notes.txt")
    assert not any((library.settings.home / "uploads").glob("*/*"))  # the staged copy is gone

    again = open_app()
    again.file_uploader[0].set_value(("harbor-notes.txt", STORY, "text/plain"))
    button(again, "Add to the library").click().run()
    assert any(unescape(s.value).startswith("Unchanged: Harbor Notes") for s in again.success)  # the same upload is the same article
    assert len(library.articles()) == 1


def test_pasted_text_takes_the_given_title_and_outlet(library):
    app = open_app()
    app.text_area[0].input(STORY.decode().split("\n\n", 1)[1])
    inputs = {t.label: t for t in app.text_input}
    inputs["Title (optional)"].input("Ferry service starts")
    inputs["Outlet (optional)"].input("Harbor Notes")
    button(app, "Add text").click().run()
    assert not app.exception and not errors(app)
    [record] = library.articles()
    assert (record.title, record.outlet) == ("Ferry service starts", "Harbor Notes")
    assert "Ferry service starts" in sidebar_text(app)


def test_a_bad_file_shows_an_error_and_leaves_the_library_intact(samples):
    before = {r.id for r in samples.articles()}
    app = open_app()
    app.file_uploader[0].set_value([("broken.pdf", b"%PDF-1.4 this is not really a pdf", "application/pdf"),
                                    ("harbor-notes.txt", STORY, "text/plain")])
    button(app, "Add to the library").click().run()
    assert not app.exception
    assert len(errors(app)) == 1 and unescape(errors(app)[0]).startswith("broken.pdf: ")  # the upload's name, not a staging path
    assert any(unescape(s.value).startswith("Added: Harbor Notes") for s in app.success)  # the good file still went in
    assert before < {r.id for r in samples.articles()}


def test_an_empty_form_says_what_to_fill_in_first(library):
    app = button(open_app(), "Add text").click().run()
    assert [w.value for w in app.sidebar.warning] == ["Paste the article's text first."]
    next(t for t in app.text_input if t.label == "Article URL").input("javascript:alert(1)")
    app = button(app, "Add URL").click().run()
    assert [w.value for w in app.sidebar.warning] == ["Give the article's address, starting with http:// or https://."]
    app = button(app, "Add to the library").click().run()
    assert [w.value for w in app.sidebar.warning] == ["Choose one or more files first."]
    assert not app.exception and not errors(app) and not library.articles()


def test_a_url_is_ingested_from_a_loopback_server(library):
    from tests.webserver import serve

    page = (b"<html><head><title>Ferry service | Harbor Notes</title></head><body><article><h1>Ferry service</h1>"
            + b"".join(b"<p>" + p.encode() + b"</p>" for p in STORY.decode().split("\n\n")[1:]) + b"</article></body></html>")
    with serve({"/ferry": (200, {"Content-Type": "text/html"}, page)}) as base:
        app = open_app()
        next(t for t in app.text_input if t.label == "Article URL").input(f"{base}/ferry")
        button(app, "Add URL").click().run()
    assert not app.exception and not errors(app)
    [record] = library.articles()
    assert record.url == f"{base}/ferry"


def test_a_url_that_fails_shows_an_error(library):
    app = open_app()
    next(t for t in app.text_input if t.label == "Article URL").input("http://127.0.0.1:9/nothing-listens-here")
    button(app, "Add URL").click().run()
    assert not app.exception
    assert errors(app) and unescape(errors(app)[0]).startswith("http://127.0.0.1:9/nothing-listens-here: ")
    assert library.articles() == []


def test_removing_an_article(samples):
    metro = next(r for r in samples.articles() if r.outlet == "Metro Wire")
    app = open_app()
    app.button(key=f"remove-{metro.id}").click().run()
    assert not app.exception and not errors(app)
    assert "Metro Wire" not in sidebar_text(app)
    assert metro.id not in {r.id for r in samples.articles()}
    assert f"pick-{metro.id}" not in [c.key for c in app.sidebar.checkbox]


def test_select_all_none_and_only_this_choose_articles_in_one_click(samples):
    records = samples.articles()
    metro = next(r.id for r in records if r.outlet == "Metro Wire")
    app = open_app()
    app = app.button(key=f"only-{metro}").click().run()
    assert not app.exception and chosen(app) == [metro]
    assert "1 of 4 articles selected" in unescape(" ".join(c.value for c in app.main.caption))
    app = button(app, "Select all").click().run()
    assert sorted(chosen(app)) == sorted(r.id for r in records)
    app = button(app, "Select none").click().run()
    assert chosen(app) == [] and app.chat_input[0].proto.disabled


def test_new_uploads_go_to_the_top_and_are_chosen(samples):
    app = open_app()
    app.file_uploader[0].set_value(("harbor-notes.txt", STORY, "text/plain"))
    app = button(app, "Add to the library").click().run()
    assert not app.exception and not errors(app)
    first = app.sidebar.checkbox[0]
    assert "Harbor Notes" in first.label and first.value


def test_an_upload_can_name_its_outlet(library):
    app = open_app()
    app.file_uploader[0].set_value(("notes.txt", STORY.split(b"\n\n", 1)[1], "text/plain"))
    app.text_input(key="upload_outlet").input("Kellan Gazette")
    button(app, "Add to the library").click().run()
    assert not app.exception and not errors(app)
    [record] = library.articles()
    assert record.outlet == "Kellan Gazette" and "Kellan Gazette" in sidebar_text(app)


def test_editing_an_outlet_renames_it_in_every_view(samples):
    metro = next(r for r in samples.articles() if r.outlet == "Metro Wire")
    app = ask(open_app(), "How much will the repairs cost?")
    app.text_input(key=f"edit-outlet-{metro.id}").input("Metropolitan Wire Service")
    app = next(b for b in app.sidebar.button if b.label == "Save" and b.proto.form_id == f"edit-{metro.id}").click().run()
    assert not app.exception and not errors(app)
    assert samples.article(metro.id).outlet == "Metropolitan Wire Service"
    assert "Metropolitan Wire Service" in sidebar_text(app)
    app = open_comparison(app)
    shown = unescape("\n".join([m.value for m in app.main.markdown] + [c.value for c in app.main.caption]))
    assert "Metropolitan Wire Service" in shown and "Metro Wire " not in shown.replace("Metro Wire Service", "")


UNNAMED = {  # two more reports of the samples' story, saved under file names that name no outlet
    "0001.txt": "Ashford Falls shut the Greaves Street Bridge on Tuesday after engineers found corroded steel beams under "
                "the deck. Drivers were sent to the Oakmont Avenue Bridge downstream, and the town said the repairs could "
                "take months. No one was hurt when the bridge was closed, officials said. The council will meet on Monday "
                "to discuss how to pay for the work.",
    "0002.txt": "Inspectors found rust eating into several steel beams of the Greaves Street Bridge, and Ashford Falls closed "
                "it to traffic on Tuesday. Commuters now cross the Kellan River on the Oakmont Avenue Bridge. Business "
                "owners on Greaves Street said they had fewer customers within hours. Nobody was injured, the town said.",
}


def test_articles_that_name_no_outlet_are_named_in_one_place_on_the_compare_tab(samples, tmp_path):
    for name, text in UNNAMED.items():
        (tmp_path / name).write_text(text)
    assert samples.ingest([str(tmp_path / name) for name in UNNAMED]).ok
    unnamed = sorted(r.id for r in samples.articles() if r.source.endswith(tuple(UNNAMED)))
    app = open_comparison(open_app())
    assert not app.exception and not errors(app)
    [asking] = [e for e in app.main.expander if "name no outlet" in e.label]
    assert asking.label.startswith("2 of the 6 compared articles name no outlet")
    assert sorted(t.key.removeprefix("outlet-for-") for t in app.main.text_input if t.key.startswith("outlet-for-")) == unnamed
    app.text_input(key=f"outlet-for-{unnamed[0]}").input("Harbor Courier")
    app = next(b for b in app.main.button if b.label == "Save the names").click().run()
    assert not app.exception and not errors(app)
    assert samples.article(unnamed[0]).outlet == "Harbor Courier" and samples.article(unnamed[1]).outlet == ""  # a blank stays unnamed
    [asking] = [e.label for e in app.main.expander if "name no outlet" in e.label]
    assert asking.startswith("1 of the 6 compared")
    [chart] = app.get("vega_lite_chart")
    assert b"Harbor Courier" in chart.proto.data.data  # the chart's column is named now


def test_each_article_keeps_its_citation_number_across_turns_and_the_compare_tab(samples):
    app = ask(open_app(), "Who found the corrosion?")
    app = ask(app, "How much will the repairs cost?")
    session = app.session_state["chat"]
    numbers = session.numbers([], ())
    first, second = (session.numbers(t.answer.sentences, t.answer.sources) for t in session.history)
    assert all(second[a] == n for a, n in first.items() if a in second)  # the same article, the same number
    app = open_comparison(app)
    assert not app.exception and not errors(app)
    summary = app.session_state["comparative_summary"]
    on_page = session.numbers(summary.sentences, summary.sources)
    assert all(on_page[a] == n for a, n in {**first, **second}.items() if a in on_page)
    assert numbers == {}


def test_a_refusal_over_some_articles_says_the_selected_articles(samples):
    metro = next(r.id for r in samples.articles() if r.outlet == "Metro Wire")
    app = open_app()
    app.checkbox(key=f"pick-{metro}").uncheck().run()
    app = ask(app, "Who won the 1998 World Cup final in football?")
    assert "The selected articles don't say." in unescape(assistant_markdown(app))


def test_what_cleaning_removed_is_listed_per_article(samples):
    app = open_app()
    labels = [e.label for e in app.sidebar.expander]
    assert any(label.startswith("Cleaning removed") for label in labels)
    assert "[newsletter] Get the Ledger Daily in your inbox." in sidebar_text(app)  # the planted boilerplate, and the rule


def test_a_source_that_is_not_an_article_is_flagged_on_its_card(library, tmp_path):
    teaser = tmp_path / "tweets.txt"
    teaser.write_text("Tweets about the bridge\n\nThe council voted on Tuesday to close the Greaves Street Bridge.\n\n"
                      "Tweet with a location\n\nEmbed this Tweet\n")
    library.ingest([str(teaser)])
    app = open_app()
    warnings = [unescape(w.value) for w in app.sidebar.warning]
    assert any(w.startswith("Not an article: only 11 words of prose") and "left out of comparisons" in w for w in warnings), warnings


def test_empty_library_says_how_to_add_articles():
    app = open_app()
    assert not app.exception
    assert any("library is empty" in i.value for i in app.sidebar.info)
    assert app.chat_input[0].proto.disabled  # nothing to ask about yet


# --- safety -------------------------------------------------------------------------------------------------------

def test_article_html_is_shown_as_text_never_as_html(library):
    app = open_app()
    app.text_area[0].input(HOSTILE_ARTICLE)
    next(t for t in app.text_input if t.label == "Title (optional)").input("Ferry <b>timetable</b>")
    button(app, "Add text").click().run()
    assert not errors(app)
    app = ask(app, "How often will the ferry cross the river?")
    assert not app.exception and not errors(app)
    markdown = list(app.markdown) + list(app.caption)
    shown = [m.value for m in markdown if "alert" in m.value]
    assert shown, "the hostile article should be cited and shown"
    assert all(r"\<script\>alert\(1\)\<\/script\>" in value or r"\<img src\=x onerror\=alert\(1\)\>" in value for value in shown)
    assert not [m for m in markdown if m.proto.allow_html]
    assert not app.get("html")
    labels = " ".join(e.label for e in app.expander)
    assert r"Ferry \<b\>timetable\<\/b\>" in labels


# --- engine settings ----------------------------------------------------------------------------------------------

def choose_openai(app: AppTest, url: str, model: str = "fake") -> AppTest:
    app.selectbox(key="engine_kind").set_value("openai").run()
    app.text_input(key="openai_url").input(url).run()
    return app.text_input(key="openai_model").input(model).run()


def test_an_openai_compatible_server_answers_and_unsupported_sentences_are_flagged(samples):
    reply = ("Town officials estimate the repairs will cost $6.8 million [1][2][3][4][5][6]. "
             "Volunteers will paint the bridge purple next summer [1].")
    with serve_openai(reply) as url:
        app = choose_openai(open_app(), url)
        assert any("reachable" in s.value for s in app.sidebar.success)
        assert f"answer engine: openai:fake at {url}" in unescape(" ".join(c.value for c in app.main.caption))
        app = ask(app, "How much will the repairs cost?")
    assert not app.exception and not errors(app)
    answer = assistant_markdown(app)
    assert r"\$6\.8 million\. \[1\]" in answer
    assert re.search(r"purple next summer\. \[\d\] \*\*⚠️ unsupported\*\*", unescape(answer))
    sentences = app.session_state["chat"].history[-1].answer.sentences
    assert [s.supported for s in sentences] == [True, False]


def test_an_unreachable_server_says_so_and_what_to_do(samples):
    app = choose_openai(open_app(), "http://127.0.0.1:9/v1")
    messages = [unescape(e.value) for e in app.sidebar.error]
    assert messages and "no answer from http://127.0.0.1:9/v1" in messages[0] and "start the server or fix the URL" in messages[0]
    app = ask(app, "How much will the repairs cost?")
    assert not app.exception
    warnings = [unescape(w.value) for w in app.main.warning]
    assert any("The answer engine openai:fake failed" in w and "Settings" in w for w in warnings)  # one line that says so
    assert "million" in assistant_markdown(app)  # and the extractive answer meanwhile, never an empty reply
    assert app.session_state["chat"].history[-1].answer.notice


def test_an_engine_that_cannot_be_built_falls_back_to_extractive(samples):
    app = open_app()
    app.selectbox(key="engine_kind").set_value("llamacpp").run()
    app.radio(key="gguf_source").set_value("A .gguf file").run()
    app.text_input(key="gguf_path").input("/nowhere/model.gguf").run()
    assert not app.exception
    assert any("/nowhere/model.gguf" in unescape(e.value) or "local" in e.value for e in app.sidebar.error)
    assert any("Answering with the extractive engine" in e for e in errors(app))
    app = ask(app, "How much will the repairs cost?")
    assert "million" in assistant_markdown(app)


def test_an_engine_being_filled_in_is_a_warning_and_extractive_answers_meanwhile(samples):
    app = open_app()
    app.selectbox(key="engine_kind").set_value("ollama").run()
    assert not app.exception and not errors(app)
    assert any("no model given" in w.value for w in app.sidebar.warning)
    assert "answer engine: extractive" in unescape(" ".join(c.value for c in app.main.caption))


def test_passages_setting_reaches_the_engine(samples):
    app = open_app()
    app.slider(key="passages").set_value(3).run()
    assert not app.exception
    assert app.session_state["chat"].engine.passages == 3

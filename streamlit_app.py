"""Manysides in the browser: a cited chat over the library, the library itself, and a comparison of the sources.

Widgets only: it reads input, calls `bot` (which decides every rule and every wording), and renders what comes back.
Article text is always escaped Markdown, plain text or escaped HTML (`bot.article_html`), never markup of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import streamlit as st

import bot

bot.configure_runtime()
st.set_page_config(page_title="Manysides", page_icon="🗞️", layout="wide")


def guarded(spinner: str, action: Callable[[], object]):
    """The action's result under a spinner, or None after showing its error in one line."""
    try:
        with st.spinner(spinner):
            return action()
    except Exception as error:  # noqa: BLE001 (the UI boundary: one line, never a traceback)
        st.error(bot.error_line(error))
    return None


def say(notes: Iterable[bot.Note]) -> None:
    """Lines `bot` worded, each escaped and shown its way: a paragraph, a caption, or an info, success, warning or error box."""
    for tone, text in notes:
        getattr(st, tone)(bot.escape_markdown(text))


def act(action: Callable[[], object]) -> None:
    """A button's callback; its error is shown on the next run."""
    try:
        action()
    except Exception as error:  # noqa: BLE001
        st.session_state.notice = bot.error_line(error)


@st.cache_resource(show_spinner="Loading the library and the embedding model…")
def library(home: str, chroma_url: str | None):
    """One library (store and model) per server process and library location."""
    return bot.open_library(settings=bot.IndexSettings(home=home, chroma_url=chroma_url), load_model=True)


@st.cache_resource(show_spinner="Starting the answer engine…")
def answer_engine(home: str, chroma_url: str | None, choice: bot.EngineChoice):
    """One engine per library and engine choice (a local LLM loads once)."""
    return bot.build_engine(library(home, chroma_url), choice)


def ingest(lib, addition: bot.Addition) -> None:
    """What to fill in first, or ingest with a progress bar: one error line per failed source, then what was added."""
    if addition.problem:
        st.warning(addition.problem)
        return
    bar = st.progress(0.0, text="Reading and cleaning…")
    progress = bot.ChunkProgress(lambda done, text: bar.progress(done, text=text))
    added = guarded("Adding…", lambda: bot.add_sources(lib, addition.sources, addition.outlet, progress))
    bar.empty()
    if added and added.ids:
        st.session_state.picks.added(added.ids)
    say(added.notes if added else ())


def add_articles(lib, expanded: bool) -> None:
    """Upload files, paste text or give a URL."""
    with st.expander("Add articles", expanded=expanded):
        upload, paste, link = st.tabs(["Upload", "Paste", "URL"])
        with upload, st.form("upload", clear_on_submit=True, border=False):
            files = st.file_uploader("Article files", type=list(bot.UPLOAD_TYPES), accept_multiple_files=True)
            file_outlet = st.text_input("Outlet (optional; found in the text when left blank)", key="upload_outlet")
            uploaded = st.form_submit_button("Add to the library")
        with paste, st.form("paste", clear_on_submit=True, border=False):
            text = st.text_area("Article text", height=150)
            title, outlet = st.text_input("Title (optional)"), st.text_input("Outlet (optional)")
            published = st.text_input("Date (optional)", placeholder="YYYY-MM-DD")
            pasted = st.form_submit_button("Add text")
        with link, st.form("url", clear_on_submit=True, border=False):
            url = st.text_input("Article URL", placeholder="https://…")
            linked = st.form_submit_button("Add URL")
    if uploaded:
        ingest(lib, bot.addition(files=[(f.name, f.getvalue()) for f in files or ()], outlet=file_outlet))
    if pasted:
        ingest(lib, bot.addition(text=text, title=title, outlet=outlet, published=published))
    if linked:
        ingest(lib, bot.addition(url=url))


def library_panel(lib, records) -> list[str]:
    """The articles, newest first, each with a checkbox, "only this", an editor and what cleaning dropped; the ids chosen."""
    if notice := st.session_state.pop("notice", None):
        st.error(notice)
    if not records:
        st.info("The library is empty. Add articles above, or run `manysides ingest FILE_OR_URL`.")
        return []
    records = st.session_state.picks.arranged(records)
    ids = [r.id for r in records]
    st.session_state.update({f"pick-{i}": True for i in st.session_state.picks.new(ids)})  # chosen until the reader leaves it out

    def pick(chosen: set[str]) -> None:  # a button's callback: tick exactly these
        st.session_state.update({f"pick-{i}": i in chosen for i in ids})

    for place, (label, ticked) in zip([*st.columns(2), st], st.session_state.picks.shortcuts(ids)):  # a third on its own row
        place.button(label, on_click=pick, args=(set(ticked),), width="stretch")
    for record in records:
        with st.container(border=True):
            card = bot.article_card(record, records)
            st.checkbox(card.label, key=f"pick-{record.id}")
            say(card.notes)
            only, remove = st.columns(2)
            only.button("Only this", key=f"only-{record.id}", on_click=pick, args=({record.id},), type="tertiary")
            remove.button("Remove", key=f"remove-{record.id}", on_click=act, args=(lambda i=record.id: lib.remove([i]),),
                          type="tertiary")
            with st.expander("Edit outlet or title"), st.form(f"edit-{record.id}", border=False):
                st.text_input("Outlet", record.outlet, key=f"edit-outlet-{record.id}")
                st.text_input("Title", record.title, key=f"edit-title-{record.id}")
                st.form_submit_button("Save", on_click=act, args=(lambda i=record.id: lib.edit(
                    i, outlet=st.session_state[f"edit-outlet-{i}"], title=st.session_state[f"edit-title-{i}"]),))
            if card.removed:
                st.expander(card.removed).text(card.removed_lines)
    return [i for i in ids if st.session_state.get(f"pick-{i}", True)]


def engine_settings() -> bot.EngineChoice:
    """Which engine answers and how many passages it reads; says whether it is ready."""
    default, kinds = bot.default_choice(), list(bot.ENGINE_KINDS)
    with st.expander("Settings"):
        kind = st.selectbox("Answer engine", kinds, index=kinds.index(default.kind), format_func=bot.ENGINE_KINDS.get,
                            key="engine_kind")
        values: dict[str, str] = {}
        for field in bot.engine_fields(kind, default):
            if field.options and field.shown(values):
                values[field.name] = st.radio(field.label, field.options, index=field.options.index(field.value), key=field.key)
            elif field.shown(values):
                values[field.name] = st.text_input(field.label, field.value, key=field.key, type=field.input_type)
        choice = bot.EngineChoice.from_form(kind, values, st.slider("Passages per question", 2, 20, 8, key="passages"))
        check: bot.EngineCheck = st.session_state.engine_check
        if check.due(choice) or st.button("Check again", key="check_engine"):
            guarded("Checking the engine…", lambda: check.run(choice))
        say([check.note(choice)])
    return choice


def cited_text(lib, session: bot.ChatSession, sentences, sources, key: str, quote: bool = True) -> None:
    """Sentences with [n] markers (when `quote`), then each cited article in an expander, scrolled to what it cites."""
    numbers = session.numbers(sentences, sources)
    if quote:
        st.markdown(bot.cited_markdown(sentences, numbers))
    for source in bot.cited_sources(lib, sentences, numbers, sources):
        with st.expander(bot.escape_markdown(source.heading)):
            say(source.notes)
            if source.link:
                st.link_button("Open the original", source.link, key=f"{key}-link-{source.article_id}")
            if source.text is not None:  # None once the article has left the library
                excerpt, whole = st.tabs(["Cited passages", "Whole article"])
                excerpt.markdown(bot.highlighted_excerpt(source.text, source.citations))
                whole.iframe(bot.article_html(source.text, source.citations), height=420)  # text escaped; our one script scrolls


def show_view(lib, session: bot.ChatSession, view, key: str) -> None:
    """A comparison view as `bot` lays it out: lists, and panels of every outlet's wording side by side, then the sources."""
    numbers = session.numbers(view.sentences(), view.sources)
    if view.note:
        st.caption(bot.escape_markdown(view.note))
    for section in bot.page_sections(view, lambda citations: bot.markers(citations, numbers), lib.article_text):
        st.markdown(section.markdown)
        if section.empty:
            st.caption(section.empty)
        for panel in section.panels:
            with st.expander(panel.title, expanded=panel.expanded):
                for column, (heading, wording) in zip(st.columns(len(panel.columns)), panel.columns):
                    column.markdown(heading)
                    column.markdown(wording)
    if listed := bot.listed_sentences(view):  # lines without excerpts of their own: their articles, just those highlighted
        st.markdown("#### Sources")
        cited_text(lib, session, listed, view.sources, key, quote=False)
    if legend := bot.view_legend(view, numbers):
        st.caption("  \n".join(legend))


def compare_page(lib, session: bot.ChatSession, records, chosen: list[str]) -> None:
    """The comparative summary first, then the coverage chart and the comparison's sections, all downloadable."""
    if len(chosen) < 2:
        st.info("Select at least two articles in the sidebar to compare them.")
        return
    story = st.session_state.get("story", 0)
    key = bot.comparison_key(chosen, records, story, session.engine.name)
    comparison = st.session_state.comparison.get(key, lambda: guarded("Comparing the sources…", lambda: bot.compare(
        lib, article_ids=bot.selected_ids(chosen, records), story=story, judge=bot.judge_for(session.engine))))
    if comparison is None:
        st.session_state.pop("story", None)
        return
    if stories := bot.story_choices(comparison):  # several stories among the chosen articles: one is compared at a time
        st.selectbox("Story", range(len(stories)), key="story", format_func=stories.__getitem__)
    if unnamed := bot.unnamed_outlets(comparison):  # one place to name every compared article that names no outlet
        with st.expander(unnamed.prompt), st.form("outlets", border=False):
            for article_id, label in unnamed.articles:
                st.text_input(bot.escape_markdown(label), key=f"outlet-for-{article_id}", placeholder="Outlet")
            st.form_submit_button("Save the names", on_click=act, args=(lambda: bot.name_outlets(
                lib, {i: st.session_state[f"outlet-for-{i}"] for i, _ in unnamed.articles}),))
    st.markdown("### In short")
    words = st.slider("Length (words)", 60, 400, bot.DEFAULT_WORDS, step=20, key="summary_words")
    summary = guarded("Summarizing…", lambda: bot.comparative_summary(lib, comparison, words, session.engine.chat_model))
    if summary is not None:
        st.session_state.comparative_summary = summary
        cited_text(lib, session, summary.sentences, summary.sources, key="summary")
    for column, download in zip(st.columns(2), bot.downloads(comparison, summary)):
        column.download_button(download.label, download.data, file_name=download.file_name, mime="text/markdown")
    st.markdown("#### Coverage: which outlet reports what")
    if (chart := bot.coverage_chart(comparison)) is None:
        st.caption("No facts to chart.")
    else:
        st.container(height=chart.scroll_height or "content", border=False).vega_lite_chart(chart.spec, key="coverage")
    show_view(lib, session, bot.comparison_view(comparison), key="page")


def render_turn(lib, session: bot.ChatSession, turn, key: str) -> None:
    """A recorded answer: cited text and sources, an honest refusal, or the part of the comparison it asked for."""
    if turn.view is not None:
        show_view(lib, session, turn.view, key=key)
        st.caption("The *Compare sources* tab has the whole comparison, its coverage chart and a comparative summary.")
        return
    before, after = bot.turn_notes(turn)
    say(before)
    if turn.answer.answerable or turn.answer.sentences:  # a refusal cites what the articles say that comes nearest
        cited_text(lib, session, turn.answer.sentences, turn.answer.sources, key=key)
    say(after)


def ask(lib, session: bot.ChatSession, question: str) -> None:
    """Stream the answer, then replace the stream with the cited answer and its sources."""
    st.chat_message("user").markdown(bot.escape_markdown(question))
    with st.chat_message("assistant"):
        live = st.empty()
        try:
            live.container().write_stream(session.stream(question, markdown=True))
        except Exception as error:  # noqa: BLE001 (an LLM client raises its own types: connection, auth, rate limits)
            st.error(bot.answer_failure(session.engine, error) or bot.error_line(error))
            return
        finally:
            live.empty()
        render_turn(lib, session, session.history[-1], key=f"turn-{len(session.history) - 1}")


def chat_page(lib, session: bot.ChatSession, chosen: list[str], tab) -> None:
    """The conversation so far, suggested questions on an empty one, and the chat input."""
    question = (st.chat_input("Ask about the articles", disabled=not chosen) or st.session_state.pop("suggested", "")).strip()
    with tab:
        if session.history:
            st.button("Clear the conversation", on_click=session.history.clear, type="tertiary")
        for index, turn in enumerate(session.history):
            st.chat_message("user").markdown(bot.escape_markdown(turn.question))
            with st.chat_message("assistant"):
                render_turn(lib, session, turn, key=f"turn-{index}")
        if question:
            ask(lib, session, question)
        elif not session.history and chosen:
            st.caption("Try one of these, or ask your own question below.")
            for column, suggestion in zip(st.columns(len(bot.SUGGESTED_QUESTIONS)), bot.SUGGESTED_QUESTIONS):
                column.button(suggestion, on_click=lambda s=suggestion: st.session_state.update(suggested=s), width="stretch")


def main() -> None:
    st.title("Manysides")
    st.caption("One story, many outlets: answers cite the exact sentences they come from.")
    for name, make in (("picks", bot.ArticlePicks), ("engine_check", bot.EngineCheck), ("comparison", bot.Memo)):
        st.session_state.setdefault(name, make())  # what the page remembers between reruns (`bot.page_state`)
    try:
        settings = bot.load_settings()
        lib = library(str(settings.home), settings.chroma_url)
        if lib.warning:  # opened read-only: a full disk, or a store that did not answer in time
            st.warning(bot.escape_markdown(lib.warning))
        with st.sidebar:
            st.header("Library")
            add_articles(lib, expanded=not lib.articles())
            records = lib.articles()
            chosen = library_panel(lib, records)
            choice = engine_settings()
    except Exception as error:  # noqa: BLE001 (the library could not be opened or read)
        st.error(bot.error_line(error))
        st.stop()
    engine, active, reason = bot.engine_or_fallback(lambda c: answer_engine(str(settings.home), settings.chroma_url, c), choice)
    if reason:
        st.error(reason)
    session = st.session_state.setdefault("chat", bot.ChatSession(engine))
    session.engine, session.article_ids = engine, bot.selected_ids(chosen, records)
    say(bot.selection_notes(chosen, records, active.label))
    chat_tab, compare_tab = st.tabs(["Chat", "Compare sources"], key="view", on_change="rerun")
    if chat_tab.open:
        chat_page(lib, session, chosen, chat_tab)
    if compare_tab.open:
        with compare_tab:
            compare_page(lib, session, records, chosen)


main()

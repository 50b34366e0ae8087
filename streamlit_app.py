"""Manysides in the browser: a cited chat over the library, the library itself, and a comparison of the sources.

UI only: it reads input, calls `bot`, and renders what comes back. Article text is always escaped Markdown, plain text
or escaped HTML (`bot.highlight.article_html`), never markup of its own.
"""

from __future__ import annotations

from bot.runtime import configure_runtime

configure_runtime()

import dataclasses  # noqa: E402
import logging  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

import altair as alt  # noqa: E402
import streamlit as st  # noqa: E402

from bot import (  # noqa: E402
    ENGINE_KINDS, UPLOAD_TYPES, EngineChoice, IndexSettings, ManysidesError, build_engine, check_engine, cited_articles,
    cited_markdown, display_source, escape_markdown, highlighted_excerpt, load_settings, markers, open_library,
    pasted_article, staged_files,
)
from bot.chat import ChatSession  # noqa: E402
from bot.citations import AnswerSentence  # noqa: E402
from bot.comparative import DEFAULT_WORDS, comparative_summary  # noqa: E402
from bot.compare import article_label, compare  # noqa: E402
from bot.engine_settings import default_choice, default_url, engine_or_fallback  # noqa: E402
from bot.highlight import article_html  # noqa: E402
from bot.report import comparison_markdown, summary_markdown  # noqa: E402
from bot.views import AGREE, DISAGREE, QUOTES, chart_values, comparison_view, coverage_rows  # noqa: E402

log = logging.getLogger("manysides.app")
st.set_page_config(page_title="Manysides", page_icon="🗞️", layout="wide")

# General questions that suit any story, not tuned to the sample articles.
SUGGESTED_QUESTIONS = ("What happened?", "What do the outlets disagree on?", "What does each outlet add?", "Who is quoted?")
COVERAGE_COLORS = {"reported": "#2e7d32", "not reported": "#d9d9d9", "conflicting": "#c62828"}


def unexpected(error: Exception) -> str:
    """One line for an error nobody planned for; the traceback goes to the server log."""
    log.exception("unexpected error in the app")
    return f"Something went wrong ({type(error).__name__}: {error}). Try again; if it keeps happening, restart the app and check its log."


def guarded(spinner: str, action: Callable[[], object]):
    """The action's result under a spinner, or None after showing its error in one line."""
    try:
        with st.spinner(spinner):
            return action()
    except ManysidesError as error:
        st.error(str(error))
    except Exception as error:  # noqa: BLE001 (the UI boundary: one line, never a traceback)
        st.error(unexpected(error))
    return None


@st.cache_resource(show_spinner="Loading the library and the embedding model…")
def library(home: str, chroma_url: str | None):
    """One library (store and model) per server process and library location."""
    lib = open_library(settings=IndexSettings(home=home, chroma_url=chroma_url))
    _ = lib.embedder  # load the model now, not on the first question
    return lib


@st.cache_resource(show_spinner="Starting the answer engine…")
def answer_engine(home: str, chroma_url: str | None, choice: tuple):
    """One engine per library and engine choice (a local LLM loads once)."""
    return build_engine(library(home, chroma_url), EngineChoice(*choice))


# --- sidebar: adding articles ----------------------------------------------------------------------------------

def ingest(lib, sources: Sequence[str], outlet: str = "") -> None:
    """Ingest with a progress bar; one error line per failed source, then a success line that names what was added."""
    bar = st.progress(0.0, text="Reading and cleaning…")
    seen = {"total": 0, "done": 0}

    class Progress:
        def planned(self, chunks: int) -> None:
            seen["total"] += chunks

        def encoded(self, chunks: int) -> None:
            seen["done"] += chunks
            bar.progress(min(seen["done"] / max(seen["total"], 1), 1.0), text=f"Embedding {seen['done']}/{seen['total']} chunks…")

    report = guarded("Adding…", lambda: lib.ingest(list(sources), progress=Progress()))
    bar.empty()
    for failure in report.errors if report else ():
        st.error(escape_markdown(f"{display_source(failure.source)}: {failure.error}" if failure.source else failure.error))
    if not report or not report.articles:
        return
    records = [lib.edit(a.record.id, outlet=outlet) if outlet.strip() else a.record for a in report.articles]
    recent = st.session_state.setdefault("recent", [])
    recent[:0] = [r.id for r in records if r and r.id not in recent]
    st.session_state.just_added = [r.id for r in records if r]
    everything = lib.articles()
    for article, record in zip(report.articles, records):
        st.success(escape_markdown(f"{article.status.capitalize()}: {article_label(record, everything)}"))


def add_articles(lib, expanded: bool) -> None:
    """Upload files, paste text or give a URL."""
    with st.expander("Add articles", expanded=expanded):
        upload, paste, link = st.tabs(["Upload", "Paste", "URL"])
        with upload, st.form("upload", clear_on_submit=True, border=False):
            files = st.file_uploader("Article files", type=list(UPLOAD_TYPES), accept_multiple_files=True)
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
    staging = Path(lib.settings.home) / "uploads"
    if uploaded and not files:
        st.warning("Choose one or more files first.")
    elif uploaded:
        with staged_files(staging, [(f.name, f.getvalue()) for f in files]) as paths:
            ingest(lib, paths, file_outlet)
    if pasted and not text.strip():
        st.warning("Paste the article's text first.")
    elif pasted:
        with staged_files(staging, [pasted_article(text, title, outlet, published)]) as paths:
            ingest(lib, paths)
    if linked and not url.strip().lower().startswith(("http://", "https://")):
        st.warning("Give the article's address, starting with http:// or https://.")
    elif linked:
        ingest(lib, [url.strip()])


# --- sidebar: the library ----------------------------------------------------------------------------------------

def act(action: Callable[[], object]) -> None:
    """A button's callback; its error is shown on the next run."""
    try:
        action()
    except ManysidesError as error:
        st.session_state.notice = str(error)
    except Exception as error:  # noqa: BLE001
        st.session_state.notice = unexpected(error)


def pick(chosen: set[str], ids: Sequence[str]) -> None:
    for article_id in ids:
        st.session_state[f"pick-{article_id}"] = article_id in chosen


def library_panel(lib, records) -> list[str]:
    """The articles, newest first, each with a checkbox, "only this", an editor and what cleaning dropped; returns the
    ids the chat and comparison use."""
    if notice := st.session_state.pop("notice", None):
        st.error(notice)
    if not records:
        st.info("The library is empty. Add articles above, or run `manysides ingest FILE_OR_URL`.")
        return []
    recent = [i for i in st.session_state.get("recent", []) if any(r.id == i for r in records)]
    records = sorted(records, key=lambda r: recent.index(r.id) if r.id in recent else len(recent))
    ids = [r.id for r in records]
    known = st.session_state.setdefault("known", set())
    for article_id in set(ids) - known:  # a new article is chosen until the reader leaves it out
        st.session_state[f"pick-{article_id}"] = True
    known.update(ids)
    left, right = st.columns(2)
    left.button("Select all", on_click=pick, args=(set(ids), ids), width="stretch")
    right.button("Select none", on_click=pick, args=(set(), ids), width="stretch")
    if len(added := [i for i in st.session_state.get("just_added", []) if i in ids]) > 1:
        st.button(f"Only the {len(added)} just added", on_click=pick, args=(set(added), ids), width="stretch")
    for record in records:
        with st.container(border=True):
            st.checkbox(article_label(record, records), key=f"pick-{record.id}")
            copy = f" · copy of {article_label(lib.article(record.duplicate_of) or record, records)}" if record.duplicate_of else ""
            st.caption(escape_markdown(f"{record.published or 'undated'} · {record.chunks} chunk{'s' * (record.chunks != 1)}{copy}"))
            if record.not_article and not record.duplicate_of:
                st.warning(escape_markdown(f"Not an article: {record.not_article}. It is left out of comparisons."))
            only, remove = st.columns(2)
            only.button("Only this", key=f"only-{record.id}", on_click=pick, args=({record.id}, ids), type="tertiary")
            remove.button("Remove", key=f"remove-{record.id}", on_click=act, args=(lambda i=record.id: lib.remove([i]),), type="tertiary")
            with st.expander("Edit outlet or title"), st.form(f"edit-{record.id}", border=False):
                st.text_input("Outlet", record.outlet, key=f"edit-outlet-{record.id}")
                st.text_input("Title", record.title, key=f"edit-title-{record.id}")
                st.form_submit_button("Save", on_click=act, args=(lambda i=record.id: lib.edit(
                    i, outlet=st.session_state[f"edit-outlet-{i}"], title=st.session_state[f"edit-title-{i}"]),))
            if record.removed:
                with st.expander(f"Cleaning removed {len(record.removed)} passage{'s' * (len(record.removed) != 1)}"):
                    st.text("\n".join(f"[{r.reason}] {r.text}" for r in record.removed))
    return [i for i in ids if st.session_state.get(f"pick-{i}", True)]


def engine_settings() -> EngineChoice:
    """Which engine answers and how many passages it reads; says whether it is ready."""
    default, kinds = default_choice(), list(ENGINE_KINDS)
    with st.expander("Settings"):
        kind = st.selectbox("Answer engine", kinds, index=kinds.index(default.kind), format_func=ENGINE_KINDS.get, key="engine_kind")
        model = base_url = api_key = ""
        preset = default.model if default.kind == kind else ""
        if kind in ("openai", "ollama"):
            base_url = st.text_input("Server URL", default_url(kind), key=f"{kind}_url")
            model = st.text_input("Model", preset, key=f"{kind}_model")
            if kind == "openai":
                api_key = st.text_input("API key (blank if the server needs none)", type="password", key="openai_key")
        elif kind == "llamacpp":
            bundled = st.radio("Model", ["Bundled SmolLM2", "A .gguf file"], index=0 if preset in ("", "smollm2") else 1, key="gguf_source")
            model = "smollm2" if bundled == "Bundled SmolLM2" else st.text_input("Path to the .gguf file", preset, key="gguf_path")
        choice = EngineChoice(kind, model.strip(), base_url.strip(), api_key.strip(), st.slider("Passages per question", 2, 20, 8, key="passages"))
        checked = dataclasses.replace(choice, passages=0)  # checked when the choice changes, or on request
        if st.session_state.get("checked_choice") != checked or st.button("Check again", key="check_engine"):
            with st.spinner("Checking the engine…"):
                st.session_state.engine_status = check_engine(choice)
            st.session_state.checked_choice = checked
        status = st.session_state.engine_status
        show = st.success if status.ready else st.warning if choice.kind != "extractive" and not choice.model else st.error
        show(escape_markdown(f"{choice.label}: {status.message}"))
    return choice


# --- citations and the comparison --------------------------------------------------------------------------------

def sources_panel(lib, sentences, numbers: dict[str, int], sources, key: str) -> None:
    """Each cited article in an expander: its details, a link, the cited passages, and the whole article scrolled to them."""
    records = {r.id: r for r in sources}
    for cited in cited_articles(sentences, numbers, records):
        record = cited.record or lib.article(cited.article_id)
        text = lib.article_text(cited.article_id) if record else None
        label = article_label(record, list(records.values()) or [record]) if record else cited.article_id
        with st.expander(escape_markdown(f"[{cited.number}] {label}" + (f" · {record.published}" if record and record.published else ""))):
            if record is None or text is None:
                st.caption("This article is no longer in the library.")
                continue
            if record.author:
                st.caption(escape_markdown(f"By {record.author}"))
            if record.url.lower().startswith(("http://", "https://")):
                st.link_button("Open the original", record.url, key=f"{key}-link-{cited.article_id}")
            excerpt, whole = st.tabs(["Cited passages", "Whole article"])
            excerpt.markdown(highlighted_excerpt(text, cited.citations))
            whole.iframe(article_html(text, cited.citations), height=420)  # our page: article text escaped, our one script scrolls


def cited_text(lib, session: ChatSession, sentences, sources, key: str) -> None:
    """Sentences with [n] markers (each article keeps its number for the session), then the sources they cite."""
    numbers = session.numbers(sentences, sources)
    st.markdown(cited_markdown(sentences, numbers))
    sources_panel(lib, sentences, numbers, sources, key)


def coverage_chart(comparison) -> alt.Chart | None:
    """Every fact × every outlet: reported, not reported or conflicting; labels wrap, the tooltip is a sentence."""
    rows = chart_values(coverage_rows(comparison))
    if not rows:
        return None
    lines = max(r["fact"].count("\n") + 1 for r in rows)
    return alt.Chart(alt.Data(values=rows)).mark_rect(stroke="white", strokeWidth=2).encode(
        x=alt.X("outlet:N", title=None, axis=alt.Axis(labelAngle=0, labelLimit=160, orient="top")),
        y=alt.Y("fact:N", title=None, sort=alt.EncodingSortField(field="order", op="min"),
                axis=alt.Axis(labelLimit=0, labelExpr="split(datum.label, '\\n')")),
        color=alt.Color("status:N", title="Coverage", scale=alt.Scale(domain=list(COVERAGE_COLORS), range=list(COVERAGE_COLORS.values())),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("what:N", title=" ")],
    ).properties(height=alt.Step(14 * lines + 8), width=alt.Step(110))


def show_view(lib, session: ChatSession, view, key: str) -> None:
    """A comparison view: agreements with every outlet's wording side by side (opening one highlights only its own
    sentences), conflicts with both sides, what each adds, who is quoted, and the numbered sources."""
    numbers = session.numbers(view.sentences(), view.sources)
    if view.note:
        st.caption(escape_markdown(view.note))
    for section in view.sections:
        st.markdown(f"#### {section.title}")
        if not section.items:
            st.caption(section.empty)
        for group in section.groups:
            if group.heading:
                st.markdown(f"**{escape_markdown(group.heading)}**")
            if section.key not in (AGREE, DISAGREE):
                quoted = section.key == QUOTES
                st.markdown("\n".join(f"- {'“' * quoted}{escape_markdown(' '.join(i.headline.split()))}{'”' * quoted} "
                                      f"{markers(i.citations, numbers)}" + (f" — {escape_markdown(i.outlets[0])}" if quoted else "")
                                      for i in group.items))
                continue
            for item in group.items:
                title = f"{item.headline} — {', '.join(item.outlets)}" if section.key == AGREE else f"{item.headline}: {', '.join(item.outlets)}"
                with st.expander(escape_markdown(" ".join(title.split())), expanded=section.key == DISAGREE):
                    for column, wording in zip(st.columns(len(item.wordings)), item.wordings):
                        column.markdown(f"**{escape_markdown(wording.outlet)}** {markers(wording.citations, numbers)}")
                        text = lib.article_text(wording.article_id)
                        column.markdown(highlighted_excerpt(text, wording.citations) if text else escape_markdown(wording.text))
    listed = [AnswerSentence(w.text, w.citations, True) for section in view.sections if section.key not in (AGREE, DISAGREE)
              for item in section.items for w in item.wordings]
    if listed:  # lines without their own excerpts: their articles, with just those sentences highlighted
        st.markdown("#### Sources")
        sources_panel(lib, listed, session.numbers(listed, view.sources), view.sources, key)
    legend = [f"\\[{n}\\] {escape_markdown(article_label(r, view.sources))}" for r in view.sources if (n := numbers.get(r.id))]
    if legend:
        st.caption("  \n".join(legend))


def compare_page(lib, session: ChatSession, records, chosen: list[str]) -> None:
    """The comparative summary first, then the coverage chart and the comparison's sections, all downloadable."""
    if len(chosen) < 2:
        st.info("Select at least two articles in the sidebar to compare them.")
        return
    article_ids = None if len(chosen) == len(records) else chosen
    story = st.session_state.get("story", 0)
    key = (tuple(sorted(chosen)), tuple(sorted((r.id, r.version, r.outlet, r.title) for r in records)), story)
    store = st.session_state.setdefault("memo", {})
    if store.get("comparison", (None,))[0] != key:
        store["comparison"] = (key, guarded("Comparing the sources…", lambda: compare(lib, article_ids=article_ids, story=story)))
    if (comparison := store["comparison"][1]) is None:
        store.pop("comparison")
        st.session_state.pop("story", None)
        return
    if len(comparison.stories) > 1:  # several stories among the chosen articles: one is compared at a time
        st.selectbox("Story", range(len(comparison.stories)), key="story",
                     format_func=lambda n: f"{comparison.stories[n].label} ({len(comparison.stories[n].article_ids)} articles)")
    st.markdown("### In short")
    words = st.slider("Length (words)", 60, 400, DEFAULT_WORDS, step=20, key="summary_words")
    summary = guarded("Summarizing…", lambda: comparative_summary(lib, comparison, words=words, chat_model=getattr(session.engine, "chat_model", None)))
    if summary is not None:
        st.session_state.comparative_summary = summary
        cited_text(lib, session, summary.sentences, summary.sources, key="summary")
    left, right = st.columns(2)
    left.download_button("Download the comparison (Markdown)", comparison_markdown(comparison), file_name="comparison.md", mime="text/markdown")
    if summary is not None:
        right.download_button("Download the summary (Markdown)", summary_markdown(summary), file_name="summary.md", mime="text/markdown")
    st.markdown("#### Coverage: which outlet reports what")
    if (chart := coverage_chart(comparison)) is not None:
        tall = chart.to_dict()["height"]["step"] * len({cell.fact_index for cell in coverage_rows(comparison)}) > 560
        with st.container(height=620 if tall else "content", border=False):  # many facts scroll inside the page
            st.altair_chart(chart, key="coverage")
    else:
        st.caption("No facts to chart.")
    show_view(lib, session, comparison_view(comparison), key="page")


# --- chat --------------------------------------------------------------------------------------------------------

def render_turn(lib, session: ChatSession, turn, key: str) -> None:
    """A recorded answer: cited text and sources, an honest refusal, or the part of the comparison it asked for."""
    if turn.view is not None:
        show_view(lib, session, turn.view, key=key)
        st.caption("The *Compare sources* tab has the whole comparison, its coverage chart and a comparative summary.")
        return
    if turn.answer.notice:
        st.warning(escape_markdown(turn.answer.notice))
    if turn.standalone != turn.question:
        st.caption(escape_markdown(f"Searched for: {turn.standalone}"))
    if not turn.answer.answerable:
        nearest = turn.answer.sentences
        st.markdown(escape_markdown(turn.answer.text.split(nearest[0].text)[0].rstrip() if nearest else turn.answer.text))
        if nearest:  # what the articles say that comes nearest, cited
            cited_text(lib, session, nearest, turn.answer.sources, key=key)
        st.caption("No sentence in the selected articles answers this closely enough. Rephrase the question, or select more articles.")
        return
    cited_text(lib, session, turn.answer.sentences, turn.answer.sources, key=key)


def ask(lib, session: ChatSession, question: str) -> None:
    """Stream the answer, then replace the stream with the cited answer and its sources."""
    with st.chat_message("user"):
        st.markdown(escape_markdown(question))
    with st.chat_message("assistant"):
        live = st.empty()
        try:
            with live.container():
                routed = session.intent(question) is not None  # a routed reply streams Markdown it has already escaped
                st.write_stream(piece if routed else escape_markdown(piece) for piece in session.stream(question))
        except ManysidesError as error:
            live.empty()
            st.error(str(error))
            return
        except Exception as error:  # noqa: BLE001 (an LLM client raises its own types: connection, auth, rate limits)
            live.empty()
            engine = getattr(session.engine, "name", "extractive")
            st.error(unexpected(error) if engine == "extractive" else
                     f"The answer engine {engine} failed ({type(error).__name__}: {error}). Check it under Settings "
                     "(is its server running, is the model there?), or switch to the extractive engine.")
            return
        live.empty()
        render_turn(lib, session, session.history[-1], key=f"turn-{len(session.history) - 1}")


def chat_page(lib, session: ChatSession, chosen: list[str], tab) -> None:
    """The conversation so far, suggested questions on an empty one, and the chat input."""
    typed = st.chat_input("Ask about the articles", disabled=not chosen)
    question = (typed or st.session_state.pop("suggested", None) or "").strip()
    with tab:
        if session.history:
            st.button("Clear the conversation", on_click=session.history.clear, type="tertiary")
        for index, turn in enumerate(session.history):
            with st.chat_message("user"):
                st.markdown(escape_markdown(turn.question))
            with st.chat_message("assistant"):
                render_turn(lib, session, turn, key=f"turn-{index}")
        if question:
            ask(lib, session, question)
        elif not session.history and chosen:
            st.caption("Try one of these, or ask your own question below.")
            for column, suggestion in zip(st.columns(len(SUGGESTED_QUESTIONS)), SUGGESTED_QUESTIONS):
                column.button(suggestion, on_click=lambda s=suggestion: st.session_state.update(suggested=s), width="stretch")


def main() -> None:
    st.title("Manysides")
    st.caption("One story, many outlets: answers cite the exact sentences they come from.")
    try:
        settings = load_settings()
        lib = library(str(settings.home), settings.chroma_url)
        if lib.warning:  # opened read-only: a full disk, or a store that did not answer in time
            st.warning(escape_markdown(lib.warning))
        with st.sidebar:
            st.header("Library")
            add_articles(lib, expanded=not lib.articles())
            records = lib.articles()
            chosen = library_panel(lib, records)
            choice = engine_settings()
    except ManysidesError as error:
        st.error(str(error))
        st.stop()
    except Exception as error:  # noqa: BLE001 (the library could not be opened or read)
        st.error(unexpected(error))
        st.stop()
    home, url = str(settings.home), settings.chroma_url
    engine, active, reason = engine_or_fallback(lambda c: answer_engine(home, url, dataclasses.astuple(c)), choice)
    if reason:
        st.error(reason)
    session = st.session_state.setdefault("chat", ChatSession(engine))
    session.engine = engine
    session.article_ids = None if len(chosen) == len(records) else list(chosen)
    st.caption(escape_markdown(f"{len(chosen)} of {len(records)} articles selected · answer engine: {active.label}"))
    if not records:
        st.info("Add articles in the sidebar to begin: upload files, paste text or give a URL.")
    elif not chosen:
        st.warning("No articles are selected; pick some in the sidebar.")
    chat_tab, compare_tab = st.tabs(["Chat", "Compare sources"], key="view", on_change="rerun")
    if chat_tab.open:
        chat_page(lib, session, chosen, chat_tab)
    if compare_tab.open:
        with compare_tab:
            compare_page(lib, session, records, chosen)


main()

"""Manysides in the browser: a cited chat over the library, the library itself, and a comparison of the sources.

UI only: it reads input, calls `bot`, and renders what comes back. Article text is always escaped Markdown or plain
text, never HTML.
"""

from __future__ import annotations

from bot.runtime import configure_runtime

configure_runtime()

import dataclasses  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

import altair as alt  # noqa: E402
import streamlit as st  # noqa: E402

from bot import (  # noqa: E402
    ENGINE_KINDS,
    UPLOAD_TYPES,
    EngineChoice,
    IndexSettings,
    ManysidesError,
    build_engine,
    check_engine,
    cited_articles,
    cited_markdown,
    display_source,
    escape_markdown,
    highlighted_article,
    highlighted_excerpt,
    markers,
    load_settings,
    open_library,
    pasted_article,
    source_numbers,
    staged_files,
)
from bot.chat import ChatSession, route  # noqa: E402
from bot.citations import AnswerSentence  # noqa: E402
from bot.compare import article_label, compare, outlet_label  # noqa: E402
from bot.report import comparison_markdown, summary_markdown  # noqa: E402
from bot.summarize import summarize  # noqa: E402

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


# --- resources, once per server process --------------------------------------------------------------------------

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

class ProgressBar:
    """Draws the library's ingest progress (chunks planned and embedded) as st.progress."""

    def __init__(self) -> None:
        self.bar = st.progress(0.0, text="Reading and cleaning…")
        self.total = self.done = 0

    def planned(self, chunks: int) -> None:
        self.total += chunks
        self._draw()

    def encoded(self, chunks: int) -> None:
        self.done += chunks
        self._draw()

    def _draw(self) -> None:
        self.bar.progress(min(self.done / self.total, 1.0) if self.total else 0.0, text=f"Embedding {self.done}/{self.total} chunks…")


def ingest(lib, sources: Sequence[str]) -> None:
    """Ingest sources with a progress bar; one error line per failed source, a success line for the rest."""
    progress = ProgressBar()
    try:
        report = lib.ingest(list(sources), progress=progress)
    except ManysidesError as error:
        st.error(str(error))
        return
    except Exception as error:  # noqa: BLE001 (the UI boundary: one line, never a traceback)
        st.error(unexpected(error))
        return
    finally:
        progress.bar.empty()
    for failure in report.errors:
        st.error(escape_markdown(f"{display_source(failure.source)}: {failure.error}"))
    counts = {status: sum(1 for a in report.articles if a.status == status) for status in ("added", "updated", "unchanged")}
    if report.articles:
        st.success(", ".join(f"{n} {status}" for status, n in counts.items() if n) + (" (already in the library)" if counts["unchanged"] else ""))


def add_articles(lib, expanded: bool) -> bool:
    """Upload files, paste text or give a URL; True when something was ingested."""
    with st.expander("Add articles", expanded=expanded):
        upload, paste, link = st.tabs(["Upload", "Paste", "URL"])
        with upload, st.form("upload", clear_on_submit=True, border=False):
            files = st.file_uploader("Article files", type=list(UPLOAD_TYPES), accept_multiple_files=True)
            uploaded = st.form_submit_button("Add files")
        with paste, st.form("paste", clear_on_submit=True, border=False):
            text = st.text_area("Article text", height=150)
            title = st.text_input("Title (optional)")
            outlet = st.text_input("Outlet (optional)")
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
            ingest(lib, paths)
    if pasted and not text.strip():
        st.warning("Paste the article's text first.")
    elif pasted:
        with staged_files(staging, [pasted_article(text, title, outlet, published)]) as paths:
            ingest(lib, paths)
    if linked and not url.strip().lower().startswith(("http://", "https://")):
        st.warning("Give the article's address, starting with http:// or https://.")
    elif linked:
        ingest(lib, [url.strip()])
    return bool(uploaded or pasted or linked)


# --- sidebar: the library ----------------------------------------------------------------------------------------

def remove_article(lib, article_id: str) -> None:
    """The Remove button's callback; an error is shown on the next run."""
    try:
        lib.remove([article_id])
    except ManysidesError as error:
        st.session_state.notice = str(error)
    except Exception as error:  # noqa: BLE001
        st.session_state.notice = unexpected(error)


def library_panel(lib, records) -> list[str]:
    """The articles, each removable and with what cleaning dropped; returns the ids the chat and comparison use."""
    if notice := st.session_state.pop("notice", None):
        st.error(notice)
    if not records:
        st.info("The library is empty. Add articles above, or run `manysides ingest FILE_OR_URL`.")
        return []
    ids = [r.id for r in records]
    labels = {r.id: article_label(r, records) for r in records}
    # Keep what the person left out, so articles added later are used by default.
    excluded = st.session_state.setdefault("excluded", set())
    chosen = st.multiselect("Articles the chat and comparison use", ids, default=[i for i in ids if i not in excluded],
                            format_func=lambda i: labels[i])
    st.session_state.excluded = set(ids) - set(chosen)
    for record in records:
        with st.container(border=True):
            copy = f"\ncopy of {labels.get(record.duplicate_of, record.duplicate_of)}" if record.duplicate_of else ""
            st.text(f"{outlet_label(record, records)}\n{record.title}\n"
                    f"{record.published or 'undated'} · {record.chunks} chunk{'s' * (record.chunks != 1)}{copy}")
            if record.removed:
                with st.expander(f"Cleaning removed {len(record.removed)} passage{'s' * (len(record.removed) != 1)}"):
                    for removal in record.removed:
                        st.text(f"[{removal.reason}] {removal.text}")
            st.button("Remove", key=f"remove-{record.id}", on_click=remove_article, args=(lib, record.id), type="tertiary")
    return chosen


# --- sidebar: settings -------------------------------------------------------------------------------------------

def engine_settings() -> EngineChoice:
    """Which engine answers and how many passages it reads; says whether it is ready."""
    default = EngineChoice.from_spec(os.environ.get("MANYSIDES_LLM"))
    kinds = list(ENGINE_KINDS)
    with st.expander("Settings"):
        kind = st.selectbox("Answer engine", kinds, index=kinds.index(default.kind), format_func=ENGINE_KINDS.get, key="engine_kind")
        model = base_url = api_key = ""
        preset = default.model if default.kind == kind else ""
        if kind == "openai":
            base_url = st.text_input("Server URL", os.environ.get("MANYSIDES_OPENAI_BASE_URL") or os.environ.get("OPENAI_BASE_URL")
                                     or "http://localhost:8000/v1", key="openai_url")
            model = st.text_input("Model", preset, key="openai_model")
            api_key = st.text_input("API key (blank if the server needs none)", type="password", key="openai_key")
        elif kind == "ollama":
            base_url = st.text_input("Ollama URL", os.environ.get("MANYSIDES_OLLAMA_URL", "http://localhost:11434"), key="ollama_url")
            model = st.text_input("Model", preset, key="ollama_model")
        elif kind == "llamacpp":
            bundled = st.radio("Model", ["Bundled SmolLM2", "A .gguf file"], index=0 if preset in ("", "smollm2") else 1, key="gguf_source")
            model = "smollm2" if bundled == "Bundled SmolLM2" else st.text_input("Path to the .gguf file", preset, key="gguf_path")
        passages = st.slider("Passages per question", 2, 20, 8, key="passages")
        choice = EngineChoice(kind, model.strip(), base_url.strip(), api_key.strip(), passages)
        # The reachability check runs when the choice changes (not on every rerun), or on request.
        checked = dataclasses.replace(choice, passages=0)
        if st.session_state.get("checked_choice") != checked or st.button("Check again", key="check_engine"):
            with st.spinner("Checking the engine…"):
                st.session_state.engine_status = check_engine(choice)
            st.session_state.checked_choice = checked
        status = st.session_state.engine_status
        message = escape_markdown(f"{choice.label}: {status.message}")
        if status.ready:
            st.success(message)
        elif choice.kind != "extractive" and not choice.model:
            st.warning(message)  # still being filled in
        else:
            st.error(message)
    return choice


def chat_engine(settings: IndexSettings, choice: EngineChoice):
    """The chosen engine, or the extractive one with an error that says what to fix when it cannot be built."""
    home = str(settings.home)
    fallback = EngineChoice(passages=choice.passages)
    if choice.kind != "extractive" and not choice.model:  # still being filled in under Settings
        return answer_engine(home, settings.chroma_url, dataclasses.astuple(fallback)), fallback
    try:
        return answer_engine(home, settings.chroma_url, dataclasses.astuple(choice)), choice
    except ManysidesError as error:
        st.error(f"{error}. Answering with the extractive engine until this is fixed in Settings.")
    except Exception as error:  # noqa: BLE001
        st.error(unexpected(error) + " Answering with the extractive engine meanwhile.")
    return answer_engine(home, settings.chroma_url, dataclasses.astuple(fallback)), fallback


# --- citations ---------------------------------------------------------------------------------------------------

def sources_panel(lib, sentences, numbers: dict[str, int], sources=(), key: str = "") -> None:
    """Each cited article in an expander: its details, a link, and its text with the cited sentences highlighted."""
    records = {r.id: r for r in sources}
    for cited in cited_articles(sentences, numbers, records):
        record = cited.record or lib.article(cited.article_id)
        name = article_label(record, list(records.values()) or [record]) if record else cited.article_id
        date = f" · {record.published}" if record and record.published else ""
        with st.expander(escape_markdown(f"[{cited.number}] {name}{date}")):
            text = lib.article_text(cited.article_id) if record else None
            if record is None or text is None:
                st.caption("This article is no longer in the library.")
                continue
            if record.author:
                st.caption(escape_markdown(f"By {record.author}"))
            if record.url.lower().startswith(("http://", "https://")):
                st.link_button("Open the original", record.url, key=f"{key}-link-{cited.article_id}")
            excerpt, whole = st.tabs(["Cited passages", "Whole article"])
            excerpt.markdown(highlighted_excerpt(text, cited.citations))
            whole.container(height=420, border=False).markdown(highlighted_article(text, cited.citations))


def cited_text(lib, sentences, sources, key: str) -> None:
    """Sentences with [n] markers, then the sources they cite."""
    numbers = source_numbers(sentences, sources)
    st.markdown(cited_markdown(sentences, numbers))
    sources_panel(lib, sentences, numbers, sources, key)


# --- comparison --------------------------------------------------------------------------------------------------

def coverage_chart(comparison) -> alt.Chart | None:
    """Facts × outlets, each cell reported, not reported or conflicting."""
    cells = comparison.coverage()
    if not cells:
        return None
    rows = [{"fact": f"{c.fact_index + 1}. {c.fact[:60]}{'…' if len(c.fact) > 60 else ''}", "order": c.fact_index,
             "claim": c.fact, "kind": c.kind, "outlet": c.outlet or c.article_id, "status": c.status} for c in cells]
    return alt.Chart(alt.Data(values=rows)).mark_rect(stroke="white", strokeWidth=2).encode(
        x=alt.X("outlet:N", title=None, axis=alt.Axis(labelAngle=-30, labelLimit=160, labelOverlap=False, orient="top")),
        y=alt.Y("fact:N", title=None, sort=alt.EncodingSortField(field="order", op="min"), axis=alt.Axis(labelLimit=420)),
        color=alt.Color("status:N", title="Coverage",
                        scale=alt.Scale(domain=list(COVERAGE_COLORS), range=list(COVERAGE_COLORS.values()))),
        tooltip=[alt.Tooltip("claim:N", title="Fact"), alt.Tooltip("kind:N", title="Kind"), alt.Tooltip("outlet:N", title="Outlet"),
                 alt.Tooltip("status:N", title="Coverage")],
    ).properties(height=alt.Step(26), width=alt.Step(90))


# Which parts of the comparison answer a routed chat request (see bot.chat.route); the Compare tab shows them all.
EVERYTHING = ("consensus", "conflicts", "unique", "quotes", "coverage")
SECTIONS = {"agree": ("consensus",), "disagree": ("conflicts",), "unique": ("unique",), "quotes": ("quotes",), "compare": EVERYTHING}


def comparison_view(lib, comparison, key: str, sections: Sequence[str] = EVERYTHING, article_id: str | None = None) -> None:
    """Consensus, what each outlet adds, conflicts with both sides quoted, quotes by speaker, the coverage chart, and the
    sources of what is shown; `sections` and `article_id` narrow it to what a chat request asked for."""
    unique = [u for u in comparison.unique if u.claims and article_id in (None, u.article_id)]
    shown = []
    if "consensus" in sections:
        shown += [(item.claim, item.citations) for item in comparison.consensus]
    if "conflicts" in sections:
        shown += [(p.claim, p.citations) for conflict in comparison.conflicts for p in conflict.positions]
    if "unique" in sections:
        shown += [(claim.text, claim.citations) for group in unique for claim in group.claims]
    if "quotes" in sections:
        shown += [(quote.quote, quote.citations) for quote in comparison.quotes]
    sentences = [AnswerSentence(text, tuple(citations), True) for text, citations in shown]
    numbers = source_numbers(sentences, comparison.sources)
    labels = {r.id: outlet_label(r, comparison.sources) for r in comparison.sources}

    def cited(text: str, citations) -> str:
        return cited_markdown([AnswerSentence(text, tuple(citations), True)], numbers)

    def outlet(article_id: str) -> str:
        return escape_markdown(labels.get(article_id, article_id))

    if "coverage" in sections:
        st.markdown("#### Coverage: which outlet reports what")
        if (chart := coverage_chart(comparison)) is not None:
            st.altair_chart(chart, key=f"coverage-{key}")
        else:
            st.caption("No facts to chart.")
    if "consensus" in sections:
        st.markdown("#### What they agree on")
        if not comparison.consensus:
            st.caption("No fact is reported by two or more independent outlets.")
        st.markdown("\n".join(f"- {cited(item.claim, item.citations)} — {', '.join(outlet(i) for i in dict.fromkeys(item.article_ids))}"
                              for item in comparison.consensus))
    if "conflicts" in sections:
        st.markdown("#### Where they conflict")
        if not comparison.conflicts:
            st.caption("No contradictions found between the chosen articles.")
        for conflict in comparison.conflicts:
            with st.container(border=True):
                st.markdown(f"**{escape_markdown(conflict.topic)}** — {escape_markdown(conflict.reason)}")
                for column, position in zip(st.columns(len(conflict.positions) or 1), conflict.positions):
                    column.markdown(f"**{outlet(position.article_id)}**\n\n{cited(position.claim, position.citations)}")
    if "unique" in sections:
        st.markdown("#### What each outlet adds")
        if not unique:
            st.caption("Nothing: whatever one outlet reports, another reports too.")
        for group in unique:
            st.markdown(f"**{outlet(group.article_id)}**\n\n" + "\n".join(f"- {cited(c.text, c.citations)}" for c in group.claims))
    if "quotes" in sections:
        st.markdown("#### Who is quoted")
        if not comparison.quotes:
            st.caption("Nobody is quoted.")
        speakers: dict[str, list] = {}
        for quote in comparison.quotes:
            speakers.setdefault(quote.speaker or "Unnamed", []).append(quote)
        for speaker, quotes in speakers.items():
            role = next((q.role for q in quotes if q.role), "")
            lines = [f"- “{escape_markdown(q.quote)}” {markers(q.citations, numbers)}" if q.kind == "direct" else f"- {cited(q.quote, q.citations)}"
                     for q in quotes]
            lines = [f"{line} — {outlet(q.article_id)}" for line, q in zip(lines, quotes)]
            st.markdown(f"**{escape_markdown(speaker)}**" + (f", {escape_markdown(role)}" if role else "") + "\n\n" + "\n".join(lines))
    if sentences:
        st.markdown("#### Sources")
        sources_panel(lib, sentences, numbers, comparison.sources, key)


def memo(name: str, key: tuple, compute: Callable):
    """A result kept in the session until its inputs (the key) change."""
    store = st.session_state.setdefault("memo", {})
    if store.get(name, (None,))[0] != key:
        store[name] = (key, compute())
    return store[name][1]


def compare_page(lib, records, chosen: list[str]) -> None:
    """The comparison of the chosen articles and a cited summary, both downloadable as Markdown."""
    if len(chosen) < 2:
        st.info("Select at least two articles in the sidebar to compare them.")
        return
    article_ids = None if len(chosen) == len(records) else chosen
    library_state = tuple(sorted((r.id, r.version) for r in records))
    key = (tuple(sorted(chosen)), library_state)
    comparison = guarded("Comparing the sources…", lambda: memo("comparison", key, lambda: compare(lib, article_ids=article_ids)))
    if comparison is None:
        return
    st.download_button("Download the comparison (Markdown)", comparison_markdown(comparison), file_name="comparison.md",
                       mime="text/markdown", key="download-comparison")
    comparison_view(lib, comparison, key="page")

    st.markdown("### Summary")
    words = st.slider("Summary length (words)", 40, 400, 120, step=20, key="summary_words")
    summary = guarded("Summarizing…", lambda: memo("summary", (key, words), lambda: summarize(lib, article_ids=article_ids, words=words)))
    if summary is None:
        return
    cited_text(lib, summary.sentences, summary.sources, key="summary")
    st.download_button("Download the summary (Markdown)", summary_markdown(summary), file_name="summary.md",
                       mime="text/markdown", key="download-summary")


# --- chat --------------------------------------------------------------------------------------------------------

def render_turn(lib, turn, key: str) -> None:
    """A recorded answer: cited text and sources, an honest refusal, or the part of the comparison it asked for."""
    if (comparison := getattr(turn, "comparison", None)) is not None:
        intent = route(turn.question, comparison.sources)
        kind = intent.kind if intent and intent.kind in SECTIONS else "compare"
        comparison_view(lib, comparison, key=key, sections=SECTIONS[kind], article_id=intent.article_id if intent else None)
        if kind != "compare":
            st.caption("The *Compare sources* tab has the whole comparison, its coverage chart and a summary.")
        return
    answer = turn.answer
    if turn.standalone != turn.question:
        st.caption(escape_markdown(f"Searched for: {turn.standalone}"))
    if not answer.answerable:
        st.markdown(escape_markdown(answer.text))
        st.caption("No sentence in the selected articles answers this closely enough. Rephrase the question, or select more articles.")
        return
    cited_text(lib, answer.sentences, answer.sources, key=key)


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
        render_turn(lib, session.history[-1], key=f"turn-{len(session.history) - 1}")


def suggest(question: str) -> None:
    st.session_state.suggested = question


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
                render_turn(lib, turn, key=f"turn-{index}")
        if question:
            ask(lib, session, question)
        elif not session.history and chosen:
            st.caption("Try one of these, or ask your own question below.")
            for column, suggestion in zip(st.columns(len(SUGGESTED_QUESTIONS)), SUGGESTED_QUESTIONS):
                column.button(suggestion, on_click=suggest, args=(suggestion,), width="stretch")


# --- the page ----------------------------------------------------------------------------------------------------

def main() -> None:
    st.title("Manysides")
    st.caption("One story, many outlets: answers cite the exact sentences they come from.")
    try:
        settings = load_settings()
        lib = library(str(settings.home), settings.chroma_url)
        with st.sidebar:
            st.header("Library")
            records = lib.articles()
            if add_articles(lib, expanded=not records):
                records = lib.articles()
            chosen = library_panel(lib, records)
            choice = engine_settings()
    except ManysidesError as error:
        st.error(str(error))
        st.stop()
    except Exception as error:  # noqa: BLE001 (the library could not be opened or read)
        st.error(unexpected(error))
        st.stop()
    engine, active = chat_engine(settings, choice)
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
            compare_page(lib, records, chosen)


main()

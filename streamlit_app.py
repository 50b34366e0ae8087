"""Manysides in the browser: the library and a passage search (the full chat arrives with the browser-chat issue)."""

from __future__ import annotations

from bot.runtime import configure_runtime

configure_runtime()

import streamlit as st  # noqa: E402

from bot import IndexSettings, ManysidesError, open_library  # noqa: E402

st.set_page_config(page_title="Manysides", page_icon="🗞️", layout="wide")


@st.cache_resource(show_spinner="Loading the library…")
def library(home: str, chroma_url: str | None):
    """One library (store and model) per server process and library location."""
    return open_library(settings=IndexSettings(home=home, chroma_url=chroma_url))


st.title("Manysides")
st.caption("One story, many outlets.")

try:
    settings = IndexSettings()
    lib = library(str(settings.home), settings.chroma_url)
    records = lib.articles()
except ManysidesError as error:
    st.error(str(error))
    st.stop()

with st.sidebar:
    st.header(f"Library ({len(records)})")
    if not records:
        st.info("The library is empty. Add articles with `manysides ingest FILE_OR_URL`.")
    for record in records:
        st.text(f"{record.outlet or record.source}\n{record.title}\n{record.published or 'undated'} · {record.chunks} chunks")

query = st.text_input("Search the articles", placeholder="e.g. How much will the repairs cost?")
if query:
    try:
        hits = lib.search(query, k=5)
    except ManysidesError as error:
        st.error(str(error))
        hits = []
    by_id = {r.id: r for r in records}
    for hit in hits:
        record = by_id.get(hit.article_id)
        with st.container(border=True):
            st.text(f"{record.outlet or record.source if record else hit.article_id} — {record.title if record else ''}  (score {hit.score:.2f})")
            st.text(hit.text)

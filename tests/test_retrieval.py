"""Hybrid retrieval on a small library with known answers."""

import json

import pytest

from bot.retrieval import HybridRetriever, reciprocal_rank_fusion
from index import SearchHit
from index.lexical import LexicalIndex

FIXTURE = [
    {"id": "ferry", "title": "Ferry fares rise", "outlet": "Harbor Times",
     "text": "The harbor authority raised ferry fares by ten percent on Monday. Commuters on the Port Ellery line will pay $4.40 per crossing. "
             "The authority said fuel costs had doubled since last spring."},
    {"id": "library", "title": "Library expansion approved", "outlet": "Civic Post",
     "text": "The town council voted 5-2 to expand the public library. The new wing will add a children's reading room and 40 study desks. "
             "Construction is expected to start in September."},
    {"id": "storm", "title": "Storm closes schools", "outlet": "Weather Desk",
     "text": "A winter storm dumped 30 centimeters of snow on the valley overnight. All schools in the district were closed on Thursday. "
             "Plows worked through the night to clear the main roads."},
]
QUESTIONS = {  # a question and the only article that answers it
    "How much does a ferry crossing cost now?": "ferry",
    "How many study desks will the library add?": "library",
    "Why were schools closed?": "storm",
    "Port Ellery": "ferry",
}


@pytest.fixture
def retriever(library, tmp_path):
    path = tmp_path / "fixture.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in FIXTURE))
    assert library.ingest([str(path)]).ok
    return HybridRetriever(library)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_each_mode_finds_the_known_answer_first(retriever, mode):
    for question, article_id in QUESTIONS.items():
        hits = retriever.search(question, k=2, mode=mode)
        assert hits and hits[0].article_id == article_id, (mode, question)


def test_restriction_to_chosen_articles(retriever):
    hits = retriever.search("How much does a ferry crossing cost now?", k=3, article_ids=["library", "storm"])
    assert hits and {h.article_id for h in hits} <= {"library", "storm"}
    assert retriever.search("ferry", k=3, article_ids=["no-such-article"]) == []


def test_restricted_exact_search_ranks_like_the_filtered_index(retriever, library):
    chosen = ["library", "storm"]
    exact = retriever.dense("snow and closed schools", k=4, article_ids=chosen)
    filtered = library.search("snow and closed schools", k=4, article_ids=chosen)
    assert [h.chunk_id for h in exact] == [h.chunk_id for h in filtered]
    assert [round(h.score, 3) for h in exact] == [round(h.score, 3) for h in filtered]
    assert exact[0].article_id == "storm" and exact[0].sentences


def test_per_article_quota_spreads_results(library, tmp_path, samples_copy):
    long_text = " ".join(f"Paragraph {i}: the bridge corrosion repair plan was discussed again at length." for i in range(200))
    (samples_copy / "long.txt").write_text("A very long bridge story\n\n" + long_text)
    library.ingest([str(samples_copy)])
    hits = HybridRetriever(library).search("bridge corrosion repair", k=6, per_article=2)
    counts = {}
    for hit in hits:
        counts[hit.article_id] = counts.get(hit.article_id, 0) + 1
    assert len(hits) == 6 and max(counts.values()) <= 2


def test_bm25_index_is_saved_and_reused(retriever, library):
    retriever.library.lexical.refresh()
    folder = retriever.library.lexical._folder
    manifest = (folder / "current.json").read_text()
    again = LexicalIndex(library.store, folder)  # as a new process would open it
    assert again.search("Port Ellery", k=1)[0].article_id == "ferry"
    assert (folder / "current.json").read_text() == manifest  # loaded, not rebuilt
    library.remove(["ferry"])
    assert all(h.article_id != "ferry" for h in again.search("Port Ellery ferry", k=3))
    assert (folder / "current.json").read_text() != manifest  # a new generation for the new chunk set


def test_rrf_rewards_agreement():
    def hit(chunk_id):
        return SearchHit(article_id=chunk_id, chunk_id=chunk_id, score=0.0, text="", start=0, end=0)

    fused = reciprocal_rank_fusion([[hit("a"), hit("b"), hit("c")], [hit("c"), hit("b"), hit("d")]])
    # c: 1/61 + 1/63, b: 2/62, a: 1/61, d: 1/63
    assert [h.chunk_id for h in fused] == ["c", "b", "a", "d"]


def test_langchain_retriever_returns_documents(retriever):
    documents = retriever.as_langchain(k=2).invoke("Why were schools closed?")
    assert documents[0].metadata["article_id"] == "storm"
    assert documents[0].page_content and "start" in documents[0].metadata

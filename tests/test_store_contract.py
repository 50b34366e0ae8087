"""Every Store implementation passes the same contract: embedded Chroma and a real Chroma server."""

import shutil
from dataclasses import replace
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from index import IndexSettings, Library
from index import ConfigError
from index.store import ArticleWrite, ChromaStore, open_store
from tests.conftest import SAMPLES


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """`chroma run` on a free loopback port; skipped with a message where it cannot start."""
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(chroma).exists():
        pytest.skip("the `chroma` command is not installed, so the server path cannot be tested here")
    port = _free_port()
    process = subprocess.Popen([chroma, "run", "--path", str(tmp_path_factory.mktemp("chroma-server")), "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            pytest.skip(f"`chroma run` exited with {process.returncode}; the server path cannot be tested here")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.skip("`chroma run` did not start within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(params=["embedded", "server"])
def store_settings(request, isolated_home) -> IndexSettings:
    if request.param == "server":
        url = request.getfixturevalue("chroma_server")
        prefix = f"t{time.time_ns()}"  # each test its own collections on the shared server
        return IndexSettings(home=isolated_home, chroma_url=url, collection_prefix=prefix)
    return IndexSettings(home=isolated_home)


def test_store_contract(store_settings, embedder):
    library = Library(store_settings, embedder=embedder)
    assert isinstance(library.store, ChromaStore)
    report = library.ingest([str(SAMPLES)])
    assert report.ok and len(library.articles()) == 4

    hits = library.search("Was anyone hurt when the bridge closed?", k=4)
    assert len(hits) == 4 and hits[0].score >= hits[-1].score
    assert any("injur" in h.text or "hurt" in h.text for h in hits)
    text = library.article_text(hits[0].article_id)
    assert text[hits[0].start:hits[0].end] == hits[0].text

    record = library.articles()[0]
    assert record.number == 1 and library.article(record.id) == record
    assert library.store.record(record.id) == replace(record, number=0)  # the store keeps the record; the list numbers it
    before = library.store.revision()
    assert before
    assert set(library.store.signatures()) == {r.id for r in library.articles()}

    assert library.store.remove_article(record.id) is True
    assert library.store.revision() != before  # readers with caches (BM25) see the change
    assert library.store.remove_article(record.id) is False
    assert library.store.record(record.id) is None
    assert all(h.article_id != record.id for h in library.search("bridge", k=20))
    assert library.store.recover() == 0

    # A second client on the same store sees the same library.
    assert {r.id for r in open_store(store_settings).records()} == {r.id for r in library.articles()}


def test_vectors_of_the_wrong_count_are_refused(store_settings, embedder):
    from index import StoreError
    from index.library import build_article
    from index.loaders import iter_documents

    library = Library(store_settings, embedder=embedder)
    [document] = iter_documents(str(SAMPLES / "metro-wire.txt"), limit=2**20)
    article = build_article(document)
    with pytest.raises(StoreError):
        library.store.write_articles([ArticleWrite(article, [], np.zeros((1, embedder.dimension), dtype=np.float32))])
    assert library.articles() == []


def test_bad_server_url_is_a_config_error(isolated_home):
    from index import ConfigError

    with pytest.raises(ConfigError, match="MANYSIDES_CHROMA_URL"):
        open_store(IndexSettings(home=isolated_home, chroma_url="localhost:8000"))


def test_article_vectors_are_the_mean_of_each_committed_articles_chunk_vectors(store_settings, embedder):
    library = Library(store_settings, embedder=embedder)
    assert library.ingest([str(SAMPLES)]).ok
    records = library.articles()
    vectors = library.article_vectors([r.id for r in records] + ["no-such-article"])
    assert set(vectors) == {r.id for r in records}
    for record in records:
        chunks = [h for h in library.store.committed_chunks() if h.article_id == record.id]
        stored = np.stack(list(library.store.vectors([h.chunk_id for h in chunks]).values()))
        mean = stored.mean(axis=0)
        np.testing.assert_allclose(vectors[record.id], mean / np.linalg.norm(mean), atol=1e-5)
    assert library.article_vectors([]) == {}
# --- each Store method on its own, against both implementations, with hand-made vectors (no model) ---------------------

from index import Document, StoreError  # noqa: E402
from index.chunking import chunk_sentences, split_into_sentences  # noqa: E402
from index.dedup import minhash_signature  # noqa: E402
from index.library import build_article  # noqa: E402
from index.store import Store  # noqa: E402

BRIDGE = ("The Kellan Street bridge closed on Monday. Inspectors found corrosion in two steel supports. "
          "Repairs will take four months and cost $4.2 million.")
STRIKE = "Dockworkers went on strike at the port on Friday. Ships waited offshore overnight."


def _write(article_text: str, identity: str, axis: int, **fields) -> ArticleWrite:
    article = build_article(Document(source=f"{identity}.txt", identity=identity, text=article_text, **fields))
    chunks = chunk_sentences(article.text, split_into_sentences(article.text), article.id, article.version, max_tokens=12, overlap=0)
    vectors = np.zeros((len(chunks), 8), dtype=np.float32)
    for n in range(len(chunks)):  # every chunk of an article leans towards its own axis
        vectors[n, axis], vectors[n, (axis + 1 + n) % 8] = 1.0, 0.3
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return ArticleWrite(article, chunks, vectors, signature=minhash_signature(article.text))


def _axis(axis: int) -> np.ndarray:
    vector = np.zeros(8, dtype=np.float32)
    vector[axis] = 1.0
    return vector


CONTRACT = {"recover", "pending", "sync", "check_embedding", "records", "record", "article_text", "signatures", "write_articles",
            "remove_article", "update_record", "query", "nearest", "chunk_count", "revision", "committed_chunks", "vectors", "article_vectors"}  # article_vectors: its own test above


def test_the_contract_below_covers_every_store_method():
    declared = {name for name in vars(Store) if not name.startswith("_")}
    assert declared == CONTRACT


def test_each_store_method(store_settings):
    from index.store import open_store

    store: Store = open_store(store_settings)
    assert store.records() == [] and store.chunk_count() == 0 and store.signatures() == {} and store.committed_chunks() == []
    assert store.record("nope") is None and store.article_text("nope") is None and store.update_record("nope", {"outlet": "X"}) is None
    assert store.remove_article("nope") is False and store.vectors([]) == {} and store.write_articles([]) == []

    store.check_embedding("model-a/8")
    store.check_embedding("model-a/8")  # the same model again is fine
    with pytest.raises(ConfigError, match="model-a/8"):
        store.check_embedding("model-b/8")

    bridge, strike = _write(BRIDGE, "bridge", 0, outlet="Ledger"), _write(STRIKE, "strike", 4)
    revision = store.revision()
    written = store.write_articles([bridge, strike])
    assert [r.id for r in written] == [bridge.article.id, strike.article.id]
    assert store.revision() != revision and store.pending() == 0
    assert store.record(bridge.article.id) == written[0] and written[0].chunks == len(bridge.chunks) >= 2
    assert {r.id for r in store.records()} == {bridge.article.id, strike.article.id}
    assert store.article_text(strike.article.id) == strike.article.text
    assert store.chunk_count() == len(bridge.chunks) + len(strike.chunks)
    assert {i: s.tolist() for i, s in store.signatures().items()} == {w.article.id: w.signature.tolist() for w in (bridge, strike)}

    committed = store.committed_chunks()
    assert sorted(h.chunk_id for h in committed) == sorted(c.id for c in bridge.chunks + strike.chunks)
    for hit in committed:
        assert store.article_text(hit.article_id)[hit.start:hit.end] == hit.text
    stored = store.vectors([bridge.chunks[0].id, "missing"])
    assert list(stored) == [bridge.chunks[0].id] and np.allclose(stored[bridge.chunks[0].id], bridge.vectors[0], atol=1e-5)

    hits = store.query(_axis(0), k=2)
    assert [h.article_id for h in hits] == [bridge.article.id] * 2 and hits[0].score >= hits[1].score
    assert {h.article_id for h in store.query(_axis(0), k=10, article_ids=[strike.article.id])} == {strike.article.id}
    assert store.query(_axis(0), k=3, article_ids=[]) == [] and store.query(_axis(0), k=0) == []
    nearest = store.nearest(_axis(4), k=1)
    assert nearest[0][0] in {c.id for c in strike.chunks} and nearest[0][1] > 0.9 and nearest[0][2].shape == (8,)

    revision = store.revision()
    updated = store.update_record(strike.article.id, {"outlet": "Port Gazette"})
    assert updated is not None and updated.outlet == "Port Gazette" and store.record(strike.article.id).outlet == "Port Gazette"
    assert updated.version == strike.article.version and store.revision() != revision

    # A new version of an article replaces the old one's chunks.
    edited = _write(BRIDGE + " Buses will use the Harbour Road crossing.", "bridge", 0, outlet="Ledger")
    assert edited.article.id == bridge.article.id and edited.article.version != bridge.article.version
    store.write_articles([edited])
    assert store.chunk_count() == len(edited.chunks) + len(strike.chunks)
    assert all(h.chunk_id not in {c.id for c in bridge.chunks} for h in store.query(_axis(0), k=10))

    with pytest.raises(StoreError):
        store.write_articles([ArticleWrite(strike.article, strike.chunks, strike.vectors[:1])])
    assert store.record(strike.article.id).outlet == "Port Gazette"  # the refused write changed nothing

    assert store.remove_article(strike.article.id) is True
    assert store.record(strike.article.id) is None and store.article_text(strike.article.id) is None
    assert store.chunk_count() == len(edited.chunks) and strike.article.id not in store.signatures()

    store.sync()
    assert store.recover(stale_after_s=0) == 0 and store.pending() == 0

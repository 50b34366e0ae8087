"""Every Store implementation passes the same contract: embedded Chroma and a real Chroma server."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from index import IndexSettings, Library
from index.store import ChromaStore, open_store
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
    assert library.store.record(record.id) == record
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
        library.store.write_article(article, [], np.zeros((1, embedder.dimension), dtype=np.float32))
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

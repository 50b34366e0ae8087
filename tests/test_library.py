"""Ingest is idempotent, updates replace chunks, removal works, copies are flagged, crashes leave nothing half-indexed."""

import pytest

from index import Library
from index.store import ChromaStore
from tests.conftest import SAMPLES


def crash_on_commit(store: ChromaStore):
    """The store's record upsert, failing like a power cut at the commit point (markers still get written)."""
    real_upsert = store._articles.upsert

    def upsert(ids, **kwargs):
        if not ids[0].startswith("pending:"):
            raise KeyboardInterrupt("power cut")
        return real_upsert(ids=ids, **kwargs)
    return upsert


def statuses(report):
    return sorted(a.status for a in report.articles)


def test_ingest_samples_then_reingest_is_a_no_op(library, samples_copy):
    first = library.ingest([str(samples_copy)])
    assert first.ok and statuses(first) == ["added"] * 4
    chunks = library.store.chunk_count()
    again = library.ingest([str(samples_copy)])
    assert statuses(again) == ["unchanged"] * 4
    assert library.store.chunk_count() == chunks


def test_changed_text_replaces_the_old_chunks(library, samples_copy):
    path = samples_copy / "northern-ledger.txt"
    [added] = library.ingest([str(path)]).articles
    path.write_text(path.read_text() + "\nThe shuttle will also stop at the public library on Saturdays.\n")
    [updated] = library.ingest([str(path)]).articles
    assert updated.status == "updated" and updated.record.id == added.record.id
    assert updated.record.version != added.record.version
    hits = library.search("shuttle stops at the public library on Saturdays", k=10)
    assert hits and all(h.chunk_id.split(":")[1] == updated.record.version for h in hits)
    assert library.store.chunk_count() == updated.record.chunks


def test_remove_deletes_the_article_and_its_chunks(library, samples_copy):
    report = library.ingest([str(samples_copy)])
    target = report.articles[0].record.id
    removed, missing = library.remove([target, "no-such-id"])
    assert removed == [target] and missing == ["no-such-id"]
    assert target not in {r.id for r in library.articles()}
    assert all(h.article_id != target for h in library.search("bridge closed corrosion", k=20))


def test_sentence_offsets_point_into_the_stored_text(library):
    library.ingest([str(SAMPLES)])
    hits = library.search("Who inspected the bridge?", k=5)
    assert len(hits) == 5
    for hit in hits:
        text = library.article_text(hit.article_id)
        assert text[hit.start:hit.end] == hit.text
        assert all(hit.start <= s.start < s.end <= hit.end for s in hit.sentences)


def test_a_wire_copy_is_flagged_as_duplicate(library, tmp_path):
    original = SAMPLES / "metro-wire.txt"
    [first] = library.ingest([str(original)]).articles
    body = original.read_text().split("\n\n", 1)[1]
    copy = tmp_path / "syndicated.txt"
    copy.write_text("Title: Bridge shut in Ashford Falls\nOutlet: Lakeside Daily\n\n" + body.replace("Tuesday", "Tuesday morning", 1))
    [second] = library.ingest([str(copy)]).articles
    assert second.record.duplicate_of == first.record.id
    [other] = library.ingest([str(SAMPLES / "northern-ledger.txt")]).articles
    assert other.record.duplicate_of == ""  # same story, own words: not a copy


def test_a_crash_mid_write_leaves_no_half_article(library, samples_copy, monkeypatch):
    path = samples_copy / "metro-wire.txt"
    [before] = library.ingest([str(path)]).articles
    path.write_text(path.read_text().replace("Hale", "Hales"))

    store: ChromaStore = library.store
    monkeypatch.setattr(store._articles, "upsert", crash_on_commit(store))
    with pytest.raises(KeyboardInterrupt):
        library.ingest([str(path)])
    monkeypatch.undo()

    # The new version's chunks were written, but readers still see only the committed one; no writer holds the lock
    # any more, so opening the library rolls the write back at once, whatever the marker's age.
    assert library.store.pending() == 1
    reopened = Library(library.settings, embedder=library.embedder)
    assert [r.version for r in reopened.articles()] == [before.record.version]
    assert all(h.chunk_id.split(":")[1] == before.record.version for h in reopened.search("Hales", k=10))
    assert reopened.store.pending() == 0 and reopened.store.recover(stale_after_s=0) == 0
    assert reopened.store.chunk_count() == before.record.chunks
    [after] = reopened.ingest([str(path)]).articles
    assert after.status == "updated" and reopened.store.chunk_count() == after.record.chunks


def test_a_second_process_sees_new_articles_at_once(settings, embedder, samples_copy):
    reader = Library(settings, embedder=embedder)
    writer = Library(settings, embedder=embedder)
    assert reader.search("bridge", k=3) == []
    writer.ingest([str(samples_copy / "metro-wire.txt")])
    assert {h.article_id for h in reader.search("bridge closed", k=3)} == {writer.articles()[0].id}


def test_a_library_refuses_vectors_from_another_model(library, samples_copy):
    from index import ConfigError

    library.ingest([str(samples_copy / "metro-wire.txt")])
    with pytest.raises(ConfigError, match="embedding model"):
        library.store.check_embedding("some-other-model (torch)/768")
    library.store.check_embedding(f"{library.embedder.name}/{library.embedder.dimension}")  # the same model passes


def test_uncommitted_chunks_never_crowd_out_results_while_a_writer_is_alive(library, samples_copy, monkeypatch):
    library.ingest([str(samples_copy)])
    committed = library.store.chunk_count()
    store: ChromaStore = library.store
    for path in samples_copy.iterdir():  # a new version of every article, written but never committed
        path.write_text(path.read_text().replace("the", "a"))
    monkeypatch.setattr(store._articles, "upsert", crash_on_commit(store))
    with pytest.raises(KeyboardInterrupt):
        library.ingest([str(samples_copy)])
    monkeypatch.undo()
    assert store.chunk_count() > committed

    with library._writing():  # a live writer: its markers must be left alone
        reader = Library(library.settings, embedder=library.embedder)
        assert reader.store.pending() > 0
        hits = reader.search("the bridge", k=committed)
        assert len(hits) == committed and len({h.chunk_id for h in hits}) == committed
    assert Library(library.settings, embedder=library.embedder).store.pending() == 0  # the writer is gone: repaired


def test_a_jsonl_record_with_nothing_left_names_its_line_and_id(library, tmp_path):
    import json

    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "good", "title": "Bridge", "text": "The Greaves Street Bridge closed on Tuesday after inspectors found corroded beams."},
        {"id": "empty-7", "title": "Share", "text": "Share this article"}]))
    report = library.ingest([str(path)])
    assert [a.record.id for a in report.articles] == ["good"]
    assert [e.source for e in report.errors] == [f"{path} line 2 (id empty-7)"]


def test_one_article_is_numbered_as_in_the_list_after_an_edit_reorders_it(tmp_path, embedder):
    """`article(id)` numbers an article as `articles()` does (it caches the numbering per store revision); renaming an
    outlet moves it in the list, and the next `article(id)` follows."""
    from index import IndexSettings

    library = Library(IndexSettings(home=tmp_path / "home"), embedder=embedder)
    assert library.ingest([str(SAMPLES)]).ok
    listed = library.articles()
    assert all(library.article(r.id).number == r.number for r in listed)
    last = listed[-1]
    library.edit(last.id, outlet="AAA First Outlet")
    relisted = {r.id: r.number for r in library.articles()}
    assert relisted[last.id] < last.number  # moved up the list
    assert all(library.article(i).number == n for i, n in relisted.items())

"""The article library: ingest sources, list and remove articles, dense search. The one entry point `bot` uses.

Invariants, enforced when a library is opened and kept by every write (docs/design.md, "Crash consistency"):
- every committed article is findable by dense, lexical and restricted search;
- chunks of uncommitted versions never count in results;
- the lexical index matches the committed chunk set (checked by fingerprint, rebuilt when stale).

Writers on this machine hold one file lock per library while they write. A pending marker whose
writer no longer holds the lock is abandoned, whatever its age: opening the library takes the lock
(without waiting) and repairs such writes at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from index.chunking import chunk_sentences, split_into_sentences
from index.boilerplate import REASON as BOILERPLATE, repeated_paragraphs, shared_paragraphs
from index.cleaning import clean_text
from index.dedup import SignatureIndex, minhash_signature
from index.embedding import Embedder, get_embedder
from index.errors import SourceError, StoreError, StoreUnavailable
from index.injection import remove_injections
from index.lexical import LexicalIndex
from index.loaders import iter_documents
from index.sentences import ArticleSentences, SentenceVectors
from index.outlets import detect_outlet
from index.models import Article, ArticleRecord, Chunk, Document, IngestedArticle, IngestError, IngestReport, Removal, SearchHit, Span
from index.settings import IndexSettings
from index.store import ArticleWrite, Store, disk_full_error, open_store, read_only_copy
from index.text import clean_field, word_count

__all__ = ["IngestProgress", "Library", "build_article"]

log = logging.getLogger(__name__)
_FLUSH_CHUNKS = 1024  # chunks encoded together; bounds memory on large ingests
# Articles are committed in groups of about this many chunks (a few seconds of encoding): an ingest that dies keeps every
# group committed before, and each commit's fixed cost (~60 ms, five Chroma calls) stays small next to the encoding.
_COMMIT_CHUNKS = 128
_WRITER_WAIT_S = 600.0  # how long a writer waits for another one to finish
_REMOTE_STALE_S = 900.0  # a Chroma server's writers on other machines can't be seen: their markers count as abandoned by age


class IngestProgress(Protocol):
    """Receives progress while ingesting; the CLI draws it as a bar."""

    def planned(self, chunks: int) -> None: ...
    def encoded(self, chunks: int) -> None: ...


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _iso_date(value: str) -> str:
    """A publication date as YYYY-MM-DD when it parses unambiguously, else the text as given."""
    if not value:
        return ""
    from dateutil import parser

    try:
        return parser.parse(value, fuzzy=False, default=None).date().isoformat() if re.search(r"\d{4}", value) else value
    except (ValueError, OverflowError, TypeError, AttributeError):
        return value


def _without_control_characters(document: Document) -> Document:
    """The document with terminal escapes and control characters removed from every field that can reach a terminal or
    a report: the source path (a file may be named with escapes) and every metadata field. The body is cleaned by
    `clean_text`."""
    fields = {name: clean_field(getattr(document, name))
              for name in ("source", "title", "outlet", "url", "published", "author", "explicit_id", "location")}
    return dataclasses.replace(document, **fields, dropped=tuple(clean_field(line) for line in document.dropped),
                               hidden=tuple(clean_field(line) for line in document.hidden))


def build_article(document: Document) -> Article:
    """Clean a loaded document into an Article with a stable id and a content version: the one place articles are made,
    so every field of every record is free of terminal escapes."""
    document = _without_control_characters(document)
    cleaned = clean_text(document.text, document.title)
    text, injections = remove_injections(cleaned.text)
    if word_count(text) < 5:
        kinds = sorted({r.reason for r in cleaned.removed if r.reason != "title"})
        what = f" (every paragraph was page clutter: {', '.join(kinds)})" if kinds else ""
        raise SourceError(document.location or document.source,
                          f"nothing is left after removing boilerplate{what}; check that this is the article's text")
    removed = (tuple(r for r in cleaned.removed if r.reason != "title") + injections
               + tuple(Removal(line, "page") for line in document.dropped) + tuple(Removal(line, "hidden") for line in document.hidden))
    author = document.author or next((r.text[3:].strip() for r in cleaned.removed if r.reason == "byline"), "")
    dateline = next((r.text for r in cleaned.removed if r.reason == "dateline"), "")
    published = document.published or re.sub(r"^(published|updated|posted)( on)?:?\s*", "", dateline, flags=re.IGNORECASE)
    published = _iso_date(published)
    article_id = document.explicit_id or "a" + _hash(document.identity)[:12]
    outlet = document.outlet or detect_outlet(text, cleaned.removed, document.url)
    fields = dict(title=document.title, text=text, source=document.source, outlet=outlet, url=document.url,
                  published=published, author=author)
    version = _hash(*(str(fields[k]) for k in sorted(fields) if k != "source"))[:12]
    return Article(id=article_id, version=version, removed=removed, **fields)


@dataclass
class _Prepared:
    article: Article
    chunks: list[Chunk]
    status: str
    signature: np.ndarray
    where: str  # the source, or where in it the article is ("batch.jsonl line 7 (id r42)"), for messages


class _Stopped(Exception):
    """The store can take no more writes (a lost server, a full disk): the ingest stops at this article."""

    def __init__(self, failure: StoreUnavailable, where: str) -> None:
        self.failure = failure
        self.where = where
        super().__init__(str(failure))


def _commit_groups(pairs: list[tuple[_Prepared, ArticleWrite]]) -> Iterator[list[tuple[_Prepared, ArticleWrite]]]:
    """Consecutive articles in groups of at least `_COMMIT_CHUNKS` chunks (the last one may be smaller)."""
    group: list[tuple[_Prepared, ArticleWrite]] = []
    chunks = 0
    for pair in pairs:
        group.append(pair)
        chunks += len(pair[0].chunks)
        if chunks >= _COMMIT_CHUNKS:
            yield group
            group, chunks = [], 0
    if group:
        yield group


def _one_line(error: BaseException, limit: int = 300) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:limit]}" + ("…" if len(text) > limit else "")


class Library:
    """Articles in a vector store, with the embedder that indexes and searches them."""

    def __init__(self, settings: IndexSettings | None = None, *, store: Store | None = None, embedder: Embedder | None = None) -> None:
        self.settings = settings or IndexSettings()
        self.store: Store = store or open_store(self.settings)
        self._embedder = embedder
        self._embedding_checked = False
        self._sentence_vectors: SentenceVectors | None = None
        self._lexical: LexicalIndex | None = None
        self._boilerplate: tuple[str, dict[str, tuple[Span, ...]]] | None = None  # (store revision, spans per article)
        self._numbers: tuple[str, dict[str, int]] | None = None  # (store revision, each article's number in the list)
        self.warning = ""  # one line for the user when the library opened read-only for want of space or time
        self._recover_on_open()

    @property
    def lexical(self) -> LexicalIndex:
        """The BM25 index over the committed chunks, shared by every search on this library."""
        if self._lexical is None:
            self._lexical = LexicalIndex(self.store, Path(self.settings.home) / "bm25" / self.settings.collection_prefix)
        return self._lexical

    def _writer_lock(self, timeout: float):
        from filelock import FileLock

        folder = Path(self.settings.home) / "locks"
        folder.mkdir(parents=True, exist_ok=True)
        return FileLock(str(folder / f"{self.settings.collection_prefix}.write.lock"), timeout=timeout)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the writer lock: one writer at a time on this machine, and a live writer's markers are left alone."""
        from filelock import Timeout

        if getattr(self.store, "read_only", False):
            if reason := getattr(self.store, "read_only_reason", ""):
                raise StoreError(reason)
            raise StoreError(f"the library at {self.settings.home} is read-only; make it writable, or use another --home to add or remove articles")
        try:
            lock = self._writer_lock(_WRITER_WAIT_S)
            lock.acquire()
        except Timeout:
            raise StoreError(f"another process has been writing to this library for {_WRITER_WAIT_S:.0f} s; wait for it to finish and try again") from None
        except OSError as error:
            raise StoreError(f"the library at {self.settings.home} can't be written ({error.strerror}); check its permissions") from None
        try:
            yield
        finally:
            lock.release()

    def _recover_on_open(self) -> None:
        """Repair cut-off writes within `open_timeout_s`: a store that can't finish (Chroma on a full disk can hang in
        its first read) is read from a read-only copy instead, with a warning, so opening never hangs."""
        if getattr(self.store, "read_only", False):
            if reason := getattr(self.store, "read_only_reason", ""):
                self.warning = f"the library was opened read-only: {reason}"
            return
        outcome: list[BaseException] = []

        def repair() -> None:
            try:
                self.recover()
            except BaseException as error:  # handed to the opening thread
                outcome.append(error)

        worker = threading.Thread(target=repair, name="manysides-recover", daemon=True)
        worker.start()
        worker.join(self.settings.open_timeout_s)
        where = self.settings.chroma_url or self.settings.home
        if outcome and not (isinstance(outcome[0], StoreUnavailable) and not self.settings.chroma_url):
            raise outcome[0]
        if outcome:  # a full disk: Chroma can't write its log out, but a copy elsewhere can still be read
            reason = str(outcome[0])
        elif not worker.is_alive():
            return
        elif self.settings.chroma_url:
            raise StoreError(f"the Chroma server at {where} did not answer within {self.settings.open_timeout_s:g} s; check that it is running")
        else:
            full = disk_full_error(self.settings.home)  # Chroma can hang so when it can't write its log out
            reason = str(full) if full else (f"opening the library at {where} did not finish within {self.settings.open_timeout_s:g} s "
                                             "(is its disk slow or failing?); check the disk and run again")
        self.store = read_only_copy(self.settings, reason)
        self.warning = f"the library was opened read-only: {reason}"

    def recover(self) -> int:
        """Repair writes a crash cut off, when no writer is alive to finish them; returns how many were repaired."""
        from filelock import Timeout

        if getattr(self.store, "read_only", False):
            return 0
        try:
            self.store.sync()
            if not self.store.pending():
                return 0
            lock = self._writer_lock(0)
            lock.acquire()
        except StoreUnavailable:
            raise  # a lost server or a full disk: nothing else will work either
        except (Timeout, OSError, StoreError):
            return 0  # a writer is at work (its markers are live), or the library is read-only
        try:
            return self.store.recover(_REMOTE_STALE_S if self.settings.chroma_url else 0.0)
        finally:
            lock.release()

    @property
    def embedder(self) -> Embedder:
        """The embedding model, loaded on first use and checked against the one the library was built with."""
        if self._embedder is None:
            self._embedder = get_embedder(self.settings)
        if not self._embedding_checked:
            self.store.check_embedding(f"{self._embedder.name}/{self._embedder.dimension}")
            self._embedding_checked = True
        return self._embedder

    # --- reading -------------------------------------------------------------------------------

    def articles(self) -> list[ArticleRecord]:
        """Every article in the library in list order, numbered in it, its cleaning report including the site boilerplate
        other articles repeat. An article without an outlet is called by its number ("Article 3") wherever it is shown."""
        records = self.store.records()
        repeated = self.boilerplate(records)
        return [dataclasses.replace(self._with_boilerplate(r, repeated), number=n) for n, r in enumerate(records, start=1)]

    def article(self, article_id: str) -> ArticleRecord | None:
        """One article as `articles()` gives it (numbered in the list), for less: only its own boilerplate is worked out."""
        record = self.store.record(article_id)
        if record is None:
            return None
        return dataclasses.replace(self._with_boilerplate(record, self.boilerplate()), number=self._numbered().get(article_id, 0))

    def _numbered(self) -> dict[str, int]:
        """Each article's number in the list, worked out once per store revision (listing a big library is slow: a cited
        answer on 1,000 articles spent half its time listing them to number one)."""
        revision = self.store.revision()
        cached = self._numbers
        if cached is not None and cached[0] == revision and revision:
            return cached[1]
        numbers = {r.id: n for n, r in enumerate(self.store.records(), start=1)}
        self._numbers = (revision, numbers)
        return numbers

    def article_text(self, article_id: str) -> str | None:
        """The cleaned text that spans and quotes point into (as stored: boilerplate is hidden when reading, never cut)."""
        return self.store.article_text(article_id)

    def boilerplate(self, records: Sequence[ArticleRecord] | None = None) -> dict[str, tuple[Span, ...]]:
        """Per article, the spans of paragraphs that recur verbatim in unrelated articles (`index.boilerplate`): worked out
        from what is stored, once per store revision, and never written back."""
        revision = self.store.revision()
        cached = self._boilerplate
        if cached is not None and cached[0] == revision and revision:
            return cached[1]
        records = list(records) if records is not None else self.store.records()
        texts = {r.id: text for r in records if (text := self.store.article_text(r.id)) is not None}
        shared = shared_paragraphs(texts)
        found: dict[str, tuple[Span, ...]] = {}
        if shared:
            spans: dict[str, list[Span]] = {}
            for where in shared.values():
                for article_id, places in where.items():
                    spans.setdefault(article_id, []).extend(places)
            # Each article's vector from its chunks that are not wholly shared paragraphs: what the article is about itself.
            chunks = [c for c in self.store.committed_chunks() if c.article_id in spans
                      and not any(s.start <= c.start and c.end <= s.end for s in spans[c.article_id])]
            stored = self.store.vectors([c.chunk_id for c in chunks])
            sums: dict[str, np.ndarray] = {}
            for chunk in sorted(chunks, key=lambda c: c.chunk_id):
                if (vector := stored.get(chunk.chunk_id)) is not None:
                    sums[chunk.article_id] = sums.get(chunk.article_id, 0) + np.asarray(vector, dtype=np.float64)
            vectors = {a: (v / n if (n := float(np.linalg.norm(v))) > 0 else None) for a, v in sums.items()}
            copies = {r.id: r.duplicate_of for r in records if r.duplicate_of}
            found = repeated_paragraphs(texts, shared, vectors, copies)
        self._boilerplate = (revision, found)
        return found

    def _with_boilerplate(self, record: ArticleRecord, repeated: dict[str, tuple[Span, ...]]) -> ArticleRecord:
        spans = repeated.get(record.id)
        if not spans:
            return record
        text = self.store.article_text(record.id) or ""
        lines = [text[s.start:s.end] for s in spans]
        return dataclasses.replace(record, removed=record.removed + tuple(Removal(line, BOILERPLATE) for line in lines),
                                   words=max(0, record.words - sum(word_count(line) for line in lines)) if record.words else 0)

    def without_boilerplate(self, hits: Sequence[SearchHit]) -> list[SearchHit]:
        """The hits with the sentences of site boilerplate left out; a hit with nothing else is dropped."""
        repeated = self.boilerplate()
        kept = []
        for hit in hits:
            spans = repeated.get(hit.article_id, ())
            sentences = tuple(s for s in hit.sentences if not any(s.start < b.end and b.start < s.end for b in spans))
            if sentences or not hit.sentences:
                kept.append(dataclasses.replace(hit, sentences=sentences) if spans else hit)
        return kept

    def sentences(self, article_ids: Sequence[str] | None = None) -> list[ArticleSentences]:
        """Every sentence of these articles (all by default) with its embedding, read from the cache when it can be; the
        sentences of site boilerplate are left out."""
        records = self.articles()
        if article_ids is not None:
            by_id = {r.id: r for r in records}
            records = [by_id[i] for i in dict.fromkeys(article_ids) if i in by_id]
        pairs = [(r, text) for r in records if (text := self.article_text(r.id)) is not None]
        if self._sentence_vectors is None:
            folder = Path(self.settings.home) / "sentences" / self.settings.collection_prefix
            self._sentence_vectors = SentenceVectors(folder, self.embedder, self.settings.chunk_tokens)
        repeated = self.boilerplate()
        found = []
        for item in self._sentence_vectors.get(pairs):
            spans = repeated.get(item.record.id, ())
            keep = [i for i, s in enumerate(item.spans) if not any(s.start < b.end and b.start < s.end for b in spans)]
            if len(keep) < len(item.spans):
                item = ArticleSentences(item.record, item.text, tuple(item.spans[i] for i in keep), item.vectors[keep])
            found.append(item)
        return found

    def article_vectors(self, article_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """What each of these articles is about (the normalised mean of its stored chunk vectors), by id; nothing is encoded."""
        return self.store.article_vectors(article_ids)

    def search(self, query: str, k: int = 5, article_ids: Sequence[str] | None = None) -> list[SearchHit]:
        """The k chunks closest to the query by embedding similarity."""
        vector = self.embedder.encode([query])[0]
        return self.without_boilerplate(self.store.query(vector, k, article_ids))

    def keyword_search(self, query: str, k: int = 5, article_ids: Sequence[str] | None = None) -> list[SearchHit]:
        """The k chunks that match the query's words best (BM25 over the committed chunks)."""
        return self.lexical.search(query, k=k, article_ids=article_ids)

    def chunks_of(self, article_ids: Sequence[str]) -> list[SearchHit]:
        """Every committed chunk of these articles."""
        return self.lexical.chunks_of(article_ids)

    def chunk_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these chunks (a chunk id names one version, so its vector never changes)."""
        return self.store.vectors(chunk_ids)

    def nearest_chunks(self, vector: np.ndarray, k: int) -> list[tuple[SearchHit, float, np.ndarray]]:
        """(chunk, similarity, vector) of the k committed chunks nearest a query vector. The vector index also holds
        chunks of versions a crash left uncommitted, so it is asked for more until k committed ones are found; chunk
        texts come from the chunk list kept for keyword search, never from the store."""
        self.lexical.refresh()
        wanted = k + 8
        while True:
            nearest = self.store.nearest(vector, wanted)
            hits = [(chunk, score, found) for chunk_id, score, found in nearest if (chunk := self.lexical.chunk(chunk_id)) is not None]
            if len(hits) >= k or len(nearest) < wanted:
                return hits
            wanted *= 4

    # --- writing -------------------------------------------------------------------------------

    def edit(self, article_id: str, *, outlet: str | None = None, title: str | None = None) -> ArticleRecord | None:
        """Set an article's outlet or title as the reader knows it, without re-embedding; None if there is no such article."""
        fields = {name: clean_field(value) for name, value in (("outlet", outlet), ("title", title)) if value is not None}
        if "title" in fields and not fields["title"]:
            raise SourceError(article_id, "a title can't be empty; give the headline as readers know it")
        with self._writing():
            return self.store.update_record(article_id, fields) if fields else self.store.record(article_id)

    def remove(self, article_ids: Iterable[str]) -> tuple[list[str], list[str]]:
        """Remove articles; returns (removed ids, ids that were not in the library)."""
        removed: list[str] = []
        missing: list[str] = []
        with self._writing():
            for article_id in article_ids:
                (removed if self.store.remove_article(article_id) else missing).append(article_id)
        return removed, missing

    def ingest(self, sources: Iterable[str], progress: IngestProgress | None = None) -> IngestReport:
        """Load, clean, chunk, embed and store every source; failures are reported, never fatal to the rest."""
        self.recover()
        report = IngestReport()
        signatures = SignatureIndex(self.store.signatures())
        stored = {record.id: record for record in self.store.records()}
        seen: dict[str, tuple[str, str]] = {}
        batch: list[_Prepared] = []
        pending_chunks = 0
        try:
            for source in sources:
                for item in iter_documents(source, limit=self.settings.max_source_bytes, timeout=self.settings.url_timeout_s,
                                           deadline=self.settings.url_deadline_s, allow_private=self.settings.allow_private_urls):
                    if isinstance(item, SourceError):
                        report.errors.append(IngestError(item.source, item.message))
                        continue
                    try:
                        article = build_article(item)
                    except SourceError as error:
                        report.errors.append(IngestError(error.source, error.message))
                        continue
                    prepared = self._prepare(article, item.location or article.source, stored.get(article.id), seen, report)
                    if prepared is None:
                        continue
                    batch.append(prepared)
                    pending_chunks += len(prepared.chunks)
                    if progress:
                        progress.planned(len(prepared.chunks))
                    if pending_chunks >= _FLUSH_CHUNKS:
                        self._flush(batch, signatures, report, progress)
                        batch, pending_chunks = [], 0
            self._flush(batch, signatures, report, progress)
        except _Stopped as stop:
            saved = sum(a.status != "unchanged" for a in report.articles)
            # The failing write may have gone through in part: what came before it is known to be saved, the rest is not.
            kept = (f"the {saved} article{'s' * (saved != 1)} before {stop.where} {'were' if saved != 1 else 'was'} saved, "
                    "it and the ones after it may not have been" if saved else f"nothing before {stop.where} was saved")
            report.errors.append(IngestError("", f"{stop.failure.problem}; {kept}; {stop.failure.advice}"))
        return report

    def _prepare(self, article: Article, where: str, existing: ArticleRecord | None, seen: dict[str, tuple[str, str]],
                 report: IngestReport) -> _Prepared | None:
        """Chunk an article, or report it unchanged when the same version is already stored; a second article with the
        same id in one ingest (a JSONL id given twice) is an error for that record, and the first one is kept."""
        if article.id in seen:
            version, first = seen[article.id]
            if version != article.version:
                report.errors.append(IngestError(where, f"the id {article.id} was already given to {first}, with other content; "
                                                        "give each article its own id (the first one was kept)"))
            return None  # the same article twice in one ingest changes nothing
        seen[article.id] = (article.version, where)
        if existing is not None and existing.version == article.version:
            report.articles.append(IngestedArticle(existing, "unchanged"))
            return None
        max_tokens = self.settings.chunk_tokens
        chunks = chunk_sentences(article.text, split_into_sentences(article.text, max_tokens), article.id, article.version, max_tokens)
        status = "updated" if existing is not None else "added"
        return _Prepared(article, chunks, status, minhash_signature(article.text), where)

    def _flush(self, batch: list[_Prepared], signatures: SignatureIndex, report: IngestReport, progress: IngestProgress | None) -> None:
        """Encode a batch of articles together (better batching), then commit them in small groups."""
        if not batch:
            return
        texts = [chunk.text for prepared in batch for chunk in prepared.chunks]
        vectors = self.embedder.encode(texts, on_progress=progress.encoded if progress else None)
        writes, offset = [], 0
        for prepared in batch:
            article, count = prepared.article, len(prepared.chunks)
            match = signatures.duplicate_of(article.id, prepared.signature, self.settings.duplicate_threshold)
            duplicate_of = match[0] if match else ""
            if duplicate_of:
                signatures.discard(article.id)  # a copy never stands in for the original
            else:
                signatures.add(article.id, prepared.signature)
            writes.append(ArticleWrite(article, prepared.chunks, vectors[offset:offset + count], duplicate_of, prepared.signature))
            offset += count
        for group in _commit_groups(list(zip(batch, writes, strict=True))):
            with self._writing():
                self._commit(group, signatures, report)

    def _commit(self, group: list[tuple[_Prepared, ArticleWrite]], signatures: SignatureIndex, report: IngestReport) -> None:
        """Write a group of articles (the writer lock held). Whatever the store raises for it, the group is written again
        one article at a time, so one bad article fails alone; a lost server or a full disk stops the ingest here."""
        try:
            records = self.store.write_articles([write for _, write in group])
        except StoreUnavailable as failure:
            raise _Stopped(failure, group[0][0].where) from None
        except Exception as error:  # Chroma raises many types; one article must not sink the others
            if len(group) > 1:
                for pair in group:
                    self._commit([pair], signatures, report)
                return
            prepared = group[0][0]
            signatures.discard(prepared.article.id)
            log.debug("store failure", exc_info=True)
            report.errors.append(IngestError(prepared.where, f"could not be stored ({_one_line(error)}); the other articles were, "
                                                             "so try this one again"))
            return
        for (prepared, _), record in zip(group, records, strict=True):
            report.articles.append(IngestedArticle(record, prepared.status))  # type: ignore[arg-type]

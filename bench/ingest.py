"""Ingest throughput: the encoder's ceiling, our whole ingest, and the LangChain tutorial pipeline, on the same corpus.

    .venv/bin/python bench/ingest.py [--articles 320]
    .venv/bin/python bench/ingest.py --records 10000 [--sentences 1]

(a) encoder ceiling: chunks/s of the embedding model alone on our chunks (torch and int8 ONNX);
(b) our ingest from files to a persisted embedded Chroma: chunks/s and articles/s, per backend;
(c) RecursiveCharacterTextSplitter(1000, 200) + HuggingFaceEmbeddings (same local model) + langchain_chroma.Chroma.from_documents;
(d) the ratios between them.
With --records: (e) one JSONL file of N small records (each 1 or 2 consecutive DUC 2003 sentences) ingested in one call:
seconds in all, in the encoder, and in everything else (loading, cleaning, chunking, duplicate checks, store writes).
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

from common import duc_articles, timer

from index import IndexSettings, Library, build_article
from index.chunking import chunk_sentences, split_into_sentences
from index.embedding import get_embedder, resolve_model_dir
from index.loaders import iter_documents


def write_corpus(folder: Path, count: int) -> list[Path]:
    paths = []
    for number, doc in enumerate(duc_articles(count)):
        path = folder / f"{number:04d}-{doc['doc_id']}.txt"
        path.write_text(doc["text"], encoding="utf-8")
        paths.append(path)
    return paths


def our_chunks(paths: list[Path], settings: IndexSettings) -> list[str]:
    texts = []
    for path in paths:
        for document in iter_documents(str(path), limit=settings.max_source_bytes):
            article = build_article(document)
            spans = split_into_sentences(article.text, settings.chunk_tokens)
            texts.extend(c.text for c in chunk_sentences(article.text, spans, article.id, article.version, settings.chunk_tokens))
    return texts


def ceiling(backend: str, texts: list[str]) -> float:
    embedder = get_embedder(IndexSettings(embedding_backend=backend))
    embedder.encode(texts[:64])  # warm-up
    with timer() as t:
        embedder.encode(texts)
    return len(texts) / t["seconds"]


def our_ingest(backend: str, corpus: Path, articles: int) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as home:
        settings = IndexSettings(home=Path(home), embedding_backend=backend)
        library = Library(settings)
        library.embedder.encode(["warm-up"])
        with timer() as t:
            report = library.ingest([str(corpus)])
        assert report.ok and len(report.articles) == articles, report.errors[:3]
        chunks = library.store.chunk_count()
    return chunks / t["seconds"], articles / t["seconds"], chunks


def langchain_ingest(paths: list[Path]) -> tuple[float, float, int]:
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    embeddings = HuggingFaceEmbeddings(model_name=str(resolve_model_dir("")), model_kwargs={"device": "cpu"})
    embeddings.embed_query("warm-up")
    with tempfile.TemporaryDirectory() as home, timer() as t:
        documents = [Document(page_content=p.read_text(encoding="utf-8"), metadata={"source": str(p)}) for p in paths]
        splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(documents)
        Chroma.from_documents(splits, embeddings, persist_directory=home, collection_name="tutorial")
    return len(splits) / t["seconds"], len(paths) / t["seconds"], len(splits)


def small_records(count: int, sentences: int) -> list[dict]:
    records: list[dict] = []
    for doc in duc_articles():
        parts = re.split(r"(?<=[.!?])\s+", " ".join(doc["text"].split()))
        for begin in range(0, len(parts) - sentences + 1, sentences):
            text = " ".join(parts[begin:begin + sentences])
            if len(text.split()) >= 8:
                records.append({"id": f"{doc['doc_id']}-{begin}", "title": f"{doc['doc_id']} {begin}", "outlet": "DUC 2003", "text": text})
        if len(records) >= count:
            return records[:count]
    return records


class _TimedEmbedder:
    """The real embedder, with the seconds spent in it added up."""

    def __init__(self, embedder) -> None:
        self._embedder, self.seconds = embedder, 0.0
        self.name, self.dimension = embedder.name, embedder.dimension

    def encode(self, texts, on_progress=None):
        started = time.perf_counter()
        try:
            return self._embedder.encode(texts, on_progress=on_progress)
        finally:
            self.seconds += time.perf_counter() - started


def jsonl_ingest(count: int, sentences: int) -> None:
    records = small_records(count, sentences)
    words = sum(len(r["text"].split()) for r in records)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "records.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
        settings = IndexSettings(home=Path(scratch) / "home")
        embedder = _TimedEmbedder(get_embedder(settings))
        embedder.encode(["warm-up"])
        embedder.seconds = 0.0
        library = Library(settings, embedder=embedder)
        with timer() as t:
            report = library.ingest([str(path)])
        chunks = library.store.chunk_count()
    rest = t["seconds"] - embedder.seconds
    print(f"(e) {len(records)} JSONL records of {sentences} sentence(s), {words / len(records):.0f} words each on average: "
          f"{t['seconds']:.1f} s in all ({len(records) / t['seconds']:.0f} records/s), encoder {embedder.seconds:.1f} s, "
          f"everything else {rest:.1f} s ({rest / t['seconds']:.0%}); {len(report.articles)} articles, {len(report.errors)} errors, {chunks} chunks")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=320)
    parser.add_argument("--records", type=int, default=0, help="instead: ingest this many small JSONL records")
    parser.add_argument("--sentences", type=int, default=1, help="sentences per record with --records")
    args = parser.parse_args()
    if args.records:
        jsonl_ingest(args.records, args.sentences)
        return
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        paths = write_corpus(corpus, args.articles)
        texts = our_chunks(paths, IndexSettings())
        words = sum(len(p.read_text().split()) for p in paths)
        print(f"corpus: {len(paths)} DUC 2003 articles, {words} words, {len(texts)} of our chunks (~200 tokens, 1-sentence overlap)\n")

        rows = {}
        for backend in ("torch", "onnx-int8"):
            rows[f"ceiling {backend}"] = (ceiling(backend, texts), None, len(texts))
            print(f"(a) encoder ceiling, {backend:<9}: {rows[f'ceiling {backend}'][0]:6.1f} chunks/s", flush=True)
        for backend in ("torch", "onnx-int8"):
            rows[f"ours {backend}"] = our_ingest(backend, corpus, len(paths))
            c, a, n = rows[f"ours {backend}"]
            print(f"(b) our ingest, {backend:<9}    : {c:6.1f} chunks/s, {a:5.2f} articles/s ({n} chunks)", flush=True)
        rows["langchain"] = langchain_ingest(paths)
        c, a, n = rows["langchain"]
        print(f"(c) LangChain tutorial pipeline : {c:6.1f} chunks/s, {a:5.2f} articles/s ({n} chunks)\n", flush=True)

        torch_ceiling = rows["ceiling torch"][0]
        print("(d) ratios")
        print(f"    our ingest (torch) / torch ceiling          : {rows['ours torch'][0] / torch_ceiling:.2f}x")
        print(f"    our ingest (int8 ONNX) / int8 ONNX ceiling  : {rows['ours onnx-int8'][0] / rows['ceiling onnx-int8'][0]:.2f}x")
        print(f"    our ingest (int8 ONNX, default) / torch ceiling: {rows['ours onnx-int8'][0] / torch_ceiling:.2f}x")
        print(f"    our ingest (default) / LangChain, articles/s: {rows['ours onnx-int8'][1] / rows['langchain'][1]:.2f}x")
        print(f"    our ingest (torch) / LangChain, articles/s  : {rows['ours torch'][1] / rows['langchain'][1]:.2f}x")


if __name__ == "__main__":
    main()

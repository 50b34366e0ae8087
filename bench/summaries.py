"""Summary quality: ROUGE-1/2 recall of `summarize` against human references, beside LexRank, TextRank and Lead.

    .venv/bin/python bench/summaries.py [--dataset duc2003|multiling2011|both] [--limit N]

Every system gets the same sentences (our cleaning and sentence splitter), the same budget rule
(whole sentences, at most 100 words on DUC 2003 and 250 on MultiLing 2011, never a sentence cut in
half) and the same scorer: rouge-score with stemming, recall averaged over all references.
Ours runs the product's own selection (`bot.summarize.select_sentences`) on the same embeddings
the library would store. LexRank and TextRank are sumy's; Lead takes first sentences of each
article in turn.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

import numpy as np
from common import SHARED_DATA, require, timer

from bot.summarize import SentencePool, select_sentences
from index.text import word_count
from index import Document, IndexSettings, build_article
from index.chunking import split_into_sentences
from index.embedding import get_embedder

DATASETS = {"duc2003": ("duc2003/duc2003_mds.jsonl", 100), "multiling2011": ("multiling2011/multiling2011_en.jsonl", 250)}


def cluster_sentences(cluster: dict) -> tuple[list[str], list[int], list[int]]:
    """Sentences of every article in a cluster after the product's cleaning, with position and article number."""
    texts, positions, sources = [], [], []
    for number, doc in enumerate(cluster["docs"]):
        text = re.sub(r"``|''", '"', doc["text"])  # DUC writes quotes as ``...''
        try:
            article = build_article(Document(source=doc["doc_id"], identity=doc["doc_id"], text=text))
        except Exception:  # noqa: BLE001 - an article that cleans to nothing just contributes no sentences
            continue
        for position, span in enumerate(split_into_sentences(article.text)):
            texts.append(article.text[span.start:span.end])
            positions.append(position)
            sources.append(number)
    return texts, positions, sources


def within_budget(ranked: list[int], texts: list[str], words: int) -> list[int]:
    """Whole sentences in rank order, skipping any that would overflow the budget."""
    chosen, used = [], 0
    for index in ranked:
        cost = word_count(texts[index])
        if used + cost <= words:
            chosen.append(index)
            used += cost
    return chosen


class _Tokenizer:
    """sumy's tokenizer interface without NLTK's punkt data (which cannot be downloaded here)."""

    language = "english"

    def to_sentences(self, paragraph: str):
        return tuple(paragraph[s.start:s.end] for s in split_into_sentences(paragraph))

    def to_words(self, sentence: str):
        return tuple(re.findall(r"[^\W\d_](?:[^\W\d_]|['-])*", sentence))


def sumy_ranking(kind: str, texts: list[str]) -> list[int]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _Tokenizer()
    sentences = [Sentence(t, tokenizer) for t in texts]
    document = ObjectDocumentModel([Paragraph(sentences)])
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    if kind == "lexrank":
        words = [summarizer._to_words_set(s) for s in document.sentences]
        matrix = summarizer._create_matrix(words, summarizer.threshold, summarizer._compute_tf(words), summarizer._compute_idf(words))
        scores = list(summarizer.power_method(matrix, summarizer.epsilon))
    else:
        ratings = summarizer.rate_sentences(document)
        scores = [ratings[s] for s in document.sentences]
    return sorted(range(len(texts)), key=lambda i: -scores[i])


def lead_ranking(positions: list[int], sources: list[int]) -> list[int]:
    return sorted(range(len(positions)), key=lambda i: (positions[i], sources[i]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", choices=[*DATASETS, "both"], default="both")
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    args = parser.parse_args()
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    embedder = get_embedder(IndexSettings())
    for name in DATASETS if args.dataset == "both" else [args.dataset]:
        path, budget = DATASETS[name]
        clusters = [json.loads(line) for line in require(SHARED_DATA / path).open()][: args.limit]
        systems = ["manysides", "lexrank", "textrank", "lead"]
        scores = {s: {"rouge1": [], "rouge2": []} for s in systems}
        seconds = dict.fromkeys(systems, 0.0)
        for cluster in clusters:
            texts, positions, sources = cluster_sentences(cluster)
            vectors = embedder.encode(texts)
            pool = SentencePool(texts, vectors, positions, sources)
            for system in systems:
                with timer() as took:
                    if system == "manysides":
                        chosen = select_sentences(pool, budget)
                    elif system == "lead":
                        chosen = within_budget(lead_ranking(positions, sources), texts, budget)
                    else:
                        chosen = within_budget(sumy_ranking(system, texts), texts, budget)
                seconds[system] += took["seconds"]
                summary = " ".join(texts[i] for i in chosen)
                assert word_count(summary) <= budget, (system, word_count(summary))
                for measure in ("rouge1", "rouge2"):
                    recalls = [scorer.score(reference, summary)[measure].recall for reference in cluster["references"].values()]
                    scores[system][measure].append(float(np.mean(recalls)))
            print(".", end="", file=sys.stderr, flush=True)
        print(f"\n{name}: {len(clusters)} clusters, budget {budget} words (whole sentences), recall vs all references, stemmed")
        print(f"{'system':12} {'ROUGE-1':>8} {'ROUGE-2':>8} {'s/cluster':>10}")
        for system in systems:
            r1, r2 = np.mean(scores[system]["rouge1"]), np.mean(scores[system]["rouge2"])
            print(f"{system:12} {r1:8.4f} {r2:8.4f} {seconds[system] / len(clusters):10.3f}")
        ours, lexrank = np.mean(scores["manysides"]["rouge1"]), np.mean(scores["lexrank"]["rouge1"])
        print(f"manysides vs LexRank, ROUGE-1: {100 * (ours / lexrank - 1):+.1f}% relative", flush=True)


if __name__ == "__main__":
    main()

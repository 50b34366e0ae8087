"""One cited summary of the whole story across the chosen articles, within a word budget.

Extractive by default: a monotone submodular objective over sentence embeddings (coverage of
every sentence in the articles, plus a diversity reward over clusters of sentences, after Lin and
Bilmes 2011), where a sentence's own value grows with its position near the top of its article and
with how many other sources report something close to it. Greedy selection by gain per word keeps
to the budget with whole sentences; the chosen sentences are then ordered as they appear in their
articles. In LLM mode the model rewrites the selected evidence, and each sentence is checked against
the sentences it cites.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.citations import AnswerSentence, Citation
from bot.claims import sameness as sameness_of, slot_conflict
from bot.library import chosen_sentences
from bot.llm import rewrite_summary
from index import ArticleRecord, Library, ManysidesError, articles_to_compare
from index import ArticleSentences
from index import STOPWORDS, cut_off, ends_sentence, has_negation, is_non_answer, leans_on_previous, stem_words, tokens, word_count

__all__ = ["SentencePool", "Summary", "corroborating", "reads_alone", "select_sentences", "summarize"]

_MIN_WORDS, _MAX_WORDS = 6, 60  # shorter sentences are fragments; longer ones eat the budget
_COVERAGE_SATURATION = 0.2  # Lin & Bilmes' alpha, as a share of what the whole pool covers
_COVERAGE_WEIGHT = 1.0  # covering what every sentence of the story says, by meaning
_CONCEPT_WEIGHT = 1.0  # covering words and word pairs that several sources use
_COST_EXPONENT = 0.2  # gain per word**r: 0 ignores length, 1 favours short sentences
_POSITION_WEIGHT = 0.6
_SUPPORT_WEIGHT = 1.0
_REDUNDANT = 0.65  # a candidate this close to a chosen sentence says the same thing
_SUPPORT_SIMILARITY = 0.6  # another source has a sentence this close: the fact is corroborated
_ALSO_CITED = 0.75  # another source's sentence this close (cosine), giving no other figure and no denial, is cited too


@dataclass(frozen=True)
class SentencePool:
    """Candidate sentences of a story with what selection needs to know about them."""

    texts: list[str]  # sentence texts
    vectors: np.ndarray  # (n, d) unit vectors
    positions: list[int]  # sentence number in its article
    sources: list[int]  # which independent source it comes from


@dataclass(frozen=True)
class Summary:
    """A cited summary and the articles it draws on."""

    text: str  # the summary
    sentences: tuple[AnswerSentence, ...]  # each sentence with its citations
    sources: tuple[ArticleRecord, ...]  # articles cited, in order of first citation
    words: int  # the word budget asked for

    def to_json(self) -> dict:
        return {
            "summary": self.text,
            "words": self.words,
            "sentences": [s.to_json() for s in self.sentences],
            "sources": [r.source_json() for r in self.sources],
        }


def reads_alone(text: str) -> bool:
    """A sentence that reads on its own: not a fragment, headline or cut-off sentence, a question, a photo credit, or a pronoun with nothing to point to."""
    words = word_count(text)
    # A line without a closing stop is a headline or sub-head the page left in, not a sentence of the report.
    return (_MIN_WORDS <= words <= _MAX_WORDS and ends_sentence(text) and not cut_off(text) and not text.rstrip().endswith("?") and not text.startswith("…")
            and not re.match(r"^\W*(by|photo|image)\b", text, re.I)
            and not leans_on_previous(text) and not is_non_answer(text))


def _concepts(text: str) -> list[str]:
    """Stemmed content words and word pairs: the units of information a summary can cover."""
    plain = tokens(text)
    words = [f"~{w}" if w in STOPWORDS else stemmed for w, stemmed in zip(plain, stem_words(plain), strict=True)]
    unigrams = [w for w in words if not w.startswith("~") and len(w) > 1]
    bigrams = [f"{a} {b}" for a, b in itertools.pairwise(words) if not (a.startswith("~") and b.startswith("~"))]
    return unigrams + bigrams


def _concept_matrix(pool: SentencePool, candidates: np.ndarray):
    """(candidates x concepts) incidence and each concept's weight: how many sources mention it (those in one source only count if nothing else does)."""
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(analyzer=_concepts, binary=True)
    by_source: dict[int, list[str]] = {}
    for text, source in zip(pool.texts, pool.sources, strict=True):
        by_source.setdefault(source, []).append(text)
    per_source = vectorizer.fit_transform([" . ".join(texts) for texts in by_source.values()])
    weights = np.asarray(per_source.sum(axis=0)).ravel().astype(np.float32)
    if len(by_source) > 1:
        weights[weights < 2] = 0.0
    incidence = vectorizer.transform([pool.texts[i] for i in candidates]).tocsr().astype(np.float32)
    return incidence, weights


def select_sentences(pool: SentencePool, words: int) -> list[int]:
    """Indices of the sentences that best summarize the pool within `words` words, in reading order."""
    candidates = np.array([i for i, t in enumerate(pool.texts) if reads_alone(t)], dtype=np.int64)
    if not len(candidates) or words <= 0:
        return []
    vectors = pool.vectors
    dense_similarity = vectors @ vectors[candidates].T  # (all sentences, candidates)
    similarity = np.clip(dense_similarity, 0.0, None)
    positions = np.array(pool.positions, dtype=np.float32)[candidates]
    # Corroboration: how many other sources hold a sentence close to the candidate.
    source_of = np.unique(np.array(pool.sources), return_inverse=True)[1]
    in_source = np.eye(source_of.max() + 1, dtype=np.float32)[source_of]  # (all sentences, sources)
    reaches = ((dense_similarity >= _SUPPORT_SIMILARITY).T.astype(np.float32) @ in_source) > 0  # (candidates, sources)
    reaches[np.arange(len(candidates)), source_of[candidates]] = False
    support = reaches.sum(axis=1).astype(np.float32)
    source_count = max(1, in_source.shape[1] - 1)
    value = 1.0 / np.sqrt(1.0 + positions) + _SUPPORT_WEIGHT * support / source_count
    costs = np.array([word_count(pool.texts[i]) for i in candidates], dtype=np.float32)
    incidence, concept_weights = _concept_matrix(pool, candidates)
    # Two sentences say the same thing when close in meaning, more so when they share names and figures (as in bot.compare).
    sameness = sameness_of(dense_similarity[candidates], [pool.texts[i] for i in candidates])

    saturation = _COVERAGE_SATURATION * similarity.sum(axis=1)
    covered = np.zeros(len(pool.texts), dtype=np.float32)
    uncovered = concept_weights.copy()
    chosen: list[int] = []
    left = float(words)
    available = costs <= left
    norms = None
    while available.any():
        coverage_gain = (np.minimum(covered[:, None] + similarity, saturation[:, None]) - np.minimum(covered, saturation)[:, None]).sum(axis=0)
        concept_gain = incidence @ uncovered
        if norms is None:  # put the terms on one scale: each one's best first gain is 1
            norms = (max(float(coverage_gain.max()), 1e-9), max(float(concept_gain.max()), 1e-9), max(float(value.max()), 1e-9))
        gain = (_COVERAGE_WEIGHT * coverage_gain / norms[0] + _CONCEPT_WEIGHT * concept_gain / norms[1] + _POSITION_WEIGHT * value / norms[2])
        gain = gain / np.power(costs, _COST_EXPONENT)
        gain[~available] = -np.inf
        best = int(gain.argmax())
        chosen.append(best)
        covered += similarity[:, best]
        uncovered[incidence[best].indices] = 0.0
        left -= costs[best]
        available &= costs <= left
        available[best] = False
        available[np.flatnonzero(sameness[:, best] >= _REDUNDANT)] = False  # never the same fact twice
    picked = [int(candidates[c]) for c in chosen]
    return sorted(picked, key=lambda i: (pool.positions[i] / max(1, _article_length(pool, i)), pool.sources[i], i))


def _article_length(pool: SentencePool, index: int) -> int:
    return sum(1 for s in pool.sources if s == pool.sources[index])


def pool_of(articles: Sequence[ArticleSentences]) -> tuple[SentencePool, list[Citation]]:
    """The candidate pool of some articles, with each sentence's citation; wire copies are left out."""
    ids = {a.record.id for a in articles}
    kept = [a for a in articles if not (a.record.duplicate_of and a.record.duplicate_of in ids)]
    texts, vectors, positions, sources, citations = [], [], [], [], []
    for number, article in enumerate(kept):
        for position, span in enumerate(article.spans):
            quote = article.text[span.start:span.end]
            texts.append(quote)
            vectors.append(article.vectors[position])
            positions.append(position)
            sources.append(number)
            citations.append(Citation(article.record.id, quote, span.start, span.end))
    dimension = kept[0].vectors.shape[1] if kept and kept[0].vectors.ndim == 2 else 384
    matrix = np.stack(vectors).astype(np.float32) if vectors else np.zeros((0, dimension), dtype=np.float32)
    return SentencePool(texts, matrix, positions, sources), citations


def corroborating(pool: SentencePool, citations: Sequence[Citation], index: int) -> list[Citation]:
    """The sentence's own citation, then each other source's closest sentence when it says the same: at least _ALSO_CITED
    cosine, no figure, date or count that differs (`slot_conflict`) and no denial only one of them makes. A summary
    sentence is the reader's one line for a fact; it names every outlet that reports it, as the comparison does."""
    similarity = pool.vectors @ pool.vectors[index]
    cited = [citations[index]]
    for source in dict.fromkeys(pool.sources):
        if source == pool.sources[index]:
            continue
        best = max((k for k, s in enumerate(pool.sources) if s == source), key=lambda k: float(similarity[k]))
        text, other = pool.texts[index], pool.texts[best]
        if (float(similarity[best]) >= _ALSO_CITED and slot_conflict(text, other) is None
                and has_negation(text) == has_negation(other)):
            cited.append(citations[best])
    return cited


def summarize(library: Library, article_ids: Sequence[str] | None = None, words: int = 100, chat_model=None) -> Summary:
    """A summary of the chosen articles (all by default) in at most `words` words, every sentence cited."""
    if words < _MIN_WORDS:
        raise ManysidesError(f"a summary needs a budget of at least {_MIN_WORDS} words; pass --words {_MIN_WORDS} or more")
    articles = chosen_sentences(library, article_ids)
    if article_ids is None:  # as a comparison does: a teaser or a page of widgets is left out unless the reader names it
        kept = {r.id for r in articles_to_compare([a.record for a in articles])}
        articles = [a for a in articles if a.record.id in kept] or articles
    if not articles:
        raise ManysidesError("there are no articles to summarize; add some with `manysides ingest` or choose existing ids")
    pool, citations = pool_of(articles)
    picked = select_sentences(pool, words)
    records = {a.record.id: a.record for a in articles}
    if chat_model is not None:
        sentences = rewrite_summary(library, chat_model, [citations[i] for i in picked], words)
    else:
        sentences = [AnswerSentence(citations[i].quote, tuple(corroborating(pool, citations, i)), True) for i in picked]
    cited = dict.fromkeys(c.article_id for s in sentences for c in s.citations)
    return Summary(" ".join(s.text for s in sentences), tuple(sentences), tuple(records[i] for i in cited), words)

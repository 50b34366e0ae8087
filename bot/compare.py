"""The comparison grid: what every outlet reports, what each adds alone, where they disagree, and who is quoted saying what.

1. Claims: every sentence of the chosen articles of one story (clauses where a semicolon, or a comma and a conjunction
   before a new subject, joins several), compared by what they claim without the frame of reported speech
   ("Officials said that …"), with cached embeddings. A direct quote is compared by its words and listed under quotes.
2. Candidates, source pair by source pair (never an all-claims matrix): for each claim and each other source, its most
   similar claim there (embedding cosine plus a bonus for TF-IDF overlap of words, names and numbers) above a floor,
   and the one sharing most rare words and figures. Pairs judged grow with claims × sources.
3. The judge (`bot.judge`, a cross-encoder) reads each candidate pair both ways: `same` and `adds` align the claims into
   one fact (a detail only one sentence gives never separates them), `contradicts` is a different value in the same slot
   (another figure, date or count for the same event), `unrelated` aligns nothing, however similar the words. A fact
   spanning two or more independent sources is consensus; every member is judged against every other, so a fact lists
   every outlet that reports it. What aligns with nothing, and no other article seems to tell in other words, is unique;
   what another article may tell is a close call, shown beside that article's wording, unconfirmed.
   Wire copies (`duplicate_of`) count once: a copy's claims never make agreement.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Literal

import numpy as np

from bot.citations import Citation, content_words
from bot.claims import (PEOPLE_NOUNS, WORD_OVERLAP_WEIGHT, KIND_OF_QUANTITY, Disagreement, DisagreementKind, claim_conflict, claim_content,
                        claim_core, contrasting, different_silent_parties, mask_values, outcome_conflict, people_count_conflict, people_counts, quantities, slot_conflict, split_claims, swapped, tfidf_rows,
                        values_of_two_things, words_told_in)
from bot.judge import ADDS, CONTRADICTION, CONTRADICTS, ENTAILMENT, ENTAILS, SAME, UNRELATED, Judge, get_judge, ruled_relation, score_directions
from bot.llm import phrase_consensus
from bot.quotes import QuoteKind, find_attributions, one_name_per_person, quotation_spans, within_quotation
from bot.stories import Story, group_stories, unrelated_pair
from bot.library import chosen_records, chosen_sentences
from index import (ArticleRecord, ArticleSentences, Library, ManysidesError, articles_to_compare, cut_off, ends_sentence, has_negation,
                   Span, leans_on_previous, names_in, numbers_in, site_name, stem, without_dateline)

__all__ = ["Claim", "CloseCall", "article_label", "Comparison", "Conflict", "ConsensusItem", "CoverageCell", "Position", "QuoteItem", "UniqueClaims", "compare",
           "compare_sentences", "named_outlet", "outlet_label"]

_CANDIDATE = 0.55  # similarity (cosine plus the word-overlap bonus) from which the judge looks at a pair (0.45 until
# 2026-12-05: on 50 DUC 2003 articles the pairs between 0.45 and 0.55 were half the judging, and what they aligned was
# mostly two facts of one story (Waco tear gas notified / released on video); on the labelled web news 0.55 finds one
# shared fact fewer (57/129) with two false agreements fewer (8/78))
_CANDIDATES_PER_SOURCE = 1  # by meaning: pairs judged per claim and other article, its most similar claim there (a second
# one, tried to 2026-12-05, found no more shared facts on the labelled web news and cost a third of the judging)
_LEXICAL_CANDIDATE = 0.3  # by shared rare words and figures (TF-IDF cosine): the best such claim per other article too
_MUTUAL = 0.6  # each other's best match and at least this cosine: similarity proposes the same fact
_MUTUAL_COMBINED = 0.55  # or each other's best match at this cosine plus word-overlap bonus, when the judge leans _LEANS_SAME
_SIMILAR_KINSHIP = 0.05  # and the judge gives it at least this much entailment or sameness (on the labelled web news of
# bench/compare_news.py, shared-fact sentence pairs: 48% pass cosine 0.6 and this, sentences of different facts 1%)
_SIMILAR_ACROSS_VOICES = 0.1  # kinship from which similarity aligns a named person's claim with an unattributed one
_UNSURE = 0.6  # this similar to another outlet's claim, which the judge relates a little but does not align: never "only X"
_UNSURE_KINSHIP = 0.1  # (a little: this much entailment or sameness)
_NEAREST_IN_MEANING = 0.3  # cosine of two claims' vectors less the mean of all claims (what the story's sentences share)
# from which two claims of two outlets, each the other's nearest, are never "only X" whatever the judge read: each is a
# close call beside the other (when both have one speaker or none). On the labelled web news of bench/compare_news.py
# (2026-12-06) false "only" items fell from 46 of 282 to 21 of 215, labelled "only" facts shown as such from 55 to 47
# of 76 (+10 as close calls, was +3); plain cosine did worse at every threshold (0.55: 31 false, 49 true; 0.45: 13
# false, 32 true), and without the mutual-nearest condition most of what it moved were a short story's sentences that
# share only its names; across speakers it moved a shop owner's quote beside a traffic count.
_STRONG = 0.7  # this cosine: proposed even if not each other's best match
_LEANS_CONTRADICTION = 0.5  # a pair the judge reads as this likely contradictory is never aligned on similarity
_LEANS_SAME = 0.12  # similarity aligns only a pair the judge gives at least this much entailment (either way) or sameness:
# most similar-but-different sentences of real DUC 2003 clusters score below it (0.02-0.21), shared facts worded apart above
_SIMILAR = "similar"  # the judge finds neither entailment nor contradiction, similarity aligns, and no name, figure or negation differs
_ALIGNED = (SAME, ADDS, _SIMILAR)
# Values that make two claims the judge read as unrelated a conflict after all (a cost given twice); a month, a weekday
# or a year differing between unrelated sentences usually dates different events.
_AMOUNTS = frozenset({DisagreementKind.MONEY, DisagreementKind.PERCENT, DisagreementKind.NUMBER, DisagreementKind.DATE})  # relations that put two claims in one fact, surest first
_MIN_WORDS = 4  # shorter sentences ("Share this.") are not claims
_FIGURE_WORDS = frozenset({"thousand", "million", "billion", "trillion", "percent", "cent", "dollar", "euro", "pound"})


@dataclass(frozen=True)
class Claim:
    """A claim in one article's words."""

    text: str  # the claim as written
    citations: tuple[Citation, ...]  # the sentence it comes from
    speaker: str = ""  # who the article attributes it to, when it is reported speech
    closest: float = 0.0  # its highest cosine with a claim of another independent source: how distinct it is

    def to_json(self) -> dict:
        return {"claim": self.text, "citations": [c.to_json() for c in self.citations], "speaker": self.speaker or None,
                "closest": round(self.closest, 3)}


@dataclass(frozen=True)
class ConsensusItem:
    """A fact two or more independent outlets report, in one line, citing each outlet's own wording."""

    claim: str  # the most representative wording
    citations: tuple[Citation, ...]  # one per article that carries it
    article_ids: tuple[str, ...]  # the articles that carry it

    def to_json(self) -> dict:
        return {"claim": self.claim, "citations": [c.to_json() for c in self.citations], "article_ids": list(self.article_ids)}


@dataclass(frozen=True)
class UniqueClaims:
    """What one article reports that no other source does, in article order."""

    article_id: str  # the article
    claims: tuple[Claim, ...]  # its claims no other source carries

    def to_json(self) -> dict:
        return {"article_id": self.article_id, "claims": [c.to_json() for c in self.claims]}


@dataclass(frozen=True)
class CloseCall:
    """A claim of one outlet that another outlet's claim comes close to, though the judge could not tell that the two
    say one fact: neither an agreement nor "only X reports", so the reader sees both wordings and decides."""

    article_id: str  # the outlet's article
    claim: Claim  # its claim
    nearest: tuple[Citation, ...]  # for each other article that may tell it, the sentence or claim that does

    def to_json(self) -> dict:
        return {"article_id": self.article_id} | self.claim.to_json() | {"nearest": [c.to_json() for c in self.nearest]}


@dataclass(frozen=True)
class Position:
    """One side of a conflict."""

    article_id: str  # the article
    claim: str  # what it says
    citations: tuple[Citation, ...]  # where

    def to_json(self) -> dict:
        return {"article_id": self.article_id, "claim": self.claim, "citations": [c.to_json() for c in self.citations]}


@dataclass(frozen=True)
class Conflict:
    """Aligned claims that disagree, with each side's words."""

    topic: str  # what they are about
    positions: tuple[Position, ...]  # one per article
    reason: str  # what differs, e.g. "different money: $4.2 million vs $6.8 million"

    def to_json(self) -> dict:
        return {"topic": self.topic, "reason": self.reason, "positions": [p.to_json() for p in self.positions]}


@dataclass(frozen=True)
class QuoteItem:
    """Words an outlet attributes to a speaker."""

    speaker: str  # full name as the article gives it
    role: str  # title or description
    article_id: str  # the article
    quote: str  # the quoted words, or the reported sentence
    kind: QuoteKind  # "direct" or "attributed"
    citations: tuple[Citation, ...]  # the sentences it comes from

    def to_json(self) -> dict:
        return {"speaker": self.speaker, "role": self.role or None, "article_id": self.article_id, "quote": self.quote,
                "kind": self.kind, "citations": [c.to_json() for c in self.citations]}


@dataclass(frozen=True)
class CoverageCell:
    """One cell of the facts × outlets matrix."""

    fact: str  # the fact, as shown
    fact_index: int  # its row
    kind: Literal["consensus", "conflict", "unique"]  # which part of the comparison the fact comes from
    article_id: str  # the column
    outlet: str  # the column's label
    status: Literal["reported", "perhaps", "not reported", "conflicting"]  # what the outlet does with the fact ("perhaps":
    # a close call of that outlet stands beside one of the fact's sentences)


@dataclass(frozen=True)
class Comparison:
    """The comparison of the chosen articles."""

    consensus: tuple[ConsensusItem, ...]  # facts two or more independent sources report
    unique: tuple[UniqueClaims, ...]  # per article, what only it reports
    conflicts: tuple[Conflict, ...]  # where they disagree
    quotes: tuple[QuoteItem, ...]  # who is quoted saying what, per outlet
    sources: tuple[ArticleRecord, ...]  # the articles compared
    duplicates: tuple[tuple[str, str], ...] = ()  # (copy, original) pairs counted once
    stories: tuple[Story, ...] = ()  # the stories the chosen articles hold, largest first, when more than one
    story: int = 0  # which of them this comparison is about
    unrelated: bool = False  # two articles that seem to be about different stories (see bot.stories.unrelated_pair)
    close_calls: tuple[CloseCall, ...] = ()  # claims close to another outlet's that the judge could not confirm as one fact

    def coverage(self, unique_per_article: int | None = 3) -> list[CoverageCell]:
        """Facts × outlets: consensus and conflicts, then each article's first unique claims (all of them with None).
        A conflict's row reads as its first side's claim: a sentence, not a bag of shared words."""
        labels = {r.id: outlet_label(r, self.sources) for r in self.sources}
        columns = [r.id for r in self.sources if r.id not in dict(self.duplicates)]
        rows: list[tuple[str, Literal["consensus", "conflict", "unique"], dict[str, Literal["reported", "perhaps", "conflicting"]]]] = []

        def perhaps(cited: Sequence[Citation], marks: dict) -> dict:
            """An outlet with a close call beside one of the fact's sentences may report it too (not confirmed)."""
            for call in self.close_calls:
                if call.article_id not in marks and any(_overlap(near, c) for near in call.nearest for c in cited):
                    marks[call.article_id] = "perhaps"
            return marks

        for item in self.consensus:
            rows.append((item.claim, "consensus", perhaps(item.citations, dict.fromkeys(item.article_ids, "reported"))))
        for conflict in self.conflicts:
            fact = conflict.positions[0].claim if conflict.positions else conflict.topic
            cited = [c for p in conflict.positions for c in p.citations]
            rows.append((fact, "conflict", perhaps(cited, {p.article_id: "conflicting" for p in conflict.positions})))
        for group in self.unique:
            for claim in group.claims[:unique_per_article]:
                rows.append((claim.text, "unique", {group.article_id: "reported"}))
        return [CoverageCell(" ".join(fact.split()), index, kind, article_id, labels[article_id], marks.get(article_id, "not reported"))
                for index, (fact, kind, marks) in enumerate(rows) for article_id in columns]

    def to_json(self) -> dict:
        return {
            "consensus": [c.to_json() for c in self.consensus],
            "unique": [u.to_json() for u in self.unique],
            "conflicts": [c.to_json() for c in self.conflicts],
            "close_calls": [c.to_json() for c in self.close_calls],
            "quotes": [q.to_json() for q in self.quotes],
            "sources": [r.source_json() for r in self.sources],
            "duplicates": [{"article_id": copy, "duplicate_of": original} for copy, original in self.duplicates],
            "coverage": [{"fact": c.fact, "fact_index": c.fact_index, "kind": c.kind, "article_id": c.article_id, "status": c.status}
                         for c in self.coverage()],
        } | ({"stories": [s.to_json() for s in self.stories], "story": self.story} if len(self.stories) > 1 else {}) | (
            {"unrelated": True} if self.unrelated else {})


def _site(where: str) -> str:
    """A short name for an article without an outlet: the web site, or the file name without its folder and suffix."""
    if where.startswith(("http://", "https://")):
        return site_name(where)
    stem = PurePath(where).stem if where not in ("", "-") else ""
    # "northern-ledger" names an outlet; "000_cbbd79d903cc84ac" names nothing a reader knows.
    if not re.search(r"[A-Za-z]{3,}", stem) or sum(c.isdigit() for c in stem) > len(stem) // 4:
        return ""
    words = re.split(r"[-_\s]+", stem)
    if len([w for w in words if w]) > 4:  # a headline made into a file name: a cut-off of it is no name
        return ""
    return " ".join(w.capitalize() for w in words if w) if stem == stem.lower() else stem  # "northern-ledger" -> "Northern Ledger"


def named_outlet(record: ArticleRecord) -> str:
    """The outlet as the article, its address or its file name gives it; empty when none of them names one."""
    return record.outlet or _site(record.url or record.source)


def outlet_label(record: ArticleRecord, among: Sequence[ArticleRecord]) -> str:
    """How a column or a line names the article: its outlet, else the words of its file name, else "Article N" (its number
    in the library's list, so the list, the chart and every citation call it the same; failing that, its place among these
    articles), told apart when two articles share one. Never a cut-off headline."""
    numbers = {r.id: r.number or n for n, r in enumerate(among, start=1)}

    def base(r: ArticleRecord) -> str:
        return named_outlet(r) or f"Article {r.number or numbers.get(r.id, '')}".rstrip()

    name = base(record)
    namesakes = [r.id for r in among if base(r) == name and r.id != record.id]
    if not namesakes:
        return name
    length = 7  # the shortest id prefix that tells it apart from its namesakes ("AP (APW19990519)", "AP (APW20000507)")
    while length < len(record.id) and any(i[:length] == record.id[:length] for i in namesakes):
        length += 1
    return f"{name} ({record.id[:length]})"


def article_label(record: ArticleRecord, among: Sequence[ArticleRecord]) -> str:
    """The article's one short name (its outlet label; never a hash-like file name), then its headline. The name always
    leads, also when it is only "Article 3": the chart and the summaries call the article by that name."""
    name = outlet_label(record, among)
    return f"{name} - {record.title}" if record.title and record.title != name else name


@dataclass(frozen=True)
class _Unit:
    """A claim being compared."""

    article: int  # index into the compared articles
    group: int  # independent source it counts for
    citation: Citation  # where it is
    position: int  # sentence number in its article
    speaker: str  # who it is attributed to, if anyone
    content: str  # what is compared: the claim, or for reported speech what was said
    quoted: bool = False  # a direct quote: compared by its words, listed under "who is quoted" rather than as an outlet's own claim
    voiced: bool = False  # someone's own words: a direct quote, or a sentence wholly inside quotation marks
    frame: str = ""  # the attribution taken off the claim when no speaker was found in it (", Indonesia's transport ministry said")


def _claims_of(articles: Sequence[ArticleSentences], groups: Sequence[int], library_encode) -> tuple[list[_Unit], np.ndarray, list[QuoteItem]]:
    """Claim units, their vectors, and the quotes (direct quotes are quotes, not claims)."""
    units: list[_Unit] = []
    vectors: list[np.ndarray] = []
    quotes: list[QuoteItem] = []
    to_encode: list[tuple[int, str]] = []
    found = [find_attributions(article.text, article.spans) for article in articles]
    person = one_name_per_person([a.speaker for attributions in found for a in attributions if a.speaker])
    for index, article in enumerate(articles):
        attributions = [replace(a, speaker=person.get(a.speaker, a.speaker)) for a in found[index]]
        direct = {(a.span.start, a.span.end) for a in attributions if a.kind == "direct"}
        direct_starts = [a.span for a in attributions if a.kind == "direct"]
        attributed = {a.span.start: a for a in attributions if a.kind == "attributed"}
        for a in attributions:
            sentences = [s for s in article.spans if a.span.start <= s.start < a.span.end]
            citations = tuple(Citation(article.record.id, article.text[s.start:s.end], s.start, s.end) for s in sentences)
            quotes.append(QuoteItem(a.speaker, a.role, article.record.id, a.quote, a.kind, citations))
            # What a speaker is quoted saying can be a fact other outlets report in their own words (or quote too).
            if a.kind == "direct" and sentences and len(a.quote.split()) >= _MIN_WORDS:
                first = article.spans.index(sentences[0])
                whole = Citation(article.record.id, article.text[sentences[0].start:sentences[-1].end], sentences[0].start, sentences[-1].end)
                units.append(_Unit(index, groups[index], whole, first, a.speaker, a.quote, quoted=True, voiced=True))
                to_encode.append((len(vectors), a.quote))
                vectors.append(article.vectors[first])
        # A page that prints a sentence twice (a summary line above the story, its title again as the lede after a
        # dateline) says it once, where it first does.
        seen: set[str] = set()
        quotations = quotation_spans(article.text)
        for position, span in enumerate(article.spans):
            if any(d.start <= span.start < d.end for d in direct_starts) or (span.start, span.end) in direct:
                continue
            sentence = article.text[span.start:span.end]
            if (said := " ".join(without_dateline(sentence).lower().split())) in seen:
                continue
            seen.add(said)
            # A question is not a claim, nor is a line without a closing stop (a headline or sub-head the page left in), nor
            # one cut off by an ellipsis (a teaser, a paywall's cut).
            if len(sentence.split()) < _MIN_WORDS or sentence.rstrip().endswith("?") or not ends_sentence(sentence) or cut_off(sentence) \
                    or not re.search(r"[a-z]", sentence):  # an all-capitals line is an editor's note ("STORY CAN END HERE"), not a claim
                continue
            parts = split_claims(sentence)
            reported = attributed.get(span.start)
            starts = [span.start + start + (len(sentence[start:end]) - len(sentence[start:end].lstrip())) for start, end in parts]
            said_parts = [sentence[start:end].strip() for start, end in parts]
            voiced = within_quotation([Span(at, at + len(part)) for at, part in zip(starts, said_parts, strict=True)], quotations)
            for n, (quote, offset) in enumerate(zip(said_parts, starts, strict=True)):
                citation = Citation(article.record.id, quote, offset, offset + len(quote))
                # Reported speech is compared by what was said: the speaker's name says who, not what happened.
                frame = ""
                if reported and len(parts) == 1 and reported.said:
                    content = reported.said
                else:
                    # Without the dateline a lead sentence opens with: two outlets' "MOJAVE, Calif. (AP) --" is no shared fact.
                    first, last = claim_content(quote)
                    content = without_dateline(quote[first:last])
                    frame = f"{quote[:first]} {quote[last:]}".strip()
                units.append(_Unit(index, groups[index], citation, position, reported.speaker if reported else "", content,
                                   voiced=n in voiced, frame=frame))
                if content != sentence:
                    to_encode.append((len(vectors), content))
                vectors.append(article.vectors[position])
    if to_encode:
        encoded = _encode_cached(library_encode, [q for _, q in to_encode])
        for (slot, _), vector in zip(to_encode, encoded, strict=True):
            vectors[slot] = vector
    dimension = articles[0].vectors.shape[1] if articles and articles[0].vectors.ndim == 2 else 384
    matrix = np.stack(vectors).astype(np.float32) if vectors else np.zeros((0, dimension), dtype=np.float32)
    return units, matrix, quotes


_ENCODED: dict[str, np.ndarray] = {}  # clause and reported-content vectors, kept for the life of the process


def _encode_cached(encode, texts: list[str]) -> np.ndarray:
    missing = [t for t in dict.fromkeys(texts) if t not in _ENCODED]
    if missing:
        if len(_ENCODED) > 50_000:
            _ENCODED.clear()
        _ENCODED.update(zip(missing, encode(missing), strict=True))
    return np.stack([_ENCODED[t] for t in texts])


@dataclass(frozen=True)
class _Candidates:
    """The pairs of claims worth judging, with how similar each is."""

    pairs: list[tuple[int, int]]  # (a, b), a < b, claims of different articles
    similar: dict[tuple[int, int], float]  # pairs similarity alone would align (each other's best match and similar enough),
    # with the least entailment or sameness the judge must give them
    similarity: dict[tuple[int, int], float]  # cosine plus the word-overlap bonus, for every candidate pair


def candidate_pairs(vectors: np.ndarray, lexical, groups: np.ndarray) -> _Candidates:
    """For each claim and each other source: its few most similar claims there (by meaning) and the one sharing the
    most rare words and figures, each above a floor. Built source pair by source pair, so memory grows with the largest
    two articles, never with all claims squared, and the pairs with claims × sources."""
    members = {int(g): np.flatnonzero(groups == g) for g in np.unique(groups)}
    chosen: set[tuple[int, int]] = set()
    similar: dict[tuple[int, int], float] = {}
    scores: dict[tuple[int, int], float] = {}
    order = sorted(members)
    for x, g in enumerate(order):
        for h in order[x + 1:]:
            rows, columns = members[g], members[h]
            overlap = (lexical[rows] @ lexical[columns].T).toarray().astype(np.float32)
            block = vectors[rows] @ vectors[columns].T + WORD_OVERLAP_WEIGHT * overlap
            picked = np.zeros(block.shape, dtype=bool)
            for view, words in ((block, overlap), (block.T, overlap.T)):  # each row's best columns, then each column's best rows
                k = min(_CANDIDATES_PER_SOURCE, view.shape[1])
                top = np.argpartition(-view, k - 1, axis=1)[:, :k]
                mask = np.zeros(view.shape, dtype=bool)
                np.put_along_axis(mask, top, True, axis=1)
                mask &= view >= _CANDIDATE
                lexical_best = words.argmax(axis=1)
                mask[np.arange(view.shape[0]), lexical_best] |= words[np.arange(view.shape[0]), lexical_best] >= _LEXICAL_CANDIDATE
                picked |= mask if view is block else mask.T
            best_column, best_row = block.argmax(axis=1), block.argmax(axis=0)
            dense = block - WORD_OVERLAP_WEIGHT * overlap
            for r, c in zip(*np.nonzero(picked | (block >= _STRONG)), strict=True):
                pair = (int(min(rows[r], columns[c])), int(max(rows[r], columns[c])))
                chosen.add(pair)
                scores[pair] = float(block[r, c])
                mutual = best_column[r] == c and best_row[c] == r
                if (mutual and dense[r, c] >= _MUTUAL) or dense[r, c] >= _STRONG:
                    similar[pair] = _SIMILAR_KINSHIP
                elif mutual and block[r, c] >= _MUTUAL_COMBINED:
                    similar[pair] = _LEANS_SAME
    return _Candidates(sorted(chosen), similar, scores)


def _compatible(a: str, b: str) -> bool:
    """Nothing in the words says two claims are different facts: no name or figure swapped, no other outcome ("killed" /
    "wounded"), and both assert or both deny."""
    return not _other_fact(a, b) and has_negation(a) == has_negation(b)


def _other_fact(a: str, b: str) -> bool:
    """Whether the words show two claims tell different facts however alike they read: another name or figure in the
    same place, or another outcome. Such a claim is never shown beside the other as perhaps the same."""
    return swapped(a, b) or contrasting(a, b)


_QUOTED_RUN = 3  # words in a row two quotations share from which they are one quotation, cut differently ("we will rebuild")


def _different_voices(a: _Unit, b: _Unit) -> bool:
    """Whether two claims are two people's own words: both quoted, and not known to be one speaker's (a quote whose
    speaker was not found may be anyone's). Two people's words are two statements, unless they are one quotation: the
    same run of words, however each outlet cut it ("He got out of the car, ran in, ran up the steps...")."""
    if not (a.voiced and b.voiced) or (a.speaker and a.speaker == b.speaker):
        return False
    words_a, words_b = (re.findall(r"[a-z0-9]+", x.content.lower()) for x in (a, b))
    run = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).find_longest_match(0, len(words_a), 0, len(words_b)).size
    return run < _QUOTED_RUN


def _named_apart(a: _Unit, b: _Unit) -> bool:
    """Whether two claims are credited to two named sources: one to its speaker, the other to a source its attribution
    names though no speaker was read from it ("…, Indonesia's transport ministry said" / Singapore's Civil Aviation
    Authority): two authorities' statements, which only the judge may read as one fact."""
    named = [content_words(unit.speaker) or content_words(" ".join(names_in(unit.frame))) for unit in (a, b)]
    return all(named) and not named[0] & named[1]


_TELLING_FIGURE = 10  # a count or sum from which one figure in two outlets' claims marks one event ("$1 million", "3,200 workers")


def _one_figure_other_day(units: Sequence[_Unit], taken: set[int]) -> list[tuple[tuple[int, int], Disagreement]]:
    """Claims of two outlets that give one telling figure (the same sum or count, not a year) and another day or date
    for it: "DWSD announced a $1 million fund on Tuesday" / "the department on Wednesday announced plans to use $1
    million" tell one event on two days, however unlike the rest of their words reads to the judge. The clauses holding
    the days must share a word of what happened, and nothing may say the values are of two things."""
    by_figure: dict[tuple[str, float], list[int]] = {}
    for n, unit in enumerate(units):
        if n in taken or unit.quoted:
            continue
        for q in {(q.kind, q.value) for q in quantities(unit.content) if (q.kind == "money" or q.kind.startswith("count:")) and q.value >= _TELLING_FIGURE}:
            by_figure.setdefault(q, []).append(n)
    found: dict[tuple[int, int], Disagreement] = {}
    for figure, members in by_figure.items():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if units[a].article == units[b].article or (a, b) in found or _different_voices(units[a], units[b]):
                    continue
                disagreement = claim_conflict(units[a].content, units[b].content)
                if disagreement and disagreement.kind in _WHEN and _one_event(units[a].content, units[b].content) \
                        and _dates_figure(units[a].content, figure) and _dates_figure(units[b].content, figure):
                    found[(a, b)] = disagreement
    return sorted(found.items())


def _dates_figure(text: str, figure: tuple[str, float]) -> bool:
    """Whether a day or date of the claim is in the clause of its figure ("announced a $1 million fund on Tuesday"), not
    in another clause ("captured him … early Wednesday morning, prompting officials to flush 38 million gallons")."""
    found = quantities(text)
    figures = [q for q in found if (q.kind, q.value) == figure]
    days = [q for q in found if q.kind in ("weekday", "date")]
    opening = re.match(r"[^,;:]{0,40},", text)  # "On Tuesday, the council approved …": an opening phrase dates the clause after it
    return any(not _CLAUSE_MARK.search(text, min(x.end, y.end), max(max(x.start, y.start), min(x.end, y.end)))
               or (opening is not None and y.end <= opening.end() < x.start and not _CLAUSE_MARK.search(text, opening.end(), x.start))
               for x in figures for y in days)


_CLAUSE_MARK = re.compile(r"[,;:—–]|\s-\s")  # what ends a clause within a sentence


def _one_event(a: str, b: str) -> bool:
    """Whether two claims that give one slot two values tell one event: they give another figure, date or day alike ("on
    Monday" in both, the same "$1 million"), the clauses holding the differing values share a word of what happened
    beyond what the values count, and nothing says the values are of two things. A name alone is no such tie (the story's
    names are in most of its sentences), nor is what a shared figure counts: "pumped water from 40 homes on Saturday" /
    "cleared debris from 40 homes on Sunday" are two events."""
    mine, theirs = quantities(a), quantities(b)
    shared = {q.kind for q in mine for o in theirs if q.kind == o.kind and q.bounds()[0] <= o.bounds()[1] and o.bounds()[0] <= q.bounds()[1]}
    if not shared or values_of_two_things(a, b):
        return False
    counted = {kind.partition(":")[2] for kind in {q.kind for q in (*mine, *theirs)} if kind.startswith("count:")}
    clause_a, clause_b = _value_clauses(a, b)
    return bool((content_words(clause_a) & content_words(clause_b)) - _NOT_A_SUBJECT - counted)


_NEAR_COUNT = 6  # words either side of a count among which what befell the counted people, and who or where, is read
_SAID = content_words("said says say told tells according reported added")


def _near_people_counts(text: str) -> tuple[set[str], set[str]]:
    """The stems of the past verbs next to the claim's counts of people ("At least nine of the activists were arrested",
    "police arrested eight people"), and of all the content words there."""
    verbs: set[str] = set()
    words: set[str] = set()
    for q in people_counts(text):
        near = " ".join(text[:q.start].split()[-_NEAR_COUNT:] + text[q.start:].split()[:_NEAR_COUNT + 3])
        verbs |= {stem(w.lower()) for w in re.findall(r"[A-Za-z]+ed\b", near)}
        words |= content_words(near)
    return verbs, words


def _people_counted_in_one_event(a: str, b: str) -> bool:
    """Whether two claims count the people one event befell with counts that disagree: both count people; next to each
    count stand the same verb of what happened to them ("were arrested" / "arrested") and another word of who or where
    ("by Detroit police" / "Detroit police"); no day or date differs; and nothing says the counts are of two things.
    "340 prisoners have been executed … only three have died" / "killed three people" differ in the verb; "sickened at
    least 6 people visiting a Maine ski resort" / "More than 140 people were sickened with a … strain" share only it."""
    if not (people_counts(a) and people_counts(b)) or people_count_conflict(a, b) is None or values_of_two_things(a, b):
        return False
    when = [{(q.kind, q.value) for q in quantities(text) if q.kind in ("weekday", "date")} for text in (a, b)]
    if all(when) and not when[0] & when[1]:
        return False  # two days: perhaps two events
    (verbs_a, words_a), (verbs_b, words_b) = _near_people_counts(a), _near_people_counts(b)
    verbs = verbs_a & verbs_b
    return bool(verbs) and bool((words_a & words_b) - verbs - PEOPLE_NOUNS - _SAID - _NOT_A_SUBJECT)


def _figures_apart(a: str, b: str) -> bool:
    """Whether both claims give figures, share none, and none of them are two values of one kind ("traveling north at 14
    mph" / "105 miles east-northeast of Nassau"): similar words around figures of different things are two facts of one
    story. Two values of one kind ("2,800 workers" / "3,200 dock workers") may be a conflict, which the slot reading decides."""
    figures_a, figures_b = numbers_in(a), numbers_in(b)
    if not (figures_a and figures_b) or figures_a & figures_b:
        return False
    disagreement = claim_conflict(a, b)
    return not (disagreement and disagreement.is_value)


# "if" that makes a clause a condition: not "asked if" / "unclear if" (whether), nor "as if".
_CONDITION = re.compile(r"(?<!\basked )(?<!\bask )(?<!\basks )(?<!\bwonder )(?<!\bwondered )(?<!\bknow )(?<!\bsee )(?<!\bclear )"
                        r"(?<!\bunclear )(?<!\bsure )(?<!\bdecide )(?<!\bas )\bif\b", re.IGNORECASE)


def _uncapitalized_words(claim: str) -> set[str]:
    """The content words of a claim written in lower case (and its first word, capitalized as any first word is): what
    it says of the people and places it names."""
    words = claim.split()
    return content_words(" ".join(words[:1] + [word for word in words[1:] if not word.lstrip("\"“‘'(")[:1].isupper()]))


_STORY_NAME = 0.1  # share of the compared claims from which a name is the story's subject (and at least _STORY_NAME_CLAIMS)
_STORY_NAME_CLAIMS = 3


def _story_names(claims: Sequence[str]) -> frozenset[str]:
    """The names most of a story's claims carry ("Ariel Winter", "Caballero"): what its sentences are about, not a fact."""
    counts = Counter(word for claim in claims for word in content_words(claim) - _uncapitalized_words(claim))
    floor = max(_STORY_NAME_CLAIMS, _STORY_NAME * len(claims))
    return frozenset(word for word, count in counts.items() if count >= floor)


def _only_names_shared(a: str, b: str, subject: frozenset[str]) -> bool:
    """Whether all two claims have in common is the story's subject: "Ariel Winter has got it and she isn't afraid to
    flaunt it" / "I love Ariel Winter for this" are alike around the name only. Not two claims with no word in common
    ("Officials stressed that no one was injured" / "Nobody was hurt": their likeness is of meaning), nor two that share
    a rarer name ("Traffic is being detoured over the Oakmont Avenue Bridge" / "Drivers are sent to the Oakmont Avenue
    Bridge")."""
    return bool(content_words(a) & content_words(b) & subject) and not _uncapitalized_words(a) & _uncapitalized_words(b)


def _conditional(claim: str) -> bool:
    """Whether the claim states a condition and what follows from it ("if China agrees, the U.S. would back off"): it
    asserts neither, so a topical likeness to another outlet's conditional or statement is no shared fact."""
    return bool(_CONDITION.search(claim))


@dataclass(frozen=True)
class _Link:
    """The judge's verdict on one candidate pair."""

    a: int  # claim index
    b: int  # claim index
    relation: str  # a Relation (same, adds, contradicts or unrelated), or "similar" when similarity aligned what the judge did not
    richer: int  # the claim that says more (it alone entails the other), with "adds" or "same"; else -1
    strength: float  # how sure: the entailment (or contradiction) probability that decided
    kinship: float = 0.0  # how much the model alone reads the two as one claim: its "same" or entailment either way, before the rules


_PROGRESS_BATCH = 256  # candidate pairs judged between two progress reports


def judge_links(units: Sequence[_Unit], pairs: Sequence[tuple[int, int]], similar: dict[tuple[int, int], float], judge: Judge,
                on_progress: Callable[[int, int], None] | None = None) -> list[_Link]:
    """The judge's relation for each candidate pair, from both directions; `similar` pairs the judge leaves unrelated
    still align when nothing in their words or the judge's reading says they differ. `on_progress(done, total)` hears
    how far the judging has got (it is most of a long comparison's time)."""
    if not pairs:
        return []
    texts = [(units[a].content, units[b].content) for a, b in pairs]
    forward, backward, same_parts = [], [], []
    for begin in range(0, len(texts), _PROGRESS_BATCH):
        batch = texts[begin:begin + _PROGRESS_BATCH]
        f, r, same_part = score_directions(judge, batch)
        forward.append(f)
        backward.append(r)
        same_parts.append(same_part)
        if on_progress:
            on_progress(min(begin + _PROGRESS_BATCH, len(texts)), len(texts))
    forward_scores, backward_scores = np.concatenate(forward), np.concatenate(backward)
    subject = _story_names([unit.content for unit in units])
    same = None if any(part is None for part in same_parts) else np.concatenate([p for p in same_parts if p is not None])
    links = []
    for i, ((a, b), f, r) in enumerate(zip(pairs, forward_scores, backward_scores, strict=True)):
        # The model's reading under the support check's rules: "the Danish embassy declined to comment" never says what
        # "the Norwegian embassy declined to comment" says (see bot.judge.ruled_relation).
        kinship = max(float(f[ENTAILMENT]), float(r[ENTAILMENT]), 0.0 if same is None else float(same[i]))
        relation: str
        relation, f, r, same_fact = ruled_relation(units[a].content, units[b].content, f, r, None if same is None else float(same[i]))
        # Similarity alone never aligns what one named person said with what another said: only the judge does (an outlet
        # stating a fact and an official saying it are one fact).
        if relation == UNRELATED and (a, b) in similar and kinship >= similar[(a, b)] and max(f[CONTRADICTION], r[CONTRADICTION]) < _LEANS_CONTRADICTION \
                and (units[a].speaker == units[b].speaker or (not (units[a].speaker and units[b].speaker) and kinship >= _SIMILAR_ACROSS_VOICES
                                                              and not _named_apart(units[a], units[b]))) \
                and _compatible(units[a].content, units[b].content) and not _figures_apart(units[a].content, units[b].content) \
                and not (_conditional(units[a].content) or _conditional(units[b].content)) \
                and not _only_names_shared(units[a].content, units[b].content, subject):
            # Two outlets' sentences often share a fact and each add their own detail: neither entails the other, yet they agree.
            # Unless they give the same slot two values ("some 2,800 workers" / "roughly 3,200 dock workers"): that is the
            # same event told with another figure, a conflict (when the values are of one thing, which the conflicts check),
            # if they tell one event (`_one_event`: another value both give, "on Monday"); else they are no agreement either.
            if not slot_conflict(units[a].content, units[b].content):
                relation = _SIMILAR
            elif _one_event(units[a].content, units[b].content):
                relation = CONTRADICTS
        if relation in _ALIGNED and different_silent_parties(units[a].content, units[b].content):
            relation = UNRELATED  # "Dropbox didn't respond" / "He didn't respond to an email": who stayed silent is the fact
        if relation in _ALIGNED and _different_voices(units[a], units[b]):
            relation = UNRELATED  # "I've lived through hurricanes all my life" / a meteorologist's "a raging hurricane"
        # The claim that says more: with "adds", the one that entails; with "same", one that alone entails the other (the
        # judge reads "The mayor, who took office in 2019, resigned on Monday" and "The mayor resigned on Monday" as one fact).
        one_way = relation == SAME and (f[ENTAILMENT] >= ENTAILS) != (r[ENTAILMENT] >= ENTAILS)
        richer = (a if f[ENTAILMENT] >= r[ENTAILMENT] else b) if relation == ADDS or one_way else -1
        strength = max(f[CONTRADICTION], r[CONTRADICTION]) if relation == CONTRADICTS else (
            min(f[ENTAILMENT], r[ENTAILMENT]) if same_fact is None else same_fact) if relation == SAME else max(f[ENTAILMENT], r[ENTAILMENT])
        links.append(_Link(a, b, relation, richer, float(strength), kinship))
    return links


_CORE_SIMILAR = 0.6  # a pair the judge left unrelated, at least this similar, is read again without its adjuncts ...
_CORE_SAME = 0.7  # ... and is one fact when its cores are, by the "same" head, at least this surely the same


def _same_cores(links: list[_Link], units: Sequence[_Unit], similarity: dict[tuple[int, int], float], judge: Judge) -> list[_Link]:
    """Two outlets rarely give a fact with the same details, and the judge reads two sentences that share a fact but not
    their adjuncts as unrelated ("Ashford Falls closed the Greaves Street Bridge on Tuesday, March 10, cutting off one of
    the busiest routes" / "Town officials shut the Greaves Street Bridge on March 10 after an inspection found corroded
    beams": 0.09). Such a pair, similar enough, is read again as its cores (`claim_core`: 0.73), and is one fact only
    when the judge is sure of that; nothing in the words may tell the cores apart (a swapped name or figure, a denial)."""
    retry = [i for i, k in enumerate(links) if k.relation == UNRELATED and similarity.get((k.a, k.b), 0.0) >= _CORE_SIMILAR
             and (claim_core(units[k.a].content) != units[k.a].content or claim_core(units[k.b].content) != units[k.b].content)]
    if not retry:
        return links
    cores = [(claim_core(units[links[i].a].content), claim_core(units[links[i].b].content)) for i in retry]
    forward, backward, same = score_directions(judge, cores)
    if same is None:
        return links
    out = list(links)
    for i, (a, b), sure, f, r in zip(retry, cores, same, forward, backward, strict=True):
        link = links[i]
        if sure >= _CORE_SAME and max(f[CONTRADICTION], r[CONTRADICTION]) < _LEANS_CONTRADICTION and _compatible(a, b) \
                and not different_silent_parties(a, b) and not claim_conflict(a, b) \
                and (units[link.a].speaker == units[link.b].speaker or not (units[link.a].speaker and units[link.b].speaker)):
            out[i] = _Link(link.a, link.b, SAME, -1, float(sure), max(link.kinship, float(sure)))
    return out


class _Verdicts:
    """The judge's links, looked up in either order; a pair never judged is judged when first asked about."""

    def __init__(self, units: Sequence[_Unit], links: Sequence[_Link], judge: Judge) -> None:
        self.units, self.judge = units, judge
        self.links: dict[tuple[int, int], _Link] = {}
        for link in links:
            self.links[(link.a, link.b)] = self.links[(link.b, link.a)] = link

    def __call__(self, a: int, b: int) -> _Link:
        if (a, b) not in self.links:
            link = judge_links(self.units, [(a, b)], {}, self.judge)[0]
            self.links[(a, b)] = self.links[(b, a)] = link
        return self.links[(a, b)]


def _group_facts(units: Sequence[_Unit], links: Sequence[_Link], verdict: _Verdicts) -> list[list[int]]:
    """Claims the judge aligns (same, or one adds to the other) grouped into facts: one claim per source, each aligned by
    the judge with every other member (a chain of near matches, A like B and B like C, is not one fact). A member pair
    no candidate rule proposed is judged here, so a fact reaches every outlet that reports it."""
    fact_of: dict[int, int] = {}
    facts: list[list[int]] = []

    def fits(claim: int, fact: list[int]) -> bool:
        return units[claim].group not in {units[m].group for m in fact} and all(verdict(claim, m).relation in _ALIGNED for m in fact)

    aligned = [link for link in links if link.relation in _ALIGNED]
    for link in sorted(aligned, key=lambda k: (_ALIGNED.index(k.relation), -k.strength, k.a, k.b)):
        a, b = fact_of.get(link.a), fact_of.get(link.b)
        if a is None and b is None:
            fact_of[link.a] = fact_of[link.b] = len(facts)
            facts.append([link.a, link.b])
        elif a is not None and b is None and fits(link.b, facts[a]):
            fact_of[link.b] = a
            facts[a].append(link.b)
        elif b is not None and a is None and fits(link.a, facts[b]):
            fact_of[link.a] = b
            facts[b].append(link.a)
    return facts


def compare_sentences(articles: Sequence[ArticleSentences], encode, judge: Judge | None = None,
                      on_progress: Callable[[int, int], None] | None = None) -> Comparison:
    """Compare articles given their sentences and vectors; `encode` embeds the few clauses split out of sentences,
    and the judge (the bundled cross-encoder by default) decides which candidate pairs say the same, add or contradict."""
    records = [a.record for a in articles]
    ids = {r.id for r in records}
    duplicates = tuple((r.id, r.duplicate_of) for r in records if r.duplicate_of and r.duplicate_of in ids)
    copies = dict(duplicates)
    kept = [a for a in articles if a.record.id not in copies]
    groups = list(range(len(kept)))
    units, vectors, quotes = _claims_of(kept, groups, encode)
    if not units:
        return Comparison((), (), (), tuple(quotes), tuple(records), duplicates)

    judge = judge or get_judge()
    found = candidate_pairs(vectors, tfidf_rows([u.content for u in units]), np.array([u.group for u in units]))
    links = _same_cores(judge_links(units, found.pairs, found.similar, judge, on_progress), units, found.similarity, judge)
    verdict = _Verdicts(units, links, judge)

    consensus, conflicts = [], []
    agreed: list[list[int]] = []  # each consensus item's claims
    in_fact: set[int] = set()
    facts = _group_facts(units, links, verdict)
    differing = [_fact_conflicts(members, units) for members in facts]
    to_read = [(units[a].content, units[b].content) for values in differing for _, (a, b) in values]
    slot_of = dict(zip(to_read, _one_slot(to_read, judge), strict=True))
    for members, values in zip(facts, differing, strict=True):
        if values:
            # Two values for one slot are a conflict; values of two things ("earned $1.5 million" / "sales grew to $47.4
            # million") say the claims are two facts: neither an agreement nor a conflict.
            one_slot = [(d, pair) for d, pair in values if slot_of[(units[pair[0]].content, units[pair[1]].content)]]
            if one_slot:
                conflicts.append(_conflict(one_slot[0][1], units, one_slot[0][0].reason))
            continue
        members = sorted(members, key=lambda m: (units[m].article, units[m].position))
        richer = {verdict(a, b).richer for a in members for b in members if a < b and verdict(a, b).richer >= 0}
        # The line shows the shared fact: of the wordings that read alone, one no other member merely adds to, the most
        # central of those. A wording that leans on the sentence before it ("They declined…") or a clause cut from inside a
        # sentence ("one flattened the ministry building.") does not stand alone, so it is shown only when every member is one.
        readable = [m for m in members if not leans_on_previous(units[m].citation.quote) and not units[m].citation.quote[:1].islower()] or members
        shared = [m for m in readable if m not in richer] or readable
        centre = max(shared, key=lambda m: (round(float(sum(vectors[m] @ vectors[o] for o in members if o != m)), 3), -len(units[m].citation.quote), -m))
        sentence = kept[units[centre].article].spans[units[centre].position]
        wording = _marked_part(units[centre].citation, sentence.start, sentence.end, kept[units[centre].article].text)
        consensus.append(ConsensusItem(wording, tuple(units[m].citation for m in members),
                                       tuple(units[m].citation.article_id for m in members)))
        agreed.append(members)
        in_fact.update(members)
    in_conflict = {m for _, members in conflicts for m in members}
    contradicting = sorted((k for k in links if k.relation == CONTRADICTS), key=lambda k: (-k.strength, k.a, k.b))
    reasons = [claim_conflict(units[k.a].content, units[k.b].content) for k in contradicting]
    valued = [(units[k.a].content, units[k.b].content) for k, d in zip(contradicting, reasons, strict=True) if d and d.is_value]
    slot_of = dict(zip(valued, _one_slot(valued, judge), strict=True))
    unexplained: set[tuple[int, int]] = set()  # the model reads a contradiction that nothing in the words shows: unconfirmed, never a conflict
    for link, disagreement in zip(contradicting, reasons, strict=True):
        if link.a in in_conflict or link.b in in_conflict:
            continue  # each claim stands on one side of one conflict
        if disagreement is None:
            # "On May 8, the committee called on Canada to deliver him" / "The committee called on Canada to deliver
            # him": a reader is owed what differs (a value, a denial), and the small model reads some paraphrases so.
            unexplained.add((link.a, link.b))
            continue
        if disagreement.is_value and not slot_of[(units[link.a].content, units[link.b].content)]:
            continue  # the model reads any two figures as a contradiction; values of two things are none
        conflicts.append(_conflict((link.a, link.b), units, disagreement.reason))
        in_conflict.update((link.a, link.b))
    # Claims about the same thing that give different amounts (a cost given twice), which the judge read as unrelated, and
    # two counts of the people one event befell ("At least nine of the activists were arrested" / "police arrested eight
    # people"), however unlike the rest of their words reads to the judge.
    amounts, counted = [], []
    for link in links:
        if link.relation != UNRELATED or {link.a, link.b} & (in_conflict | in_fact):
            continue
        disagreement = claim_conflict(units[link.a].content, units[link.b].content)
        if disagreement and disagreement.kind in _AMOUNTS and link.kinship >= _LEANS_SAME and found.similarity.get((link.a, link.b), 0.0) >= _MUTUAL:
            amounts.append((link, disagreement))  # two amounts in unrelated sentences ("13.6 million auctions", "6.5 million customers") are no conflict
        elif _people_counted_in_one_event(units[link.a].content, units[link.b].content):
            counted.append((link, people_count_conflict(units[link.a].content, units[link.b].content)))
    for (link, disagreement), same_slot in zip(amounts + counted, _one_slot([(units[k.a].content, units[k.b].content) for k, _ in amounts], judge)
                                               + [True] * len(counted), strict=True):
        if same_slot and not {link.a, link.b} & in_conflict:
            conflicts.append(_conflict((link.a, link.b), units, disagreement.reason))
            in_conflict.update((link.a, link.b))

    # Claims that give one thing two outcomes (postponed / on schedule), which the judge read as unrelated or opposed.
    for link in links:
        if link.relation in (UNRELATED, CONTRADICTS) and found.similarity.get((link.a, link.b), 0.0) >= _MUTUAL \
                and not {link.a, link.b} & (in_conflict | in_fact) \
                and (disagreement := outcome_conflict(units[link.a].content, units[link.b].content)) is not None:
            conflicts.append(_conflict((link.a, link.b), units, disagreement.reason))
            in_conflict.update((link.a, link.b))

    for (a, b), disagreement in _one_figure_other_day(units, in_conflict):
        if not {a, b} & in_conflict:
            conflicts.append(_conflict((a, b), units, disagreement.reason))
            in_conflict.update((a, b))
    # A fact some outlets agree on that another outlet gives with another value is no agreement but one side of that
    # conflict: "3,200 dockworkers" in two outlets against "2,800 workers" in a third lists all three on their sides.
    disputed = {i for i, members in enumerate(agreed) if set(members) & {m for _, ms in conflicts for m in ms}}
    consensus = [item for i, item in enumerate(consensus) if i not in disputed]
    in_fact -= {m for i in disputed for m in agreed[i]}
    conflicts = [_with_allies(conflict, members, links, units, in_fact | in_conflict) for conflict, members in conflicts]
    in_conflict = {m for _, members in conflicts for m in members}

    # Only what the judge aligns with nothing in any other source is unique: a claim that says a shared fact (even with
    # a detail of its own) or that the judge aligned with any other outlet's claim is reported elsewhere, never "only X".
    confirmed = in_fact | {n for k in links if k.relation in _ALIGNED for n in (k.a, k.b)}
    evidence: Evidence = {}
    # A claim the judge aligns with another outlet's claim but that joined no fact (it is not aligned with every member
    # of its partner's fact, or the fact's values turned out to be of two things) is shown beside that claim, unconfirmed:
    # it is neither "only X" nor left out.
    for k in sorted((k for k in links if k.relation in _ALIGNED), key=lambda k: (-k.strength, k.a, k.b)):
        for n, m in ((k.a, k.b), (k.b, k.a)):
            if n not in in_fact and n not in in_conflict:
                evidence.setdefault(n, {}).setdefault(units[m].article, units[m].citation)
    confirmed -= set(evidence)
    # Nor is a claim the judge could not place but that another article may well tell in other words: a false "only"
    # misleads as much as a false agreement. Such a claim is shown beside the other article's wording, unconfirmed.
    # First, a claim very like another outlet's claim that the judge relates a little.
    for k in sorted(links, key=lambda k: (-found.similarity.get((k.a, k.b), 0.0), k.a, k.b)):  # beside its most similar claim there
        similarity = found.similarity.get((k.a, k.b), 0.0)
        if (k.relation == UNRELATED and similarity >= _UNSURE and (k.kinship >= _UNSURE_KINSHIP or similarity >= _STRONG)
                and not _other_fact(units[k.a].content, units[k.b].content) and not _different_voices(units[k.a], units[k.b])) \
                or ((k.a, k.b) in unexplained and not {k.a, k.b} & in_conflict):
            for n, m in ((k.a, k.b), (k.b, k.a)):
                evidence.setdefault(n, {}).setdefault(units[m].article, units[m].citation)
    # Then a claim whose specific figure another article's sentence gives with the claim's own words ("held on $300
    # bond" / "After posting a bond of $300, ..."), and one most of whose rare words a sentence of another article
    # repeats ("Disneyland spokeswoman Suzi Brown ... working closely with local authorities").
    for told in (_figure_told_elsewhere, _words_told_elsewhere):
        for n, sentences in told(units, kept, confirmed | set(evidence) | in_conflict).items():
            evidence[n] = evidence.get(n, {}) | sentences
    # Last, a claim that one other outlet's claim is nearest in meaning to, and it to that one, beyond what the story's
    # sentences share: the judge may miss a paraphrase with few words in common ("smelled of chlorine" / "a bleach odour").
    placed = confirmed | in_conflict
    for n, m in _nearest_in_meaning(units, vectors).items():
        if n not in placed and n not in evidence and units[n].speaker == units[m].speaker and not _other_fact(units[n].content, units[m].content) \
                and not different_silent_parties(units[n].content, units[m].content):
            evidence[n] = {units[m].article: units[m].citation}
    closest = _closest_elsewhere(units, vectors)
    unique: list[UniqueClaims] = []
    close_calls: list[CloseCall] = []
    for index, article in enumerate(kept):
        # A sentence wholly inside quotation marks with no speaker found is someone's words, not what the outlet reports:
        # it may agree with another outlet's sentence, but it is never listed as what this outlet adds.
        quoted_only = within_quotation(article.spans, quotation_spans(article.text))
        own = [n for n, u in enumerate(units) if u.article == index and not u.quoted and n not in in_conflict and n not in confirmed
               and u.position not in quoted_only]
        claims = tuple(_whole_sentences([n for n in own if n not in evidence], units, article, closest))
        if claims:
            unique.append(UniqueClaims(article.record.id, claims))
        for n in own:
            if n in evidence and not any(_one_pair(call, units[n].citation, evidence[n]) for call in close_calls):
                close_calls += [CloseCall(article.record.id, claim, tuple(evidence[n].values())) for claim in _whole_sentences([n], units, article, closest)]
    consensus.sort(key=lambda item: (-len(item.article_ids), _first_position(item, units)))
    return Comparison(tuple(consensus), tuple(unique), tuple(c[0] for c in conflicts), tuple(quotes), tuple(records), duplicates,
                      close_calls=tuple(close_calls))


_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_FIGURE_WORDS_SHARED = 2  # content words besides the figure that a sentence of another article must share with a claim
# On the labelled web news (bench/compare_news.py), withholding such claims from "only X" took false "only" items from 77
# to 61 and lost no labelled "only" fact; sharing two names instead of a figure cost 4 true ones, so names don't count.


def _figures(text: str) -> set[str]:
    """The specific figures a sentence gives: numbers of two digits or more that are not years."""
    return {n for n in numbers_in(text) if len(n.replace(".", "")) >= 2 and not _YEAR.match(n)}


def _plain_words(text: str) -> set[str]:
    """Content words that are not names: the story's names are in most of its sentences, and tell no fact apart."""
    return content_words(text) - names_in(text)


Evidence = dict[int, dict[int, Citation]]  # per claim, per other article: the sentence that tells the claim there too


def _sentence_citation(article: ArticleSentences, index: int) -> Citation:
    span = article.spans[index]
    return Citation(article.record.id, article.text[span.start:span.end], span.start, span.end)


def _figure_told_elsewhere(units: Sequence[_Unit], articles: Sequence[ArticleSentences], skip: set[int]) -> Evidence:
    """Claims (outside `skip`) whose figure a sentence of another article also gives, with at least
    _FIGURE_WORDS_SHARED of the claim's other words (not names); with the first such sentence of each other article."""
    told: Evidence = {}
    sentences: list[list[tuple[set[str], set[str]]]] | None = None
    for n, unit in enumerate(units):
        figures = _figures(unit.citation.quote)
        if n in skip or unit.quoted or not figures:
            continue
        if sentences is None:  # read only when some claim gives a figure
            sentences = [[(_figures(a.sentence(i)), _plain_words(a.sentence(i))) for i in range(len(a.spans))] for a in articles]
        words = _plain_words(unit.citation.quote)
        for other, rows in enumerate(sentences):
            if other == unit.article:
                continue
            found = next((i for i, (other_figures, other_words) in enumerate(rows)
                          if figures & other_figures and len(words & other_words) >= _FIGURE_WORDS_SHARED
                          and not _other_fact(unit.content, articles[other].sentence(i))), None)
            if found is not None:
                told.setdefault(n, {})[other] = _sentence_citation(articles[other], found)
    return told


def _words_told_elsewhere(units: Sequence[_Unit], articles: Sequence[ArticleSentences], skip: set[int]) -> Evidence:
    """Claims (outside `skip`) whose rare words a sentence of another article repeats (`bot.claims.words_told_in`), with
    the first such sentence of each other article."""
    asked = [n for n, unit in enumerate(units) if n not in skip and not unit.quoted]
    if not asked:
        return {}
    where = [(index, i) for index, article in enumerate(articles) for i in range(len(article.spans))]
    told = words_told_in([units[n].citation.quote for n in asked], [articles[a].sentence(i) for a, i in where]).tocoo()
    evidence: Evidence = {}
    for row, column in sorted(zip(told.row.tolist(), told.col.tolist())):
        other, i = where[column]
        # "The Chinese embassy did not respond to a request for comment" tells nothing of the Russian embassy's silence.
        if other != units[asked[row]].article and not _other_fact(units[asked[row]].content, articles[other].sentence(i)):
            evidence.setdefault(asked[row], {}).setdefault(other, _sentence_citation(articles[other], i))
    return evidence


def _overlap(a: Citation, b: Citation) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def _one_pair(call: CloseCall, claim: Citation, told: dict[int, Citation]) -> bool:
    """Whether a claim told by `told` is the other side of a close call already listed (each tells the other)."""
    return any(_overlap(claim, c) for c in call.nearest) and any(_overlap(t, c) for t in told.values() for c in call.claim.citations)


def _closest_elsewhere(units: Sequence[_Unit], vectors: np.ndarray) -> np.ndarray:
    """For each claim, its highest cosine with a claim of another independent source (0 when there is none), source by
    source, so memory grows with one source's claims times the others'."""
    groups = np.array([u.group for u in units])
    closest = np.zeros(len(units), dtype=np.float32)
    for group in np.unique(groups):
        mine, theirs = groups == group, groups != group
        if theirs.any():
            closest[mine] = (vectors[mine] @ vectors[theirs].T).max(axis=1)
    return closest


def _nearest_in_meaning(units: Sequence[_Unit], vectors: np.ndarray) -> dict[int, int]:
    """Claim pairs of two sources, each the other's nearest there and at least _NEAREST_IN_MEANING alike once the story's
    common direction (the mean claim vector) is taken out of both; built source pair by source pair."""
    centred = vectors - vectors.mean(axis=0)
    centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-6)
    groups = np.array([u.group for u in units])
    pairs: dict[int, int] = {}
    order = np.unique(groups).tolist()
    for x, g in enumerate(order):
        for h in order[x + 1:]:
            rows, columns = np.flatnonzero(groups == g), np.flatnonzero(groups == h)
            block = centred[rows] @ centred[columns].T
            best_column, best_row = block.argmax(axis=1), block.argmax(axis=0)
            for r, c in enumerate(best_column.tolist()):
                if best_row[c] == r and block[r, c] >= _NEAREST_IN_MEANING:
                    pairs.setdefault(int(rows[r]), int(columns[c]))
                    pairs.setdefault(int(columns[c]), int(rows[r]))
    return pairs


def _whole_sentences(alone: Sequence[int], units: Sequence[_Unit], article: ArticleSentences, closest: np.ndarray) -> list[Claim]:
    """One article's claims that no other outlet reports, as a reader sees them: where every clause of a sentence is
    its own, the sentence whole rather than its pieces; and never a sentence that leans on the one before it ("They
    declined…", "It also…"), which does not say what it is about on its own."""
    by_sentence: dict[int, list[int]] = {}
    for n in alone:
        by_sentence.setdefault(units[n].position, []).append(n)
    clauses = {p: sum(1 for u in units if u.article == units[alone[0]].article and u.position == p and not u.quoted) for p in by_sentence}
    claims: list[Claim] = []
    for position, members in by_sentence.items():
        if len(members) == clauses[position] > 1:
            first, last = units[members[0]].citation, units[members[-1]].citation
            quote = article.text[first.start:last.end]
            shown = [(Citation(first.article_id, quote, first.start, last.end), units[members[0]].speaker, max(float(closest[n]) for n in members))]
        else:
            shown = [(units[n].citation, units[n].speaker, float(closest[n])) for n in members]
        sentence = article.spans[position]
        claims.extend(Claim(_marked_part(citation, sentence.start, sentence.end, article.text), (citation,), speaker, near)
                      for citation, speaker, near in shown if not leans_on_previous(citation.quote))
    return claims


def _marked_part(citation: Citation, start: int, end: int, text: str) -> str:
    """A clause as a reader sees it: where it is part of a longer sentence, an ellipsis where the sentence goes on ("The
    visit is expected to last about three hours …", "… barriers went up at both approaches."), so a cut-off clause
    never reads as a whole sentence. The citation keeps the clause's exact characters."""
    before = text[start:citation.start].strip()
    after = text[citation.end:end].strip()
    opening = "… " if before else ""
    closing = " …" if after.strip(".!?\"”’') ") else ""
    # A sentence's dateline ("NEW YORK (Reuters) - ") says where, not what: the line leaves it out (the citation keeps it).
    shown = citation.quote.strip() if before else without_dateline(citation.quote.strip())
    return f"{opening}{shown}{closing}"


def _first_position(item: ConsensusItem, units: Sequence[_Unit]) -> int:
    starts = {(c.article_id, c.start) for c in item.citations}
    return min((u.position for u in units if (u.citation.article_id, u.citation.start) in starts), default=0)


def _with_allies(conflict: Conflict, members: set[int], links: Sequence[_Link], units: Sequence[_Unit], taken: set[int]
                 ) -> tuple[Conflict, set[int]]:
    """A conflict with every other outlet that sides with one of its claims: a claim the judge aligns with one side and
    that gives no other value joins that side, so "3,200 workers" lists each outlet that reports 3,200."""
    sides = {units[m].article: m for m in members}
    for link in sorted((k for k in links if k.relation in _ALIGNED), key=lambda k: (-k.strength, k.a, k.b)):
        for mine, other in ((link.a, link.b), (link.b, link.a)):
            if mine in members and other not in taken and units[other].article not in sides \
                    and not claim_conflict(units[mine].content, units[other].content):
                sides[units[other].article] = other
    if len(sides) == len(members):
        return conflict, members
    positions = tuple(Position(units[m].citation.article_id, units[m].citation.quote, (units[m].citation,))
                      for _, m in sorted(sides.items()))
    return replace(conflict, positions=positions), set(sides.values())


_ONE_SLOT = 0.6  # P(same fact) of two claims read with their figures hidden, from which their values fill one slot. On 12
# DUC 2003 clusters' conflicts read by hand, and the same pairs masked: one slot "The first BCS standings will be released
# Oct. 25" / "... with the first installment Oct. 23" 0.74, "the Sugar Bowl Jan. 3" / "will be held Jan. 4 at the Sugar
# Bowl" 0.91, the test story's strike head count ("Some 2,800 workers ... went on strike" / "roughly 3,200 dock workers
# began an open-ended strike") 0.60; values of two things 0.04-0.57 but for three ("91 Republican and 75 Democratic
# delegates" / "a third of the 2,066 delegates to the Republican convention" 0.62; "three people had to be hospitalized"
# / "Another 58 people remained hospitalized" 0.76; "In 1993, the state executed four inmates" / "The last execution in
# the state was in 1947" 0.90)


_ACCORDING_TO = re.compile(r"^according to [^,;]{2,100},\s+|,\s+according to [^,;]{2,100}$", re.IGNORECASE)


def _slot_reading(claim: str) -> str:
    """A claim as `_one_slot` reads it: its values hidden, and without an "according to ..." frame, which says who
    gives the value, not what it is of."""
    return _ACCORDING_TO.sub("", mask_values(claim).rstrip(" .!")).strip() + "."


def _one_slot(pairs: Sequence[tuple[str, str]], judge: Judge) -> list[bool]:
    """Whether each pair of claims that give different values gives them for one slot: read with its figures, dates and
    days hidden (`mask_values`), the two say the same thing ("Repairs will cost an amount" / "The repair bill is
    estimated at an amount"). Otherwise they are values of two things ("$1.50 from Bank of America" / "the bank collects
    $50 million a year from surcharges"), and no conflict: the model reads any two figures as contradicting."""
    if not pairs:
        return []
    clauses = [_value_clauses(a, b) for a, b in pairs]
    # Read whole; a day or date also by the clauses that hold it, as when a claim also tells of other things ("the body
    # was found after a store manager complained about a strong smell Saturday morning"). Counts and amounts are read
    # whole: the clause alone loses what they count ("at least three other Olympic cities").
    timed = [(d := claim_conflict(a, b)) is not None and d.kind in _WHEN for a, b in pairs]
    readings = [(_slot_reading(a), _slot_reading(b)) for a, b in pairs] + [
        held if when else (_slot_reading(a), _slot_reading(b)) for (a, b), held, when in zip(pairs, clauses, timed, strict=True)]
    forward, backward, same = score_directions(judge, readings)
    kinship = same if same is not None else (forward[:, ENTAILMENT] + backward[:, ENTAILMENT]) / 2
    kinship = np.maximum(kinship[:len(pairs)], kinship[len(pairs):])
    return [bool(k >= _ONE_SLOT) and _shares_a_subject(*held) and not values_of_two_things(a, b)
            for (a, b), held, k in zip(pairs, clauses, kinship, strict=True)]


_WHEN = frozenset({DisagreementKind.DAY, DisagreementKind.DATE})  # values that say when, often in a clause of their own
_CLAUSE_ALONE = 4  # words from which a clause that holds a value says what the value is of without the clause after it
_CLAUSE_EDGE = re.compile(r",\s+|;\s+|\s+(?=(?:who|whose|which|after|before|when|while|as|because|since|until)\s)", re.IGNORECASE)


def _value_clauses(a: str, b: str) -> tuple[str, str]:
    """The clauses of two claims that hold the values they disagree on, values hidden: "The coroner's office Tuesday
    released the name of a man" and "A decomposing body was found ... on Saturday" give their days to two events."""
    disagreement = claim_conflict(a, b)
    if disagreement is None or not disagreement.is_value:
        return _slot_reading(a), _slot_reading(b)
    kind = disagreement.kind

    def holding(text: str) -> str:
        parts = _CLAUSE_EDGE.split(text)
        # A day or date in a clause of a few words ("On Saturday afternoon, the manager reported ...") is read with the
        # clause it opens.
        opens = kind in _WHEN
        clauses = [part + (" " + parts[i + 1] if opens and len(part.split()) < _CLAUSE_ALONE and i + 1 < len(parts) else "")
                   for i, part in enumerate(parts) if any(KIND_OF_QUANTITY.get(q.kind.split(":")[0]) == kind for q in quantities(part))]
        return mask_values(" ".join(clauses)) if clauses else _slot_reading(text)

    return holding(a), holding(b)


# Words a masked reading shares that say nothing of what the values are about: the placeholders, what is counted in
# time, and hedges.
_NOT_A_SUBJECT = content_words("several amount share date month day year years some maybe perhaps about around nearly almost "
                               "roughly estimated could would")


def _shares_a_subject(a: str, b: str) -> bool:
    """Whether two masked claims share a word of what their values are about: "It could be several maybe several years
    ago" / "thought maybe it would reach back about several years" share only placeholders and hedges."""
    return bool((content_words(a) & content_words(b)) - _NOT_A_SUBJECT)


def _fact_conflicts(members: list[int], units: Sequence[_Unit]) -> list[tuple[Disagreement, tuple[int, int]]]:
    """Figures that differ between claims the judge aligned (a judge can miss "$4.2 million" vs "$6.8 million"): each
    pair of members that gives different values, and why."""
    found = []
    for a in members:
        for b in members:
            if a < b and (disagreement := claim_conflict(units[a].content, units[b].content)) and disagreement.is_value:
                found.append((disagreement, (a, b)))
    return found


def _conflict(pair: tuple[int, int], units: Sequence[_Unit], reason: str) -> tuple[Conflict, set[int]]:
    # The topic is what both claims talk about: their shared words, without the figures they disagree on.
    shared = content_words(units[pair[0]].citation.quote) & content_words(units[pair[1]].citation.quote) - _FIGURE_WORDS
    words = [w for w in units[pair[0]].citation.quote.split() if content_words(w) & shared and not re.search(r"\d", w)]
    topic = " ".join(dict.fromkeys(w.strip(",.;:\"'()").lower() for w in words)) or "the same point"
    positions = tuple(Position(units[m].citation.article_id, units[m].citation.quote, (units[m].citation,))
                      for m in sorted(pair, key=lambda m: units[m].article))
    return Conflict(topic, positions, reason), set(pair)


def compare(library: Library, article_ids: Sequence[str] | None = None, chat_model=None, story: int = 0,
            on_progress: Callable[[int, int], None] | None = None, judge: Judge | None = None) -> Comparison:
    """Compare the chosen articles (all by default); needs at least two. When they hold several stories, only one story's
    articles are compared (`story`: 0 is the one with most articles), and the comparison lists the others. With a chat
    model, consensus lines are phrased by the LLM where every outlet's own words support its sentence; otherwise they
    keep the best source wording. `judge` relates the claims (default: the configured judge, which with
    MANYSIDES_JUDGE=llm is `chat_model` when one is given)."""
    chosen = chosen_records(library, article_ids)
    # A page of widgets, a teaser or a page with almost no prose is flagged when added and never compared as an outlet
    # unless the reader names it.
    records = articles_to_compare(chosen) if article_ids is None else chosen
    if len(records) < 2:
        raise ManysidesError("comparing needs at least two articles; add another outlet's article or choose more articles"
                             + (" (sources flagged as not articles are left out)" if len(records) < len(chosen) else ""))
    # Stories are found from the vectors stored at ingest, so only the chosen story's sentences are read (or encoded).
    vectors = library.article_vectors([r.id for r in records])
    stories = group_stories(records, vectors)
    if not 0 <= story < len(stories):
        raise ManysidesError(f"there is no story {story + 1}: the chosen articles hold {len(stories)} "
                             f"stor{'y' if len(stories) == 1 else 'ies'}")
    if len(stories[story].article_ids) < 2:
        raise ManysidesError(f"story {story + 1} ({stories[story].label}) has one article: there is nothing to compare it with; "
                             "choose another story or add another outlet's article on it")
    articles = chosen_sentences(library, list(stories[story].article_ids))
    judge = judge or get_judge(chat_model)
    comparison = replace(compare_sentences(articles, library.embedder.encode, judge, on_progress),
                         stories=tuple(stories) if len(stories) > 1 else (), story=story, unrelated=unrelated_pair(records, vectors))
    if chat_model is None or not comparison.consensus:
        return comparison
    phrased = phrase_consensus(library, chat_model, [item.citations for item in comparison.consensus])
    consensus = tuple(replace(item, claim=text) if text else item for item, text in zip(comparison.consensus, phrased, strict=True))
    return replace(comparison, consensus=consensus)

"""The extractive answer engine: no LLM, every answer sentence is a cited source sentence, and it says when the articles don't know."""

from __future__ import annotations

import re
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from bot.citations import AnswerSentence, Citation
from bot.claims import PEOPLE_NOUNS, WORD_OVERLAP_WEIGHT, quantities, slot_conflict
from bot.retrieval import HybridRetriever, ranking_key
from index import ArticleRecord, Library, SearchHit
from index import MONTHS, NAME, WEEKDAYS, content_words, ends_sentence, word_count, is_non_answer, leans_on_previous, stem, stem_words, tokens

__all__ = ["Answer", "AnswerStream", "Evidence", "ExtractiveEngine", "NOT_IN_SELECTED", "NOT_IN_SOURCES", "addresses", "focused", "gather_evidence",
           "names_missing", "not_said"]

NOT_IN_SOURCES = "The articles in the library don't say."
NOT_IN_SELECTED = "The selected articles don't say."  # when the question was asked of some articles only


def not_said(article_ids: Sequence[str] | None) -> str:
    """The honest refusal, naming what was searched: the whole library or the selected articles."""
    return NOT_IN_SOURCES if article_ids is None else NOT_IN_SELECTED
# Calibrated on the sample library: on-topic questions score 0.44-0.8, off-topic ones 0.09-0.20 (tests/test_answer.py).
ANSWERABLE_THRESHOLD = 0.33
_NAME = re.compile(rf"(?<!^)\b{NAME}")  # not from the sentence's first word, which is capitalized whatever it is
# A date word; "May" only capitalized ("Beijing may undermine …" dates nothing).
_WHEN = re.compile(rf"\b(\d{{4}}|{'|'.join(m for m in MONTHS if m != 'may')}|(?-i:May)|{'|'.join(WEEKDAYS)}|today|yesterday|tomorrow|week|month)\b", re.I)


def _has_new_name(question: str, sentence: str) -> bool:
    """A "who" answer names someone, in two words or more, the question did not already name."""
    return any(len(name.split()) > 1 and name.lower() not in question.lower() for name in _NAME.findall(sentence))


_LEAD = r"^\s*(?:(?:by|for|of|to|in|at|with|from|and|so|but)\s+)?"  # "By how many votes ...", "And when ..."
_AMOUNT = re.compile(r"[$€£¥]\s?\d|\d[\d,.]*\s*(?:[mbk]n?\b|million|billion|trillion|thousand|hundred|percent|per cent|%|"
                     r"dollars?|euros?|pounds?|yen|cents?|pence|tons?|tonnes?|kilos?|pounds?|miles?|km|meters?|feet|acres?|"
                     r"gallons?|liters?|litres?|barrels?|hours?|days?|weeks?|months?|years?)\b", re.I)
_MONEY = re.compile(r"[$€£¥]\s?\d|\d[\d,.]*\s*(?:[mbk]n?\b|million|billion|trillion|thousand)?\s*(?:dollars?|euros?|pounds?|yen|cents?|pence)\b",
                    re.I)
_ABOUT_MONEY = re.compile(r"\b(cost|costs|price|paid|pay|pays|spend|spent|worth|earn|earned|earns|charge|charged|fee|fees|salary|"
                          r"budget|fine|fined|bonus|compensation|raise|raised|sell|sold|buy|bought)\b", re.I)
# A count written out ("nine of the activists", "dozens of people"); "one" is left out, it is as often "one of the".
_COUNT_WORD = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|"
                         r"dozen|dozens|hundreds|thousands)\b", re.I)
_ASKS_WHEN = re.compile(_LEAD + r"(when|what (day|date|time))\b", re.I)
_ANSWER_SHAPES = (  # what a sentence that answers this kind of question usually contains
    (re.compile(_LEAD + r"(how many|what (is|was|will be) the (number|total))\b", re.I),
     lambda question, sentence: bool(re.search(r"\d", sentence) or _COUNT_WORD.search(sentence))),
    (re.compile(_LEAD + r"(how much|what (is|was|will be) the (cost|price))\b", re.I),  # an amount, not any number ("911", "2016");
     lambda question, sentence: bool((_MONEY if _ABOUT_MONEY.search(question) else _AMOUNT).search(sentence))),  # money for a price
    (_ASKS_WHEN, lambda question, sentence: bool(_WHEN.search(sentence))),
    (re.compile(_LEAD + r"(who|which (company|firm|agency|official|group))\b", re.I), _has_new_name),
    (re.compile(_LEAD + r"how (long|soon)\b", re.I),
     lambda question, sentence: bool(re.search(r"\b(minutes?|hours?|days?|weeks?|months?|years?|until|through|by (the )?end)\b", sentence, re.I))),
)
_SHAPE_WORDS = frozenset({"mani", "much", "long", "soon", "when", "who", "day", "date", "time", "cost", "price", "number", "total"})
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
_SPEAKS = re.compile(r"\bwhat (?:did|does|do|has|have|had|will) (?P<who>.+?) (?:say|said|tell|told|think|thinks|claim|write|wrote|"
                     r"announce|argue|add|mean|want)\b|\bhow (?:did|does|do|has|have) (?P<who2>.+?) (?:respond|react|reply|answer|comment)",
                     re.I)
_SPEECH = re.compile(r"\b(?:says?|said|told|tells|added|stated|warned|noted|explained|argued|insisted|wrote|writes|announced|"
                     r"responded|reacted|replied|declared|asked|confirmed|denied|called|criticized|praised|urged|statement|"
                     r"stressed|emphasi[sz]ed|cautioned|acknowledged|admitted|estimated|predicted|suggested|claimed|recalled|"
                     r"complained|promised|vowed|tweeted|"
                     r"according to|comment(?:ed)?)\b|[\"“”]|``", re.I)
_NEAREST = "Nearest in the articles:"  # marks what they do say after a refusal
_REDUNDANT = 0.8  # cosine (plus a bonus for shared words, names and figures) from which two sentences say one fact
_MAX_ENCODED = 16  # sentences embedded per question (embedding them is most of an answer's time)


def _names_asked(question: str) -> list[str]:
    """The names and acronyms a question asks about ("How did the Guardian respond?" -> ["Guardian"])."""
    names = list(_NAME.findall(question)) + _ACRONYM.findall(question)
    return [n for n in dict.fromkeys(names) if n.lower() not in {"what", "who", "how", "when", "why", "which", "where"}]


def _mentions(sentence: str, name: str) -> bool:
    """The sentence names it: the whole name, or its last word ("Sullivan" for "Jake Sullivan")."""
    last = name.split()[-1]
    return bool(re.search(rf"\b{re.escape(name)}\b|\b{re.escape(last)}\b", sentence))


_NEAR_WORDS = 8  # words either side of a date that say what it dates


def _dated_near(question: str, sentence: str) -> bool:
    """Whether one of the sentence's dates has one of the question's own words within a few words of it: it dates what
    was asked ("The request … was made shortly after Russia's incursion on February 24"), not something else the
    sentence mentions ("… any Russian weapons request and set off China's biggest foreign policy shift since Richard
    Nixon's visit in 1972")."""
    focus = _focus_words(question)
    for match in _WHEN.finditer(sentence):
        around = sentence[:match.start()].split()[-_NEAR_WORDS:] + sentence[match.end():].split()[:_NEAR_WORDS]
        if not focus or focus & content_words(" ".join(around)):
            return True
    return False


def _focus_words(question: str) -> set[str]:
    """What the question is about, beyond its question words: "How many votes did he win?" -> {"vote", "win"}."""
    return content_words(question) - _SHAPE_WORDS


def _counted(question: str) -> str | None:
    """The stemmed noun a "how many" question counts ("votes" -> "vote")."""
    match = re.search(r"\bhow many\s+(?:more\s+|fewer\s+)?([a-z]+)", question, re.I)
    return stem(match.group(1).lower()) if match else None


def _is_heading(sentence: str) -> bool:
    """A headline or subhead: a short line without a closing stop ("Talks in Rome"). A long line without one is a sentence
    a web page left unfinished (a bullet item), and may answer."""
    return not ends_sentence(sentence) and word_count(sentence) < 16


def names_missing(question: str, sentences: Sequence[str]) -> list[str]:
    """The names a question asks about that none of the candidate sentences mention ("the Guardian", "Bank of America"):
    when there is one, the articles cannot answer it."""
    return [name for name in _names_asked(question) if not any(_mentions(s, name) for s in sentences)]


_TOPIC = re.compile(r"\b(?:about|regarding|concerning)\s+(?P<topic>[^?.!]+)", re.I)


def topic_missing(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question asks about a topic ("What did the mayor say about the moon landing?", "... about climate
    change?") with a word no candidate sentence uses: the articles say nothing of it, however much they say about the rest
    of the question ("a change of direction" is not climate change)."""
    seen = set().union(*map(content_words, sentences))
    return any(_unseen(w, seen) for w in _topic(question))


def _topic(question: str) -> set[str]:
    """The content words of what a question asks about ("... say about the moon landing?" -> {"moon", "land"}), if it does."""
    asked = _TOPIC.search(question)
    return content_words(asked.group("topic")) - _SHAPE_WORDS if asked else set()


_SAME_STEM = 5  # letters two stems share from which they are one word ("injur" / "injuri")


def _unseen(word: str, seen: set[str]) -> bool:
    """Whether a stemmed word is in none of the seen stems, counting two stems that share a long start as one."""
    return word not in seen and not any(w[:_SAME_STEM] == word[:_SAME_STEM] for w in seen if min(len(w), len(word)) >= _SAME_STEM)


def _speakers_asked(question: str) -> list[str]:
    """The names of whoever a "what did X say" / "how did X respond" question asks about ("Bloomberg", "Marcus Hale")."""
    speaks = _SPEAKS.search(question)
    # (a space first: the speaker's name opens the phrase, and a phrase's first word is no name to `_names_asked`)
    return _names_asked(" " + (speaks.group("who") or speaks.group("who2") or "")) if speaks else []


def addresses(question: str, sentence: str) -> bool:
    """Whether a sentence holds what the question asks for, not just its topic: the person speaking for "what did X say"
    (X named with a speech verb or a quote); for how many / how much / when / who, its kind of content next to the
    question's own focus words (a count of votes, not any count); and never a heading or subhead (no closing stop)."""
    if _is_heading(sentence):
        return False
    speakers = _speakers_asked(question)
    if speakers and not (all(_mentions(sentence, name) for name in speakers) and _SPEECH.search(sentence)):
        return False
    shapes = [answer for asks, answer in _ANSWER_SHAPES if asks.search(question)]
    if not shapes:
        return True
    if not all(shape(question, sentence) for shape in shapes):
        return False
    words = tokens(sentence)
    said = set(stem_words(words))
    counted = _counted(question)
    focus = _focus_words(question)
    if counted is not None:  # the count is of what was asked: a number within three words of it ("voted 13-9", "5,300 employees")
        stems = stem_words(words)
        # People are also counted in words and under another name ("nine of the activists", "eight people" for
        # protesters), in a sentence that says what else the question asks ("arrested").
        people = counted in PEOPLE_NOUNS and bool((focus - {counted}) & said)
        numbers = [i for i, w in enumerate(words)
                   if (w[0].isdigit() and not re.fullmatch(r"(?:19|20)\d\d", w)) or (people and _COUNT_WORD.fullmatch(w))]
        counts = {counted} | (PEOPLE_NOUNS if people else set())
        return any(abs(i - j) <= 3 for i in numbers for j, w in enumerate(stems) if w in counts)
    return not focus or bool(focus & said)


def focused(question: str, evidence: Sequence[Evidence], passages: Sequence[str] = ()) -> list[Evidence]:
    """The evidence that addresses what the question asks (see `addresses`), best first; none when the question names
    something no candidate sentence mentions, when the retrieved passages lack a word of the topic it asks about, or when
    no sentence that addresses it is close enough to the question."""
    quotes = [e.citation.quote for e in evidence]
    retrieved = [*quotes, *passages]
    if names_missing(question, quotes) or topic_missing(question, retrieved):
        return []
    kept = [e for e in evidence if addresses(question, e.citation.quote)]
    # Of what a speaker said, what they said about the topic asked: "What did Hale say about the beams?" is answered by
    # his words on the beams, not by his other quotes. None on it in so many words leaves all his words: "What does
    # Lieber say about the research?" is answered by her words on "a treatment".
    on_topic = [e for e in kept if _topic(question) & content_words(e.citation.quote)]
    kept = on_topic or kept
    return kept if kept and kept[0].score >= ANSWERABLE_THRESHOLD else []


@dataclass(frozen=True)
class Evidence:
    """A source sentence scored against the question."""

    citation: Citation  # where it is
    score: float  # combined relevance
    similarity: float  # embedding cosine with the question
    overlap: float  # share of the question's content words it contains
    vector: np.ndarray = field(repr=False, compare=False)  # its embedding
    shaped: bool = False  # holds the kind of content the question asks for (a figure for "how much", a name for "who")
    near: bool = False  # for "when": one of its dates has one of the question's own words close by (see `_dated_near`)
    dated: float = 0.0  # for "when": cosine with the question of the sentence up to the end of the clause holding its date


@dataclass(frozen=True)
class Answer:
    """An answer with its cited sentences and the articles it draws on."""

    question: str  # what was asked (standalone form)
    text: str  # the whole answer
    answerable: bool  # False when the library does not hold the answer
    sentences: tuple[AnswerSentence, ...]  # cited sentences
    sources: tuple[ArticleRecord, ...]  # articles cited, in order of first citation
    notice: str = ""  # one line when the configured engine failed and another answered instead

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "answerable": self.answerable,
            "sentences": [s.to_json() for s in self.sentences],
            "sources": [r.source_json() for r in self.sources],
        } | ({"notice": self.notice} if self.notice else {})


AnswerStream = Generator[str, None, Answer]
"""What an engine's `stream` gives: the reply's text piece by piece, then (as the generator's return value) the answer."""


def _sentences_of(hits: Sequence[SearchHit]) -> list[Citation]:
    seen: set[tuple[str, int]] = set()
    citations = []
    for hit in hits:
        for span in hit.sentences:
            if (hit.article_id, span.start) in seen:
                continue
            seen.add((hit.article_id, span.start))
            quote = hit.text[span.start - hit.start: span.end - hit.start]
            citations.append(Citation(hit.article_id, quote, span.start, span.end))
    return citations


def _prefilter(question: str, hits: Sequence[SearchHit], citations: list[Citation]) -> list[Citation]:
    """At most _MAX_ENCODED sentences, the likeliest first (word overlap, then the rank of their chunk): encoding is the slow part."""
    if len(citations) <= _MAX_ENCODED:
        return citations
    asked = content_words(question)
    shapes = [answer for asks, answer in _ANSWER_SHAPES if asks.search(question)]
    chunk_rank: dict[tuple[str, int], int] = {}
    for number, hit in enumerate(hits):
        for span in hit.sentences:
            chunk_rank.setdefault((hit.article_id, span.start), number)

    def likelihood(citation: Citation) -> float:
        # A sentence of the kind asked for (a date for "when") is read whatever words it shares: "The request … was made
        # shortly after Russia's incursion on February 24" answers "When did Russia ask China for help?".
        overlap = len(asked & content_words(citation.quote)) / len(asked) if asked else 0.0
        shaped = bool(shapes) and all(shape(question, citation.quote) for shape in shapes)
        return overlap + 0.5 / (1 + chunk_rank.get((citation.article_id, citation.start), len(hits))) + 0.5 * shaped
    return sorted(citations, key=likelihood, reverse=True)[:_MAX_ENCODED]


def gather_evidence(library: Library, question: str, hits: Sequence[SearchHit]) -> list[Evidence]:
    """Every sentence of the retrieved chunks, scored by embedding similarity and lexical overlap with the question."""
    citations = _prefilter(question, hits, _sentences_of(hits))
    if not citations:
        return []
    vectors = library.embedder.encode([question] + [c.quote for c in citations])
    question_vector, sentence_vectors = vectors[0], vectors[1:]
    asked = content_words(question)
    shapes = [answer for asks, answer in _ANSWER_SHAPES if asks.search(question)]
    asks_when = bool(_ASKS_WHEN.search(question))
    evidence = []
    for citation, vector in zip(citations, sentence_vectors, strict=True):
        similarity = float(vector @ question_vector)
        overlap = len(asked & content_words(citation.quote)) / len(asked) if asked else 0.0
        shaped = bool(shapes) and all(shape(question, citation.quote) for shape in shapes)
        near = shaped and asks_when and _dated_near(question, citation.quote)
        evidence.append(Evidence(citation, 0.75 * similarity + 0.25 * overlap + 0.05 * shaped, similarity, overlap, vector, shaped, near))
    dated = [e for e in evidence if e.near]
    if dated:
        # What a date dates is said up to the end of its clause: "Before leaving Washington on Sunday, Sullivan warned …"
        # dates the leaving; "The request … was made shortly after Russia's incursion on February 24" the request.
        heads = library.embedder.encode([_up_to_date(e.citation.quote) for e in dated])
        scored = {id(e): float(v @ question_vector) for e, v in zip(dated, heads, strict=True)}
        evidence = [replace(e, dated=scored[id(e)]) if e.near else e for e in evidence]
    return sorted(evidence, key=lambda e: ranking_key(e.score, e.citation.article_id, e.citation.start))


def _up_to_date(sentence: str) -> str:
    """A sentence up to the end of the clause (comma to comma) that holds its first date."""
    match = _WHEN.search(sentence)
    if match is None:
        return sentence
    end = re.search(r",\s|;\s|$", sentence[match.end():])
    return sentence[:match.end() + (end.start() if end else 0)]


def _same_fact(a: Evidence, b: Evidence) -> bool:
    words_a, words_b = content_words(a.citation.quote), content_words(b.citation.quote)
    overlap = len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))
    return float(a.vector @ b.vector) + WORD_OVERLAP_WEIGHT * overlap >= _REDUNDANT + WORD_OVERLAP_WEIGHT * 0.5


def _previous(citation: Citation, pool: Sequence[Citation]) -> Citation | None:
    """The sentence just before this one in its article, when the retrieved passages hold it."""
    before = [c for c in pool if c.article_id == citation.article_id and c.end <= citation.start and citation.start - c.end <= 3]
    return max(before, key=lambda c: c.end) if before else None


def _pick(evidence: Sequence[Evidence], max_sentences: int, question: str = "") -> list[Evidence]:
    """The best sentences, dropping repeats of a fact already picked and much weaker ones; a sentence of the kind asked for
    comes first, and a non-answer ("declined to say") never does."""
    if not evidence:
        return []
    floor = max(ANSWERABLE_THRESHOLD, 0.8 * evidence[0].score)
    # Of the relevant sentences, those holding what the question asks for (a duration for "how long") lead.
    # A date of what was asked leads a date of something else ("… since Richard Nixon's visit in 1972").
    # A date whose clause reads most like the question leads: it dates what was asked, though the rest of its sentence
    # may share less with the question than a sentence dating something else.
    relevant = sorted((e for e in evidence if e.score >= floor or (e.near and e.score >= ANSWERABLE_THRESHOLD)),
                      key=lambda e: (not e.shaped, not e.near, -round(e.dated, 3)))  # stable: best first within each
    chosen: list[Evidence] = []
    for candidate in relevant:
        if len(chosen) >= max_sentences:
            break
        if any(_same_fact(candidate, c) for c in chosen):
            continue
        chosen.append(candidate)
    chosen = sorted(chosen, key=lambda e: is_non_answer(e.citation.quote))  # stable: the rest keep their order
    return _with_other_side(chosen, [e for e in evidence if e.score >= ANSWERABLE_THRESHOLD], question)


def _counts_asked(question: str, sentence: str) -> list[tuple[float, float]]:
    """The bounds of each count the sentence gives of what a "how many" question counts ("how many activists": "at least
    nine of the activists", and people under another name, "eight people")."""
    counted = _counted(question)
    if counted is None:
        return []
    nouns = {counted} | (PEOPLE_NOUNS if counted in PEOPLE_NOUNS else set())
    return [q.bounds() for q in quantities(sentence) if q.kind.startswith("count:") and q.kind.removeprefix("count:") in nouns]


def _other_count(question: str, a: str, b: str) -> bool:
    """Whether two sentences answer a "how many" question with counts that cannot both hold (nine / eight arrested)."""
    counts_a, counts_b = _counts_asked(question, a), _counts_asked(question, b)
    return bool(counts_a and counts_b) and not any(low_a <= high_b and low_b <= high_a
                                                   for low_a, high_a in counts_a for low_b, high_b in counts_b)


def _with_other_side(chosen: list[Evidence], relevant: Sequence[Evidence], question: str = "") -> list[Evidence]:
    """On a disputed point both sides: when another article gives a different figure, date or count for what the lead
    sentence answers, or another count of what a "how many" question asks, its sentence follows the lead (the answer
    never takes one side without saying so)."""
    if not chosen:
        return chosen
    lead = chosen[0]
    for candidate in relevant:
        if candidate.citation.article_id != lead.citation.article_id and (
                slot_conflict(lead.citation.quote, candidate.citation.quote)
                or _other_count(question, lead.citation.quote, candidate.citation.quote)):
            others = [e for e in chosen[1:] if e is not candidate]
            return [lead, candidate, *others][: max(len(chosen), 2)]
    return chosen


def _with_antecedents(chosen: Sequence[Evidence], pool: Sequence[Citation]) -> list[Citation]:
    """The picked sentences, each that opens with a pronoun ("She added…") preceded by the sentence it points to, or left out
    when the passages do not hold that sentence; every sentence once."""
    out: list[Citation] = []
    for evidence in chosen:
        sentence = evidence.citation
        if leans_on_previous(sentence.quote):
            previous = _previous(sentence, pool)
            if previous is None:
                continue
            if previous not in out:
                out.append(previous)
        if sentence not in out:
            out.append(sentence)
    return out


class ExtractiveEngine:
    """Answers by quoting the best source sentences; never writes a word of its own except the refusal."""

    name = "extractive"
    chat_model = None  # it asks no language model

    def __init__(self, library: Library, retriever: HybridRetriever | None = None, passages: int = 8, max_sentences: int = 3) -> None:
        self.library = library
        self.retriever = retriever or HybridRetriever(library)
        self.passages = passages
        self.max_sentences = max_sentences

    def answer(self, question: str, article_ids: Sequence[str] | None = None) -> Answer:
        """A cited answer, or an honest refusal when no source sentence is close enough to the question."""
        hits = self.retriever.search(question, k=self.passages, article_ids=article_ids)
        evidence = gather_evidence(self.library, question, hits)
        if not evidence or evidence[0].score < ANSWERABLE_THRESHOLD:
            return Answer(question, not_said(article_ids), False, (), ())
        answering = focused(question, evidence, [hit.text for hit in hits])
        if not answering:
            return self._nearest(question, evidence, article_ids)
        citations = _with_antecedents(_pick(answering, self.max_sentences, question), _sentences_of(hits))
        if not citations:  # every close sentence leaned on one the passages lack
            citations = [evidence[0].citation]
        sentences = tuple(AnswerSentence(c.quote, (c,), True) for c in citations)
        source_ids = list(dict.fromkeys(c.article_id for c in citations))
        records = [self.library.article(i) for i in source_ids]  # only the cited ones: listing a big library is slow
        return Answer(question, " ".join(s.text for s in sentences), True, sentences, tuple(r for r in records if r is not None))

    def _nearest(self, question: str, evidence: Sequence[Evidence], article_ids: Sequence[str] | None) -> Answer:
        """The refusal, then the sentence the articles hold that comes nearest to the question, cited (never a heading, never
        one that leans on a sentence before it)."""
        near = next((e.citation for e in evidence if not _is_heading(e.citation.quote) and not leans_on_previous(e.citation.quote)), None)
        if near is None:
            return Answer(question, not_said(article_ids), False, (), ())
        record = self.library.article(near.article_id)
        sentence = AnswerSentence(near.quote, (near,), True)
        return Answer(question, f"{not_said(article_ids)} {_NEAREST} {near.quote}", False, (sentence,),
                      (record,) if record is not None else ())

    def stream(self, question: str, article_ids: Sequence[str] | None = None) -> AnswerStream:
        """The answer sentence by sentence (the refusal, and the nearest sentence, at once), then the answer itself as the
        generator's return value."""
        answer = self.answer(question, article_ids)
        if not answer.answerable:
            yield answer.text
        else:
            for sentence in answer.sentences:
                yield sentence.text + " "
        return answer

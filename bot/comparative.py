"""The comparative summary: one readable text, within a word budget, that says what all outlets report, what each adds
and where they conflict, every sentence cited.

It is built from the comparison (`bot.compare`). With the extractive engine each sentence is a short connecting phrase
naming the outlets ("Both X and Y report:", "Only X reports:", "X and Y differ (different money: …):") followed by the grid's own source
sentences in quotation marks: no other word is invented. With an LLM, the model writes the text from the same plan,
the outlets named in each passage, and every sentence it writes is checked against the sentences it cites.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from bot.citations import AnswerSentence, Citation
from bot.compare import Comparison, ConsensusItem, Conflict, UniqueClaims, outlet_label
from bot.judge import get_judge
from bot.llm import checked_sentences, parse_cited_sentences, reply_or_error
from bot.prompts import passage_blocks, render_prompt
from bot.summarize import Summary, reads_alone
from bot.views import Section
from index import Library, ManysidesError
from index import word_count

__all__ = ["PlannedSentence", "comparative_summary", "plan"]

DEFAULT_WORDS = 150
_MIN_WORDS = 20  # below this no comparison fits: one agreement line and its outlets
_ADDITIONS_PER_OUTLET = 4  # at most this many "only X reports" lines per outlet


@dataclass(frozen=True)
class PlannedSentence:
    """One sentence of the comparative summary: its section, its text and what it cites."""

    section: Section  # agree, disagree or unique: the order they are read in
    text: str  # connecting phrase and source wording
    citations: tuple[Citation, ...]  # the source sentences it quotes
    rank: int  # its place in the queue for the word budget (lower is more important)


def _names(labels: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def _quoted(text: str) -> str:
    body = " ".join(text.split()).strip()
    return f"“{body}”"


def _agreement(item: ConsensusItem, labels: dict[str, str], outlets: int) -> str:
    names = [labels[a] for a in dict.fromkeys(item.article_ids)]
    if len(names) == outlets == 2:
        lead = f"Both {_names(names)} report"
    elif len(names) == outlets:
        lead = f"All {_count(outlets)} outlets ({_names(names)}) report"
    elif outlets > 2:
        lead = f"{_count(len(names)).capitalize()} of {_count(outlets)} outlets ({_names(names)}) report"
    else:
        lead = f"{_names(names)} report"
    return f"{lead}: {_quoted(item.claim)}"


_COUNTS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(n: int) -> str:
    """"five" for 5: how a reader says how many outlets report a fact."""
    return _COUNTS[n] if 0 <= n < len(_COUNTS) else str(n)


def _conflict(conflict: Conflict, labels: dict[str, str]) -> str:
    sides = "; ".join(f"{labels[p.article_id]} reports {_quoted(p.claim)}" for p in conflict.positions)
    names = _names([labels[p.article_id] for p in conflict.positions])
    return f"{names} differ ({conflict.reason}): {sides}"


def _addition(article_id: str, text: str, labels: dict[str, str]) -> str:
    return f"Only {labels[article_id]} reports: {_quoted(text)}"


def plan(comparison: Comparison) -> list[PlannedSentence]:
    """Every sentence the summary could say, ranked: the widest agreement first, then the sharpest conflicts, then each
    outlet's most distinct additions in turn (on the labelled web news of bench/compare_news.py, 17 of 151 "only X"
    lines of the 150- and 300-word paragraphs were reported by another outlet, against 46 of 135 in article order)."""
    labels = {r.id: outlet_label(r, comparison.sources) for r in comparison.sources}
    outlets = len({r.id for r in comparison.sources} - {copy for copy, _ in comparison.duplicates})
    agreements = [PlannedSentence(Section.AGREE, _agreement(item, labels, outlets), item.citations, 0)
                  for item in comparison.consensus if reads_alone(item.claim)]
    conflicts = [PlannedSentence(Section.DISAGREE, _conflict(c, labels), tuple(x for p in c.positions for x in p.citations), 0)
                 for c in comparison.conflicts]
    additions = [[PlannedSentence(Section.UNIQUE, _addition(group.article_id, claim.text, labels), claim.citations, 0)
                  for claim in _readable(group)[:_ADDITIONS_PER_OUTLET]] for group in comparison.unique]
    # Interleave: agreement, conflict, one addition per outlet, and again; the budget then keeps a balanced text.
    rounds = itertools.zip_longest(agreements, conflicts, *additions) if additions else itertools.zip_longest(agreements, conflicts)
    queue = [s for round_ in rounds for s in round_ if s is not None]
    return [PlannedSentence(s.section, s.text, s.citations, rank) for rank, s in enumerate(queue)]


def _readable(group: UniqueClaims) -> list:
    """The outlet's claims a reader can take on their own (no dangling pronoun, fragment, or non-answer), each fact once,
    the most distinct first: least like any claim of another outlet. An article's lead sentences are the ones other
    outlets report too in their own words, so in article order the "only X" lines were the likeliest to be false."""
    seen: set[str] = set()
    out = []
    for claim in group.claims:
        key = " ".join(claim.text.lower().split())
        if reads_alone(claim.text) and key not in seen:
            seen.add(key)
            out.append(claim)
    return sorted(out, key=lambda claim: claim.closest)


def _within(planned: Sequence[PlannedSentence], words: int) -> list[PlannedSentence]:
    """The most important planned sentences that fit the budget, whole, read section by section."""
    kept, used = [], 0
    for sentence in sorted(planned, key=lambda s: s.rank):
        cost = word_count(sentence.text)
        if used + cost <= words:
            kept.append(sentence)
            used += cost
    order = list(Section)
    return sorted(kept, key=lambda s: (order.index(s.section), s.rank))


def comparative_summary(library: Library | None, comparison: Comparison, words: int = DEFAULT_WORDS, chat_model=None) -> Summary:
    """The comparison told as one cited text of at most `words` words (see the module docstring)."""
    if words < _MIN_WORDS:
        raise ManysidesError(f"a comparative summary needs a budget of at least {_MIN_WORDS} words; pass --words {_MIN_WORDS} or more")
    chosen = _within(plan(comparison), words)
    if chat_model is not None and chosen and library is not None:
        sentences = _written(library, chat_model, chosen, comparison, words)
    else:
        sentences = [AnswerSentence(s.text, s.citations, True) for s in chosen]
    if not sentences:
        sentences = [AnswerSentence("The chosen articles share no fact, differ on nothing and add nothing a reader can take on its own.",
                                    (), False)] if not chosen else sentences
    records = {r.id: r for r in comparison.sources}
    cited = dict.fromkeys(c.article_id for s in sentences for c in s.citations)
    return Summary(" ".join(s.text for s in sentences), tuple(sentences), tuple(records[i] for i in cited if i in records), words)


def _written(library: Library, chat_model, chosen: Sequence[PlannedSentence], comparison: Comparison, words: int) -> list[AnswerSentence]:
    """The model's text from the plan: each source sentence a numbered passage that names its outlet and its part in the
    comparison; every sentence it writes is checked against the passages it cites (`bot.llm`)."""
    labels = {r.id: outlet_label(r, comparison.sources) for r in comparison.sources}
    role = {Section.AGREE: "reported by several outlets", Section.DISAGREE: "one side of a disagreement",
            Section.UNIQUE: "reported by this outlet only"}
    evidence = [citation for sentence in chosen for citation in sentence.citations]
    parts = [{"outlet": labels.get(citation.article_id, "?"), "part": role[sentence.section]}
             for sentence in chosen for citation in sentence.citations]
    messages = [("system", render_prompt("comparative_system")),
                ("human", render_prompt("comparative_user", passages=passage_blocks([c.quote for c in evidence], parts), words=str(words)))]
    reply = reply_or_error(chat_model, messages)
    sentences = checked_sentences(library, parse_cited_sentences(reply, len(evidence)), evidence, get_judge(chat_model))
    kept, used = [], 0
    for checked in sentences:
        if used + word_count(checked.text) > words:
            break
        kept.append(checked)
        used += word_count(checked.text)
    return kept

"""Who is quoted saying what: direct quotes and attributed statements, with the speaker resolved within the article.

Plain rules, no NER model: a speaker is a run of capitalized words next to a speech verb
("said Mayor Dana Whitcomb", "Hale said", "according to Corlane Engineering"). Titles in front
of a name become its role; a surname alone or a pronoun resolves to the person the article named
before. Lower-case sources ("officials said", "according to a memo") are not named speakers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index import Span

__all__ = ["Attribution", "find_attributions"]

_VERBS = (r"said|says|told|tells|added|adds|stated|warned|warns|noted|notes|explained|argued|argues|insisted|wrote|writes|"
          r"announced|cautioned|stressed|acknowledged|claimed|claims|replied|declared|asked|recalled|confirmed|predicted|urged|"
          r"promised|admitted|conceded|maintained|suggested|remarked|emphasized|emphasised|insists|denied|denies")
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|\b(?:de|van|von|der|da|al|bin|la|le)(?=\s+[A-Z]))"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,6}}"
_PRONOUN = r"\b(?:he|she|they)\b"
_TITLES = frozenset(
    "mayor president director minister secretary senator governor chief officer commissioner councilor councillor councilman "
    "councilwoman judge dr mr mrs ms miss professor prof sheriff spokesperson spokesman spokeswoman manager ceo chairman "
    "chairwoman chair representative rep sen gov prime general gen captain capt lieutenant sergeant sgt inspector engineer "
    "superintendent principal coach founder executive treasurer attorney lawyer deputy acting interim vice head leader "
    "adviser advisor commander ambassador chancellor mp king queen prince princess pope bishop rev reverend dean provost administrator".split()
)
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "but", "and", "so", "yet", "however", "meanwhile", "still", "also", "then"})
_QUOTED = re.compile(r'"([^"\n]{2,}?)"|“([^”\n]{2,}?)”')
_AFTER = re.compile(rf"^\s*[,.!?]?\s*(?:(?P<verb1>{_VERBS})\s+(?P<name1>{_NAME}|{_PRONOUN})|(?P<name2>{_NAME}|{_PRONOUN})\s+(?:{_VERBS})\b)")
_BEFORE = re.compile(rf"(?P<name>{_NAME}|{_PRONOUN})\s+(?:{_VERBS})(?:\s+\w+){{0,3}}?\s*[:,]?\s*$")
_REPORTED = re.compile(rf"^(?P<name>{_NAME}|{_PRONOUN})\s+(?:also\s+)?(?:{_VERBS})\b(?!\s*[:,]?\s*[\"“])")
_REPORTED_AFTER = re.compile(rf"(?:,\s*(?P<name>{_NAME})\s+(?:{_VERBS})|,\s*(?:{_VERBS})\s+(?P<name2>{_NAME})|\baccording to\s+(?P<name3>{_NAME}))\s*[.!?]?[\"”]?$")
_APPOSITIVE = re.compile(r"^\s*,\s*((?:who|the|a|an|owner|head|director|chief|president|spokesperson|spokesman|spokeswoman)\b[^,.;]{3,80})")


@dataclass(frozen=True)
class Attribution:
    """Words a source attributes to a speaker: a direct quote or a reported statement."""

    speaker: str  # the name as the article gives it in full, without title
    role: str  # title or description, e.g. "Mayor" or "who owns the Kellan Street Bakery"
    quote: str  # the quoted words, or the whole reported sentence
    kind: str  # "direct" (inside quotation marks) or "attributed" (reported speech)
    span: Span  # the sentences it comes from, in the article's cleaned text
    said: str = ""  # what is reported, without the "X said that" frame


@dataclass(frozen=True)
class _Speaker:
    name: str
    role: str


def _split_title(words: list[str]) -> _Speaker:
    """"Public Works Director Marcus Hale" -> name "Marcus Hale", role "Public Works Director"."""
    words = words[:-1] + [words[-1] if len(words[-1]) <= 2 else words[-1].rstrip(".")]  # "Hale." ends a sentence; "J." is an initial
    last_title = max((i for i, w in enumerate(words) if w.lower().rstrip(".") in _TITLES), default=-1)
    if 0 <= last_title < len(words) - 1:
        return _Speaker(" ".join(words[last_title + 1:]), " ".join(words[: last_title + 1]))
    return _Speaker(" ".join(words), "")


class _People:
    """People an article has named so far: resolves a surname or a pronoun to the full name."""

    def __init__(self, text: str, spans: Sequence[Span]) -> None:
        self.known: list[_Speaker] = []
        self.last: _Speaker | None = None
        self._text = text
        self._starts = {s.start for s in spans}
        # Full names anywhere in the article let a later bare surname resolve ("Jake Sullivan will meet ..." then "Sullivan said").
        self._mentioned = [_split_title(m.group(0).split()) for m in re.finditer(_NAME, text) if len(m.group(0).split()) >= 2]

    def _used_mid_sentence(self, word: str) -> bool:
        return any(m.start() not in self._starts for m in re.finditer(rf"\b{re.escape(word)}\b", self._text))

    def resolve(self, raw: str, at_sentence_start: bool) -> _Speaker | None:
        if re.fullmatch(_PRONOUN, raw, re.IGNORECASE):
            return self.last
        words = raw.split()
        while words and words[0].lower() in _ARTICLES:
            words = words[1:]
        if not words:
            return None
        speaker = _split_title(words)
        name_words = speaker.name.split()
        if len(name_words) == 1:
            earlier = next((p for p in [*reversed(self.known), *self._mentioned] if len(p.name.split()) > 1 and p.name.split()[-1] == name_words[0]), None)
            if earlier is not None:
                return self._remember(_Speaker(earlier.name, speaker.role or earlier.role))
            # One capitalized word at a sentence start ("Officials said") is usually not a name, unless the text uses it mid-sentence.
            if at_sentence_start and not speaker.role and not self._used_mid_sentence(name_words[0]):
                return None
        return self._remember(speaker)

    def _remember(self, speaker: _Speaker) -> _Speaker:
        known = next((p for p in self.known if p.name == speaker.name), None)
        if known is not None and not speaker.role:
            speaker = known
        self.known.append(speaker)
        self.last = speaker
        return speaker


def _sentence_at(spans: Sequence[Span], offset: int) -> int:
    return next((i for i, s in enumerate(spans) if s.start <= offset < s.end), len(spans) - 1)


def _with_appositive(speaker: _Speaker, following: str) -> _Speaker:
    match = _APPOSITIVE.match(following)
    if match and not speaker.role:
        return _Speaker(speaker.name, match.group(1).strip())
    return speaker


def find_attributions(text: str, spans: Sequence[Span]) -> list[Attribution]:
    """Direct quotes and attributed statements in an article, in order, each with its speaker resolved."""
    if not spans:
        return []
    people = _People(text, spans)
    found: list[Attribution] = []
    quoted_sentences: set[int] = set()
    quotes = list(_QUOTED.finditer(text))
    quote_at = {_sentence_at(spans, m.start()): m for m in quotes}
    for index, span in enumerate(spans):
        sentence = text[span.start:span.end]
        match = quote_at.get(index)
        if match is not None and len((match.group(1) or match.group(2)).split()) >= 3:
            words = (match.group(1) or match.group(2)).strip().rstrip(",").strip()
            last = _sentence_at(spans, match.end() - 1)
            after_end = spans[last].end
            after = text[match.end():after_end]
            before = text[span.start:match.start()]
            speaker = None
            if (hit := _AFTER.match(after)) is not None:
                raw = hit.group("name1") or hit.group("name2")
                speaker = people.resolve(raw, False)
                if speaker is not None:
                    speaker = _with_appositive(speaker, after[hit.end():])
            elif (hit := _BEFORE.search(before)) is not None:
                speaker = people.resolve(hit.group("name"), hit.start() == 0)
            if speaker is not None:
                found.append(Attribution(speaker.name, speaker.role, words, "direct", Span(span.start, after_end)))
                quoted_sentences.update(range(index, last + 1))
                continue
        if index in quoted_sentences or _QUOTED.search(sentence):
            continue
        raw, at_start, said = None, False, sentence
        if (hit := _REPORTED.match(sentence)) is not None:
            raw, at_start = hit.group("name"), True
            said = re.sub(r"^\s*(?:that\s+)?", "", sentence[hit.end():])
        elif (hit := _REPORTED_AFTER.search(sentence)) is not None:
            raw = hit.group("name") or hit.group("name2") or hit.group("name3")
            said = sentence[:hit.start()]
        if raw is None:
            continue
        speaker = people.resolve(raw, at_start)
        if speaker is not None:
            found.append(Attribution(speaker.name, speaker.role, sentence, "attributed", span, said.strip() or sentence))
    return found

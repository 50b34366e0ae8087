"""Who is quoted saying what: direct quotes and attributed statements, with the speaker resolved within the article.

Plain rules, no NER model: a speaker is a run of capitalized words next to a speech verb
("said Mayor Dana Whitcomb", "Hale said", "according to Corlane Engineering"). Titles in front
of a name become its role; a surname alone or a pronoun resolves to the person the article named
before. Lower-case sources ("officials said", "according to a memo") are not named speakers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from index import MONTHS, SPEAKER_NAME, WEEKDAYS, Span, edit_distance, has_verb, without_dateline

__all__ = ["Attribution", "QuoteKind", "find_attributions", "quotation_spans", "within_quotation"]

_VERBS = (r"said|says|told|tells|added|adds|stated|warned|warns|noted|notes|explained|argued|argues|insisted|wrote|writes|"
          r"announced|cautioned|stressed|acknowledged|claimed|claims|replied|declared|asked|recalled|confirmed|predicted|urged|"
          r"promised|admitted|conceded|maintained|suggested|remarked|emphasized|emphasised|insists|denied|denies")
_PRONOUN = r"\b(?:he|she|they)\b"
_TITLES = frozenset(
    "mayor president director minister secretary senator governor chief officer commissioner councilor councillor councilman "
    "councilwoman judge dr mr mrs ms miss professor prof sheriff spokesperson spokesman spokeswoman manager ceo chairman "
    "chairwoman chair representative rep sen gov prime general gen captain capt lieutenant sergeant sgt inspector engineer "
    "superintendent principal coach founder executive treasurer attorney lawyer deputy acting interim vice head leader "
    "adviser advisor commander ambassador chancellor mp king queen prince princess pope bishop rev reverend dean provost administrator "
    "lt col brig maj adm cmdr cpl pvt det supt insp colonel major admiral brigadier corporal private detective".split()
)
# Words that open a sentence or clause in front of a name and are never part of it ("But Carl-Henric Svanberg", "When Warren").
_ARTICLES = frozenset("the a an this that but and so yet however meanwhile still also then when while as after before if because "
                      "although though since until unless once whereas or nor for with without in on at by from of to whether why how what "
                      "where which who whom whose despite during amid".split())
# Groups named by a common noun ("Police said") are sources, not named speakers.
_GROUPS = frozenset("police officials authorities witnesses investigators prosecutors scientists experts researchers doctors residents "
                    "officers analysts critics sources lawmakers democrats republicans".split())
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})  # stripped from a name, but no role ("Mr Svanberg" has no role "Mr", "Dr. Mkhallalati" none "Dr.")
# Capitalized words that end with a full stop without ending the sentence: initials ("J."), titles and common abbreviations.
_ABBREVIATIONS = frozenset("jr sr st mt ft lt col gen sgt rep sen gov dr mr mrs ms prof rev capt cmdr corp inc co ltd no u.s u.k u.n "
                           "brig maj adm cpl pvt det supt insp".split())
# "...", “...” and the wire services' ``...'' (or ''...'').
_QUOTED = re.compile(r'"([^"\n]{2,}?)"|“([^”\n]{2,}?)”|(?:``|\'\')([^"\n]{2,}?)\'\'')
_AFTER = re.compile(rf"^\s*[,.!?]?\s*(?:(?P<verb1>{_VERBS})\s+(?P<name1>{SPEAKER_NAME}|{_PRONOUN})|(?P<name2>{SPEAKER_NAME}|{_PRONOUN})\s+(?:{_VERBS})\b)")
# A role before or after the name ('"…," army spokeswoman Dana Levi said', '"…," Israel's top military spokesman, Brig.
# Gen. Yoav Mordechai, told …', '"…," said the army chief, Gen. Dana Levi'): a few words ending in a role noun.
_ROLE_NOUN = "(?:" + "|".join(sorted((w for w in _TITLES | {"official", "expert", "analyst", "researcher", "economist", "lawmaker"}
                                       if len(w) > 3), key=len, reverse=True)) + ")"
_ROLE_PHRASE = rf"(?:the\s+|an?\s+)?(?:[\w'’.-]+\s+){{0,5}}?{_ROLE_NOUN}(?:\s+(?:of|at|for)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})?"
_AFTER_ROLE = re.compile(rf"^\s*[,.!?]?\s*(?:(?:{_VERBS})\s+(?P<role1>{_ROLE_PHRASE}),?\s+(?P<name1>{SPEAKER_NAME})"
                         rf"|(?P<role2>{_ROLE_PHRASE}),?\s+(?P<name2>{SPEAKER_NAME}),?\s+(?:{_VERBS})\b)")
_BEFORE = re.compile(rf"(?P<name>{SPEAKER_NAME}|{_PRONOUN})\s+(?:{_VERBS})(?:\s+\w+){{0,3}}?\s*[:,]?\s*$")
_LOWER_TITLE = rf"(?:[a-z]+\s+){{0,3}}{_ROLE_NOUN}\s+"  # "animal control officer Heidi Blood said"
# "Heidi Blood said", "Rachel Borch, 21, said", "Hope animal control officer Heidi Blood said", "On Saturday, Benson said".
_REPORTED = re.compile(rf"^(?:[A-Z]\w*(?:\s+\w+){{0,3}},\s+)?(?:[A-Z]\w*\s+{_LOWER_TITLE})?(?P<name>{SPEAKER_NAME}|{_PRONOUN})(?:(?:,\s+[^,\"“”]{{1,120}}){{1,3}},)?"
                       rf"\s+(?:also\s+)?(?:{_VERBS})\b(?!\s*[:,]?\s*[\"“])")
_REPORTED_AFTER = re.compile(rf"(?:,\s*(?P<name>{SPEAKER_NAME}|{_PRONOUN})\s+(?:{_VERBS})|,\s*(?:{_VERBS})\s+(?P<name2>{SPEAKER_NAME})|\baccording to\s+(?:{_LOWER_TITLE})?(?P<name3>{SPEAKER_NAME}))"
                             rf"(?:\s+\w+day)?(?:,\s+(?:(?:the|a|an|who)\s[^,\"“”]{{2,80}}|{_ROLE_PHRASE})){{0,2}}\s*[.!?]?[\"”]?$")
# What comes between "X said" and what X said: when, and "that" ("said on Tuesday that it earned ...").
_REPORTED_LEAD = re.compile(r"^\s*(?:(?:(?:on|in|at|during|last|this|late|early)\s+(?:[\w.'’-]+\s+){1,3}?|yesterday\s+|today\s+|[a-z]+day\s+)(?=that\b))?"
                            r"(?:that\s+)?", re.IGNORECASE)
# The whole phrase up to its closing comma or stop, or none of it: a role is never cut mid-word ("... in the Gaza Stri").
_APPOSITIVE = re.compile(r"^\s*,\s*((?:who|the|a|an|owner|head|director|chief|president|spokesperson|spokesman|spokeswoman)\b[^,.;]{3,120}"
                         rf"|(?:[\w'’.-]+\s+){{1,4}}?{_ROLE_NOUN}(?:\s+(?:of|at|for)\s+[^,.;]{{2,60}})?)(?=[,.;]|$)")  # "Virginia's lottery director"


class QuoteKind(StrEnum):
    """How a source gives a speaker's words."""

    DIRECT = "direct"  # inside quotation marks
    ATTRIBUTED = "attributed"  # reported speech ("she said the bridge ...")


@dataclass(frozen=True)
class Attribution:
    """Words a source attributes to a speaker: a direct quote or a reported statement."""

    speaker: str  # the name as the article gives it in full, without title
    role: str  # title or description, e.g. "Mayor" or "who owns the Kellan Street Bakery"
    quote: str  # the quoted words, or the whole reported sentence
    kind: QuoteKind  # the speaker's own words, or reported speech
    span: Span  # the sentences it comes from, in the article's cleaned text
    said: str = ""  # what is reported, without the "X said that" frame


@dataclass(frozen=True)
class _Speaker:
    name: str
    role: str


_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
_FIRST_PERSON = frozenset({"I", "We"})
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")  # "O.J.", "J.R.": initials, not the end of a sentence


def _name_words(words: list[str]) -> list[str]:
    """The words of one name: no leading conjunction or preposition, and nothing past a word that ends a sentence
    ("Veterans Affairs. Jackson" is two sentences)."""
    while words and words[0].lower() in _ARTICLES:
        words = words[1:]
    for number, word in enumerate(words[:-1]):
        bare = word.rstrip(".").lower()
        if word.endswith(".") and len(bare) > 1 and bare not in _ABBREVIATIONS and bare not in _TITLES and not _INITIALS.match(word):
            return words[: number + 1]
    return words


def _split_title(words: list[str]) -> _Speaker:
    """"Public Works Director Marcus Hale" -> name "Marcus Hale", role "Public Works Director"; an honorific is no role."""
    words = _name_words(words)
    if not words:
        return _Speaker("", "")
    last = words[-1]  # "Hale." ends a sentence; "J." is an initial and "Sr." a generation
    words = words[:-1] + [last if len(last) <= 2 or last.rstrip(".").lower() in _GENERATIONS else last.rstrip(".")]
    last_title = max((i for i, w in enumerate(words) if w.lower().rstrip(".") in _TITLES), default=-1)
    if 0 <= last_title < len(words) - 1:
        role = [w for w in words[: last_title + 1] if w.lower().rstrip(".") not in _HONORIFICS]
        if all(w.endswith(".") for w in role):  # "Gen." or "Brig. Gen." alone reads as a fragment after the name: no role
            role = []
        return _Speaker(" ".join(words[last_title + 1:]), " ".join(role))
    return _Speaker(" ".join(words), "")


_TIME_WORDS = frozenset((*WEEKDAYS, *MONTHS, "earlier", "later", "last", "next", "this", "early", "late", "today", "yesterday",
                         "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "week", "weekend", "month", "year"))


# Words that make a name an institution's ("Ukrainian Canadian Congress", "Bank of England"), never "he" or "she".
_INSTITUTION = re.compile(r"\b(?:Congress|Centre|Center|Committee|Council|Institute|University|College|Association|Court|"
                          r"Government|Ministry|Department|Agency|Party|Company|Corporation|Corp|Inc|Ltd|Group|Office|"
                          r"Embassy|Federation|Bank|Union|Commission|Board|Service|Police|Army|Foundation|Society|Church|"
                          r"Hospital|School|League|Organi[sz]ation|Network|News|Press|Times|Post|Journal)\b\.?$")


def _a_person(name: str) -> bool:
    """Whether a speaker's name can be a person's: not a website ("MegaMillions.com"), one word in capitals ("NASA") or
    an institution ("Ukrainian Canadian Congress")."""
    return not re.search(r"\.[a-z]{2,}\b", name, re.IGNORECASE) and not re.fullmatch(r"[A-Z0-9&]{2,}", name) \
        and not _INSTITUTION.search(name)


# A sentence's subject when it is a name: at its start, or after an opening clause ("Asked how he felt, Katriuk paused."),
# followed by an appositive or a verb.
_SUBJECT = re.compile(rf"^\W*(?:[^,\"“”]{{0,150}},\s+)?(?P<name>{SPEAKER_NAME})(?=,|\s+[a-z])")


class _People:
    """People an article has named so far: resolves a surname or a pronoun to the full name."""

    def __init__(self, text: str, spans: Sequence[Span]) -> None:
        self.known: list[_Speaker] = []
        self.last: _Speaker | None = None
        self._pronoun: dict[str, str] = {}  # the pronoun a speaker was first referred to by ("she")
        self._text = text
        self._starts = {s.start for s in spans}
        # Full names anywhere in the article let a later bare surname resolve ("Jake Sullivan will meet ..." then "Sullivan said").
        # Names are found within one sentence at a time, so a name never takes words from two sentences.
        self._mentioned: list[_Speaker] = []
        for span in spans:
            for m in re.finditer(SPEAKER_NAME, text[span.start:span.end]):
                speaker = _split_title(m.group(0).split())
                if len(speaker.name.split()) >= 2:
                    self._mentioned.append(speaker)
        # The person each sentence is about, its subject named outside quotation marks (a full name, or the surname of a
        # full name the article gives): a "he" after a sentence about someone else may be that person.
        surnames = {self._surname(p.name) for p in self._mentioned} - {""}
        outside = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
        self._named: list[set[str]] = []
        for span in spans:
            subject = _SUBJECT.match(outside[span.start:span.end])
            name = _split_title(subject.group("name").split()).name if subject else ""
            a_name = (len(name.split()) >= 2 or name in surnames) and not all(w.lower().strip(".,") in _TIME_WORDS for w in name.split())
            self._named.append({name} if a_name else set())  # "Earlier Thursday, the centre ..." names no one
        self.position = 0  # the sentence being read: set by the reader as it goes
        self._spoke_at: dict[str, int] = {}  # the sentence each speaker was last resolved in

    def _used_mid_sentence(self, word: str) -> bool:
        return any(m.start() not in self._starts for m in re.finditer(rf"\b{re.escape(word)}\b", self._text))

    def resolve(self, raw: str, at_sentence_start: bool) -> _Speaker | None:
        if re.fullmatch(_PRONOUN, raw, re.IGNORECASE):
            pronoun = raw.lower()
            last = self.last
            if pronoun != "they":  # "he" or "she" is a person: never a website or an acronym a figure was credited to
                last = next((p for p in reversed(self.known) if _a_person(p.name)), None)
            if last is None or self._pronoun.setdefault(last.name, pronoun) != pronoun:
                return None  # "He told her ..." right after a woman spoke: not her
            if (other := self._subject_since(last)) is not None:
                # '"...," said the minister's aide. Asked about it, Katriuk paused. "I have nothing to say," he said.': the
                # pronoun means the person the story turned to, unless that person goes by another pronoun.
                last = (self._full_name(other) if len(other.split()) == 1 else None) or _Speaker(other, "")
                if self._pronoun.setdefault(last.name, pronoun) != pronoun:
                    return None
            return self._remember(last)
        speaker = _split_title(raw.split())
        name_words = speaker.name.split()
        if not name_words or speaker.name in _FIRST_PERSON:  # "I said 'are you sure?'" inside someone's quote names nobody
            return None
        if len(name_words) == 1 and name_words[0].lower() in _GROUPS:
            return None
        if all(w.lower().strip(".,") in _TIME_WORDS for w in name_words):
            return None  # "Earlier Thursday, the centre urged Ottawa ...": a time, not a speaker
        if len(name_words) == 1:
            earlier = self._full_name(name_words[0])
            if earlier is not None:
                return self._remember(_Speaker(earlier.name, speaker.role or earlier.role))
            # One capitalized word at a sentence start ("Officials said") is usually not a name, unless the text uses it mid-sentence.
            if at_sentence_start and not speaker.role and not self._used_mid_sentence(name_words[0]):
                return None
        return self._remember(speaker)

    @staticmethod
    def _surname(name: str) -> str:
        """The family name of a full name: its last word before a generation ("Harry E. Johnson Sr." -> "Johnson")."""
        words = [w for w in name.split() if w.rstrip(".").lower() not in _GENERATIONS]
        return words[-1] if len(words) > 1 else ""

    def _full_name(self, surname: str) -> _Speaker | None:
        """The person a bare surname means: the one who spoke last under it, else the one the article names most under
        it ("O.J. Simpson", not "Nicole Brown Simpson"); None when two are named equally often."""
        spoke = next((p for p in reversed(self.known) if self._surname(p.name) == surname), None)
        if spoke is not None:
            return spoke
        named = Counter(p.name for p in self._mentioned if self._surname(p.name) == surname)
        ranked = named.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return next(p for p in self._mentioned if p.name == ranked[0][0])

    def _subject_since(self, speaker: _Speaker) -> str | None:
        """The last other person a sentence between the speaker's last attribution and this one is about (names as its
        subject, outside quotation marks), if any: a pronoun after it means that person more likely than the speaker."""
        since = self._spoke_at.get(speaker.name, self.position)
        surname = self._surname(speaker.name)
        others = [name for named in self._named[since + 1:self.position] for name in named
                  if name not in (speaker.name, surname) and not same_person(name, speaker.name) and _a_person(name)]
        return others[-1] if others else None

    def _remember(self, speaker: _Speaker) -> _Speaker:
        known = next((p for p in self.known if p.name == speaker.name), None)
        if known is not None and not speaker.role:
            speaker = known
        self.known.append(speaker)
        self.last = speaker
        self._spoke_at[speaker.name] = self.position
        return speaker


def quotation_spans(text: str) -> list[Span]:
    """Where the text's quotations are, quotation marks included."""
    return [Span(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def within_quotation(spans: Sequence[Span], quotations: Sequence[Span]) -> set[int]:
    """The spans (sentences, or claims cut from them) that lie wholly inside one of the quotations (`quotation_spans`):
    someone's words, not the article's own report."""
    return {i for i, s in enumerate(spans) if any(q.start <= s.start and s.end <= q.end + 1 for q in quotations)}


def _sentence_at(spans: Sequence[Span], offset: int) -> int:
    return next((i for i, s in enumerate(spans) if s.start <= offset < s.end), len(spans) - 1)


_ATTRIBUTION_WORDS = 8  # at most this many words after the speech verb in a sentence that only says who spoke


def _attribution_alone(sentence: str) -> re.Match | None:
    """A sentence that only says who spoke the quote before it ('"... so much." Trump said to cheers Thursday night.'):
    a speaker and a speech verb, then a few words with no verb of their own (not a statement: "Trump said the wall
    will rise." says something)."""
    if _QUOTED.search(sentence) or (hit := _AFTER.match(sentence)) is None:
        return None
    rest = sentence[hit.end():].strip().rstrip(".!?")
    return hit if len(rest.split()) <= _ATTRIBUTION_WORDS and not has_verb(rest) and "that" not in rest.lower().split() else None


_WHO_ROLE_WORDS = 8  # a "who" clause longer than this says what the speaker did, not who they are


def _with_appositive(speaker: _Speaker, following: str) -> _Speaker:
    match = _APPOSITIVE.match(following)
    if match and match.group(1).lower().startswith("who ") and len(match.group(1).split()) > _WHO_ROLE_WORDS:
        return speaker  # ", who would not say whether she hoped for a holiday drawing": no role
    if match and not speaker.role:
        return _Speaker(speaker.name, match.group(1).strip())
    return speaker


def find_attributions(text: str, spans: Sequence[Span]) -> list[Attribution]:
    """Direct quotes and attributed statements in an article, in order, each with its speaker resolved."""
    if not spans:
        return []

    def words_of(match: re.Match) -> str:
        return match.group(1) or match.group(2) or match.group(3)
    people = _People(text, spans)
    found: list[Attribution] = []
    quoted_sentences: set[int] = set()
    quotes = list(_QUOTED.finditer(text))
    quote_at: dict[int, re.Match] = {}
    for quote in quotes:  # a sentence's first quote: "'Not to scare people,' Blood said, but 'when ...'"
        quote_at.setdefault(_sentence_at(spans, quote.start()), quote)
    for index, span in enumerate(spans):
        people.position = index
        sentence = text[span.start:span.end]
        match = quote_at.get(index)
        if match is not None and len(words_of(match).split()) >= 3:
            words = words_of(match).strip().rstrip(",").strip()
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
            elif (hit := _AFTER_ROLE.match(after)) is not None:
                speaker = people.resolve(hit.group("name1") or hit.group("name2"), False)
                if speaker is not None and not speaker.role:
                    role = re.sub(r"^(?:the|an?)\s+", "", hit.group("role1") or hit.group("role2"))
                    speaker = _Speaker(speaker.name, role)
            elif not after.strip(" .!?,") and last + 1 < len(spans) and (
                    hit := _attribution_alone(text[spans[last + 1].start:spans[last + 1].end])) is not None:
                # A quote of whole sentences, its speaker named in the next one: that sentence is part of the quote.
                speaker = people.resolve(hit.group("name1") or hit.group("name2"), False)
                if speaker is not None:
                    last, after_end = last + 1, spans[last + 1].end
            elif not before.strip() and not after.strip(" .!?,") and found and found[-1].kind == QuoteKind.DIRECT \
                    and index > 0 and found[-1].span.end == spans[index - 1].end:
                # Sentences all in quotation marks right after a speaker's quote go on with that speaker ('"...," he said.
                # "Does that make sense? I can't propose it."'), as news writes a long quote.
                speaker = _Speaker(found[-1].speaker, found[-1].role)
            if speaker is not None:
                found.append(Attribution(speaker.name, speaker.role, words, QuoteKind.DIRECT, Span(span.start, after_end)))
                quoted_sentences.update(range(index, last + 1))
                continue
        if index in quoted_sentences or any(q.start() < span.start and span.end <= q.end() for q in quotes):
            continue  # a sentence inside a quotation is the speaker's words, not the article's report of who said what
        raw, at_start, said = None, False, sentence
        # A lead sentence is read without its dateline: "Washington (CNN) Donald Trump said Saturday that …".
        if (hit := _REPORTED.match(lead := without_dateline(sentence))) is not None:  # "Borch said she held it ... 'its arms sort of fell'" too
            raw, at_start = hit.group("name"), hit.start("name") == 0
            said = _REPORTED_LEAD.sub("", lead[hit.end():])
        elif _QUOTED.search(sentence):
            continue
        elif (hit := _REPORTED_AFTER.search(sentence)) is not None:
            raw = hit.group("name") or hit.group("name2") or hit.group("name3")
            said = sentence[:hit.start()]
        if raw is None:
            continue
        speaker = people.resolve(raw, at_start)
        if speaker is not None:
            found.append(Attribution(speaker.name, speaker.role, sentence, QuoteKind.ATTRIBUTED, span, said.strip() or sentence))
    return found


def _one_spelling(a: str, b: str) -> bool:
    """Two spellings of one name word, as outlets transliterate it: "Hisham" / "Hesham", "Morsy" / "Morsi"."""
    a, b = a.lower().strip(".,'’"), b.lower().strip(".,'’")
    return a == b or (a[:1] == b[:1] and min(len(a), len(b)) >= 4 and edit_distance(a, b) <= max(1, min(len(a), len(b)) // 4))


def same_person(a: str, b: str) -> bool:
    """Whether two speaker names are one person spelled two ways: as many words, each the same or a spelling of it."""
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) >= 2 and all(_one_spelling(x, y) for x, y in zip(words_a, words_b, strict=True))


def one_name_per_person(names: Sequence[str]) -> dict[str, str]:
    """Each speaker name, mapped to the first spelling of that person among `names` (outlets spell transliterated names
    their own way, and one person should be one speaker); a surname alone ("Katriuk", where an article named two
    spellings of him) to the one full name it ends, when exactly one does."""
    chosen: list[str] = []
    canonical: dict[str, str] = {}
    for name in names:
        if name not in canonical:
            canonical[name] = next((c for c in chosen if same_person(c, name)), name)
            if canonical[name] == name:
                chosen.append(name)
    for name in canonical:
        if len(name.split()) == 1:
            full = {canonical[n] for n in canonical if len(n.split()) > 1 and _People._surname(n) == name}
            if len(full) == 1:
                canonical[name] = full.pop()
    return canonical


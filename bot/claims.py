"""Claims and what can make two claims disagree: typed quantities (money, percentages, years, dates, counts) and negation.

Pure functions on plain strings, so the rules can be read and tested alone.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from index import (MONTHS, NUMBER, STOPWORDS, WEEKDAYS, content_words, denies, edit_distance, has_verb, names_in, numbers_in,
                   stem, stem_words, tokens)

__all__ = ["KIND_OF_QUANTITY", "Disagreement", "DisagreementKind", "Quantity", "claim_conflict", "claim_content", "claim_core", "contrasting", "different_silent_parties", "mask_values", "outcome_conflict", "people_count_conflict", "people_counts", "quantities", "slot_conflict", "split_claims", "silent_party", "swapped", "tfidf_rows", "uncertain", "values_of_two_things",
           "WORD_OVERLAP_WEIGHT", "sameness", "word_overlap"]

_MONTH_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"sept": "september"}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
_NUM = f"({NUMBER})"
_MONEY = re.compile(rf"([$€£])\s?{_NUM}(?:\s*(thousand|million|billion|trillion|bn|m|k)\b)?|{_NUM}\s*(thousand|million|billion)?\s*(dollars|euros|pounds)\b",
                    re.IGNORECASE)
_PERCENT = re.compile(rf"{_NUM}\s*(?:%|per ?cent\b)", re.IGNORECASE)
_DATE = re.compile(rf"\b({'|'.join(MONTHS)}|{'|'.join(_MONTH_ABBREVIATIONS)})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.IGNORECASE)
# A month without a day, where it dates something ("in May 2014", "since April"): not the verb "may".
_MONTH = re.compile(rf"(?:\b(?:in|since|by|until|from|last|early|late|mid-?)\s+({'|'.join(m.capitalize() for m in MONTHS)})\b"
                    rf"|\b({'|'.join(m.capitalize() for m in MONTHS)})\s+(?:1[89]|20)\d\d\b)")
_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})(?:\s+(morning|afternoon|evening|night))?\b", re.IGNORECASE)
_PART_OF_DAY = {"morning": 1, "afternoon": 2, "evening": 3, "night": 4}  # a day's value is its index x 10 plus its part
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_SCALE_WORD = r"(?:thousand|million|billion|trillion)"
# A count: a number (its scale word part of it: "2.7 million people") and the one or two words after it, what is counted.
_COUNT = re.compile(rf"\b(?:{_NUM}|({'|'.join(_NUMBER_WORDS)}))(?:\s+({_SCALE_WORD}))?\s+(?:(?:more|new|other|additional|main|of the)\s+)?"
                    rf"(?!{_SCALE_WORD}\b)([a-z]{{3,}})(?:[\s-]+([a-z]{{3,}}))?", re.IGNORECASE)
# Two figures that give one range ("2 million to 3 million", "1990 through 1995", "between 400 and 550"): each is any value in it.
_RANGE = re.compile(rf"(?:\bbetween\s+[$€£]?({NUMBER})(?:\s*({_SCALE_WORD}))?\s+and\s+|[$€£]?\b({NUMBER})(?:\s*({_SCALE_WORD}))?\s*(?:to|through|-|–|—)\s*)"
                    rf"[$€£]?({NUMBER})(?:\s*({_SCALE_WORD}))?", re.IGNORECASE)
# A word before a figure that makes it a bound or an estimate: "more than 400" is any value above 400.
_AT_LEAST = re.compile(r"\b(?:more than|over|at least|upwards of|in excess of|exceeding)\s*[$€£]?$", re.IGNORECASE)
_AT_MOST = re.compile(r"\b(?:less than|fewer than|under|up to|at most|as many as|as much as|as high as|no more than)\s*[$€£]?$",
                      re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:about|around|approximately|roughly|some|an estimated|estimated|close to|nearly|almost)\s*[$€£]?$", re.IGNORECASE)
_ESTIMATE = 0.05  # an estimate ("about 3,200") is any value this share either side of it
# A bound is read as a reporter writes one: "more than 400" is 400 to 500 (a reader told "more than 400" does not expect
# 550), "up to 2 million" half of it to all of it.
_ABOVE, _BELOW = 1.25, 0.5
# A round figure is any value a reporter would round or cut down to it ("$437,000" for an account of $437,714, "$70,000"
# for $70,246): within its last written digit's place, and never more than _ESTIMATE away. Small figures ("50 people") and
# years are exact: the thousands place is where outlets round.
_ROUND_PLACE = 1000
# What a figure reads as once its value is hidden (see `mask_values`).
_PLACEHOLDER = {"money": "an amount", "percent": "a share", "date": "that date", "month": "that month", "weekday": "that day", "year": "that year"}
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and|but|while|whereas)\s+|:\s+(?=[A-Z])")  # a colon before a capital: "The pressure is working: DWSD announced ..."
# A clause after ", and" that opens with a verb continues the same subject ("…, and would stay off the job").
_PREDICATE_START = re.compile(r"(?:(?:also|then|later|still|now)\s+)?(?:would|will|could|should|can|may|might|must|has|have|had|is|was|were|are|"
                              r"did|does|do|[a-z]+ed|[a-z]+ing|"
                              # irregular pasts and verbs of saying or stance ("…, and says he was shocked")
                              r"said|told|went|made|took|gave|got|came|left|found|saw|became|began|kept|held|brought|thought|felt|"
                              r"paid|sent|spent|won|lost|ran|wrote|met|led|fled|sold|bought|built|fell|rose|knew|grew|drew|chose|"
                              r"spoke|broke|drove|flew|says|tells|adds|wants|remains|continues|believes|expects|hopes|faces|needs|"
                              r"appears|seems|declines|denies|insists|argues|claims|admits|notes|warns|urges|asks)\b")
# A part after ", and" that opens with one of these leans on the clause before it ("…, and again when it happened").
_DEPENDENT_START = re.compile(r"(?:again|never|not|only|even|especially|when|where|which|who|whose|what|how|why|whether|that|as|soon|then|just)\b", re.IGNORECASE)
_LONG_CLAUSE = 8  # words before ", and" from which the part is a clause though no verb was recognised in it ("The port handles …")
_CLAUSE_WORDS = 4  # a coordinated clause is its own claim only when both sides are this long (and hold a verb): "apples, pears, and plums" stays whole
_SAY = (r"said|says|say|told|tells|reported|reports|announced|confirmed|added|adds|believe|believes|stated|noted|wrote|writes|"
        r"claimed|claims|insisted|warned|explained|estimated|estimates|acknowledged")
# The frame of reported speech, which says who, not what: "US officials told the Financial Times that …",
# "According to the police, …", "…, officials said on Sunday." The claim is what was said.
_FRAME_BEFORE = re.compile(rf"^(?:according to [^,;]{{2,80}},\s+|[^,;\"“”]{{2,80}}?\b(?:{_SAY})\b(?:\s+[A-Za-z][\w.'’-]*){{0,4}}?\s+that\s+"
                           rf"|[^,;\"“”]{{2,60}}?\b(?:{_SAY})\b\s*:\s+|[^,;\"“”]{{2,50}}?\b(?:said|says)\s+(?!that\b))", re.IGNORECASE)
_FRAME_AFTER = re.compile(rf",\s+(?:according to [^,;]{{2,80}}|[^,;\"“”]{{2,60}}?\b(?:{_SAY})\b[^,;\"“”]{{0,40}}|(?:{_SAY})\s+[^,;\"“”]{{2,60}})\s*[.!]?\s*$",
                          re.IGNORECASE)
_PRONOUN_START = re.compile(r"(?:it|he|she|they|we|i|this|that|these|those)\b", re.IGNORECASE)
_SAY_VERB = re.compile(rf"\b(?:{_SAY})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number with what it measures: ("money", 4200000.0), ("count:vehicl", 11000.0), ("weekday", 10.0) (Tuesday; 11.0 for Tuesday morning)."""

    kind: str  # what the number measures
    value: float  # normalized value
    text: str  # as written
    start: int = -1  # where the figure is in the claim (for a count, its number alone)
    end: int = -1
    low: float | None = None  # the least and most it can mean: a bound ("more than 400"), an estimate ("about 400") or a
    high: float | None = None  # range ("400 to 550"); None: exactly `value`

    def bounds(self) -> tuple[float, float]:
        return (self.value if self.low is None else self.low, self.value if self.high is None else self.high)


class DisagreementKind(StrEnum):
    """What two claims about the same thing differ on: a value of one kind, or whether it happened at all."""

    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    MONTH = "month"
    DAY = "day"  # a weekday
    YEAR = "year"
    NUMBER = "number"  # a count of something
    NEGATION = "negation"  # one says it, the other denies it
    OUTCOME = "outcome"  # one thing given two outcomes: postponed / on schedule, approved / rejected


@dataclass(frozen=True)
class Disagreement:
    """Why two claims about the same thing disagree: the kind, and what each side gives (empty for negation)."""

    kind: DisagreementKind  # what differs
    a: str = ""  # the first claim's values of that kind, as written
    b: str = ""  # the second claim's

    @property
    def is_value(self) -> bool:
        """A different value in the same slot (a figure, date or day), not a flipped negation or another outcome."""
        return self.kind not in (DisagreementKind.NEGATION, DisagreementKind.OUTCOME)

    @property
    def reason(self) -> str:
        """For display: "different money: $4.2 million vs $6.8 million", "one says it, the other denies it"."""
        if self.kind == DisagreementKind.NEGATION:
            return "one says it, the other denies it"
        return f"different {self.kind}: {self.a} vs {self.b}"


# A quantity's kind (its part before ":") as a disagreement names it.
KIND_OF_QUANTITY = {"money": DisagreementKind.MONEY, "percent": DisagreementKind.PERCENT, "date": DisagreementKind.DATE,
                     "month": DisagreementKind.MONTH, "weekday": DisagreementKind.DAY, "year": DisagreementKind.YEAR,
                     "count": DisagreementKind.NUMBER}


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _shown(phrase: str) -> str:
    """A quantity as a reader sees it: without the small words a count's two-word window caught after it ("eight
    children and" -> "eight children")."""
    words = phrase.strip().split()
    while len(words) > 1 and words[-1].lower().strip(",.;:") in STOPWORDS and not words[-1][:1].isupper():  # "in May" keeps "May"
        words.pop()
    return " ".join(words).rstrip(",;:")


def _scaled(number: str, scale: str | None) -> float:
    return _number(number) * _SCALE.get((scale or "").lower(), 1.0)


def _ranges(text: str) -> list[tuple[int, int, float, float]]:
    """Each range in the text: its span and its least and greatest value (a scale word on its end alone scales both:
    "2 to 3 million")."""
    found = []
    for m in _RANGE.finditer(text):
        first, first_scale = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        low, high = _scaled(first, first_scale or m.group(6)), _scaled(m.group(5), m.group(6))
        if low < high:  # "10-1" or "2-0" is a score, not a range
            found.append((m.start(), m.end(), low, high))
    return found


def rounding_place(number: str, scale: str | None = None) -> float:
    """The place a figure is written to, when that makes it a round figure: 1,000 for "437,000", a million for "$6
    million", 100,000 for "1.5 million"; 0 for a figure written to a smaller place ("437,714", "450")."""
    digits = number.replace(",", "")
    whole, _, decimals = digits.partition(".")
    if scale:
        return _SCALE[scale.lower()] / 10 ** len(decimals)
    zeros = len(whole) - len(whole.rstrip("0")) if not decimals and whole.strip("0") else 0
    return 10.0 ** zeros if 10 ** zeros >= _ROUND_PLACE else 0.0


def _rounded(value: float, place: float) -> tuple[float, float]:
    """The values a round figure can stand for: rounded to the nearest or cut down to its place, within _ESTIMATE."""
    return value - min(place / 2, value * _ESTIMATE), value + min(place, value * _ESTIMATE)


def _bounds(text: str, start: int, value: float, ranges: list[tuple[int, int, float, float]], place: float = 0.0
            ) -> tuple[float | None, float | None, str]:
    """The least and most a figure at `start` can mean (the range it is part of, what the words before it make of it, or
    what a round figure stands for), and those words ("more than")."""
    for range_start, range_end, low, high in ranges:
        if range_start <= start < range_end:
            return low, high, ""
    before = text[max(0, start - 25):start]
    for pattern, low, high in ((_AT_LEAST, value, max(value * _ABOVE, value + 1)), (_AT_MOST, value * _BELOW, value),
                               (_ABOUT, value * (1 - _ESTIMATE), value * (1 + _ESTIMATE))):
        if qualifier := pattern.search(before):
            return low, high, qualifier.group(0).rstrip("$€£ ")
    if place:
        return *_rounded(value, place), ""
    return None, None, ""


def mask_values(text: str) -> str:
    """The claim with its figures, dates and days hidden ("$4.2 million" -> "an amount", "3,200 workers" -> "several
    workers"): what is left says which slot the values fill, so two claims whose masked forms say the same thing give
    two values for one slot."""
    spans: dict[tuple[int, int], str] = {}
    for start, end, low, high in _ranges(text):
        years = all(_YEAR.fullmatch(f"{value:g}") for value in (low, high))
        spans[(start, end)] = "some years" if years else "an amount" if text[start] in "$€£" else "several"
    for q in quantities(text):
        if q.start >= 0 and not any(a < q.end and q.start < b for a, b in spans):
            spans[(q.start, q.end)] = _PLACEHOLDER.get(q.kind.split(":")[0], "several")
    for (start, end), placeholder in sorted(spans.items(), reverse=True):
        text = text[:start] + placeholder + text[end:]
    return text


# A capitalized word (not a sentence's first, not a month or weekday) right before a figure: the figure is part of a name.
_IN_A_NAME = re.compile(rf"(?<=\S )(?!(?:{'|'.join(m.capitalize() for m in MONTHS)}|{'|'.join(d.capitalize() for d in WEEKDAYS)})\b)"
                        r"[A-Z][A-Za-z]+\s+$")


def quantities(text: str) -> list[Quantity]:
    """Every typed quantity in a claim; numbers inside money, percentages and dates are not also counted as counts."""
    return list(_quantities(text))


@functools.lru_cache(maxsize=16384)
def _quantities(text: str) -> tuple[Quantity, ...]:
    """`quantities`, read once per text: a comparison asks it of each claim for every pair the claim is in."""
    found: list[Quantity] = []
    used: list[tuple[int, int]] = []

    ranges = _ranges(text)

    def take(kind: str, value: float, match: re.Match, span: tuple[int, int] | None = None, place: float = 0.0) -> None:
        start, end = span or match.span()
        low, high, qualifier = _bounds(text, start, value, ranges if kind not in ("date", "month", "weekday") else [], place)
        shown = _shown(match.group(0))
        found.append(Quantity(kind, value, f"{qualifier.lower()} {shown}" if qualifier and kind != "year" else shown, start, end, low, high))
        used.append(match.span())

    for m in _MONEY.finditer(text):
        number, scale = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        take("money", _scaled(number, scale), m, place=rounding_place(number, scale))
    for m in _PERCENT.finditer(text):
        take("percent", _number(m.group(1)), m)
    for m in _DATE.finditer(text):
        month = m.group(1).lower().rstrip(".")
        month = _MONTH_ABBREVIATIONS.get(month[:4] if month.startswith("sept") else month[:3], month)
        take("date", MONTHS.index(month) * 100 + int(m.group(2)), m)
    for m in _MONTH.finditer(text):
        if all(m.end() <= a or m.start() >= b for a, b in used):
            take("month", float(MONTHS.index((m.group(1) or m.group(2)).lower())), m)
    for m in _WEEKDAY.finditer(text):
        # "Saturday morning" and "Saturday afternoon" differ; "Saturday" is any part of it.
        day, part = WEEKDAYS.index(m.group(1).lower()) * 10.0, _PART_OF_DAY.get((m.group(2) or "").lower(), 0)
        take("weekday", day + part, m)
        if not part:
            found[-1] = replace(found[-1], low=day, high=day + max(_PART_OF_DAY.values()))
        elif part >= _PART_OF_DAY["evening"]:  # where evening ends and night begins, outlets do not agree
            found[-1] = replace(found[-1], low=day + _PART_OF_DAY["evening"], high=day + _PART_OF_DAY["night"])

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in used)

    for m in _YEAR.finditer(text):
        if free(m.span()):
            take("year", float(m.group(1)), m)
    for m in _COUNT.finditer(text):
        if not free(m.span()) or (m.group(1) and _IN_A_NAME.search(text, 0, m.start())) or (m.group(1) or "").startswith("0"):
            continue  # "the Haixun 01 patrol ship", "Boeing 737 jets": a figure that is part of a name counts nothing
        value = (_number(m.group(1)) if m.group(1) else float(_NUMBER_WORDS[m.group(2).lower()])) * _SCALE.get((m.group(3) or "").lower(), 1.0)
        # What is counted is one of the next two words ("3,200 dock workers", "2,800 workers at", "3,200 dockworkers walked"):
        # a count under each, so two counts of workers meet whichever way the phrase runs.
        for unit in dict.fromkeys(sorted(content_words(w))[0] for w in (m.group(4), m.group(5)) if w and content_words(w)):
            take(f"count:{unit}", value, m, (m.start(), m.end(3) if m.group(3) else m.end(1) if m.group(1) else m.end(2)),
                 rounding_place(m.group(1), m.group(3)) if m.group(1) else 0.0)
    return tuple(found)


_HEAD_NOUN = 4  # letters from which a counted word is the head of a compound ("workers" of "dockworkers")


# Nouns that count people, stemmed: a question about "how many activists" is answered by "eight people" too.
PEOPLE_NOUNS = frozenset(stem_words(tokens("people persons protesters demonstrators activists residents workers employees "
                                          "students children men women adults soldiers troops civilians officers passengers "
                                          "victims members voters patients migrants refugees prisoners inmates suspects")))


def _same_kind(x: str, y: str) -> bool:
    """Whether two quantity kinds measure one thing: equal, or counts of a compound noun and its head ("count:dockwork"
    and "count:worker", as the stemmer leaves them). People of one kind and people of no kind stay two kinds: "19 people,
    including five children" counts all, "eight children" some."""
    if x == y:
        return True
    if not (x.startswith("count:") and y.startswith("count:")):
        return False
    shorter, longer = sorted((x[6:], y[6:]), key=len)
    head = shorter[:-2] if shorter.endswith("er") else shorter
    return len(head) >= _HEAD_NOUN and longer != shorter and longer.endswith(head)


def claim_conflict(a: str, b: str) -> Disagreement | None:
    """Why two claims about the same thing disagree, or None: a quantity of one kind with different values, or flipped negation."""
    first, second = quantities(a), quantities(b)
    for kind in dict.fromkeys(q.kind for q in first):
        mine = [q.bounds() for q in first if q.kind == kind]
        theirs = [q.bounds() for q in second if _same_kind(q.kind, kind)]
        # Values of one kind disagree when none of one side's can be one of the other's ("more than 20" can be 21).
        if theirs and not any(low <= other_high and other_low <= high for low, high in mine for other_low, other_high in theirs):
            shown_a = ", ".join(dict.fromkeys(q.text for q in first if q.kind == kind))
            shown_b = ", ".join(dict.fromkeys(q.text for q in second if _same_kind(q.kind, kind)))
            return Disagreement(KIND_OF_QUANTITY[kind.split(":")[0]], shown_a, shown_b)
    if (days := _recurring_days(a, b) or _recurring_days(b, a)[::-1]):
        return Disagreement(DisagreementKind.DAY, *days)
    if denies(a) != denies(b) and not (uncertain(a) or uncertain(b)):
        return Disagreement(DisagreementKind.NEGATION)
    return None


_ANYONE = frozenset(stem_words(["people", "persons"]))


def _more_of_some_than_all(first: list[Quantity], second: list[Quantity]) -> tuple[str, str]:
    """A count of some people ("at least nine of the activists") that is more than another's count of all people ("eight
    people") for the same thing: the some can't outnumber the all, so the two counts disagree. Fewer of some than all
    ("five children" / "19 people") is a part of the whole, no disagreement. Only when neither claim also counts the
    other's way: "340 prisoners … only three people" / "killed three people" agree on the three."""
    anyone = [q for q in second if q.kind.startswith("count:") and q.kind.partition(":")[2] in _ANYONE]
    if any(q.kind.startswith("count:") and q.kind.partition(":")[2] in _ANYONE for q in first):
        return ()
    for some in first:
        kind = some.kind.partition(":")[2]
        if not some.kind.startswith("count:") or kind not in PEOPLE_NOUNS or kind in _ANYONE:
            continue
        if any(q.kind == some.kind for q in second):
            continue
        for everyone in anyone:
            if some.bounds()[0] > everyone.bounds()[1]:
                return some.text, everyone.text
    return ()


def people_counts(text: str) -> list[Quantity]:
    """The claim's counts of people ("eight people", "at least nine of the activists")."""
    return [q for q in quantities(text) if q.kind.startswith("count:") and q.kind.partition(":")[2] in PEOPLE_NOUNS]


def people_count_conflict(a: str, b: str) -> Disagreement | None:
    """How two claims' counts of people disagree, if they do: counts of one kind of people that can't be one another
    ("eight people" / "12 people"), or a count of some people above a count of all ("at least nine of the activists" /
    "eight people"). Whether the people are those of one event is for the caller to tell."""
    disagreement = claim_conflict(a, b)
    counts = [people_counts(text) for text in (a, b)]
    if disagreement is not None and disagreement.kind == DisagreementKind.NUMBER:
        return disagreement if all(counts) else None
    more = _more_of_some_than_all(*counts) or _more_of_some_than_all(*counts[::-1])[::-1]
    return Disagreement(DisagreementKind.NUMBER, *more) if more else None


# A schedule told by weekdays ("on Mondays, Tuesdays, Thursdays and Saturdays") and one told as every day ("daily").
_ON_DAYS = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})s\b", re.IGNORECASE)
_EVERY_DAY = re.compile(r"\b(?:daily|every day|each day|seven days a week)\b", re.IGNORECASE)


def _recurring_days(a: str, b: str) -> tuple[str, str]:
    """The days of a schedule one claim limits to some weekdays and the other gives as every day, or ()."""
    days = _ON_DAYS.findall(a)
    every = _EVERY_DAY.search(b)
    if days and every and not _EVERY_DAY.search(a) and not _ON_DAYS.search(b):
        return ", ".join(dict.fromkeys(days)), every.group()
    return ()


# "It was not known how many people were inside", "It is unclear whether …": a "not" that says nobody knows yet, not
# that it did not happen.
_UNCERTAIN = re.compile(r"(?:\bnot|n['’]t)\s+(?:(?:immediately|yet|entirely|exactly)\s+)?(?:known|clear|certain|sure)\b|\bunclear\b",
                        re.IGNORECASE)


def uncertain(text: str) -> bool:
    """Whether the claim's negation is of knowing ("it was not known how many"), which denies nothing another outlet says."""
    return bool(_UNCERTAIN.search(text))


_OBJECT_START = frozenset("it him her them us me that the a an his their its this these those".split())


def _continues_predicate(sentence: str, start: int) -> bool:
    """Whether the part from `start` (after ", and") is a second predicate of the clause before ("…, and would stay off
    the job", "…, and causing delays"), not a clause with a subject of its own. An "-ing" or "-ed" word followed by a
    verb is that subject ("…, and shipping companies began diverting vessels", "…, and wounded soldiers were taken")."""
    match = _PREDICATE_START.match(sentence, start)
    if not match:
        return False
    participle = re.fullmatch(r"[a-z]+(?:ed|ing)", match.group(0))
    following = sentence[match.end():].split()[:3]
    if participle and following and following[0].lower() in _OBJECT_START:
        return True  # "…, and doubted it was an accident": a verb and its object
    return not (participle and has_verb(" ".join(following)))


def split_claims(sentence: str) -> list[tuple[int, int]]:
    """Offsets of the claims in a sentence: the sentence itself, or its clauses where a semicolon or a comma and a
    conjunction ("…, and …", "…, but …") join several that are each long enough to state a fact."""
    parts, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.group(0)[0] in ",:" and (min(len(sentence[start:m.start()].split()), len(sentence[m.end():].split())) < _CLAUSE_WORDS
                                           or _continues_predicate(sentence, m.end()) or _DEPENDENT_START.match(sentence, m.end())):
            continue  # "…, and would stay off the job": a second verb of one subject, not a clause of its own
        following = _CLAUSE_BREAK.search(sentence, m.end())
        before, after = sentence[start:m.start()], sentence[m.end():following.start() if following else len(sentence)]
        if m.group(0)[0] in ",:" and not ((has_verb(before) or len(before.split()) >= _LONG_CLAUSE) and has_verb(after)):
            continue  # "older, male, and white membership": items of a list, not two clauses that each state a fact
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, len(sentence)))
    parts = [(a, b) for a, b in parts if len(sentence[a:b].split()) >= 4]
    return parts if len(parts) > 1 else [(0, len(sentence))]


def claim_content(sentence: str) -> tuple[int, int]:
    """Offsets of what a sentence claims, without the frame of reported speech around it ("Officials said that …",
    "…, according to the police."): what outlets agree or differ on is what was said, whoever says it. The whole
    sentence when no frame is found or what is left would be too short to be a claim."""
    start, end = 0, len(sentence.rstrip())
    before = _FRAME_BEFORE.match(sentence)
    if before and len(sentence[before.end():end].split()) >= 5:
        start = before.end()
    after = _FRAME_AFTER.search(sentence, start)
    if after and len(sentence[start:after.start()].split()) >= 5 and not _SAY_VERB.search(sentence, start, after.start()):
        end = after.start()
    if start and _PRONOUN_START.match(sentence, start):
        start = 0  # "The company said it would cut jobs": without its frame, "it" names nothing
    return start, end


# Where a claim's adjunct begins: a participle after a comma (", cutting off one of the busiest routes"), a relative
# clause, or a clause of time, cause or circumstance ("after an inspection found corroded beams").
_ADJUNCT = re.compile(r",\s+(?:[a-z]+ing|which|who|whose|where)\b|,?\s+(?:after|before|because|since|while|as|when|despite|following|amid|"
                      r"until|although|though|whereas)\s+(?=\S)")
_CORE_WORDS = 5  # a core shorter than this says too little to be read alone


def claim_core(claim: str) -> str:
    """What a claim asserts without its adjuncts: "Ashford Falls closed the Greaves Street Bridge on Tuesday, March 10" of
    "..., cutting off one of the busiest routes across the Kellan River." The claim itself when no adjunct leaves a core
    long enough to hold a fact."""
    for match in _ADJUNCT.finditer(claim):
        core = claim[:match.start()].rstrip(" ,;:")
        if len(core.split()) >= _CORE_WORDS:
            return core + "."
    return claim


def _terms(text: str) -> list[str]:
    return sorted(content_words(text) | {f"#{n}" for n in numbers_in(text)})


def tfidf_rows(texts: list[str]):
    """Unit-length TF-IDF rows (a sparse matrix) over content words and numbers: a shared rare name or figure weighs
    much, a shared common word little. The product of two rows is their word overlap."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=_terms, sublinear_tf=True).fit_transform(texts)


_TOLD_WORDS = 5  # content words and figures a claim shares with one sentence of another article ...
_TOLD_PLAIN = 3  # ... of which at least this many are not names (a story's names are in most of its sentences) ...
_TOLD_SHARE = 0.3  # ... carrying at least this share of the claim's rarity (IDF over all the sentences compared)


def _plain_terms(text: str) -> list[str]:
    """The terms of a text that are not names (nor its capitalised first word, which may be one): what it says about
    the people it names."""
    first = re.match(r"\W*([A-Z][\w'-]*)", text)
    names = content_words(" ".join(names_in(text)) + (" " + first.group(1) if first else ""))
    return [term for term in _terms(text) if term not in names]


def words_told_in(claims: list[str], sentences: list[str]):
    """For each claim and sentence (a sparse boolean matrix), whether the sentence repeats enough of the claim's rare
    words to say it too: _TOLD_WORDS or more of its content words and figures, _TOLD_PLAIN of them not names, weighing
    _TOLD_SHARE or more of its words' rarity. Rarity is inverse document frequency over `sentences`, so the words every
    sentence of the story uses count for little. "Disneyland spokeswoman Suzi Brown released a statement Wednesday
    saying the resort was working closely with authorities." is told by "'We take matters like this very seriously and
    are working closely with local authorities,' Disneyland spokeswoman Suzi Brown said in a statement." though the
    two are not one claim to the judge."""
    from sklearn.feature_extraction.text import CountVectorizer

    from scipy.sparse import csr_matrix

    nothing = csr_matrix((len(claims), len(sentences)), dtype=bool)
    if not claims or not sentences:
        return nothing
    vectorizer = CountVectorizer(analyzer=_terms, binary=True)
    try:
        matrix = vectorizer.fit_transform(sentences + claims).tocsr().astype(np.float64)
    except ValueError:  # not one content word or figure in any of them: nothing is told
        return nothing
    told_by, told = matrix[:len(sentences)], matrix[len(sentences):]
    plain = CountVectorizer(analyzer=_plain_terms, binary=True, vocabulary=vectorizer.vocabulary_).transform(claims).astype(np.float64)
    rarity = np.log((len(sentences) + 1) / (np.asarray(told_by.sum(axis=0)).ravel() + 1))
    weighted = told.multiply(rarity).tocsr()
    mass = np.maximum(np.asarray(weighted.sum(axis=1)).ravel(), 1e-9)
    share = (weighted @ told_by.T).tocsr().multiply(1.0 / mass[:, None]).tocsr()
    return ((told @ told_by.T) >= _TOLD_WORDS).multiply((plain @ told_by.T) >= _TOLD_PLAIN).multiply(share >= _TOLD_SHARE).tocsr()


def word_overlap(texts: list[str]) -> np.ndarray:
    """TF-IDF cosine between all pairs of a few texts (a dense matrix: for small sets only)."""
    matrix = tfidf_rows(texts)
    return (matrix @ matrix.T).toarray().astype(np.float32)


# The "same fact" rule: two sentences say one fact when they are close in meaning, more so when they share names and
# figures. Their sameness is the embedding cosine plus this weight times their word overlap (the answer's evidence, the
# summary's redundancy and the comparison's candidate pairs all read it so; each sets its own threshold).
WORD_OVERLAP_WEIGHT = 0.2


def sameness(cosine: np.ndarray, texts: list[str]) -> np.ndarray:
    """The sameness of every pair of a few sentences, from their cosine matrix and their texts: cosine plus the word-overlap bonus."""
    return cosine + WORD_OVERLAP_WEIGHT * word_overlap(texts)


# Words that say a figure counts a further group ("Another 58 people remained hospitalized" after "three people had to
# be hospitalized"), and ordinals that say which of several things a value belongs to ("the first fee ... $2" / "the
# second fee ... $1.50").
_FURTHER = re.compile(r"\b(?:another|other|additional|further)\s+(?:\$|€|£)?\d", re.IGNORECASE)
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth last final".split())


# A claim whose subject is a pronoun ("His bond was set at $200,000"): whose value it gives, only the sentence before says,
# and two outlets' "his" may be two people.
_WHOSE_UNSAID = re.compile(r"\W*(?:he|she|they|it|his|her|their|its)\b", re.IGNORECASE)
# Words that make a claim's values a possibility, not a fact ("could reach 130 mph", "an outside chance of").
_POSSIBLY = re.compile(r"\b(?:could|might|may|possibly|perhaps|chance of|risk of)\b")
# A verb's planned form ("to serve", "will serve") against its past ("served"): what is to happen and what did happen
# ("a plea agreement for Durst to serve about 7 years" / "Durst served about three years" for an earlier charge).
_INTENT = (r"plan|plans|planned|planning|vow|vows|vowed|pledge|pledges|pledged|promise|promises|promised|expect|expects|expected|"
           r"intend|intends|intended|agree|agrees|agreed|agreement|deal|threaten|threatens|threatened|hope|hopes|hoped|going|"
           r"scheduled|due|set|ready|aim|aims|aimed|seek|seeks|sought|want|wants|wanted|prepared|preparing|ordered")
_PLANNED = re.compile(rf"\b(?:(?:will|would|shall)|(?:{_INTENT})(?:\s+[\w'’]+){{0,4}}?\s+to)\s+([a-z]{{3,}})\b", re.IGNORECASE)
_PAST = re.compile(r"(?<!\bbe )(?<!\bbeing )\b([a-z]{3,}ed)\b")  # not "must be funded": a passive yet to happen


@functools.lru_cache(maxsize=16384)
def _verb_stems(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the verbs a claim plans ("to serve", "will serve") and of its past forms ("served")."""
    return frozenset(stem(verb) for verb in _PLANNED.findall(text)), frozenset(stem(verb) for verb in _PAST.findall(text))


def _planned_and_done(a: str, b: str) -> bool:
    """Whether one claim plans what the other says was done, with the same verb."""
    (planned_a, _), (planned_b, done_b) = _verb_stems(a), _verb_stems(b)
    return bool((planned_a - planned_b) & done_b)


def values_of_two_things(a: str, b: str) -> bool:
    """Whether what two claims' values are of is told apart by their words, whatever a model reads: one counts a further
    group ("another 58 people"), either's subject is a pronoun ("His bond was set at $200,000": whose?), one gives a possibility and the other a fact ("could grow … with winds topping 130 mph" /
    "winds of at least 74 mph extend 70 miles"), one plans what the other says was done ("to serve about 7 years" /
    "served about three years"), the two name different ordinals ("the first fee" / "the second fee"),
    or, values hidden, they put another name in the same place ("water level measured at Lianhuatang" / "water level at
    Jiujiang")."""
    if _FURTHER.search(a) or _FURTHER.search(b) or _WHOSE_UNSAID.match(a) or _WHOSE_UNSAID.match(b):
        return True
    if bool(_POSSIBLY.search(a)) != bool(_POSSIBLY.search(b)):
        return True  # what could happen ("could grow into a Category 4 storm, with winds topping 130 mph") and what is
    if _planned_and_done(a, b) or _planned_and_done(b, a):
        return True
    ordinals_a = {w.lower() for w in re.findall(r"[A-Za-z]+", a)} & _ORDINALS
    ordinals_b = {w.lower() for w in re.findall(r"[A-Za-z]+", b)} & _ORDINALS
    if ordinals_a and ordinals_b and not ordinals_a & ordinals_b:
        return True
    return swapped(mask_values(a), mask_values(b), _WHOSE_VALUES)


def slot_conflict(a: str, b: str) -> Disagreement | None:
    """A different value in the same slot: both claims give a figure, date or day of one kind and share none of its
    values ("550 delegates" vs "more than 400 delegates", "April 14" vs "April 16"). A figure only one gives is a detail
    it adds, never a conflict. Returns why, or None."""
    disagreement = claim_conflict(a, b)
    return disagreement if disagreement and disagreement.is_value else None


# "X did not respond to a request for comment", "X declined to comment", "X could not be reached": who stayed silent is
# the whole fact, so two such lines are one fact only when they name the same party.
_NO_COMMENT = re.compile(r"^(?P<who>.{2,120}?)\s+(?:(?:did|does|do|has|have|had|would|could|will)\s*(?:n[o'’]t|not)\s+(?:immediately\s+|yet\s+)?"
                         r"(?:respond|reply|return|comment|answer|be reached)|declined\s+to\s+comment|refused\s+to\s+comment|"
                         r"(?:could|can)\s*(?:n[o'’]t|not)\s+be\s+reached)\b", re.IGNORECASE)
_BARE_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i|his|her|their|its)(?:\s+(?:office|spokesman|spokeswoman|representative|lawyer|attorney))?$",
                           re.IGNORECASE)


def silent_party(text: str) -> str | None:
    """Who a no-comment line says stayed silent ("The Russian Embassy in Washington"), or None when it is no such line."""
    match = _NO_COMMENT.match(text.strip().strip("\"“”'"))
    return match.group("who").strip(" ,") if match else None


def different_silent_parties(a: str, b: str) -> bool:
    """Whether two no-comment lines are about parties that are not known to be one: a pronoun ("He didn't respond")
    names nobody, and two named parties must share a word ("Tesla" / "Tesla's board")."""
    first, second = silent_party(a), silent_party(b)
    if first is None or second is None:
        return False
    if _BARE_PRONOUN.match(first) or _BARE_PRONOUN.match(second):
        return True
    return not (content_words(first) & content_words(second))


_FIRST_PERSON = re.compile(r"^I(?:['’](?:m|d|ve|ll))?$")  # "I", "I'm": capitalised, never a name
_CURRENCY_CODE = re.compile(r"^(?:US|AU|A|C|CA|NZ|HK|S)(?=\$)|(?<=\$)(?:US|AU|A|C|CA|NZ|HK|S)(?=\d)")  # "$US13.15", "US$13.15"


def _marked_words(words: list[str], start: int) -> list[str]:
    """The figures and names among some words of a sentence, folded: "O'Neill's" -> "oneills", "US$13.15" -> "1315" (not
    its first word, nor "I")."""
    return [re.sub(r"[\W_]+", "", _CURRENCY_CODE.sub("", w)).lower() for k, w in enumerate(words)
            if re.search(r"\d", w) or (w[:1].isupper() and start + k > 0 and not _FIRST_PERSON.match(w.strip(",.;:!?\"“”")))]


_SPELLED_NAME = 6  # letters from which two spellings of a name a letter apart are one name ("Extremadura" / "Extramadura")


def _same_name(x: str, y: str) -> bool:
    """Two folded names or figures that may be one: equal, one a shortening of the other ("jan" / "january", "russia" /
    "russian"), a round figure and one it stands for ("70000" / "70246"), or a long name spelled a letter apart, as
    outlets transliterate or misspell it ("extremadura" / "extramadura"; "iran" / "iraq" stay two names)."""
    if x.isdigit() and y.isdigit():
        return x == y or _round_of(x, y) or _round_of(y, x)
    if x == y or (min(len(x), len(y)) >= 2 and (x.startswith(y) or y.startswith(x))):
        return True
    return (min(len(x), len(y)) >= _SPELLED_NAME and x[0] == y[0] and x.isalpha() and y.isalpha()
            and edit_distance(x, y) <= 1)


def _round_of(rounded: str, figure: str) -> bool:
    """Whether a round figure ("437000") may stand for another ("437714"): see `rounding_place`."""
    if not (place := rounding_place(rounded)):
        return False
    low, high = _rounded(float(rounded), place)
    return low <= float(figure) <= high


# Words for outcomes that exclude each other: a sentence with one side's word and not the other's, beside a sentence with
# the other side's and not the first's, tells another outcome ("three civilians were killed" / "three soldiers were
# wounded"), whatever a small judge reads.
_CONTRASTS = tuple((re.compile(rf"\b(?:{x})\b", re.IGNORECASE), re.compile(rf"\b(?:{y})\b", re.IGNORECASE)) for x, y in (
    ("killed|kill|kills|dead|died|dies|death|deaths|fatalities|fatally", "wounded|injured|injuries|hurt|survived"),
    ("arrested|detained|jailed", "released|freed|acquitted"),
    ("convicted|sentenced", "acquitted|cleared|exonerated"),
    ("confirmed|admitted|acknowledged", "denied|denies|deny"),
    ("rose|risen|rise|rises|increased|gained|climbed|jumped|soared", "fell|fallen|falls|decreased|declined|dropped|slipped|plunged|sank"),
    ("won|wins|win", "lost|loses|lose|defeated"),
    ("approved|passed|accepted|upheld", "rejected|vetoed|refused|overturned|struck down"),
    ("opened|reopened|reopens|reopen", "closed|shut|closes|shuts"),
    ("postponed|delayed|canceled|cancelled|called off|put off", "on schedule|as planned|as scheduled|go ahead|goes ahead|went ahead"),
    ("civilians", "soldiers|troops|militants"),
))


@functools.lru_cache(maxsize=65536)
def _outcome_sides(text: str) -> frozenset[tuple[int, int]]:
    """(contrast, side) for each side of each of _CONTRASTS whose words the text uses."""
    return frozenset((n, side) for n, pair in enumerate(_CONTRASTS) for side, words in enumerate(pair) if words.search(text))


# Verbs that undo an earlier measure: a claim that tells the undoing ("lifted the ban it had imposed") and one that does
# not tell two events, the measure and its end, however alike their words.
_UNDOING = re.compile(r"\b(?:lift(?:ed|s)?|rescind(?:ed|s)?|revok(?:ed|es)|repeal(?:ed|s)?|overturn(?:ed|s)?|revers(?:ed|es))\b",
                      re.IGNORECASE)


def contrasting(a: str, b: str) -> bool:
    """Whether two claims tell outcomes that exclude each other: one says killed where the other says wounded, rose
    where the other says fell, won where the other says lost (see _CONTRASTS), and neither says both; or one tells a
    measure undone ("lifted the ban", "overturned the ruling") and the other does not; or one plans or vows what the
    other says was done ("vowed to respond with the same tariffs" / "responded by imposing the same tariffs")."""
    sides_a, sides_b = _outcome_sides(a), _outcome_sides(b)
    return any((n, side) in sides_a and (n, 1 - side) not in sides_a and (n, 1 - side) in sides_b and (n, side) not in sides_b
               for n, side in sides_a) or bool(_UNDOING.search(a)) != bool(_UNDOING.search(b)) \
        or _planned_and_done(a, b) or _planned_and_done(b, a)


# Contrasts of one thing's status (a verdict, a vote, a game, a venue, a schedule): two outlets that give one thing both
# outcomes disagree. Killed / wounded, rose / fell, arrested / released and civilians / soldiers are left out: they are
# as often two people, two prices or two moments as one thing told two ways.
_STATUS = tuple(_CONTRASTS[n] for n in (2, 3, 5, 6, 7, 8))
_OUTCOME_SHARED = 2  # content words, not names, that two claims must share besides their outcome words to tell one thing


def _plain_words(text: str) -> set[str]:
    """A claim's content words that are not names (a capitalized word past the first)."""
    return content_words(" ".join(w for k, w in enumerate(text.split()) if k == 0 or not w[:1].isupper()))


def outcome_conflict(a: str, b: str) -> Disagreement | None:
    """Two claims that give one thing two outcomes ("Sunday's dedication of the memorial … was postponed" / "The
    dedication of the … memorial … is still on schedule"): a status contrast (see _STATUS) with each claim on one side
    only, and at least two plain words in common besides the outcome words; never when they put another name in the
    same place ("The Senate approved the bill" / "The House rejected the bill")."""
    for first, second in _STATUS:
        for mine, theirs in ((first, second), (second, first)):
            said_a, said_b = mine.search(a), theirs.search(b)
            if said_a and said_b and not theirs.search(a) and not mine.search(b):
                shared = _plain_words(mine.sub(" ", a)) & _plain_words(theirs.sub(" ", b))
                if len(shared) >= _OUTCOME_SHARED and not swapped(a, b) and not _WHOSE_UNSAID.match(a) and not _WHOSE_UNSAID.match(b):
                    return Disagreement(DisagreementKind.OUTCOME, said_a.group(0), said_b.group(0))
    return None


_SPELLED_NUMBER = re.compile(rf"\b(?:{'|'.join(w for w in _NUMBER_WORDS if w not in ('one', 'dozen', 'hundred'))})\b", re.IGNORECASE)
_NUMBER_RANGE = re.compile(r"(?<=\d)[-–—](?=\d)")


def _figure_words(text: str) -> list[str]:
    """A claim's words with its figures written one way: a number word as digits ("seven" -> "7"), a range's two ends
    apart ("7-10" -> "7 - 10"), so that "7-10 times" and "seven to 10 times" hold the same figures."""
    text = _SPELLED_NUMBER.sub(lambda m: str(_NUMBER_WORDS[m.group(0).lower()]), text)
    return _NUMBER_RANGE.sub(" - ", text).split()


_SWAP_WORDS = 3  # the longest stretch, in words, that can be a name or figure put in another's place ("the Chinese embassy")
_WHOSE_VALUES = 4  # ... when it decides whose values two claims give ("Willie Fuentes Strickland, 42, … two counts" /
# "Jordan Scott, 19, … four counts"); at 4 for agreements too, two shared facts of the web news were lost


def swapped(a: str, b: str, widest: int = _SWAP_WORDS) -> bool:
    """Whether the two claims put a different name or figure in the same place ("the Russian embassy did not respond" vs
    "the Chinese embassy did not respond"): aligned word by word, a short stretch that differs holds on each side a name
    or figure that the other sentence does not hold anywhere. Spelling ("O'Neill's" / "ONeills"), shortening ("Jan." /
    "January") and a detail one side adds are not swaps."""
    from difflib import SequenceMatcher

    words_a, words_b = _figure_words(a), _figure_words(b)
    folded_a, folded_b = _marked_words(words_a, 0), _marked_words(words_b, 0)
    matcher = SequenceMatcher(None, [re.sub(r"[\W_]+", "", w).lower() for w in words_a],
                              [re.sub(r"[\W_]+", "", w).lower() for w in words_b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i2 - i1 > widest or j2 - j1 > widest:
            continue
        only_a = [w for w in _marked_words(words_a[i1:i2], i1) if w and not any(_same_name(w, o) for o in folded_b)]
        only_b = [w for w in _marked_words(words_b[j1:j2], j1) if w and not any(_same_name(w, o) for o in folded_a)]
        if only_a and only_b and not _dated_apart(only_a, only_b):
            return True
    return False


def _dated_apart(a: list[str], b: list[str]) -> bool:
    """Whether two differing stretches are one day named two ways: a weekday on one side, a month and day on the other
    ("on Tuesday morning" / "on March 10"). Neither says the other is wrong; the slot reading compares dates of one kind."""
    def kinds(words: list[str]) -> set[str] | None:
        found = {"weekday" if w in WEEKDAYS else "month" if w in MONTHS else "day" if w.isdigit() and int(w) <= 31 else "" for w in words}
        return None if "" in found else found - {"day"}
    kinds_a, kinds_b = kinds(a), kinds(b)
    return bool(kinds_a and kinds_b) and kinds_a.isdisjoint(kinds_b)

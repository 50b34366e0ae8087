"""Claims and what can make two claims disagree: typed quantities (money, percentages, years, dates, counts) and negation.

Pure functions on plain strings, so the rules can be read and tested alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from index.text import content_words, has_negation, numbers_in

__all__ = ["Quantity", "claim_conflict", "quantities", "split_claims", "word_overlap"]

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_MONTH_ABBREVIATIONS = {m[:3]: m for m in _MONTHS} | {"sept": "september"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
_NUM = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
_MONEY = re.compile(rf"([$€£])\s?{_NUM}(?:\s*(thousand|million|billion|trillion|bn|m|k)\b)?|{_NUM}\s*(thousand|million|billion)?\s*(dollars|euros|pounds)\b",
                    re.IGNORECASE)
_PERCENT = re.compile(rf"{_NUM}\s*(?:%|per ?cent\b)", re.IGNORECASE)
_DATE = re.compile(rf"\b({'|'.join(_MONTHS)}|{'|'.join(_MONTH_ABBREVIATIONS)})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.IGNORECASE)
_WEEKDAY = re.compile(rf"\b({'|'.join(_WEEKDAYS)})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_COUNT = re.compile(rf"\b(?:{_NUM}|({'|'.join(_NUMBER_WORDS)}))\s+(?:(?:more|new|other|additional|main|steel|people|of the)\s+)?([a-z]{{3,}})", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";\s+")


@dataclass(frozen=True)
class Quantity:
    """A number with what it measures: ("money", 4200000.0), ("count:vehicl", 11000.0), ("weekday", 1.0)."""

    kind: str  # what the number measures
    value: float  # normalized value
    text: str  # as written


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def quantities(text: str) -> list[Quantity]:
    """Every typed quantity in a claim; numbers inside money, percentages and dates are not also counted as counts."""
    found: list[Quantity] = []
    used: list[tuple[int, int]] = []

    def take(kind: str, value: float, match: re.Match) -> None:
        found.append(Quantity(kind, value, match.group(0).strip()))
        used.append(match.span())

    for m in _MONEY.finditer(text):
        if m.group(2):
            value = _number(m.group(2)) * _SCALE.get((m.group(3) or "").lower(), 1.0)
        else:
            value = _number(m.group(4)) * _SCALE.get((m.group(5) or "").lower(), 1.0)
        take("money", value, m)
    for m in _PERCENT.finditer(text):
        take("percent", _number(m.group(1)), m)
    for m in _DATE.finditer(text):
        month = m.group(1).lower().rstrip(".")
        month = _MONTH_ABBREVIATIONS.get(month[:4] if month.startswith("sept") else month[:3], month)
        take("date", _MONTHS.index(month) * 100 + int(m.group(2)), m)
    for m in _WEEKDAY.finditer(text):
        take("weekday", float(_WEEKDAYS.index(m.group(1).lower())), m)

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in used)

    for m in _YEAR.finditer(text):
        if free(m.span()):
            take("year", float(m.group(1)), m)
    for m in _COUNT.finditer(text):
        if not free(m.span()):
            continue
        value = _number(m.group(1)) if m.group(1) else float(_NUMBER_WORDS[m.group(2).lower()])
        unit = next(iter(content_words(m.group(3))), m.group(3).lower())
        take(f"count:{unit}", value, m)
    return found


def claim_conflict(a: str, b: str) -> str | None:
    """Why two claims about the same thing disagree, or None: a quantity of one kind with different values, or flipped negation."""
    first, second = quantities(a), quantities(b)
    for kind in dict.fromkeys(q.kind for q in first):
        mine = {q.value for q in first if q.kind == kind}
        theirs = {q.value for q in second if q.kind == kind}
        if theirs and not mine & theirs:
            shown_a = ", ".join(dict.fromkeys(q.text for q in first if q.kind == kind))
            shown_b = ", ".join(dict.fromkeys(q.text for q in second if q.kind == kind))
            label = kind.split(":")[0].replace("count", "number").replace("weekday", "day")
            return f"different {label}: {shown_a} vs {shown_b}"
    if has_negation(a) != has_negation(b):
        return "one says it, the other denies it"
    return None


def split_claims(sentence: str) -> list[tuple[int, int]]:
    """Offsets of the claims in a sentence: the sentence itself, or its clauses where semicolons join several."""
    parts, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, len(sentence)))
    parts = [(a, b) for a, b in parts if len(sentence[a:b].split()) >= 4]
    return parts if len(parts) > 1 else [(0, len(sentence))]


def word_overlap(texts: list[str]) -> np.ndarray:
    """TF-IDF cosine between all pairs of texts over content words and numbers: a shared name or figure counts, a shared "the" does not."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = lambda text: sorted(content_words(text) | {f"#{n}" for n in numbers_in(text)})  # noqa: E731
    matrix = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True).fit_transform(texts)
    return (matrix @ matrix.T).toarray().astype(np.float32)

"""Text primitives every module shares: tokens, word counts, stopwords, stems, negation, names, numbers, months and days,
sentence ends, paragraph breaks, control characters and look-alike letters."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = [
    "BYLINE_NAME",
    "MONTHS",
    "NAME",
    "NAME_WORD",
    "NEGATION",
    "NUMBER",
    "PARAGRAPH_BREAK",
    "SPEAKER_NAME",
    "STOPWORDS",
    "UNSPACED_LETTERS",
    "WEEKDAYS",
    "clean_field",
    "edit_distance",
    "content_words",
    "cut_off",
    "denies",
    "ends_sentence",
    "is_non_answer",
    "leans_on_previous",
    "fold_lookalikes",
    "has_negation",
    "names_in",
    "numbers_in",
    "stem",
    "stem_words",
    "strip_escapes",
    "tokens",
    "word_count",
]

STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those "
    "what which who whom whose when where why how do does did has have had will would can could should may might must "
    "not no so than then there their they them he she his her we our you your i me my about into over after before "
    "up down out more most some any all each other such only own same very just also".split()
)
# Words that deny a claim. "without" is not one: "the bridge reopened without delay" asserts the reopening.
NEGATION = re.compile(r"\b(no|not|never|none|nobody|nothing|neither|nor|cannot|denied|denies|refused|ruled out)\b|n['’]t\b", re.IGNORECASE)
NAME_WORD = r"[A-Z][a-z]+"  # a capitalized word
# A proper name: capitalized words on one line, with "of", "the", "de" or "van" allowed between them ("Bank of England").
NAME = rf"{NAME_WORD}(?:[ \t]+(?:(?:of|the|de|van)[ \t]+)?{NAME_WORD})*"
# A speaker's name as reported speech gives it: words that open with a capital and may hold apostrophes, dots and hyphens
# ("O’Neil-Reyes", "J.R."), with the particles of names between them ("Ursula von der Leyen"); up to seven words.
_SPEAKER_WORD = r"(?:[A-Z][\w'’.-]*|\b(?:de|van|von|der|da|al|bin|la|le)(?=\s+[A-Z]))"
SPEAKER_NAME = rf"{_SPEAKER_WORD}(?:\s+{_SPEAKER_WORD}){{0,6}}"
# A name in a byline: up to four capitalized words, initials, apostrophes and hyphens allowed ("J. O’Neil-Reyes").
BYLINE_NAME = r"[A-Z][\w'’-]*\.?(\s+[A-Z][\w'’-]*\.?){0,3}"
# A figure as written: digits with thousands separators and decimals ("6,000", "4.2"), as a capturing-free pattern body.
NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A sentence's end: a stop (closing quotes and brackets may follow) or a closing quotation mark. A heading, a subhead or
# a line a page left unfinished has neither.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”’]\s*$")
# A line break, a blank line (whitespace at most) and the whitespace after it: what separates two paragraphs.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n\s*")
# "X declined to comment" or "refused to say what…" tells a reader nothing about the story: a non-answer.
_NON_ANSWER = re.compile(r"\b(declined|refused|unavailable|unable|would(n['’]t| not)|could(n['’]t| not)|did(n['’]t| not)) (to |for )?(immediately )?"
                         r"(comment|respond|say|explain|disclose|specify|elaborate|confirm|detail|discuss|identify)\b|"
                         r"\bdid(n['’]t| not) (immediately )?(respond|reply) to (a |our )?requests? for (a )?comment", re.IGNORECASE)
# A sentence that opens with a pronoun or a connective points to the sentence before it ("She added…", "Their report…").
_LEANS_ON_PREVIOUS = re.compile(r"^\W*(he|she|they|it|this|that|these|those|his|her|their|its|but|and|also|however|"
                                r"meanwhile|still|yet|there|such|then|instead|in fact|by contrast|in contrast|on the other hand|"
                                r"the (former|latter)|in addition|as a result|even so|nevertheless|moreover|furthermore|likewise|"
                                r"similarly|otherwise)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(NUMBER)
_MID_SENTENCE_NAME_WORD = re.compile(rf"(?<![.!?]\s)(?<!^)\b{NAME_WORD}\b")
# Scripts written without spaces between words, as a character-class body: Thai, Lao, Khmer, Myanmar, Hangul,
# Hiragana, Katakana and Han. Each of their letters counts as a word (and as a token when chunking).
UNSPACED_LETTERS = (
    "\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_UNSPACED = re.compile(f"[{UNSPACED_LETTERS}]")
_SPACED_WORD = re.compile(r"(?<!\S)\S*?[^\W_]")  # a whitespace-separated token with a letter or digit in it
# Terminal escape sequences: CSI (colours, cursor moves), OSC (window titles, links) and the two-character ones.
_ESCAPE = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\x9d\n]*(?:\x07|\x1b\\|\x9c)|\x1b[ -/]*[0-~]?")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")  # control characters that are not whitespace
_STEMMER_LOCK = threading.Lock()  # a PyStemmer stemmer keeps state between calls and must not be called concurrently


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def tokens(text: str) -> list[str]:
    """Lower-cased runs of letters and digits, in order."""
    return _TOKEN.findall(text.lower())


def word_count(text: str) -> int:
    """Words in any script: whitespace-separated tokens with a letter or digit, plus each letter of a script without spaces."""
    letters = len(_UNSPACED.findall(text))
    if not letters:
        return len(_SPACED_WORD.findall(text))
    return letters + len(_SPACED_WORD.findall(_UNSPACED.sub(" ", text)))


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a sentence: with a stop (". ! ? …", closing quotes or brackets after it), or with a
    closing quotation mark."""
    return bool(_SENTENCE_END.search(text))


_CUT_OFF = re.compile(r"(?<=\w)\s?(?:\.\.\.|…)\s*$")  # after a word: a closed quote then "..." is whole


def cut_off(text: str) -> bool:
    """Whether the sentence stops mid-word or mid-clause: it ends in an ellipsis right after a word ("The difference is
    that Mr. Trump has...", a teaser or a paywall's cut), so it says less than it seems to. After a closing quote or a
    stop ("... to occur,”...") the sentence itself is whole."""
    return bool(_CUT_OFF.search(text))


def strip_escapes(text: str) -> str:
    """Text without terminal escape sequences ("\\x1b[31m") and without the control characters that are not whitespace."""
    return _CONTROL.sub("", _ESCAPE.sub("", text))


# Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables for these scripts, the common subset).
_LOOKALIKES = str.maketrans(
    "аАвВсСеЕёЁһҺіІјЈкКмМнНоОрРѕЅтТуУхХԁԀԛԚԝԜӏүҮ"
    "αΑβΒεΕζΖηΗιΙκΚμΜνΝοΟρΡτΤυΥχΧ",
    "aABBcCeEeEhHiIjJkKmMhHoOpPsStTyYxXdDqQwWlyY"
    "aABBeEZZnHiIkKuMvNoOpPtTuYxX",
)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
                        r"\u3164\ufe00-\ufe0f\ufeff\uffa0]")


def _fold_word(match: re.Match) -> str:
    word = match.group()
    folded = word.translate(_LOOKALIKES)
    # A word is folded only when every letter left is Latin: a real Russian or Greek word keeps its letters.
    if folded != word and all(ch < "\u0250" for ch in folded):
        return folded
    return word


def fold_lookalikes(text: str) -> str:
    """Text as a reader sees it: NFKC (fullwidth and styled letters to plain), invisible characters dropped,
    and Cyrillic or Greek look-alikes in otherwise Latin words read as Latin ("Ignоre" with a Cyrillic о -> "Ignore")."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return _LETTER_RUN.sub(_fold_word, text)


def clean_field(value: str) -> str:
    """A one-line metadata value (title, outlet, author...): no escape sequences or control characters, single spaces."""
    return " ".join(strip_escapes(value).split())


def stem(word: str) -> str:
    """The Snowball English stem of a lower-case word ("injured" -> "injur")."""
    with _STEMMER_LOCK:
        return _stemmer().stemWord(word)


def stem_words(words: Iterable[str]) -> list[str]:
    """The Snowball English stems of lower-case words, in order."""
    with _STEMMER_LOCK:
        return _stemmer().stemWords(words)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: the letters to insert, delete or change to turn one short word into the other."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row, last = [i], row
        for j, y in enumerate(b, 1):
            row.append(min(last[j] + 1, row[j - 1] + 1, last[j - 1] + (x != y)))
    return row[-1]


def content_words(text: str) -> set[str]:
    """Stemmed words that are not stopwords or single characters."""
    return set(stem_words([w for w in tokens(text) if w not in STOPWORDS and len(w) > 1]))


def numbers_in(text: str) -> set[str]:
    """Numbers as written, without thousands separators ("6,000" and "6000" match)."""
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def names_in(text: str) -> set[str]:
    """Lower-cased capitalized words of three letters or more not at the start of a sentence: a rough set of names."""
    return {w.lower() for w in _MID_SENTENCE_NAME_WORD.findall(text) if len(w) >= 3}


def is_non_answer(text: str) -> bool:
    """Whether the sentence reports that someone did not answer ("declined to say", "did not respond to a request")."""
    return bool(_NON_ANSWER.search(text))


def leans_on_previous(text: str) -> bool:
    """Whether the sentence opens with a pronoun or connective that needs the sentence before it to be understood."""
    return bool(_LEANS_ON_PREVIOUS.match(text))


# A denial of a negative word asserts ("It's not wrong to say it's a bribe", "no doubt"): no denial of the claim.
_LITOTES = re.compile(r"\s+(?:wrong|untrue|false|incorrect|impossible|unlikely|unusual|uncommon|unlike|unreasonable|doubt)\b", re.IGNORECASE)


def has_negation(text: str) -> bool:
    """Whether the text denies something: "not", "never", "ruled out", "didn't" and the like (not "not wrong")."""
    return any(not _LITOTES.match(text, m.end()) for m in NEGATION.finditer(text))


# Up to each stop, or each ellipsis that ends a piece (before a capital: "I can't...That will haunt me"; not "It's no … joke").
_STATED_PIECE = re.compile(r".*?(?:(?:\.\.\.|…)(?=\s*[A-Z\"“]|\s*$)|[.!?]+(?=[\s\"'”’)\]]|$)[\"'”’)\]]*|$)", re.DOTALL)


@lru_cache(maxsize=16384)
def denies(text: str) -> bool:
    """Whether what the text states denies something: its negation outside a question ("Very good. You don't think
    so?") and outside a piece an ellipsis cuts off ("I can't...That will haunt me"), which assert nothing."""
    for match in _STATED_PIECE.finditer(text):
        piece = match.group().strip()
        if piece and not piece.rstrip("\"'”’)]").endswith("?") and not cut_off(piece) and has_negation(piece):
            return True
    return False

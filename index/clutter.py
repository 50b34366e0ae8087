"""Page clutter in plain text, told apart from article prose by a small trained model.

Scraped articles carry the page around them as lines of text: social widgets ("Tweet with a location"),
bylines, bios and notes ("contributed reporting"), captions and photo credits ("Image copyright AFP Image
caption ..."), promos for other stories ("[Related: ...]", "PHOTOS: ..."), and headings or fragments with no
verb. A multinomial logistic regression over a line's words and shape (length, final punctuation, capitals,
verbs, handles and addresses, where it sits) says which, if any, a line is. It is trained by
`train/clutter.py` on lines labelled by hand from real scraped news (`train/clutter_labels.jsonl`); its
weights are a small JSON file read with the standard library and numpy, no torch.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from pathlib import Path

__all__ = ["CLUTTER_REASONS", "MODEL_PATH", "ClutterModel", "clutter_model", "has_verb", "line_features", "verb_lexicon"]

MODEL_PATH = Path(__file__).with_name("clutter_model.json")
SENTENCE_THRESHOLD = 0.9  # the least probability of clutter that removes a finished sentence
CLUTTER_REASONS = ("interface", "note", "caption", "promo", "fragment")  # the model's classes besides "keep"

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+|[@#]\w+|[^\w\s]", re.IGNORECASE)
# Words that make a clause: auxiliaries, the commonest verbs and reporting verbs. A line without any of them and
# without an inflected verb-like word ("rose", "killed", "says") is a fragment: a heading, a label, a credit.
_VERBS = frozenset("""
is are was were be been being am isn't aren't wasn't weren't 's 're has have had hasn't haven't hadn't 've 'd
do does did don't doesn't didn't will would shall should can could may might must won't wouldn't can't couldn't
said says say told tell tells asked ask asks added add adds explained noted wrote writes write called call calls
get gets got go goes went gone come comes came make makes made take takes took taken give gives gave given
find finds found know knows knew think thinks thought see sees saw seen want wants wanted need needs needed
become becomes became show shows showed shown keep keeps kept leave leaves left put puts let lets seem seems
seemed feel feels felt try tries tried run runs ran hold holds held bring brings brought begin begins began
""".split())
# The commonest words of running English prose; headings, credits and widget labels have few of them.
_FUNCTION_WORDS = frozenset("""
the a an of to in and that for on with as at by from but or not his her their its they he she it we you i this was
were is are be been has have had will would who which when where than then about after into over also more no
""".split())
_SUBJECTS = frozenset("it he she this that which who what one".split())
_VERB_SUFFIX = re.compile(r"^[a-z]{3,}(ed|es)$")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(com|org|net|co\.uk|ly|gov)\b", re.IGNORECASE)
_HANDLE = re.compile(r"(^|\s)@\w+")
_PHONE = re.compile(r"\d{3}[-.\s/]\d{3,4}[-.\s]?\d{0,4}")
_LEADING_TIME = re.compile(r"^\d{1,2}:\d{2}\b")  # a live blog's entries: "11:16 A.M. Rocket sirens sound in ..."
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_CREDIT_SLASH = re.compile(r"[A-Z][\w.]*(\s+[A-Z][\w.]*)*\s*/\s*[A-Z]")  # "Jay Reed/NPR", "Neil Warner / Splash News"
_TRAILING_PAREN = re.compile(r"\(([^()]{2,60})\)\s*$")
_BRACKETED = re.compile(r"^\s*\[.*\]\s*$")
_ENDS = ".?!:;)]\"”’"
_LABEL_PREFIX = re.compile(r"^[A-Z][A-Z '’&-]{2,}:")  # "PHOTOS:", "FROM COINAGE:"


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _norm(token: str) -> str:
    token = token.lower()
    return "0" if token.isdigit() else token


_NOT_COMMANDS = frozenset("first second third last next just also never still now then only even once".split())
_FINITE = frozenset("is are was were has have had said says fell rose did does will would could can may might".split())


def _imperative(lower_words: list[str], alpha: list[str], verbs: frozenset[str]) -> bool:
    """Whether a line opens with a verb's bare form not followed by another verb: a command, not a subject."""
    if len(lower_words) < 2 or not alpha[0][0].isupper() or lower_words[0] in _FUNCTION_WORDS:
        return False
    first, second = lower_words[0], lower_words[1]
    bare = (first in verbs or first in _VERBS) and not first.endswith(("s", "ed", "ing", "ly")) and first not in _NOT_COMMANDS
    finite = any(w in _FINITE or w.endswith("ed") for w in lower_words[2:])  # "Share prices fell": a subject, then its verb
    return bare and second not in verbs and second not in _VERBS and not finite


def line_features(line: str, position: int = 99, after_colon: bool = False, verbs: frozenset[str] = frozenset()) -> dict[str, float]:
    """The features of one line: its words (and word pairs) and its shape. `position` is the line's number in the text,
    `verbs` the verb forms the model learned from running text (see `verb_lexicon`)."""
    tokens = _WORD.findall(line.replace("’", "'").replace("‘", "'"))
    words = [t for t in tokens if t[0].isalnum() or t[0] in "@#"]
    lowered = [_norm(t) for t in tokens]
    features: dict[str, float] = {}
    for token in lowered:
        features[f"w={token}"] = 1.0
    for first, second in itertools.pairwise(lowered):
        features[f"b={first} {second}"] = 1.0
    if lowered:
        features[f"first={lowered[0]}"] = 1.0
        features[f"last={lowered[-1]}"] = 1.0
    count = len(words)
    features[f"len={_bucket(count, (1, 2, 3, 5, 8, 12, 18, 25, 40))}"] = 1.0
    stripped = line.rstrip()
    end = stripped[-1:] if stripped else ""
    features["end=" + (end if end in _ENDS else "other")] = 1.0
    alpha = [w for w in words if w[0].isalpha()]
    if alpha:
        capitalised = sum(w[0].isupper() for w in alpha) / len(alpha)
        upper = sum(w.isupper() and len(w) > 1 for w in alpha) / len(alpha)
        features[f"caps={_bucket(round(capitalised * 10), (2, 5, 8, 10))}"] = 1.0
        features[f"upper={_bucket(round(upper * 10), (0, 3, 7, 10))}"] = 1.0
    lower_words = [w.lower() for w in alpha]
    has_verb = any(w in _VERBS or w in verbs for w in lower_words) or any(
        _VERB_SUFFIX.match(w) for w, original in zip(lower_words, alpha) if original[0].islower())
    has_verb = has_verb or any(  # "it follows", "who says": a third-person verb after a pronoun
        w.endswith("s") and not w.endswith(("ss", "us", "is")) and previous in _SUBJECTS for previous, w in itertools.pairwise(lower_words))
    features["verb" if has_verb else "no_verb"] = 1.0
    if _imperative(lower_words, alpha, verbs) and line[:1] not in "\"“‘'":
        features["imperative"] = 1.0  # addressed to the reader: "Add this Tweet to your website", "Learn more about ..."
    if has_verb and end in ".!\"”’" and count >= 3 and alpha and alpha[0][0].isupper() and not _LABEL_PREFIX.search(line):
        features["sentence"] = 1.0  # a finished sentence with a verb: the shape of article prose
    if lower_words:
        function = sum(w in _FUNCTION_WORDS for w in lower_words) / len(lower_words)
        lowercase = sum(w[0].islower() for w in alpha) / len(alpha)
        features[f"function={_bucket(round(function * 10), (0, 1, 2, 3, 4))}"] = 1.0
        features[f"lowercase={_bucket(round(lowercase * 10), (2, 4, 6, 8, 10))}"] = 1.0
    features["quote"] = 1.0 if re.search(r'["“”]|(^|\s)[‘\']', line) else 0.0
    features["starts_quote"] = 1.0 if line[:1] in "\"“‘'" else 0.0
    for name, pattern in (("email", _EMAIL), ("url", _URL), ("handle", _HANDLE), ("phone", _PHONE), ("time", _TIME),
                          ("credit_slash", _CREDIT_SLASH), ("bracketed", _BRACKETED), ("label_prefix", _LABEL_PREFIX)):
        if pattern.search(line):
            features[name] = 1.0
    if match := _TRAILING_PAREN.search(line):
        inner = match.group(1)
        features["trailing_paren"] = 1.0
        if not re.search(r"[a-z]{3,}\s+[a-z]{3,}", inner):  # "(Reuters)", "(AP Photo/Mark Zaleski)", not "(and no stress)"
            features["trailing_paren_name"] = 1.0
    if _LEADING_TIME.match(line):
        features["starts_time"] = 1.0
    features[f"pos={min(position, 3)}"] = 1.0
    if after_colon:
        features["after_colon"] = 1.0
    return {k: v for k, v in features.items() if v}


def has_verb(text: str) -> bool:
    """Whether a piece of text surely holds a verb that can make it a clause: an auxiliary, a common verb form or a
    lower-case "-ed" word ("-es" and "-s" words are as often plural nouns), not an infinitive after "to" ("…, to make maps" is no clause) nor an "-ing" form alone.
    (The model's learned lexicon is too loose for this: it holds every word seen after "to".)"""
    words = re.findall(r"[A-Za-z]+(?:['’][a-z]+)?", text.replace("’", "'"))
    for previous, word in zip(["", *words], words):
        lower = word.lower()
        if previous.lower() == "to":
            continue
        if lower in _VERBS or (word[0].islower() and len(lower) > 4 and lower.endswith("ed")):
            return True
    return False


_NOT_VERBS = frozenset("the a an his her their its this that these those my our your be not all more some any what each every no one two".split())


def verb_lexicon(texts, min_count: int = 2) -> frozenset[str]:
    """Verb forms seen in running text: words after "to" (with their inflections) and after a subject pronoun."""
    after_subject: dict[str, int] = {}
    after_to: dict[str, int] = {}
    subjects = {"he", "she", "it", "they", "we", "i", "who"}
    for text in texts:
        tokens = re.findall(r"[A-Za-z']+", text)
        for first, second in itertools.pairwise(tokens):
            if not second.islower() or second in _NOT_VERBS:
                continue
            if first.lower() in subjects:
                after_subject[second] = after_subject.get(second, 0) + 1
            elif first == "to":
                after_to[second] = after_to.get(second, 0) + 1
    forms = {w for w, n in after_subject.items() if n >= min_count}
    for w in (w for w, n in after_to.items() if n >= min_count):
        forms |= {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
        if w.endswith("y"):
            forms |= {w[:-1] + "ies", w[:-1] + "ied"}
        if w.endswith("e"):
            forms.add(w[:-1] + "ing")
    return frozenset(forms)


class ClutterModel:
    """The trained weights: per feature, one weight per class; the verdict is the likeliest class."""

    def __init__(self, data: dict) -> None:
        self.classes: list[str] = data["classes"]
        self.bias: list[float] = data["bias"]
        self.weights: dict[str, list[float]] = data["weights"]
        self.threshold: float = data["threshold"]  # the least probability of clutter that removes a line
        self.verbs: frozenset[str] = frozenset(data.get("verbs", ()))

    def probabilities(self, line: str, position: int = 99, after_colon: bool = False) -> dict[str, float]:
        """The probability of each class for one line."""
        return self._probabilities(line_features(line, position, after_colon, self.verbs))

    def _probabilities(self, features: dict[str, float]) -> dict[str, float]:
        scores = list(self.bias)
        for name, value in features.items():
            weights = self.weights.get(name)
            if weights:
                scores = [s + w * value for s, w in zip(scores, weights)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def reason(self, line: str, position: int = 99, after_colon: bool = False) -> str | None:
        """The kind of clutter this line is, or None when it reads as article text."""
        features = line_features(line, position, after_colon, self.verbs)
        if "verb" in features and "end=:" in features and "label_prefix" not in features and len(line.split()) >= 5:
            return None  # a clause that opens a list or a quote ("Shelters are open tonight at these places:")
        probabilities = self._probabilities(features)
        # A finished sentence with a verb, naming no address or handle, is article prose unless the model is nearly sure.
        sentence = "sentence" in features and not features.keys() & {"url", "email", "handle", "phone", "imperative"}
        if 1.0 - probabilities["keep"] < (max(self.threshold, SENTENCE_THRESHOLD) if sentence else self.threshold):
            return None
        return max((c for c in self.classes if c != "keep"), key=probabilities.__getitem__)


@functools.lru_cache(maxsize=1)
def clutter_model() -> ClutterModel | None:
    """The shipped model, or None when its file is missing (cleaning then uses its rules alone)."""
    try:
        return ClutterModel(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None

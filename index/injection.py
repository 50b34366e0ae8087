"""Sentences that address a language model rather than a reader: possible prompt injections.

Article text is data. A sentence that gives orders to an AI ("ignore previous instructions", "Note to
any AI model that reads this page…", "Dear summarizer…", a `system:` line, chat-template tokens) has
no place in a news story; it is removed at ingest, listed in the cleaning report as "injection", and
so never reaches an LLM's prompt and is never cited as support.

Two checks, either one removes a sentence:
- patterns for the well-known forms (role lines, chat-template tokens, "ignore previous instructions");
- a small classifier trained by `train/injection.py` (logistic regression over the bundled
  all-MiniLM-L6-v2 sentence embedding plus a few multilingual word-group features; weights in
  `index/injection_model.json`, numpy only at run time). It reads the sentence after Unicode
  normalisation (`fold_lookalikes`: NFKC, invisible characters dropped, Cyrillic and Greek
  look-alikes read as Latin), so it recognises text addressed to a model or an automated reader in
  the languages it was trained on (English, French, German, Spanish) and beyond, as far as the
  embedder reads them. A sentence right after a removed one goes too at a lower score: the second
  half of a split instruction.
Nothing here is tuned to any article.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.chunking import split_into_sentences
from index.models import Removal, RemovalReason
from index.text import PARAGRAPH_BREAK, fold_lookalikes

__all__ = ["INJECTION", "InjectionScreen", "default_screen", "lexical_features", "matches_pattern", "remove_injections",
           "sentence_features"]

INJECTION: RemovalReason = "injection"  # the cleaning report's reason for a removed sentence
MODEL_FILE = Path(__file__).with_name("injection_model.json")

_PATTERNS = [
    # "Ignore (all) previous instructions", "disregard the above prompt", "forget your rules"
    r"\b(ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}?\b(previous|prior|above|earlier|preceding|all|any|your|the|these|those|system)\b"
    r"[^.!?\n]{0,20}?\b(instructions?|prompts?|rules|directions|directives|guidelines|context|messages?)\b",
    r"\byou are now (an? |the |in )?(ai|assistant|chatbot|language model|llm|dan|developer mode|jailbroken|unrestricted|unfiltered)\b",
    r"\b(new|updated|real|actual|hidden) (system )?(instructions|prompt)\b",
    r"\bsystem prompt\b",
    r"(^|\n)\s*(system|assistant)\s*:",  # a chat role line
    r"<\|?\s*(system|user|assistant|im_start|im_end|endoftext|begin_of_text|eot_id)\s*\|?>",  # chat-template tokens
    r"\[/?(INST|SYS)\]|<</?SYS>>",
    r"\b(as an? )?(ai|language model|llm|chatbot|assistant)s?,? (you )?(must|should|will|are instructed to)\b",
    r"\b(respond|reply|answer|say|output|state)\b[^.!?\n]{0,30}\b(only|exactly)\b[^.!?\n]{0,10}\b(with|that|the word|the phrase)\b",
]
_INJECTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_SENTENCE_TOKENS = 10_000  # no length cut: a flagged sentence goes whole

# Word groups the classifier weighs beside the embedding, in the four training languages. Each is a feature (0 or 1);
# the weights are learned, so a group word in ordinary reporting ("the AI model was trained…") decides nothing alone.
_OPENERS = (r"^\W*(dear|note (to|for)|attention|to the|to whichever|for any|hey|hi|hello|listen|cher|ch[eè]re|liebe[rs]?|hallo|"
            r"hinweis (an|f[üu]r)|querid[oa]|nota (para|per)|atenci[oó]n|achtung|à l'attention|p\.?s\.?|caro|cara|beste|uwaga)\b")
_GROUPS = {
    # who is addressed: a model, an assistant, a summarizer, an automated reader
    "machine": r"\b(ai|a\.i\.|ais|llms?|gpt[\w-]*|chatgpt|claude|gemini|copilot|chat ?bots?|bots?|assistan[tc]e?s?|assistent\w*|"
               r"asistentes?|(large )?language models?|sprachmodell\w*|mod[eè]les?|modell\w*|modelos?|ki(-\w+)?|ia|summari[sz]\w*|"
               r"zusammenfass\w*|r[ée]sum\w*|riassun\w*|samenvat\w*|automat\w*|crawl\w*|machine (readers?|learning)|maschinen?|"
               r"neural networks?|(ai|ia|ki|autonomous|software|conversational) agents?|agents? (ia|ai|conversationnels?)|robots?|"
               r"artificial intelligences?|intelligences? artificielles?|k[üu]nstlichen? intelligenz(en)?|inteligencias? artificial(es)?|"
               r"intelligenz[ae] artificial[ei])\b",
    # the reader addressed as "you", or told what to do
    "second_person": r"\b(you|your|yours|yourself|vous|votre|vos|tu|ton|ta|tes|toi|t'|du|dein\w*|dich|dir|euch|euer|eure|tú|tus|usted|"
                     r"je|jouw|voi|tuo|tua)\b",
    "instruction": r"\b(ignor\w*|disregard\w*|forget|oubli\w*|vergiss|vergessen|override|instructions?|anweisung\w*|vorgabe\w*|"
                   r"consignes?|instrucciones|istruzion\w*|prompts?|skip|omit)\b",
    "obligation": r"\b(must|should|has to|have to|is required to|are required to|ought to|needs? to|is asked to|are asked to|"
                  r"doi[st]|doivent|devez|muss|musst|m[üu]ssen|soll\w*|debe\w*|deve\w*|moet\w*)\b",
    # what the reader produces: an answer, a summary, a citation
    "output": r"\b(answers?|respon\w*|repl(y|ies)|output|r[ée]ponses?|r[ée]pond\w*|antwort\w*|respuestas?|summary|digest|say|tell|"
              r"write|report|state|describe|mention|repeat|quote|[ée]cri\w*|schreib\w*|escrib\w*|scriv\w*|cite|citez|zitier\w*|cita|"
              r"dites|sage|dile|di|affirm\w*|behaupt\w*)\b",
    # reading this very text: "that reads this page", "processing this article"
    "reading_this": r"\b(read\w*|process\w*|summari[sz]\w*|index\w*|crawl\w*|ingest\w*|compar\w*|pars\w*|scan\w*|lit|lisant|"
                    r"r[ée]sum\w*|parcour\w*|liest|lesen|zusammenfass\w*|verarbeit\w*|durchsuch\w*|vergleich\w*|lee|lea|procesa\w*|"
                    r"legge|leia|leest|czyta)\b[^.!?]{0,25}\b(this|these|cette|ce|cet|ces|diese[nrs]?|este|esta|estos|questa|"
                    r"questo|deze|dit|tę|ten)\b",
    # the other sources and which one is right
    "other_sources": r"\b(other|all|rival|competing) (articles?|sources?|outlets?|reports?|pages?|news\w*|coverage)\b|"
                     r"\bautres (articles?|sources?|m[ée]dias|journaux)\b|\banderen (artikel|quellen|medien|zeitungen)\b|"
                     r"\b(otros|dem[aá]s) (art[ií]culos|medios|fuentes|peri[oó]dicos)\b|\baltri articoli\b|\bandere artikelen\b",
    "correctness": r"\b(only (correct|true|reliable|trustworthy)|correct (answer|figure|summary|total)|seule (r[ée]ponse|source)|"
                   r"einzig (richtige|korrekte|verl[aä]ssliche)|[uú]nica (respuesta|fuente)|wrong|false|faux|fausses?|falsch|falsas?|"
                   r"equivocad\w*|sbagliat\w*|errad\w*|kloppen niet)\b",
    # an address at the head of the sentence: "Dear X,", "Note to …:", "Assistant, …"
    "address": rf"{_OPENERS}|^[^,:;.!?]{{1,60}}[,:]",
    # reported speech: news tells what someone said; an injection speaks itself
    "reported": r"\b(said|says|told|according to|added|asked|urged|warned|a (d[ée]clar[ée]|dit|annonc[ée]|demand[ée])|selon|sagte|"
                r"laut|erkl[äa]rte|forderte|dijo|seg[uú]n|pidi[oó]|anunci[oó])\b",
    "quote": r"[\"“”«»„]",
}
# Pairs that say more together than apart (the classifier is linear): a machine addressee with a demand on it.
_PAIRS = {
    "machine_and_demand": ("machine", ("obligation", "output", "second_person", "instruction")),
    "machine_and_address": ("machine", ("address", "reading_this")),
    "demand_and_sources": ("other_sources", ("obligation", "output", "second_person", "instruction", "correctness")),
}
_GROUP_PATTERNS = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _GROUPS.items()}
FEATURES = (*_GROUPS, *_PAIRS)
# Only a sentence with one of these is embedded and scored: about one news sentence in six, so the screen costs a
# fraction of what embedding every sentence would (docs/benchmarks.md has both).
_WORTH_SCORING = re.compile("|".join(f"(?:{_GROUPS[name]})" for name in (
    "machine", "second_person", "instruction", "obligation", "output", "reading_this", "other_sources", "correctness")) + f"|{_OPENERS}",
    re.IGNORECASE)


def matches_pattern(sentence: str) -> bool:
    """Whether one of the well-known injection forms occurs in the sentence (after look-alike folding)."""
    return bool(_INJECTION.search(fold_lookalikes(sentence)))


def lexical_features(sentence: str) -> np.ndarray:
    """The word-group features of a sentence already folded by `fold_lookalikes`: one 0/1 value per group in FEATURES."""
    found = {name: bool(pattern.search(sentence)) for name, pattern in _GROUP_PATTERNS.items()}
    pairs = [found[first] and any(found[other] for other in others) for first, others in _PAIRS.values()]
    return np.array([*found.values(), *pairs], dtype=np.float32)


def sentence_features(embedder, sentences: list[str]) -> np.ndarray:
    """The classifier's input for each sentence: its embedding after folding, then its word-group features."""
    folded = [fold_lookalikes(s) for s in sentences]
    vectors = embedder.encode(folded)
    lexical = np.stack([lexical_features(s) for s in folded]) if folded else np.zeros((0, len(FEATURES)), np.float32)
    return np.hstack([vectors, lexical])


@dataclass(frozen=True)
class _Weights:
    coef: np.ndarray  # one weight per embedding dimension, then one per lexical feature
    intercept: float
    threshold: float  # P(injection) at or above which a sentence is removed
    context_threshold: float  # the lower bar for the sentence right after a removed one


def _load_weights(path: Path) -> _Weights:
    saved = json.loads(path.read_text(encoding="utf-8"))
    if tuple(saved["features"]) != FEATURES:
        raise ValueError(f"{path} was trained with other word groups; retrain it with `make injection-model`")
    return _Weights(np.asarray(saved["coef"], dtype=np.float32), float(saved["intercept"]), float(saved["threshold"]),
                    float(saved["context_threshold"]))


class InjectionScreen:
    """Scores sentences for being addressed to a model, with the trained weights and the bundled embedder."""

    def __init__(self, embedder, weights_path: Path = MODEL_FILE) -> None:
        self.embedder = embedder
        self._weights = _load_weights(weights_path)

    def scores(self, sentences: list[str]) -> np.ndarray:
        """P(addressed to a model) for each sentence."""
        if not sentences:
            return np.zeros(0)
        logits = sentence_features(self.embedder, sentences) @ self._weights.coef + self._weights.intercept
        return 1.0 / (1.0 + np.exp(-logits))

    def flags(self, sentences: list[str], score_all: bool = False, context: bool = True) -> list[bool]:
        """Which sentences to remove: a known pattern, a score over the threshold, or (with `context`) just after a flagged one
        and over the lower bar. Sentences without any word the classifier weighs are not scored (see _WORTH_SCORING) unless
        `score_all`, except right after a flagged one."""
        folded = [fold_lookalikes(s) for s in sentences]
        flagged = [bool(_INJECTION.search(f)) for f in folded]
        scores = np.zeros(len(sentences))

        def score(rows: list[int]) -> None:
            if rows:
                scores[rows] = self.scores([folded[i] for i in rows])

        candidates = [i for i, f in enumerate(folded) if not flagged[i] and (score_all or _WORTH_SCORING.search(f))]
        score(candidates)
        flagged = [f or bool(p >= self._weights.threshold) for f, p in zip(flagged, scores, strict=True)]
        if not context:
            return flagged
        scored = set(candidates)
        score([i for i in range(1, len(flagged)) if flagged[i - 1] and not flagged[i] and i not in scored])
        for i in range(1, len(flagged)):
            if flagged[i - 1] and not flagged[i] and scores[i] >= self._weights.context_threshold:
                flagged[i] = True
        return flagged


_DEFAULT: InjectionScreen | None = None
_DEFAULT_LOCK = threading.Lock()


def default_screen() -> InjectionScreen:
    """The screen with the bundled embedder (whatever model the library searches with: the weights were trained on it)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            from index.embedding import get_embedder
            from index.settings import IndexSettings

            _DEFAULT = InjectionScreen(get_embedder(IndexSettings(embedding_model="")))
        return _DEFAULT


def _for_splitting(text: str) -> str:
    """The text with each character that NFKC maps to one character replaced by it (fullwidth "．" -> "."), so sentences
    split where a reader sees them end, at the same offsets."""
    if text.isascii():
        return text
    return "".join(n if len(n := unicodedata.normalize("NFKC", c)) == 1 else c for c in text)


def remove_injections(text: str, screen: InjectionScreen | None = None) -> tuple[str, tuple[Removal, ...]]:
    """The text without its sentences that address a model, and what was removed (reason "injection")."""
    all_spans = split_into_sentences(_for_splitting(text), _SENTENCE_TOKENS)
    if not all_spans:
        return text, ()
    flags = (screen or default_screen()).flags([text[s.start:s.end] for s in all_spans])
    spans = [span for span, flagged in zip(all_spans, flags, strict=True) if flagged]
    if not spans:
        return text, ()
    pieces, last = [], 0
    for span in spans:
        pieces.append(text[last:span.start])
        last = span.end
    pieces.append(text[last:])
    paragraphs = (re.sub(r"[ \t]{2,}", " ", p).strip() for p in PARAGRAPH_BREAK.split("".join(pieces)))
    removed = tuple(Removal(" ".join(text[s.start:s.end].split()), INJECTION) for s in spans)
    return "\n\n".join(p for p in paragraphs if p), removed

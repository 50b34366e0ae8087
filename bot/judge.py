"""The pair judge: does one sentence say the same as another, add to it, contradict it, or neither?

    judge = get_judge()
    judge.score(pairs)   # (n, 3): P(entailment), P(neutral), P(contradiction), premise -> hypothesis
    judge.relate(pairs)  # "same" | "adds" | "contradicts" | "unrelated", from both directions
    judge.same(pairs)    # P(the two say the same fact), from the model's own "same" head (None for a judge without one)

The default is the bundled cross-encoder (`bot/judge_model/`, trained by `make judge-model`, see its
MODEL_CARD.md), run by ONNX Runtime with the fast tokenizer: no torch on this path. With
MANYSIDES_JUDGE=llm and an LLM engine configured, the model answers instead, in batches, parsed
strictly; whatever it does not answer cleanly is judged by the cross-encoder.
"""

from __future__ import annotations

import collections
import difflib
import json
import logging
import re
import threading
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Protocol

import numpy as np

from bot.backends import chat_model_for
from bot.claims import contrasting, slot_conflict, swapped, uncertain
from bot.prompts import pair_blocks, render_prompt
from bot.settings import BotSettings, load_bot_settings
from index import ConfigError
from index import NEGATION, content_words, denies, edit_distance, has_negation, names_in, numbers_in, stem

__all__ = ["ADDS", "CONTRADICTION", "CONTRADICTS", "ENTAILMENT", "ENTAILS", "NEUTRAL", "CrossEncoderJudge", "JUDGE_MODEL_DIR", "Judge", "LLMJudge",
           "RELATIONS", "Relation", "SAME", "UNRELATED", "get_judge", "lexical_conflicts", "parse_verdicts", "relation_of", "ruled_relation",
           "same_both", "score_both", "score_directions"]

log = logging.getLogger(__name__)


class Relation(StrEnum):
    """How one sentence relates to another, read from both directions."""

    SAME = "same"  # they say the same fact
    ADDS = "adds"  # one says what the other does and more
    CONTRADICTS = "contradicts"  # a different value in the same slot, or one denies what the other says
    UNRELATED = "unrelated"  # neither


SAME, ADDS, CONTRADICTS, UNRELATED = Relation.SAME, Relation.ADDS, Relation.CONTRADICTS, Relation.UNRELATED
RELATIONS = tuple(Relation)
ENTAILMENT, NEUTRAL, CONTRADICTION = 0, 1, 2
JUDGE_MODEL_DIR = Path(__file__).resolve().parent / "judge_model"
ENTAILS = 0.5  # P(entailment) from which one sentence says what the other does
_CONTRADICTS = 0.7  # P(contradiction) from which they disagree: chosen on the training split (a swapped name reads
# as a contradiction 21% of the time at 0.5 and 3% at 0.7, while flipped negation stays at 97%)
SUPPORT_ENTAILMENT = 0.5  # P(evidence entails sentence) from which a written sentence is supported by what it cites
_SAME = 0.5  # P(same fact), both directions' mean, from which two sentences say the same (judges with a "same" head)

Pairs = Sequence[tuple[str, str]]


class Judge(Protocol):
    """Judges sentence pairs."""

    name: str

    def score(self, pairs: Pairs) -> np.ndarray:
        """(n, 3) probabilities of entailment, neutral and contradiction, premise -> hypothesis."""
        ...

    def relate(self, pairs: Pairs) -> list[Relation]:
        """The relation of each pair, from both directions."""
        ...


def relation_of(forward: np.ndarray, backward: np.ndarray, same: float | None = None) -> Relation:
    """The relation from the two directions' probabilities: contradiction either way wins, then the same fact (the "same"
    head's probability when the judge has one, else entailment both ways), then entailment one way."""
    if max(forward[CONTRADICTION], backward[CONTRADICTION]) >= _CONTRADICTS:
        return CONTRADICTS
    entails = (forward[ENTAILMENT] >= ENTAILS, backward[ENTAILMENT] >= ENTAILS)
    if (same >= _SAME) if same is not None and not np.isnan(same) else all(entails):
        return SAME
    if any(entails):
        return ADDS
    return UNRELATED


def score_both(judge: Judge, pairs: Pairs) -> tuple[np.ndarray, np.ndarray]:
    """Both directions' probabilities in one batch: (premise -> hypothesis, hypothesis -> premise)."""
    if not pairs:
        return np.zeros((0, 3), dtype=np.float32), np.zeros((0, 3), dtype=np.float32)
    both = judge.score([*pairs, *[(b, a) for a, b in pairs]])
    return both[: len(pairs)], both[len(pairs):]


def _without_entailment(probabilities: np.ndarray) -> np.ndarray:
    """The same reading with entailment ruled out: its mass goes to neutral, a contradiction stays a contradiction."""
    return np.array([0.0, 1.0 - probabilities[CONTRADICTION], probabilities[CONTRADICTION]], dtype=np.float32)


def lexical_conflicts(sentence: str, evidence: str) -> list[str]:
    """Reasons the sentence says something its evidence does not, by rule: a number or a name the evidence lacks, a flipped negation."""
    problems = []
    if missing := numbers_in(sentence) - numbers_in(evidence):
        problems.append(f"numbers not in the source: {', '.join(sorted(missing))}")
    # A name the evidence holds anywhere, its first word included ("Apple is working …"), is not missing.
    if missing := {n for n in names_in(sentence) - names_in(evidence) if stem(n) not in content_words(evidence)}:
        problems.append(f"names not in the source: {', '.join(sorted(missing))}")
    if has_negation(sentence) != has_negation(evidence):  # a small judge can miss a "not"; the rule cannot
        problems.append("negation differs from the source")
    return problems


_SAME_WORDS = 0.8  # share of content words two sentences hold in common to be one claim but for its negation


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'’-]*")
_MIN_SHARED_WORDS = 6  # fewer words in common are too few to call two sentences one wording
# Words one wording may add or drop ("in the U.S." / "in U.S."); never a negation, a number word or a comparison.
_FUNCTION_WORDS = frozenset("a an the of to in on at for and that this by with from as it its".split())


def _spelled(word: str) -> str:
    """A word as spelling variants share it: lower case, no dots, apostrophes or hyphens ("U.N." / "UN"); a figure keeps
    its decimal point ("16.50" is not "165.0")."""
    word = word.lower().rstrip(".")
    return word if any(c.isdigit() for c in word) else re.sub(r"[.'’-]", "", word)


def _spelling_variants(a: str, b: str) -> bool:
    """"organisations" / "organizations", "colour" / "color": the same start and a letter or two apart; a figure only
    as itself ("1984" / "1986" are two years)."""
    if any(c.isdigit() for c in a + b):
        return False
    return a[:3] == b[:3] and edit_distance(a, b) <= max(1, min(len(a), len(b)) // 6)


def _one_wording(a: str, b: str) -> bool:
    """Whether two sentences are one wording but for case, dots, a few function words and spelling ("the U.N. Drug
    Conventions ... organizations" / "the UN drug conventions ... organisations"): every other word of each is the
    other's, or a spelling variant of one."""
    words_a = collections.Counter(w for w in map(_spelled, _WORD.findall(a)) if w)
    words_b = collections.Counter(w for w in map(_spelled, _WORD.findall(b)) if w)
    if sum((words_a & words_b).values()) < _MIN_SHARED_WORDS:
        return False
    only_a = [w for w in (words_a - words_b).elements() if w not in _FUNCTION_WORDS]
    only_b = [w for w in (words_b - words_a).elements() if w not in _FUNCTION_WORDS]
    if len(only_a) != len(only_b):
        return False
    for word in only_a:
        match = next((other for other in only_b if _spelling_variants(word, other)), None)
        if match is None:
            return False
        only_b.remove(match)
    return True


def _holds_wording(longer: str, shorter: str) -> bool:
    """Whether one sentence says all the other does in its words, in order, and adds words of its own ("On May 8, the
    committee called on Canada to deliver him" / "The committee called on Canada to deliver him"): case, dots and a few
    function words aside. What it adds is a detail of the same claim."""
    def words(text: str) -> list[str]:
        return [w for w in map(_spelled, _WORD.findall(text)) if w and w not in _FUNCTION_WORDS]

    long_words, short_words = words(longer), words(shorter)
    if len(short_words) < _MIN_SHARED_WORDS or len(long_words) <= len(short_words):
        return False
    matcher = difflib.SequenceMatcher(None, short_words, long_words, autojunk=False)
    opcodes = matcher.get_opcodes()
    added = " ".join(" ".join(long_words[j1:j2]) for tag, _, _, j1, j2 in opcodes if tag == "insert")
    return all(tag in ("equal", "insert") for tag, *_ in opcodes) and not NEGATION.search(added)  # an added "not" denies


def _same_words(a: str, b: str) -> bool:
    """Whether the two sentences say one thing in the same words, negation words aside ("resigned" / "did not resign"),
    and the denial is of that thing: the clause holding the "not" says what the other sentence says ("Walter took it to
    the dealership, but they couldn't duplicate it there" denies nothing of "Walter took it to the dealership")."""
    words_a, words_b = content_words(NEGATION.sub(" ", a)), content_words(NEGATION.sub(" ", b))
    if not (words_a | words_b) or len(words_a & words_b) / len(words_a | words_b) < _SAME_WORDS:
        return False
    denying, other = (a, words_b) if has_negation(a) else (b, words_a)
    denied = content_words(NEGATION.sub(" ", _negated_clause(denying)))
    return bool(denied) and len(denied & other) / len(denied) >= _DENIED_WORDS  # a bare "I can't …" denies nothing said


_DENIED_WORDS = 0.5  # share of the denying clause's content words the other sentence must hold
_CLAUSES = re.compile(r",\s*(?:but|and|while|although|though|yet)\s+|;\s+|\s+but\s+|\.\.\.|…", re.IGNORECASE)


def _negated_clause(text: str) -> str:
    """The clause of a sentence that holds its negation ("they couldn't duplicate it there"), or the whole sentence."""
    return next((part for part in _CLAUSES.split(text) if has_negation(part)), text)


def ruled_relation(a: str, b: str, forward: np.ndarray, backward: np.ndarray, same: float | None = None
                   ) -> tuple[Relation, np.ndarray, np.ndarray, float | None]:
    """The relation of a pair from the model's reading and rules a small model can miss.

    Two outlets rarely word a fact with the same details, so a name, number or date in one sentence only is a detail it
    adds: it stops entailment in the direction that would have to invent it, never the reading of one fact. What does
    separate two sentences is a different value in the same slot: another figure, date or count for the same event is a
    contradiction; another name in the same place ("the Russian embassy" / "the Chinese embassy") is another fact; and
    the same words with a flipped negation contradict.
    Returns the relation and the readings it rests on."""
    read_as_one = (same is not None and not np.isnan(same) and same >= _SAME) or min(forward[ENTAILMENT], backward[ENTAILMENT]) >= ENTAILS
    related = read_as_one or max(forward[ENTAILMENT], backward[ENTAILMENT]) >= ENTAILS
    contradiction = max(forward[CONTRADICTION], backward[CONTRADICTION])
    # A direction whose hypothesis brings a number or name its premise lacks, or flips its negation, does not entail.
    forward = _without_entailment(forward) if lexical_conflicts(b, a) else forward
    backward = _without_entailment(backward) if lexical_conflicts(a, b) else backward
    if uncertain(a) != uncertain(b):
        # "It was not known how many people were inside" / "Several people were inside": one says nobody knows yet what
        # the other tells; neither one fact nor a denial of it.
        forward, backward = _without_entailment(forward), _without_entailment(backward)
        return UNRELATED, forward, backward, None if same is None else 0.0
    if denies(a) != denies(b) and (read_as_one or contradiction >= _CONTRADICTS) and _same_words(a, b) \
            and not uncertain(a):  # (both or neither uncertain here) "not clear whether" / "unclear whether" deny nothing
        return CONTRADICTS, forward, backward, same
    if slot_conflict(a, b) and (related or contradiction >= _CONTRADICTS):
        return CONTRADICTS, forward, backward, 0.0 if same is not None else None
    if swapped(a, b):
        return relation_of(forward, backward, None if same is None else 0.0), forward, backward, None if same is None else 0.0
    if contrasting(a, b):
        # Another outcome ("killed" / "wounded", "rose" / "fell"): neither says what the other does.
        forward, backward = _without_entailment(forward), _without_entailment(backward)
        return relation_of(forward, backward, None if same is None else 0.0), forward, backward, None if same is None else 0.0
    if has_negation(a) == has_negation(b) and _one_wording(a, b):
        # The same words but for spelling ("U.N." / "UN", "organisations" / "organizations"), and nothing above found a
        # value, name or denial that differs: one claim, whatever the model reads (it calls some such pairs contradictory).
        return SAME, forward, backward, same
    a_holds_b = has_negation(a) == has_negation(b) and _holds_wording(a, b)
    if a_holds_b or (has_negation(a) == has_negation(b) and _holds_wording(b, a)):
        # One sentence is the other with a detail added, and nothing above found a value, name or denial that differs:
        # it adds to the other, whatever the model reads (it reads some such pairs as contradicting, others as the same).
        entails = np.array([1.0, 0.0, 0.0], dtype=forward.dtype)
        forward, backward = (entails, backward) if a_holds_b else (forward, entails)
        return ADDS, forward, backward, same
    if read_as_one:
        return SAME, forward, backward, same
    return relation_of(forward, backward, same), forward, backward, same


def same_both(judge: Judge, pairs: Pairs) -> np.ndarray | None:
    """P(same fact) for each pair, the mean of both orders, or None when the judge has no "same" head."""
    same = getattr(judge, "same", None)
    if same is None or not pairs:
        return None if same is None else np.zeros(0, dtype=np.float32)
    both = same([*pairs, *[(b, a) for a, b in pairs]])
    return None if both is None else (both[: len(pairs)] + both[len(pairs):]) / 2


_CLEARLY_APART = 0.9  # P(neutral), the longer claim as premise, from which the other direction is not run ...
_NOT_SAME = 0.05  # ... when the "same" head also gives the pair less than this
# On 20 DUC 2003 articles compared all against all, 63% of candidate pairs stop after one direction, and no pair's
# relation changes (6 of 1,719 pairs' kinship, which only the "unsure" rules read, fell below 0.1).


def score_directions(judge: Judge, pairs: Pairs) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Both directions' probabilities and P(same fact), like `score_both` and `same_both`, for less: each pair is read
    first with its longer claim as premise, and a pair that reading leaves clearly apart (neutral, not the same fact)
    is not read the other way (its reverse reading is taken to be the same). A shorter claim rarely entails a longer
    one that does not entail it."""
    if not pairs:
        empty = np.zeros((0, 3), dtype=np.float32)
        return empty, empty, None if getattr(judge, "same", None) is None else np.zeros(0, dtype=np.float32)
    flipped = [len(b) > len(a) for a, b in pairs]
    first = [(b, a) if flip else (a, b) for (a, b), flip in zip(pairs, flipped, strict=True)]
    read = judge.score(first)
    same_of = getattr(judge, "same", None)  # only a judge with a "same fact" head has it
    same_read = same_of(first) if same_of is not None else None
    apart = (read[:, NEUTRAL] >= _CLEARLY_APART) & (np.ones(len(pairs), dtype=bool) if same_read is None else same_read < _NOT_SAME)
    again = np.flatnonzero(~apart)
    reverse, same = read.copy(), None if same_read is None else same_read.astype(np.float32).copy()
    if len(again):
        reversed_pairs = [(first[i][1], first[i][0]) for i in again]
        reverse[again] = judge.score(reversed_pairs)
        if same is not None and same_of is not None:
            same[again] = (same[again] + same_of(reversed_pairs)) / 2
    forward = np.where(np.array(flipped)[:, None], reverse, read)
    backward = np.where(np.array(flipped)[:, None], read, reverse)
    return forward, backward, same


def _relate(judge: Judge, pairs: Pairs) -> list[Relation]:
    forward, backward = score_both(judge, pairs)
    same = same_both(judge, pairs)
    return [ruled_relation(a, b, f, r, None if same is None else float(same[i]))[0]
            for i, ((a, b), f, r) in enumerate(zip(pairs, forward, backward, strict=True))]


class CrossEncoderJudge:
    """The bundled cross-encoder, int8 ONNX: one forward pass per pair and direction, batched by length."""

    def __init__(self, model_dir: Path = JUDGE_MODEL_DIR, batch_size: int = 64) -> None:
        from tokenizers import Tokenizer

        from index import onnx_session

        model = model_dir / "model-int8.onnx"
        if not model.exists():
            raise ConfigError(f"the judge model is missing from {model_dir}; reinstall Manysides or run `make judge-model`")
        config = json.loads((model_dir / "judge.json").read_text())
        outputs = list(config.get("outputs", ()))
        self.has_same = "same" in outputs  # a model with the "same fact" head (a sigmoid)
        self.has_similarity = "similarity" in outputs  # and the graded similarity head (a sigmoid, STS-B's score / 5)
        self._session = onnx_session(model)
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=int(config.get("max_tokens", 128)))
        self._tokenizer.no_padding()
        self._batch_size = batch_size
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], np.ndarray] = {}  # judged pairs, kept for the life of the process
        self.judged = 0  # pair-directions run through the model so far (cached ones not counted)
        self.name = "cross-encoder"

    def forget(self) -> None:
        """Empty the cache of judged pairs (benchmarks time fresh judging this way)."""
        self._cache.clear()

    def _logits(self, pairs: Pairs) -> np.ndarray:
        from index import encoding_feeds

        feeds = encoding_feeds(self._tokenizer.encode_batch([(a, b) for a, b in pairs]))
        with self._lock:
            return self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]

    def _judged(self, pairs: Pairs) -> np.ndarray:
        """(n, 5): P(entailment), P(neutral), P(contradiction), P(same fact) and similarity (NaN without those heads), cached."""
        pairs = [(a, b) for a, b in pairs]
        missing = list(dict.fromkeys(p for p in pairs if p not in self._cache))
        order = sorted(range(len(missing)), key=lambda i: len(missing[i][0]) + len(missing[i][1]))
        if len(self._cache) + len(missing) > 200_000:
            self._cache.clear()
        for begin in range(0, len(order), self._batch_size):
            rows = [missing[i] for i in order[begin:begin + self._batch_size]]
            raw = self._logits(rows).astype(np.float32)
            logits = raw[:, :3] - raw[:, :3].max(axis=1, keepdims=True)
            probabilities = np.exp(logits)
            probabilities /= probabilities.sum(axis=1, keepdims=True)
            heads = np.full((len(rows), 2), np.nan, dtype=np.float32)
            heads[:, : raw.shape[1] - 3] = 1.0 / (1.0 + np.exp(-raw[:, 3:5]))  # the sigmoid heads this model has
            self._cache.update(zip(rows, np.hstack([probabilities, heads]), strict=True))
            self.judged += len(rows)
        if not pairs:
            return np.zeros((0, 5), dtype=np.float32)
        return np.stack([self._cache[p] for p in pairs])

    def score(self, pairs: Pairs) -> np.ndarray:
        return self._judged(pairs)[:, :3]

    def same(self, pairs: Pairs) -> np.ndarray | None:
        """P(premise and hypothesis say the same fact), in this order; None for a model without the "same" head."""
        return self._judged(pairs)[:, 3] if self.has_same else None

    def similarity(self, pairs: Pairs) -> np.ndarray | None:
        """Graded similarity 0-1 of premise and hypothesis, in this order; None for a model without that head."""
        return self._judged(pairs)[:, 4] if self.has_similarity else None

    def relate(self, pairs: Pairs) -> list[Relation]:
        return _relate(self, pairs)


_VERDICT = re.compile(r"^\s*(\d{1,3})\s*[.):]\s*(entailment|neutral|contradiction)\s*\.?\s*$", re.IGNORECASE)
_ONE_HOT = {"entailment": (0.9, 0.1, 0.0), "neutral": (0.05, 0.9, 0.05), "contradiction": (0.0, 0.1, 0.9)}


def parse_verdicts(reply: str, count: int) -> dict[int, str]:
    """Strictly parsed "n. label" lines (1-based n within count); a number answered twice is not answered."""
    seen: dict[int, list[str]] = {}
    for line in reply.splitlines():
        if (match := _VERDICT.match(line)) and 1 <= int(match.group(1)) <= count:
            seen.setdefault(int(match.group(1)), []).append(match.group(2).lower())
    return {n: labels[0] for n, labels in seen.items() if len(set(labels)) == 1}


class LLMJudge:
    """The configured LLM judges pairs in batches; a pair it does not answer cleanly goes to the fallback judge."""

    def __init__(self, chat_model, fallback: Judge | None = None, batch_size: int = 8, name: str = "llm") -> None:
        self._model = chat_model
        self._fallback = fallback
        self._batch_size = batch_size
        self.name = f"llm ({name})"

    def _fallback_judge(self) -> Judge:
        if self._fallback is None:
            self._fallback = _cross_encoder(load_bot_settings().judge_model)
        return self._fallback

    def score(self, pairs: Pairs) -> np.ndarray:
        out = np.full((len(pairs), 3), np.nan, dtype=np.float32)
        for begin in range(0, len(pairs), self._batch_size):
            batch = pairs[begin:begin + self._batch_size]
            messages = [("system", render_prompt("judge_system")), ("human", render_prompt("judge_user", pairs=pair_blocks(batch)))]
            try:
                verdicts = parse_verdicts(str(self._model.invoke(messages).content), len(batch))
            except Exception as error:  # a failing server leaves the pairs to the cross-encoder
                log.warning("the LLM judge failed (%s); the cross-encoder judges instead", error)
                verdicts = {}
            for n, label in verdicts.items():
                out[begin + n - 1] = _ONE_HOT[label]
        missing = [i for i in range(len(pairs)) if np.isnan(out[i, 0])]
        if missing:
            out[missing] = self._fallback_judge().score([pairs[i] for i in missing])
        return out

    def relate(self, pairs: Pairs) -> list[Relation]:
        return _relate(self, pairs)


_JUDGES: dict[str, Judge] = {}
_JUDGES_LOCK = threading.Lock()


def _cross_encoder(folder: str = "") -> Judge:
    """The bundled cross-encoder, or the one in `folder` (MANYSIDES_JUDGE_MODEL: a folder `make judge-model` wrote)."""
    folder = folder.strip()
    with _JUDGES_LOCK:
        if folder not in _JUDGES:
            path = Path(folder).expanduser() if folder else JUDGE_MODEL_DIR
            if not path.is_dir():
                raise ConfigError(f"judge model folder {folder!r} not found; unset MANYSIDES_JUDGE_MODEL to use the bundled judge")
            _JUDGES[folder] = CrossEncoderJudge(path)
        return _JUDGES[folder]


def get_judge(chat_model=None, name: str = "", settings: BotSettings | None = None) -> Judge:
    """The judge the settings choose: the cross-encoder (loaded once per process), or with MANYSIDES_JUDGE=llm an LLM.

    That LLM is `chat_model` when one is given (the engine `--llm` or the page chose; tests pass LangChain's fake chat
    models), else the one MANYSIDES_LLM names; with neither, nothing else could answer and the cross-encoder judges.
    `name` says which model it is (default: the MANYSIDES_LLM spec).
    """
    settings = settings or load_bot_settings()
    if settings.judge == "cross-encoder":
        return _cross_encoder(settings.judge_model)
    if chat_model is None:
        spec = settings.engine
        if not spec.is_llm:
            return _cross_encoder(settings.judge_model)
        chat_model, name = chat_model_for(spec, settings), str(spec)
    return LLMJudge(chat_model, name=name or settings.llm)

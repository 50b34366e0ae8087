"""The judge's training and held-out pairs, read from ../shared/data, and the hard pairs made from real news sentences.

Every pair is (premise, hypothesis, target), where target is a distribution over
(entailment, neutral, contradiction) for premise -> hypothesis. Each source is split into a
training part and a held-out part by a stable hash, so `bench/judge.py` measures on pairs the
model never saw:

- SICK (train+trial): both directions, with the per-direction labels `entailment_AB` / `entailment_BA`.
- MRPC train: the "same fact" head's yes/no (no entailment target).
- STS-B train (training) and STS-B dev (held out whole): the 0-5 score / 5 is the similarity head's target.
- Hard pairs from DUC 2003 and MultiLing 2011 sentences: swapped numbers, dates, weekdays, years and
  negation contradict; swapped names and nationalities are never the same fact; a dropped clause
  is entailed by the full sentence only (and is one fact); an attribution added ("…, officials said") is one fact; two sentences of one story are unrelated; a sentence entails
  itself and its rewording (a contraction, "percent" for "%", a date moved to the front). Held out by cluster.

Only the standard library and numpy: the benchmark imports this without torch.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = ["Pair", "claimdiff_pairs", "hard_pairs", "held_out", "mrpc_pairs", "pivot_pairs", "sick_pairs", "stsb_pairs", "training_pairs"]

E, N, C = (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)
HELD_OUT_PERCENT = 15


@dataclass(frozen=True)
class Pair:
    """One judged pair, premise -> hypothesis."""

    premise: str  # the first sentence
    hypothesis: str  # the second sentence
    target: tuple[float, float, float]  # P(entailment), P(neutral), P(contradiction) to learn
    source: str  # which set and kind it came from, e.g. "sick" or "hard:number"
    weight: float = 1.0  # how much it counts in the loss
    same: float | None = None  # P(the two say the same fact), the "same" head's target; None: not taught by this pair
    rate: float = 1.0  # the chance it is drawn in one pass (a symmetric pair's two orders share one draw on average)
    similarity: float | None = None  # graded similarity 0-1, the similarity head's target (STS-B only); None: not taught


def held_out(key: str) -> bool:
    """Whether an item belongs to the held-out part: a stable hash, the same on every machine."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % 100 < HELD_OUT_PERCENT


def _tsv(path: Path, header: bool) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if header:
            next(rows)
        yield from rows


def sick_pairs(data: Path, split: str) -> list[Pair]:
    """SICK pairs in both directions; split is "train" or "test" (the held-out part)."""
    label = {"entails": E, "neutral": N, "contradicts": C}
    pairs = []
    for row in _tsv(data / "pairs" / "sick_train_trial.tsv", header=True):
        if len(row) < 7 or held_out(f"sick:{row[0]}") != (split == "test"):
            continue
        a, b, ab, ba = row[1], row[2], row[5].split("_")[1], row[6].split("_")[1]
        same = 1.0 if ab == ba == "entails" else 0.0
        pairs.append(Pair(a, b, label[ab], "sick", same=same))
        pairs.append(Pair(b, a, label[ba], "sick:reverse", same=same))
    return pairs


def mrpc_pairs(data: Path, split: str) -> list[tuple[str, str, int]]:
    """MRPC (sentence 1, sentence 2, paraphrase 0/1)."""
    out = []
    for row in _tsv(data / "pairs" / "mrpc_train.tsv", header=True):
        if len(row) < 5 or held_out(f"mrpc:{row[1]}:{row[2]}") != (split == "test"):
            continue
        out.append((row[3], row[4], int(row[0])))
    return out


def stsb_pairs(data: Path, split: str) -> list[tuple[str, str, float]]:
    """STS-B (sentence 1, sentence 2, score 0-5): train for "train", dev for "test"."""
    name = "stsb_train.tsv" if split == "train" else "stsb_dev.tsv"
    out = []
    for row in _tsv(data / "pairs" / name, header=False):
        if len(row) >= 7:
            try:
                out.append((row[5], row[6], float(row[4])))
            except ValueError:
                continue
    return out


def claimdiff_pairs(data: Path) -> list[dict]:
    """ClaimDiff pairs as {claim_a, claim_b, relation, kind} with kind "strength" or "weak"."""
    out = []
    for path in sorted((data / "claimdiff").glob("*.json")):
        kind = "strength" if "strength" in path.name else "weak"
        for item in json.loads(path.read_text(encoding="utf-8"))["data"]:
            out.append({"claim_a": item["claim_a"], "claim_b": item["claim_b"], "relation": int(item["relation"]), "kind": kind})
    return out


# --- hard pairs from real news -------------------------------------------------------------------------------------------------

_NATIONALITIES = ("American Russian Chinese British French German Japanese Israeli Palestinian Iraqi Iranian Syrian Egyptian Indian "
                  "Pakistani Afghan Turkish Italian Spanish Canadian Mexican Brazilian Korean Saudi Ukrainian Polish Dutch Greek "
                  "Swiss Swedish Australian Cuban Serbian Albanian Nigerian Kenyan Lebanese Jordanian Libyan").split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = "January February March April May June July August September October November December".split()
_AUXILIARY = re.compile(r"\b(?:(?:is|was|are|were|will|would|can|could|should|did|does|do|may|might|must)|(?:has|have|had)(?=\s+(?:been|[a-z]+ed|[a-z]+en)\b))\b(?!\s+(?:not|n't|never)\b)(?=\s+[a-z])")
_NEGATED = re.compile(r"\b(?:(is|was|are|were|has|have|had|will|would|could|should|did|does|do|may|might|must) not|(is|was|are|were|has|have|had|would|could|should|did|does|do)n't|never)\b")
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:,\d{3})*(?:\.\d+)?(?![\d,.]?\d)")
_NAME = re.compile(r"(?<=\s)(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)*")
_CLAUSE = re.compile(r",\s+(?:which|who|where|while|saying|according|adding|after|before|because|although|as|but|and|including|when)\b[^,]*[.!?]?$")
_TRAILING_PHRASE = re.compile(r"\s+(?:in|on|at|for|from|with|during|after|before|since|near|by)\s+[^,;]{3,40}(?=[.!?]?$)")


def _sentences(text: str) -> list[str]:
    from blingfire import text_to_sentences

    return [s.strip() for s in text_to_sentences(re.sub(r"\s+", " ", text)).split("\n") if s.strip()]


def _usable(sentence: str) -> bool:
    words = sentence.split()
    return 8 <= len(words) <= 45 and sentence[-1] in ".!?\"'" and not sentence.isupper() and "``" not in sentence[:2]


def _clusters(data: Path) -> Iterator[tuple[str, list[list[str]]]]:
    """(cluster id, its articles as sentence lists) from DUC 2003 and MultiLing 2011."""
    for path in (data / "duc2003" / "duc2003_mds.jsonl", data / "multiling2011" / "multiling2011_en.jsonl"):
        if not path.exists():
            continue
        for line in path.open(encoding="utf-8"):
            cluster = json.loads(line)
            yield f"{path.stem}:{cluster['cluster_id']}", [[s for s in _sentences(d["text"]) if _usable(s)] for d in cluster["docs"]]


def _swap_number(sentence: str, rng: random.Random) -> str | None:
    matches = list(_NUMBER.finditer(sentence))
    if not matches:
        return None
    m = rng.choice(matches)
    text = m.group(0).replace(",", "")
    value = float(text)
    if 1900 <= value <= 2030 and "." not in text:
        new = str(int(value) + rng.choice([-3, -2, -1, 1, 2, 3]))
    else:
        factor = rng.choice([0.5, 0.7, 1.5, 2, 3, 10])
        changed = value * factor if value else rng.randint(2, 9)
        new = f"{changed:.1f}" if "." in text else f"{round(changed):,}" if "," in m.group(0) else str(round(changed))
        if new == m.group(0):
            new = str(int(value) + rng.randint(1, 9))
    return sentence[:m.start()] + new + sentence[m.end():]


def _swap_word(sentence: str, choices: list[str], rng: random.Random) -> str | None:
    present = [w for w in choices if re.search(rf"\b{w}\b", sentence)]
    if not present:
        return None
    old = rng.choice(present)
    new = rng.choice([w for w in choices if w != old])
    return re.sub(rf"\b{old}\b", new, sentence, count=1)


def _swap_name(sentence: str, names: list[str], rng: random.Random) -> str | None:
    found = [m for m in _NAME.finditer(sentence) if m.group(0) in names and m.group(0) not in _WEEKDAYS + _MONTHS + _NATIONALITIES]
    if not found or len(names) < 2:
        return None
    m = rng.choice(found)
    others = [n for n in names if n != m.group(0) and n not in sentence and len(n.split()) == len(m.group(0).split())]
    if not others:
        return None
    return sentence[:m.start()] + rng.choice(others) + sentence[m.end():]


def _flip_negation(sentence: str) -> str | None:
    negated = _NEGATED.search(sentence)
    if negated:
        if negated.group(0) == "never":
            return sentence[:negated.start()] + "once" + sentence[negated.end():]
        verb = negated.group(1) or negated.group(2)
        return sentence[:negated.start()] + verb + sentence[negated.end():]
    aux = _AUXILIARY.search(sentence)
    if not aux:
        return None
    return sentence[:aux.end()] + " not" + sentence[aux.end():]


def _drop_clause(sentence: str) -> str | None:
    for pattern in (_CLAUSE, _TRAILING_PHRASE):
        m = pattern.search(sentence)
        if m:
            shorter = sentence[:m.start()].rstrip(" ,;") + "."
            if len(shorter.split()) >= 6 and len(shorter.split()) <= len(sentence.split()) - 3:
                return shorter
    return None


_CONTRACTIONS = [("did not", "didn't"), ("does not", "doesn't"), ("do not", "don't"), ("is not", "isn't"), ("was not", "wasn't"),
                 ("are not", "aren't"), ("were not", "weren't"), ("has not", "hasn't"), ("have not", "haven't"), ("had not", "hadn't"),
                 ("could not", "couldn't"), ("would not", "wouldn't"), ("will not", "won't"), ("cannot", "can't")]
_TRAILING_WHEN = re.compile(r"\s+((?:on|last|this|early|late on)\s+(?:" + "|".join(_WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?"
                            r"|in\s+(?:" + "|".join(_MONTHS) + r")(?:\s+\d{4})?|(?:last|this)\s+(?:week|month|year))(?=[.!?]$)")


def _reword(sentence: str, rng: random.Random) -> str | None:
    """The same claim worded differently, every name, figure and date kept: a contraction, a percent sign, a moved date."""
    options = []
    for long, short in _CONTRACTIONS:
        if re.search(rf"\b{long}\b", sentence):
            options.append(re.sub(rf"\b{long}\b", short, sentence, count=1))
        elif short in sentence:
            options.append(sentence.replace(short, long, 1))
    if re.search(r"\d\s*percent\b", sentence):
        options.append(re.sub(r"(\d)\s*percent\b", r"\1%", sentence, count=1))
    elif re.search(r"\d%", sentence):
        options.append(re.sub(r"(\d)%", r"\1 percent", sentence, count=1))
    if m := re.search(r"\b(\d{1,3}),(\d{3})\b(?!,\d)", sentence):
        options.append(sentence[:m.start()] + m.group(1) + m.group(2) + sentence[m.end():])
    if (m := _TRAILING_WHEN.search(sentence)) and sentence[0].isupper() and not re.match(r"(?:I|[A-Z][a-z]+\s+[A-Z])", sentence):
        when = m.group(1)
        rest = sentence[:m.start()] + sentence[m.end():]
        options.append(f"{when[0].upper()}{when[1:]}, {rest[0].lower()}{rest[1:]}")
    return rng.choice(options) if options else None


_SOURCES = ("officials said", "police said", "the company said", "a spokesman said", "a spokeswoman said", "according to officials",
            "according to the police", "according to reports", "people familiar with the matter said", "the ministry said")


def _attribute(sentence: str, rng: random.Random) -> str | None:
    """The sentence as reported speech: "X happened, officials said." (an outlet's attribution adds no fact)."""
    if not re.search(r"[.!]$", sentence) or re.search(r"\b(?:said|says|according to)\b", sentence) or '"' in sentence or "“" in sentence:
        return None
    return f"{sentence[:-1]}, {rng.choice(_SOURCES)}."


def hard_pairs(data: Path, split: str, per_cluster: int = 40, seed: int = 13) -> list[Pair]:
    """Pairs made by editing real news sentences (see the module docstring); held out by cluster."""
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for cluster_id, articles in _clusters(data):
        if held_out(f"cluster:{cluster_id}") != (split == "test"):
            continue
        sentences = [s for article in articles for s in article]
        if not sentences:
            continue
        # Names: capitalized runs seen mid-sentence three times or more in the cluster (a capitalized ordinary word rarely is).
        seen: dict[str, int] = {}
        for s in sentences:
            for m in _NAME.finditer(s):
                seen[m.group(0)] = seen.get(m.group(0), 0) + 1
        names = sorted(n for n, count in seen.items() if count >= 3)
        rng.shuffle(sentences)
        made = 0
        for sentence in sentences:
            if made >= per_cluster:
                break
            edits = []
            if changed := _swap_number(sentence, rng):
                edits.append(("number", changed, C))
            if changed := _swap_word(sentence, _WEEKDAYS, rng):
                edits.append(("weekday", changed, C))
            if changed := _swap_word(sentence, _MONTHS, rng):
                edits.append(("date", changed, C))
            if changed := _swap_word(sentence, _NATIONALITIES, rng):
                edits.append(("nationality", changed, (0.0, 0.6, 0.4)))
            if changed := _swap_name(sentence, names, rng):
                edits.append(("entity", changed, (0.0, 0.6, 0.4)))
            if changed := _flip_negation(sentence):
                edits.append(("negation", changed, C))
            if not edits:
                continue
            chosen = [rng.choice(edits)]
            # A swapped nationality or name is the subtlest edit (a near-identical sentence, another actor): always taught.
            chosen += [e for e in edits if e[0] in ("nationality", "entity") and e not in chosen]
            for kind, changed, target in chosen:
                pairs.append(Pair(sentence, changed, target, f"hard:{kind}", same=0.0))
                pairs.append(Pair(changed, sentence, target, f"hard:{kind}", same=0.0))
            made += 1
            # A dropped clause is the same fact with less detail: entailed one way, and one fact (an outlet adding a clause,
            # a date or a place to a fact another reports is the normal case, not another fact).
            if shorter := _drop_clause(sentence):
                pairs.append(Pair(sentence, shorter, E, "hard:drop-clause", same=0.75))
                pairs.append(Pair(shorter, sentence, N, "hard:add-clause", same=0.75))
            # Attribution added: "…, officials said." says the same fact as the bare claim.
            if attributed := _attribute(sentence, rng):
                pairs.append(Pair(attributed, sentence, (0.8, 0.2, 0.0), "hard:attribution", same=1.0))
                pairs.append(Pair(sentence, attributed, (0.3, 0.7, 0.0), "hard:attribution", same=1.0))
            other = rng.choice(sentences)
            if other != sentence:
                pairs.append(Pair(sentence, other, N, "hard:same-story", same=0.0))
            # The same claim, near-identical: without these, "one token differs" would read as a contradiction.
            if reworded := _reword(sentence, rng):
                pairs.append(Pair(sentence, reworded, E, "hard:reworded", same=1.0))
                pairs.append(Pair(reworded, sentence, E, "hard:reworded", same=1.0))
            pairs.append(Pair(sentence, sentence, E, "hard:identity", same=1.0))
    return pairs


# --- one fact told by two outlets, found through a human summary ----------------------------------------------------------------

_STOP = frozenset(("a an the of to in on at for from by with and or but is was were are be been being has have had it its this "
                   "that these those as he she they his her their them him we our you your not no said says say will would could "
                   "should can may might do does did than then there which who whom what when where while after before into over "
                   "about up out also more most such").split())
PIVOT_COVERAGE = 0.6  # the share of a summary sentence's content words a source sentence must hold to be its source


def _content(sentence: str) -> frozenset[str]:
    """Content words, cut to six letters (a crude stem: "counted" / "counts"), and every number.

    Stricter than `index.text.content_words`, which keeps reporting verbs ("said") and two-letter words: with it the
    summaries' sources doubled (1,178 training pairs) and, read by hand, most were two facts of one story."""
    return frozenset(w[:6] for w in re.findall(r"[a-z0-9]+", sentence.lower()) if w.isdigit() or (len(w) > 2 and w not in _STOP))


def pivot_pairs(data: Path, split: str) -> list[Pair]:
    """Real pairs of one fact told twice, found through the clusters' human summaries.

    A summary sentence's source in an article is that article's sentence holding most of its content words (at least
    PIVOT_COVERAGE). Two articles' sources of one summary sentence are two outlets telling one fact, each with details of
    its own ("pivot:outlets"), and a source and the summary's shorter telling are one fact too ("pivot:summary"): "same"
    targets only, no entailment target (neither outlet need entail the other, and a summary fuses and rewords; taught as
    entailment, it made the judge read one sentence as holding another of its story). Held out by cluster, like
    `hard_pairs`. `bench/judge.py` measures the held-out "pivot:outlets" pairs; training on them is opt-in
    (`train/judge.py --pivot`): the bundled judge is not trained on them (see bot/judge_model/MODEL_CARD.md).
    """
    pairs: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    for path in (data / "duc2003" / "duc2003_mds.jsonl", data / "multiling2011" / "multiling2011_en.jsonl"):
        if not path.exists():
            continue
        for line in path.open(encoding="utf-8"):
            cluster = json.loads(line)
            if held_out(f"cluster:{path.stem}:{cluster['cluster_id']}") != (split == "test"):
                continue
            articles = [[(s, _content(s)) for s in _sentences(d["text"]) if _usable(s)] for d in cluster["docs"]]
            for reference in cluster["references"].values():
                for summary in _sentences(reference):
                    words = _content(summary)
                    if len(words) < 5:
                        continue
                    sources = []
                    for article in articles:
                        coverage, best = max(((len(words & w) / len(words), s) for s, w in article), default=(0.0, ""))
                        if coverage >= PIVOT_COVERAGE:
                            sources.append(best)
                    for source in sources:
                        if (source, summary) not in seen:
                            seen.add((source, summary))
                            pairs.append(Pair(source, summary, N, "pivot:summary", 0.0, 0.75))
                            pairs.append(Pair(summary, source, N, "pivot:summary", 0.0, 0.75))
                    for i, a in enumerate(sources):
                        for b in sources[i + 1:]:
                            if a != b and (a, b) not in seen:
                                seen.add((a, b))
                                pairs.append(Pair(a, b, N, "pivot:outlets", 0.0, 0.85))
                                pairs.append(Pair(b, a, N, "pivot:outlets", 0.0, 0.85))
    return pairs


HARD_RATE = 0.55  # the share of the (many, easy to learn) edited news pairs drawn in one pass


def training_pairs(data: Path, seed: int = 13, pivot: bool = False) -> list[Pair]:
    """Everything the judge trains on: the training parts of every source.

    Three heads learn together: the three-way entailment head (premise -> hypothesis; SICK and the edited news pairs), the
    "same fact" head (MRPC's yes/no, SICK pairs that entail both ways, the edited news pairs) and the graded similarity
    head (STS-B only), so no head fits two kinds of target. With `pivot`, also the pairs of one fact told by two outlets
    (`pivot_pairs`).
    """
    pairs = sick_pairs(data, "train")  # both directions: SICK labels each direction
    # MRPC and STS-B labels are symmetric: both orders, so "the same fact" reads the same either way round. Each head learns
    # one kind of target: MRPC's yes/no only the "same" head (weight 0: no entailment target), STS-B's grades only the
    # similarity head.
    for a, b, paraphrase in mrpc_pairs(data, "train"):
        pairs += [Pair(a, b, N, "mrpc", 0.0, float(paraphrase)), Pair(b, a, N, "mrpc", 0.0, float(paraphrase))]
    for a, b, score in stsb_pairs(data, "train"):
        similarity = min(max(score / 5.0, 0.0), 1.0)
        pairs += [Pair(a, b, N, "stsb", 0.0, None, 0.5, similarity), Pair(b, a, N, "stsb", 0.0, None, 0.5, similarity)]
    pairs += [replace(p, rate=HARD_RATE) for p in hard_pairs(data, "train", seed=seed)]
    if pivot:
        pairs += pivot_pairs(data, "train")
    return pairs

"""Sentences that address a language model rather than a reader: possible prompt injections.

Article text is data. A sentence that gives orders to an AI ("ignore previous instructions", "you
are now…", a `system:` line, chat-template tokens) has no place in a news story; it is removed
at ingest, listed in the cleaning report as "injection", and so never reaches an LLM's prompt
and is never cited as support. The patterns are general, not tuned to any article.
"""

from __future__ import annotations

import re

from index.chunking import split_into_sentences
from index.models import Removal
from index.text import PARAGRAPH_BREAK

__all__ = ["INJECTION", "remove_injections"]

INJECTION = "injection"  # the cleaning report's reason for a removed sentence

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
# The same patterns with a role line allowed anywhere: one pass over the whole text tells whether any sentence can match.
_ANYWHERE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS).replace(r"(^|\n)\s*(system|assistant)", r"\b(system|assistant)"),
                       re.IGNORECASE)
_SENTENCE_TOKENS = 10_000  # no length cut: a flagged sentence goes whole


def remove_injections(text: str) -> tuple[str, tuple[Removal, ...]]:
    """The text without its sentences that address a model, and what was removed (reason "injection")."""
    if not _ANYWHERE.search(text):
        return text, ()  # the common case: no sentence splitting needed
    spans = [s for s in split_into_sentences(text, _SENTENCE_TOKENS) if _INJECTION.search(text[s.start:s.end])]
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

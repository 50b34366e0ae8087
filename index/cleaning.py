"""Turn raw article text into clean paragraphs, keeping a record of everything removed.

Rules are general: patterns for the kinds of page furniture news sites add (appeals, newsletter
prompts, captions and credits, copyright lines, "read more" and share prompts), plus shape and
position heuristics (short lines, repeated lines, a trailing run of link-like lines). No rule
names a particular outlet or article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from index.models import Removal

__all__ = ["Cleaned", "Removal", "clean_text", "normalize_text", "split_paragraphs"]


@dataclass(frozen=True)
class Cleaned:
    """The cleaned body and what was removed from it."""

    text: str  # paragraphs joined by blank lines
    removed: tuple[Removal, ...]  # dropped paragraphs in reading order


_TERMINAL = tuple('.!?:;"”’\')]…')
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalize_text(raw: str) -> str:
    """Unicode NFC, Unix newlines, plain spaces, no zero-width or control characters."""
    text = unicodedata.normalize("NFC", raw).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _should_join(line: str, next_line: str) -> bool:
    """Whether a line break inside a block is a hard wrap in the middle of a sentence."""
    if line.endswith(_TERMINAL) or line.endswith("-") and not line.endswith(" -"):
        return line.endswith("-") and next_line[:1].islower()
    return next_line[:1].islower() or next_line[:1].isdigit() or len(line) >= 50


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of normalized text: blocks between blank lines, with hard-wrapped lines rejoined."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line]
        current = ""
        for line in lines:
            if not current:
                current = line
            elif _should_join(current, line):
                current = current[:-1] + line if current.endswith("-") and line[:1].islower() else f"{current} {line}"
            else:
                paragraphs.append(current)
                current = line
        if current:
            paragraphs.append(current)
    return paragraphs


def _words(paragraph: str) -> int:
    return len(paragraph.split())


_CTA_CUE = re.compile(
    r"\b(you|your|you're|today|now|free|per (week|month|year)|a (week|month|year))\b|^(please|help|join|get|sign|subscribe|support|donate|become|click|follow|don't miss|never miss)\b",
    re.IGNORECASE,
)
_APPEAL = re.compile(
    r"\b(subscrib\w*|donat\w*|become a (paying )?(member|subscriber|supporter|patron)|reader[- ](funded|supported)"
    r"|support (our|independent|local|quality|trusted|this)\b|make a (contribution|gift)|contribute (today|now)"
    r"|already a (subscriber|member)|unlock (this|unlimited)|paywall|membership)\b",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(r"\b(newsletter|sign up|signup|in your inbox|straight to your inbox|mailing list)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
_IMAGE_MARKUP = re.compile(r"^!\[[^\]]*\]\([^)]*\)$|^\[(image|photo|video|graphic)[^\]]*\]$", re.IGNORECASE)
_CREDIT = re.compile(
    r"\b(photograph|photo|picture|image|illustration|graphic|video|credit)s?(\s+credit)?(\s+by)?\s*:\s*"
    r"[^.!?:]{1,80}$",
    re.IGNORECASE,
)
_AGENCY_CREDIT = re.compile(
    r"[(/]\s*(getty( images)?|reuters|ap( photo)?|afp|epa|shutterstock|alamy|associated press)[^)]*\)?\s*$",
    re.IGNORECASE,
)
_READ_MORE = re.compile(
    r"^(read (more|also|next)|also read|related( stories| articles| coverage)?|see also|more on this( story)?"
    r"|recommended( reading)?|further reading|more from|most read|watch( now)?|listen( now)?)\b\s*[:\-–—|>»]",
    re.IGNORECASE,
)
_SHARE_WORDS = {
    "share", "shares", "this", "article", "story", "on", "via", "facebook", "twitter", "x", "email", "e-mail",
    "whatsapp", "linkedin", "reddit", "pinterest", "print", "copy", "link", "messenger", "telegram", "tweet",
    "or", "and", "|", "/", "·", "•",
}
_SHARE_START = re.compile(r"^(share|tweet|email|print)\b( (this|on|via|the))?", re.IGNORECASE)
_FOLLOW = re.compile(r"^(follow|like) (us|@\w+|\w+ on (twitter|facebook|instagram|x))\b", re.IGNORECASE)
_AD = re.compile(r"^(advertisement|advertising|sponsored( content)?|ad|promoted|skip advert(isement)?)$", re.IGNORECASE)
_BYLINE = re.compile(r"^[Bb]y\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}(\s*(,|and|&)\s*[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3})*\s*(,.{0,40})?$")
_DATE_ONLY = re.compile(
    r"^((published|updated|posted)( on)?:?\s*)?((mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
    r"(\d{4}[-/]\d{1,2}[-/]\d{1,2}|\w+\.? \d{1,2},? \d{4}|\d{1,2} \w+\.? \d{4})([ ,T]+\d{1,2}[:.]\d{2}\s*(am|pm|a\.m\.|p\.m\.)?\s*\w{0,4})?$",
    re.IGNORECASE,
)


def _is_share_line(paragraph: str) -> bool:
    tokens = re.findall(r"[\w@'-]+|[|/·•]", paragraph.lower())
    if not tokens or len(tokens) > 12:
        return False
    if all(token in _SHARE_WORDS for token in tokens) and any(t not in {"this", "on", "or", "and", "via"} for t in tokens):
        return len(tokens) >= 2 or tokens[0] == "share"
    return bool(_SHARE_START.match(paragraph)) and len(tokens) <= 6


def _has_quote(paragraph: str) -> bool:
    return bool(re.search(r'["“”]', paragraph))


def _appeal(p: str) -> bool:
    return _words(p) <= 60 and not _has_quote(p) and bool(_APPEAL.search(p)) and bool(_CTA_CUE.search(p))


def _newsletter(p: str) -> bool:
    return _words(p) <= 50 and not _has_quote(p) and bool(_NEWSLETTER.search(p)) and bool(_CTA_CUE.search(p))


def _caption(p: str) -> bool:
    return _words(p) <= 70 and bool(_CREDIT.search(p) or _AGENCY_CREDIT.search(p))


# Each rule looks at one paragraph alone; order decides the reason shown when several match.
_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("image", lambda p: bool(_IMAGE_MARKUP.match(p))),
    ("copyright", lambda p: _words(p) <= 40 and bool(_COPYRIGHT.search(p))),
    ("caption", _caption),
    ("read more", lambda p: _words(p) <= 30 and bool(_READ_MORE.match(p))),
    ("share", _is_share_line),
    ("follow", lambda p: _words(p) <= 20 and bool(_FOLLOW.match(p))),
    ("advertisement", lambda p: bool(_AD.match(p))),
    ("newsletter", _newsletter),
    ("appeal", _appeal),
)


def _boilerplate_reason(paragraph: str) -> str | None:
    for reason, rule in _RULES:
        if rule(paragraph):
            return reason
    return None


def _header_reason(paragraph: str, position: int) -> str | None:
    """Bylines and bare dates near the top are metadata, not body text."""
    if position > 3 or _words(paragraph) > 12:
        return None
    if _BYLINE.match(paragraph):
        return "byline"
    if _DATE_ONLY.match(paragraph):
        return "dateline"
    return None


def _is_link_like(paragraph: str) -> bool:
    return _words(paragraph) <= 6 and not paragraph.endswith(_TERMINAL)


def _trailing_links(paragraphs: list[str]) -> int:
    """How many paragraphs at the end form a run of short, unpunctuated lines (tags, footer links)."""
    count = 0
    for paragraph in reversed(paragraphs):
        if not _is_link_like(paragraph):
            break
        count += 1
    # One short line at the end may be a sign-off; two or more are page furniture.
    return count if count >= 2 and count < len(paragraphs) else 0


def _key(paragraph: str) -> str:
    return re.sub(r"\W+", " ", paragraph.lower()).strip()


def clean_text(raw: str, title: str = "") -> Cleaned:
    """Clean an article body: drop boilerplate paragraphs, keep the rest in order."""
    paragraphs = split_paragraphs(normalize_text(raw))
    counts = Counter(_key(p) for p in paragraphs if _words(p) <= 15)
    title_key = _key(title) if title else ""
    trailing_start = len(paragraphs) - _trailing_links(paragraphs)

    kept: list[str] = []
    removed: list[Removal] = []
    for position, paragraph in enumerate(paragraphs):
        key = _key(paragraph)
        reason = _boilerplate_reason(paragraph) or _header_reason(paragraph, position)
        if reason is None and title_key and key == title_key:
            reason = "title"
        elif reason is None and counts.get(key, 0) >= 2 and _is_link_like(paragraph):
            reason = "repeated"
        elif reason is None and position >= trailing_start:
            reason = "footer"
        if reason:
            removed.append(Removal(paragraph, reason))
        else:
            kept.append(paragraph)
    return Cleaned("\n\n".join(kept), tuple(removed))

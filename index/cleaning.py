"""Turn raw article text into clean paragraphs, keeping a record of everything removed.

Rules are general: patterns for the kinds of page furniture news sites add (appeals, newsletter
prompts, captions and credits, copyright lines, "read more" and share prompts), plus shape and
position heuristics (short lines, repeated lines, a trailing run of link-like lines). No rule
names a particular outlet or article. What the rules keep is then judged by a small trained model
(`index.clutter`): widget and social text, bylines, bios and disclaimers, captions, promos and
headings without a verb, as scraped pages carry them in plain text. Every removed paragraph is kept
in the report with its reason.
"""

from __future__ import annotations

import re
import unicodedata
from typing import cast
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from index.clutter import clutter_model, has_verb
from index.models import Removal, RemovalReason
from index.text import BYLINE_NAME, PARAGRAPH_BREAK, strip_escapes, word_count

__all__ = ["Cleaned", "Removal", "clean_text", "line_reason", "normalize_text", "rule_reason", "split_paragraphs"]


@dataclass(frozen=True)
class Cleaned:
    """The cleaned body and what was removed from it."""

    text: str  # paragraphs joined by blank lines
    removed: tuple[Removal, ...]  # dropped paragraphs in reading order


_TERMINAL = tuple('.!?:;"”’\')]…。！？」』')
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters (Unicode Cc) other than tab and newline


def normalize_text(raw: str) -> str:
    """Unicode NFC, Unix newlines, plain spaces, no zero-width or control characters, no terminal escape sequences."""
    text = unicodedata.normalize("NFC", strip_escapes(raw)).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _CONTROLS.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _should_join(line: str, next_line: str) -> bool:
    """Whether a line break inside a block is a hard wrap in the middle of a sentence."""
    if line.endswith(_TERMINAL) or (line.endswith("-") and not line.endswith(" -")):
        return line.endswith("-") and next_line[:1].islower()
    return next_line[:1].islower() or next_line[:1].isdigit() or len(line) >= 50


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of normalized text: blocks between blank lines, with hard-wrapped lines rejoined."""
    paragraphs: list[str] = []
    for block in PARAGRAPH_BREAK.split(text):
        lines = [line for line in block.split("\n") if line]
        current = ""
        for line in lines:
            if not current:
                current = line
            elif _should_join(current, line):
                current = current + line if current.endswith("-") else f"{current} {line}"
            else:
                paragraphs.append(current)
                current = line
        if current:
            paragraphs.append(current)
    return paragraphs


@lru_cache(maxsize=64)  # the rules ask for the same paragraph's count one after another
def _words(paragraph: str) -> int:
    return word_count(paragraph)


_CTA_CUE = re.compile(
    r"\b(you|your|you're|you've)\b|(^|[.!?]\s+)(please|help us|join|get|sign up|subscribe|support|donate|become|click|tap|follow|don't miss|never miss)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(r"\b(said|says|told|according to|announced|reported)\b", re.IGNORECASE)
_APPEAL = re.compile(
    r"\b(subscrib\w*|donat\w*|become a (paying )?(member|subscriber|supporter|patron)|reader[- ](funded|supported)"
    r"|support (our|independent|local|quality|trusted|this)\b|make a (contribution|gift)|contribute (today|now)"
    r"|already a (subscriber|member)|unlock (this|unlimited)|paywall|membership"
    r"|please (contribute|donate|chip in|support us)|(who|readers) (have )?support(ed)? us)\b",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(r"\b(newsletters?|in your inbox|straight to your inbox|mailing list)\b|^sign up\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|^\W*copyright\b|\bcopyright\s+(©\s*)?\d{4}|\ball rights reserved\b", re.IGNORECASE)
_IMAGE_MARKUP = re.compile(r"^!\[[^\]]*\]\([^)]*\)$|^\[(image|photo|video|graphic)[^\]]*\]$", re.IGNORECASE)
_CREDIT = re.compile(
    r"(^|[.!?]\s+)\(?(photograph|photo|picture|image|illustration|graphic|video|credit)s?(\s+credit)?(\s+by)?\s*:\s*"
    r"[^.!?:]{1,80}$",
    re.IGNORECASE,
)
_AGENCY_CREDIT = re.compile(
    r"[(/]\s*(getty( images)?|reuters|ap( photo)?|afp|epa|shutterstock|alamy|associated press)"
    r"(\s+via\s+[\w ]{1,30})?\s*\)?\s*$",
    re.IGNORECASE,
)
_READ_MORE = re.compile(
    r"^(read (more|also|next)|also read|related( stories| articles| coverage)?|see also|more on this( story)?"
    r"|recommended( reading)?|further reading|more from|most read|watch( now)?|listen( now)?)\s*(:|\||>|»|\s[-–—]\s)",
    re.IGNORECASE,
)
_SHARE_WORDS = {
    "share", "shares", "this", "article", "story", "on", "via", "facebook", "twitter", "x", "email", "e-mail",
    "whatsapp", "linkedin", "reddit", "pinterest", "print", "copy", "link", "messenger", "telegram", "tweet",
    "or", "and", "|", "/", "·", "•",
}
_FOLLOW = re.compile(r"^(follow|like) us (on|at)\b|^follow @\w+|^follow \w+( \w+)? on (twitter|facebook|instagram|x|threads|bluesky)\b", re.IGNORECASE)
_AD = re.compile(r"^(advertisement|advertising|sponsored( content)?|ad|promoted|skip advert(isement)?)$", re.IGNORECASE)
_BYLINE = re.compile(  # "By Jane Doe", "By Jane Doe and Sam Roe, The Herald", "By Jane Doe | Herald", "By Jane Doe of the Herald"
    rf"^[Bb]y\s+{BYLINE_NAME}(\s*(,|and|&)\s*{BYLINE_NAME})*(\s*[,|/•]\s*[A-Z][\w ]{{0,30}}|\s+of\s+(the\s+)?[A-Z][\w ]{{0,40}})?$")
_DATE_ONLY = re.compile(
    r"^((published|updated|posted)( on)?:?\s*)?((mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
    r"(\d{4}[-/]\d{1,2}[-/]\d{1,2}|\w+\.? \d{1,2},? \d{4}|\d{1,2} \w+\.? \d{4})([ ,T]+\d{1,2}[:.]\d{2}\s*(am|pm|a\.m\.|p\.m\.)?\s*\w{0,4})?$",
    re.IGNORECASE,
)


# Captions, notes and links in the forms sites print them ("Image copyright PA Image caption ...", "Editor's note:",
# "X contributed reporting.", "The opinions expressed are his own.", "Read Simon's full blog here.", "Click here to ...").
_CAPTION_LABEL = re.compile(
    r"^(image|photo|picture|video|media)\s+(copyright|caption|credit)\b|^(enlarge this image\s+)?toggle caption\b"
    r"|^(enlarge|expand) (this )?(image|photo)\b|(?-i:\b(View|Launch|Open) (Photo )?(Slideshow|Gallery)\b)"  # image widgets' buttons
    r"|^(video|photos?|images?|graphics?) (by|courtesy of) (?-i:[A-Z])(?!.*\b(said|says|told|shows?|showed)\b)",
    re.IGNORECASE)
# A photo caption that opens with its agency's name: "Associated Press An Israeli soldier rides on top of ...".
_AGENCY_FIRST = re.compile(r"^(getty images|associated press|reuters|afp|epa|european pressphoto agency|shutterstock|alamy)\s+"
                           r"(?-i:(?=(A|An|The)\s))", re.IGNORECASE)
_NOTE = re.compile(
    r"^\W*editor'?s['’]? note\b|\bcontributed (reporting|to this (report|article|story))\b|^(additional )?reporting by\b"
    r"|^([A-Z][\w'’-]+\s+){1,3}(reported|contributed) from [A-Z][\w ,.'’-]{0,40}\.$"
    r"|^a version of this (article|story|report) (appeared|appears|was published)\b"
    r"|^the (author|writer) is an?\b|\b(opinions|views) expressed (here |in this \w+ )?are (solely )?(his|her|their|the (author|writer)'?s?['’]?) own\b",
    re.IGNORECASE,
)
# A promo for a show's video: "Charles Levinson has the latest from Tel Aviv on The News Hub."
_SHOW_PROMO = re.compile(r"^(?-i:[A-Z][\w.'’-]+)(\s(?-i:[A-Z])[\w.'’-]+){0,3}\s(has|have|brings|bring) (the latest|more|the story|the details|details)"
                         r"\b[^.!?]{0,60}\bon (the )?(?!(mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                         r"(?-i:[A-Z])[\w'’ ]{1,40}[.!]?$", re.IGNORECASE)
_BARE_LINK = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.IGNORECASE)  # a web address alone on its line
_LINK_PROMPT = re.compile(r"^(read|see|watch|listen to)\b.{0,60}\bhere\W*$|^(click|tap) here\b|[.!?]\s+(click|tap) here\b"
                          r"|(\.\.\.|…)\s*(more|read more|continue reading|full story|see more)\W*$", re.IGNORECASE)  # "... More." closes a teaser


# The buttons and labels of a page's widgets that sites print in a row with the share buttons ("Photo Advertisement Continue
# reading the main story", "LISTEN TO ARTICLE 4:34 SHARE THIS ARTICLE Share Tweet Post Email", "936 SHARES Share Tweet").
_WIDGET_WORDS = {"photo", "photos", "advertisement", "continue", "reading", "read", "the", "main", "listen", "to", "post", "text",
                 "size", "video", "videos", "embed", "more", "news", "comments", "comment", "save", "close", "menu", "min"}


def _is_share_line(paragraph: str) -> bool:
    """A line made only of share words, network names and widget buttons ("Share this article", "Facebook | X | Email",
    "Photo Advertisement Continue reading the main story"), counts and times among them ("936 SHARES", "4:34")."""
    tokens = re.findall(r"[\w@'-]+|[|/·•]", paragraph.lower())
    if not tokens or len(tokens) > 12 or paragraph.rstrip().endswith((".", "?", "!")):
        return False
    words = [t for t in tokens if t not in {"|", "/", "·", "•"} and not t.isdigit()]
    if not words:  # a bare separator ("|") is not a share line
        return False
    return all(t in _SHARE_WORDS or t in _WIDGET_WORDS for t in words) and (words[0] == "share" or len(words) >= 2) and any(
        t not in {"this", "on", "or", "and", "via", "article", "story", "print", "copy", "link"} for t in words)


def _has_quote(paragraph: str) -> bool:
    return bool(re.search(r'["“”]', paragraph))


def _is_prompt(p: str, max_words: int) -> bool:
    """Short, addressed to the reader, and not reported speech: the shape of a call to action."""
    return _words(p) <= max_words and not _has_quote(p) and not _REPORTED.search(p) and bool(_CTA_CUE.search(p))


def _appeal(p: str) -> bool:
    return bool(_APPEAL.search(p)) and _is_prompt(p, 60)


def _newsletter(p: str) -> bool:
    return bool(_NEWSLETTER.search(p)) and _is_prompt(p, 50)


# What an image widget leaves at the start of the paragraph after it, glued on when the page was copied as text: its
# button ("View Images Originally Earth and Mars ...") or its photo credit, "Name / Agency" ("Neil Warner / Splash News
# Britney Spears' handlers ..."). Cut off only when a capitalised word follows, so the rest reads as a sentence.
_LEADING_WIDGET = re.compile(
    r"^(?-i:(View|Enlarge|Expand|Close|Open) (Images?|Photos?|Gallery|Slideshow|Video))(?=\s+(?-i:[A-Z]))"
    r"|^(?-i:[A-Z][\w.'’-]+(\s[A-Z][\w.'’-]+){0,3})\s?/\s?(?-i:[A-Z][\w&.'’-]*(\s[A-Z][\w&.'’-]*){0,3}?)\s"
    r"?(news|images|photos?|pictures|agency|wire|associated press|canadian press|press association|ap|afp|reuters|epa|rex"
    r"|shutterstock|splash)"
    r"(?=\s+(?-i:[A-Z])\w)",
    re.IGNORECASE)


def _caption(p: str) -> bool:
    return _words(p) <= 70 and bool(_CREDIT.search(p) or _AGENCY_CREDIT.search(p))


# Each rule looks at one paragraph alone; order decides the reason shown when several match.
# A video player's caption as a page keeps it: the player's "CLOSE" button, the caption, its credit ("CLOSE Ariel Winter is
# tired of being told what to wear. USA TODAY"). Only the button in capitals, before a capitalised word.
_VIDEO_CAPTION = re.compile(r"^CLOSE\s+(?=[A-Z][a-z])")

# A photo gallery's widget counts its slides between the captions ("Hide Caption 3 of 15 Photos: …", "Image 2 of 4"):
# a paragraph that counts two or more is the gallery, however long, never article text.
_GALLERY_COUNTER = re.compile(r"\b(?:hide caption|caption|photos?|images?|slides?|pictures?)\s+\d+\s+of\s+\d+\b", re.IGNORECASE)

_RULES: tuple[tuple[RemovalReason, Callable[[str], bool]], ...] = (
    ("caption", lambda p: _words(p) <= 60 and bool(_VIDEO_CAPTION.match(p))),
    ("caption", lambda p: len(_GALLERY_COUNTER.findall(p)) >= 2),
    ("image", lambda p: bool(_IMAGE_MARKUP.match(p))),
    ("link", lambda p: bool(_BARE_LINK.match(p))),
    ("separator", lambda p: not re.search(r"[^\W_]", p) and len(p) >= 2),  # "___", "* * *"
    ("copyright", lambda p: _words(p) <= 40 and bool(_COPYRIGHT.search(p))),
    ("caption", _caption),
    ("caption", lambda p: _words(p) <= 60 and bool(_CAPTION_LABEL.search(p))),
    ("caption", lambda p: _words(p) <= 10 and (match := _LEADING_WIDGET.match(p)) is not None and match.end() == len(p.rstrip())),
    ("caption", lambda p: _words(p) <= 60 and not _REPORTED.search(p) and bool(_AGENCY_FIRST.match(p))),
    ("note", lambda p: _words(p) <= 40 and not _has_quote(p) and bool(_NOTE.search(p))),
    ("read more", lambda p: _words(p) <= 25 and not _has_quote(p) and not _REPORTED.search(p) and bool(_LINK_PROMPT.search(p))),
    ("read more", lambda p: _words(p) <= 30 and bool(_READ_MORE.match(p))),
    ("promo", lambda p: _words(p) <= 25 and not _has_quote(p) and bool(_SHOW_PROMO.match(p))),
    ("share", _is_share_line),
    ("follow", lambda p: _words(p) <= 20 and bool(_FOLLOW.match(p))),
    ("advertisement", lambda p: bool(_AD.match(p))),
    ("newsletter", _newsletter),
    ("appeal", _appeal),
)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？])\s+")
_NOTICE_SENTENCE = re.compile(r"^\W*(©|\(c\)\s*\d{4}|copyright\b|all rights reserved\b)", re.IGNORECASE)


# A box's label glued to its first item: "Story highlights Hamas' Cabinet headquarters is destroyed, Hamas TV reports".
_LEADING_LABEL = re.compile(r"^(?-i:(Story highlights|Key points|Highlights|Quick read|In brief|At a glance))(?=\s+(?-i:[A-Z]))")


def without_leading_furniture(line: str) -> str:
    """A first line without the box label, image button or photo credit glued to its start ("Story highlights Hamas'
    Cabinet ..." -> "Hamas' Cabinet ...", "View Images Originally Earth ..." -> "Originally Earth ...")."""
    parts = _split_leading_widget(line)
    return parts[-1] if len(parts) == 2 else line


def _split_leading_widget(paragraph: str) -> list[str]:
    """A paragraph that opens with an image widget's button or credit (see _LEADING_WIDGET) as that text and the rest,
    and one that opens with a box's label (_LEADING_LABEL) as the label and its item (a bullet: no closing stop needed)."""
    if (label := _LEADING_LABEL.match(paragraph)) is not None:
        rest = paragraph[label.end():].lstrip()
        return [label.group(0), rest] if _words(rest) >= 4 and has_verb(rest) else [paragraph]
    match = _LEADING_WIDGET.match(paragraph)
    if match is None or _boilerplate_reason(paragraph) is not None:  # a whole caption ("Enlarge Image Close AP A rocket...")
        return [paragraph]
    rest = paragraph[match.end():].lstrip()
    # Without a verb the rest is the caption itself ("... / Getty Images Snowboarder Kelly Clark at a competition."):
    # the paragraph stays whole, and is judged as one.
    return [match.group(0), rest] if _words(rest) >= 4 and rest.endswith(_TERMINAL) and has_verb(rest) else [paragraph]


def _split_copyright(paragraph: str) -> list[str]:
    """A paragraph opening or closing with a copyright notice ("© Author 2013. All rights reserved.") as notice and text,
    and one closing with a short credit a page set after the text ("… in Gaza. Video by Sam Roe via #Stream.") as text
    and credit (or a show's promo: "... four years. Charles Levinson has the latest from Tel Aviv on The News Hub.")."""
    if not _COPYRIGHT.search(paragraph):
        *before, last = _SENTENCE_BREAK.split(paragraph)
        rest = " ".join(before)
        if (before and _words(last) <= 15 and (_CAPTION_LABEL.search(last) or _SHOW_PROMO.match(last)) and _words(rest) >= 4
                and rest.endswith(_TERMINAL)):
            return [rest, last]
        return [paragraph]
    sentences = _SENTENCE_BREAK.split(paragraph)
    marked = [i for i, sentence in enumerate(sentences) if _NOTICE_SENTENCE.match(sentence)]
    if not marked or marked[-1] - marked[0] > 3 or (marked[0] > 0 and marked[-1] < len(sentences) - 1):
        return [paragraph]
    first, last = marked[0], marked[-1] + 1
    rest = " ".join(sentences[:first] + sentences[last:])
    if _words(rest) < 4 or not rest.endswith(_TERMINAL):  # a bare "Terms | Privacy" after the notice is page furniture too
        return [paragraph]
    notice = " ".join(sentences[first:last])
    return [notice, rest] if first == 0 else [rest, notice]


def _boilerplate_reason(paragraph: str) -> RemovalReason | None:
    for reason, rule in _RULES:
        if rule(paragraph):
            return reason
    return None


def rule_reason(paragraph: str) -> RemovalReason | None:
    """Why the general rules alone, without the model, call a paragraph page furniture (a caption or credit, a share or
    "read more" prompt, an appeal...), or None."""
    return _boilerplate_reason(paragraph)


def _header_reason(paragraph: str, position: int) -> RemovalReason | None:
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
    """How many paragraphs at the end are page furniture: short unpunctuated lines (tags, footer links)
    that follow a boilerplate paragraph, or a run of three or more tag-like lines of at most three words."""
    count = 0
    for paragraph in reversed(paragraphs):
        if not _is_link_like(paragraph):
            break
        count += 1
    if count < 2 or count >= len(paragraphs):
        return 0
    after_boilerplate = _boilerplate_reason(paragraphs[-count - 1]) is not None
    tag_like = count >= 3 and all(_words(p) <= 3 for p in paragraphs[-count:])
    return count if after_boilerplate or tag_like else 0


_NON_WORD = re.compile(r"\W+")


def _key(paragraph: str) -> str:
    return _NON_WORD.sub(" ", paragraph.lower()).strip()


_LATIN = re.compile(r"[A-Za-z]")


_MODEL_WORDS = 80  # longer paragraphs are article text to the model: a caption glued to a story would take the story with it
_WHOLE_PAGE_WORDS = 200  # a page that is one paragraph up to this long is judged whole (a site's archive or crawl note)
_WHOLE_PAGE_SURE = 0.95  # and removed only when the model is this sure it is not article text


def _model_reason(paragraph: str, position: int, after_colon: bool, whole_page: bool = False) -> str | None:
    """What the trained clutter model calls a paragraph the rules kept: None for article text, else the kind of clutter.
    Only text in the Latin alphabet is judged (the model learned English lines), and never an item of a list that a
    line ending in a colon opens: "Shelters are open at these places:" then "Central High School" is article text.
    A long paragraph is judged only when it is the whole page, and then only a near-certain verdict counts: on
    multinews_dev and DUC 2003 the only such pages over 80 words the model is that sure of are the crawl notes."""
    model = clutter_model()
    words = _words(paragraph)
    if model is None or len(_LATIN.findall(paragraph)) < len(paragraph) // 2 or after_colon:
        return None
    if words <= _MODEL_WORDS:
        return model.reason(paragraph, position, after_colon)
    if not whole_page or words > _WHOLE_PAGE_WORDS or model.probabilities(paragraph, position)["keep"] > 1.0 - _WHOLE_PAGE_SURE:
        return None
    return model.reason(paragraph, position, after_colon)


def line_reason(paragraph: str, position: int = 99, previous: str = "") -> str | None:
    """Why one paragraph is not article text (a rule's reason, or the clutter model's), or None when it is."""
    return (_boilerplate_reason(paragraph) or _header_reason(paragraph, position)
            or _model_reason(paragraph, position, previous.rstrip().endswith(":")))


# A site's hover card left inline where a name links to a profile: the name again, glued to the titles of its latest
# stories, then the card's "MORE" button ("Chairman Trey Gowdy Trey GowdyChatter grows that Ryan could step down
# Lawmakers press Lynch for briefing ... MORE (R-S.C.) of trying to ..."). The name stays once.
_LINK_CARD = re.compile(r"\b((?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+) \1(?=[A-Z\"“‘])[^\n]{0,400}?\bMORE\b")


def _without_link_cards(paragraph: str) -> tuple[str, list[str]]:
    """The paragraph without its inline hover cards (see _LINK_CARD), and what they held."""
    cards = [m.group(0)[len(m.group(1)):].strip() for m in _LINK_CARD.finditer(paragraph)]
    return (_LINK_CARD.sub(lambda m: m.group(1), paragraph), cards) if cards else (paragraph, [])


def clean_text(raw: str, title: str = "") -> Cleaned:
    """Clean an article body: drop boilerplate paragraphs and the hover cards inside them, keep the rest in order."""
    paragraphs = [piece for paragraph in split_paragraphs(normalize_text(raw)) for part in _split_leading_widget(paragraph)
                  for piece in _split_copyright(part)]
    cards: list[Removal] = []
    for n, paragraph in enumerate(paragraphs):
        paragraphs[n], held = _without_link_cards(paragraph)
        cards += [Removal(card, "link") for card in held]
    keys = [_key(p) for p in paragraphs]
    counts = Counter(key for key, p in zip(keys, paragraphs) if _words(p) <= 15)
    title_key = _key(title) if title else ""
    trailing_start = len(paragraphs) - _trailing_links(paragraphs)

    judged: dict[str, str | None] = {}  # page furniture repeats: 50,000 identical lines are judged once
    modelled: dict[tuple[str, int, bool], str | None] = {}
    kept: list[str] = []
    removed: list[Removal] = []
    listing = False  # inside a list that a line ending in a colon opened
    for position, (paragraph, key) in enumerate(zip(paragraphs, keys)):
        if paragraph not in judged:
            judged[paragraph] = _boilerplate_reason(paragraph)
        reason = judged[paragraph] or _header_reason(paragraph, position)
        if reason is None and title_key and key == title_key:
            reason = "title"
        elif reason is None and counts.get(key, 0) >= 2 and _is_link_like(paragraph):
            reason = "repeated"
        elif reason is None and position >= trailing_start:
            reason = "footer"
        elif reason is None:
            after_colon = listing or (position > 0 and paragraphs[position - 1].rstrip().endswith(":"))
            verdict = (paragraph, min(position, 3), after_colon)  # the model sees the position only up to 3
            if verdict not in modelled:
                modelled[verdict] = _model_reason(paragraph, position, after_colon, whole_page=len(paragraphs) == 1)
            reason = modelled[verdict]
        listing = paragraph.rstrip().endswith(":") or (listing and reason is None and _words(paragraph) <= 12)
        if reason:
            removed.append(Removal(paragraph, cast(RemovalReason, reason)))
        else:
            kept.append(paragraph)
    return Cleaned("\n\n".join(kept), tuple(cards + removed))

"""Who published an article, found in what the article itself carries: general rules, never a list of outlets.

In order, the first that names someone wins:
1. the format's own metadata (HTML site name, a `Outlet:` header, a JSONL `outlet` field), given by the loader;
2. a copyright line, read from what cleaning removed: "Copyright The Financial Times Limited 2022" -> "The Financial Times"
   (a photo credit is not one: "Image copyright PA Image caption ..." names the photographer's agency);
3. a byline that names its outlet: "By Jane Doe, The Herald", "By Jane Doe | The Herald", "By Jane Doe of the Herald",
   "By Jane Doe/The Herald" -> "The Herald";
4. a dateline opening one of the first paragraphs: "WASHINGTON (Reuters) -", "(CNN) --", "Washington (CNN)",
   "LONDON (Reuters Breakingviews) -", "Dec 17 (Reuters) -", "CHICAGO, Nov. 30, 2018 /PRNewswire/ --";
5. the outlet's own address: a staff address ("Write to Jane Doe at jane.doe@herald-news.com"), a permalink or share line
   with its web address, "Originally published on The Herald", "The Herald has learned";
6. the web site of the article's URL: "https://www.example-news.com/a" -> "example-news.com".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from index.models import Removal

__all__ = ["detect_outlet", "opens_with_dateline", "site_name", "without_dateline"]

_COPYRIGHT_WORDS = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b\.?|\b(19|20)\d{2}\b|[-–—]\s*$|^\W+", re.IGNORECASE)
_COMPANY_SUFFIX = re.compile(r"[,\s]+(limited|ltd|inc|llc|plc|corp|corporation|gmbh)\b.*$", re.IGNORECASE)  # and all after
_NOT_AN_OUTLET = {"author", "authors", "the author", "the authors", "the author(s)", "author(s)", "the", ""}
_BYLINE_OUTLET = re.compile(
    r"^by\s+[^,|/•]+?(\s*[,|/•]\s*|\s+of\s+(the\s+)?(?=[A-Z]))(?P<outlet>[A-Z][\w&'’. -]{1,40}?)(\s+staff|\s+(staff\s+)?writer)?\.?$",
    re.IGNORECASE)
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'’-]*(?:[ ,]+[A-Za-z.'’-]+){0,4}[ ,]*)?(?:[A-Z][a-z]{2}\.? \d{1,2}(?:,? \d{4})?\s*)?"
    r"(?:\((?P<outlet>[A-Z][A-Za-z&.'’ ]{1,40})\)\s*(?:[-—–:_]+|(?=[A-Z]))|/(?P<wire>[A-Z][A-Za-z&.' ]{1,30})/\s*[-—–]+)")
_EMAIL_DOMAIN = re.compile(r"\b[\w.+-]+@(?P<host>[\w-]+(?:\.[\w-]+)+)")
_STAFF_ADDRESS = re.compile(r"^(write to|contact|reach|e-?mail|to contact)\b|^[\w.+-]+@[\w.-]+(\s+or\s+[\d() -]+)?\.?$", re.IGNORECASE)
_ADDRESS_LINE = re.compile(
    r"^(permalink|read or share this story|originally published (on|in|at|by)|this story was originally published (on|in|by)"
    r"|(click|read|see) (for )?more (from|at|on)|.*\bsee this item from)\b\s*:?\s*(?P<where>.+)$", re.IGNORECASE)
_HOST = re.compile(r"(?:https?://)?(?P<host>(?:[\w-]+\.)+[a-z]{2,})(?:[/:\s]|$)", re.IGNORECASE)
# "ABC News has learned", "RadarOnline.com has learned": two capitalised words or a web address, so never "Police have learned"
_HAS_LEARNED = re.compile(
    r"(?:^|[.!?]\s+)(?P<outlet>[A-Z][\w&'’]*(?:\s+[A-Z][\w&'’]*){1,3}|[A-Z]\w+\.(?:com|net|org|co\.uk))\s+has learned\b")
# Web sites that carry everyone's words (social networks, mail providers, link shorteners) name no outlet.
_NOT_OUTLET_HOSTS = re.compile(
    r"(^|\.)(twitter|x|facebook|instagram|youtube|tiktok|linkedin|reddit|gmail|yahoo|hotmail|outlook|aol|icloud|google|goo)\.\w+$"
    r"|\.(ly|ws|al|gl|me|to|co|gd|st)$|^t\.co$", re.IGNORECASE)
_FIRST_PARAGRAPHS = 6  # a dateline opens the story, after at most a caption or two and a byline


def _from_copyright(line: str) -> str:
    first = re.split(r"(?<=[a-z]{3})\.\s", line, maxsplit=1)[0]  # "© 2022 Cable News Network. A Warner Bros. company."
    name = " ".join(_COPYRIGHT_WORDS.sub(" ", first).split()).strip(" .,;:-–—|")
    name = _COMPANY_SUFFIX.sub("", name).strip(" .,")
    return name if name.lower() not in _NOT_AN_OUTLET and len(name) <= 60 and re.search(r"[A-Za-z]{2,}", name) else ""


def site_name(url: str) -> str:
    """The web site of an http(s) URL as readers name it: "https://www.wsj.com/articles/x" -> "wsj.com",
    "https://news.example.co.uk/a" -> "example.co.uk". The one rule for a URL's site, wherever a label needs one."""
    if not url.lower().startswith(("http://", "https://")):
        return ""
    return _registered_domain(urlsplit(url).hostname or "")


def _registered_domain(host: str) -> str:
    """"news.fredericksburg.com" -> "fredericksburg.com", "www.bbc.co.uk" -> "bbc.co.uk", as written ("WRAL.com")."""
    labels = [label for label in host.strip(".").split(".") if label]
    if all(label.isdigit() for label in labels) or ":" in host:  # an IP address names no site but itself
        return host
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2].lower() in {"co", "com", "org", "net", "ac", "gov"} else 2
    return ".".join(labels[-keep:])


def _site_of_host(host: str) -> str:
    """The site of a host named in an article's text (a staff address, a permalink); "" for a platform or a link shortener,
    which carry everyone's words."""
    site = _registered_domain(host)
    return "" if _NOT_OUTLET_HOSTS.search(site) else site


def _from_byline(line: str) -> str:
    match = _BYLINE_OUTLET.match(line.strip())
    return match.group("outlet").strip(" .") if match else ""


def _from_dateline(paragraph: str) -> str:
    match = _DATELINE.match(paragraph[:200])
    if not match:
        return ""
    name = (match.group("outlet") or match.group("wire") or "").strip()
    # "(AP Photo/Jane Roe)" is a photo credit and "(File)" or "(Update)" no outlet: a wire's name is a few capitalised words
    return name if len(name.split()) <= 4 and not re.search(r"\b(photo|file|update|updated|video|pictured|left|right)\b", name, re.IGNORECASE) else ""


def opens_with_dateline(paragraph: str) -> bool:
    """Whether a paragraph opens with an outlet's dateline ("WASHINGTON (AP) —"): the story's first paragraph, no headline."""
    return bool(_from_dateline(paragraph))


# A dateline with no outlet ("OKLAHOMA CITY - An infant ...", "GAZA/JERUSALEM Israel's cabinet ...", "DETROIT, MI --
# Police ...", "JAKARTA/PANGKALAN BUN, Indonesia Search teams ..."): places in capitals, then a dash, a region after a
# comma, or a second place after a slash. A lone word in capitals before a name ("NASA Administrator ...") is no dateline.
_CAPS_PLACE = r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
_BARE_DATELINE = re.compile(
    rf"^\s*{_CAPS_PLACE}(?P<slash>(?:/{_CAPS_PLACE})+)?(?P<region>,\s+(?:[A-Z][A-Za-z.]*)(?: [A-Z][A-Za-z.]*){{0,2}})?"
    r"(?:,\s+[A-Z][a-z]{2}\.? \d{1,2}(?:,? \d{4})?)?\s*(?P<dash>\s[-—–]{1,2}\s*|/[A-Z][A-Za-z]+/\s*[-—–]{1,2}\s*)?(?=[A-Z“\"'‘])")


def without_dateline(line: str) -> str:
    """A first sentence without the dateline it opens with, so that a title made from it reads as a headline:
    "FRANKLIN, Tenn. (AP) — Republican candidate ..." and "GAZA/JERUSALEM Israel's cabinet ..." lose their places."""
    if match := _DATELINE.match(line[:200]):
        rest = line[match.end():].lstrip()
        return rest if rest else line
    match = _BARE_DATELINE.match(line[:200])
    if match and (match.group("slash") or match.group("region") or match.group("dash")):
        rest = line[match.end():].lstrip()
        return rest if len(rest.split()) >= 3 else line
    return line


def _from_address(line: str) -> str:
    line = line.strip()
    if _STAFF_ADDRESS.search(line) and (match := _EMAIL_DOMAIN.search(line)):
        return _site_of_host(match.group("host"))
    if match := _ADDRESS_LINE.match(line):
        where = match.group("where").strip(" .:*")
        if host := _HOST.search(where):
            return _site_of_host(host.group("host"))
        return where if 0 < len(where.split()) <= 4 and where[:1].isupper() else ""
    return ""


def detect_outlet(text: str, removed: Iterable[Removal], url: str = "") -> str:
    """The outlet an article names for itself (rules 2-6 above); "" when it names none."""
    removed = list(removed)
    for removal in removed:
        if removal.reason == "copyright" and (name := _from_copyright(removal.text)):
            return name
    paragraphs = text.split("\n\n")
    head = [r.text for r in removed if r.reason in ("byline", "note")] + paragraphs[:_FIRST_PARAGRAPHS]
    for line in head:
        if line.lstrip().lower().startswith("by ") and (name := _from_byline(line)):
            return name
    for paragraph in [r.text for r in removed if r.reason != "copyright"][:_FIRST_PARAGRAPHS] + paragraphs[:_FIRST_PARAGRAPHS]:
        if name := _from_dateline(paragraph):
            return name
    found = Counter(name for line in [r.text for r in removed] + paragraphs[-_FIRST_PARAGRAPHS:] if (name := _from_address(line)))
    if found:
        return found.most_common(1)[0][0]
    if match := _HAS_LEARNED.search(text):
        return match.group("outlet")
    return site_name(url)

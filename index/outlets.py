"""Who published an article, found in what the article itself carries: general rules, never a list of outlets.

In order, the first that names someone wins:
1. the format's own metadata (HTML site name, a `Outlet:` header, a JSONL `outlet` field), given by the loader;
2. a copyright line, read from what cleaning removed: "Copyright The Financial Times Limited 2022" -> "The Financial Times";
3. a byline that names its outlet: "By Jane Doe, The Herald" -> "The Herald";
4. a wire-style dateline opening the text: "WASHINGTON (Reuters) -" -> "Reuters";
5. the web site of the article's URL: "https://www.example-news.com/a" -> "example-news.com".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from index.models import Removal

__all__ = ["detect_outlet", "site_name"]

_COPYRIGHT_WORDS = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b\.?|\b(19|20)\d{2}\b|[-–—]\s*$|^\W+", re.IGNORECASE)
_COMPANY_SUFFIX = re.compile(r"[,\s]+(limited|ltd|inc|llc|plc|corp|corporation|gmbh)\b.*$", re.IGNORECASE)  # and all after
_NOT_AN_OUTLET = {"author", "authors", "the author", "the authors", "the author(s)", "author(s)", "the", ""}
_BYLINE_OUTLET = re.compile(r"^by\s+[^,|]+[,|]\s*(?P<outlet>[A-Z][\w&'’. -]{1,40})$", re.IGNORECASE)
_DATELINE = re.compile(r"^\s*[A-Z][A-Za-z .,'’-]{1,40}?\s*\((?P<outlet>[A-Z][A-Za-z&.'’ ]{1,30})\)\s*[-—–:_]")


def _from_copyright(line: str) -> str:
    first = re.split(r"(?<=[a-z]{3})\.\s", line, maxsplit=1)[0]  # "© 2022 Cable News Network. A Warner Bros. company."
    name = " ".join(_COPYRIGHT_WORDS.sub(" ", first).split()).strip(" .,;:-–—|")
    name = _COMPANY_SUFFIX.sub("", name).strip(" .,")
    return name if name.lower() not in _NOT_AN_OUTLET and len(name) <= 60 and re.search(r"[A-Za-z]{2,}", name) else ""


def site_name(url: str) -> str:
    """The web site of an http(s) URL, without "www.": a name readers recognise."""
    if not url.lower().startswith(("http://", "https://")):
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def detect_outlet(text: str, removed: Iterable[Removal], url: str = "") -> str:
    """The outlet an article names for itself (rules 2-5 above); "" when it names none."""
    removed = list(removed)
    for removal in removed:
        if removal.reason == "copyright" and (name := _from_copyright(removal.text)):
            return name
    for removal in removed:
        if removal.reason == "byline" and (match := _BYLINE_OUTLET.match(removal.text.strip())):
            return match.group("outlet").strip(" .")
    if match := _DATELINE.match(text[:200]):
        return match.group("outlet").strip()
    return site_name(url)

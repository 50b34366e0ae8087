"""Fetch a URL the user asked to ingest: http(s) only, bounded size, bounded redirects."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import urllib3

from index.errors import SourceError

__all__ = ["Page", "fetch_url"]

_MAX_REDIRECTS = 5
_USER_AGENT = "Manysides/0.1 (article ingest)"


@dataclass(frozen=True)
class Page:
    """A fetched response body."""

    url: str  # final URL after redirects
    content_type: str  # lower-cased Content-Type header
    body: bytes  # the response body, at most the size limit


def fetch_url(url: str, *, limit: int, timeout: float) -> Page:
    """GET a page, following at most a few redirects, refusing bodies over `limit` bytes."""
    pool = urllib3.PoolManager(headers={"User-Agent": _USER_AGENT}, timeout=urllib3.Timeout(total=timeout))
    current = url
    for _ in range(_MAX_REDIRECTS + 1):
        try:
            response = pool.request("GET", current, redirect=False, preload_content=False, retries=False)
        except urllib3.exceptions.HTTPError as error:
            reason = getattr(error, "reason", None) or error
            raise SourceError(url, f"could not reach the page ({reason}); check the address and your connection") from None
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise SourceError(url, f"the server answered {response.status} without a destination; open it in a browser and save the page")
                current = urljoin(current, location)
                if not current.lower().startswith(("http://", "https://")):
                    raise SourceError(url, "the page redirects to a non-http(s) address; save the article from a browser instead")
                continue
            if response.status >= 400:
                raise SourceError(url, f"the server answered HTTP {response.status}; check the address or save the page from a browser")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise SourceError(url, f"the page is {int(length) / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB limit; raise MANYSIDES_MAX_SOURCE_MB")
            try:
                body = response.read(limit + 1)
            except urllib3.exceptions.HTTPError as error:
                raise SourceError(url, f"the download broke off ({type(error).__name__}); try again or save the page from a browser") from None
            if len(body) > limit:
                raise SourceError(url, f"the page is over the {limit / 2**20:.0f} MB limit; raise MANYSIDES_MAX_SOURCE_MB")
            return Page(url=current, content_type=(response.headers.get("Content-Type") or "").lower(), body=body)
        finally:
            response.release_conn()
    raise SourceError(url, f"the page redirects more than {_MAX_REDIRECTS} times (a redirect loop?); open it in a browser and save the final page")

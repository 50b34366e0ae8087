"""Fetch a URL the user asked to ingest: http(s) only, public addresses only, bounded size, time and redirects."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.util import Url, parse_url

from index.errors import SourceError

__all__ = ["Page", "fetch_url", "is_public_address", "parse_address", "resolve_public_address"]

_MAX_REDIRECTS = 5
_REDIRECT_STATUSES = (301, 302, 303, 307, 308)
_CHUNK_BYTES = 64 * 1024
_USER_AGENT = "Manysides/0.1 (article ingest)"


@dataclass(frozen=True)
class Page:
    """A fetched response body."""

    url: str  # final URL after redirects
    content_type: str  # lower-cased Content-Type header
    body: bytes  # the response body, at most the size limit


@dataclass(frozen=True)
class _Deadline:
    """The moment a whole download (redirects included) must be done by."""

    source: str  # the URL the user gave, named in the error
    seconds: float  # the allowance, named in the error
    ends_at: float  # time.monotonic() value it runs out at

    def left(self) -> float:
        """Seconds left; the deadline SourceError once none are."""
        left = self.ends_at - time.monotonic()
        if left <= 0:
            raise SourceError(self.source, f"the download took longer than {self.seconds:g} s; raise MANYSIDES_URL_DEADLINE_S or save the page from a browser")
        return left


def is_public_address(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified addresses (IPv4-mapped IPv6 too)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    ip = getattr(ip, "ipv4_mapped", None) or ip
    return ip.is_global and not ip.is_multicast  # is_global is False for every special-purpose range but multicast


def parse_address(source: str, url: str) -> Url:
    """The parts of an http(s) URL; a bad host or port (":99999", ":abc") is a SourceError that says so."""
    try:
        parts = parse_url(url)
        valid = bool(parts.host) and urlsplit(url).port != 0  # urllib3 takes ":0", which no server listens on
    except (urllib3.exceptions.LocationParseError, ValueError):
        valid = False
    if not valid:
        where = "" if url == source else f" (redirected to {url})"
        raise SourceError(source, f"the address{where} has an invalid host or port (a port is a number from 1 to 65535); fix the address")
    return parts


def resolve_public_address(source: str, url: str, *, allow_private: bool = False) -> str:
    """The address to connect to for `url`, refusing a host that resolves to any non-public address."""
    parts = parse_address(source, url)
    host = (parts.host or "").strip("[]")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise SourceError(source, f"could not reach the page (the name {host!r} does not resolve); check the address and your connection") from None
    addresses = [str(info[4][0]) for info in infos]
    # Every address is checked, not just the one used, so a name that mixes public and private answers is refused.
    refused = next((a for a in addresses if not is_public_address(a)), None)
    if refused and not allow_private:
        raise SourceError(source, f"the address resolves to a private or local network address ({refused}); set MANYSIDES_ALLOW_PRIVATE_URLS=1 to ingest from your own network")
    return addresses[0]


def _pool_for(parts: Url, address: str) -> urllib3.HTTPConnectionPool:
    """A pool that connects to the checked `address` while Host, SNI and the certificate check use the URL's host."""
    # Connecting to the address we checked (not the name) means a second DNS answer cannot swap in a private one;
    # a fresh pool per hop also means a redirect's unread body never sits on a reused keep-alive connection.
    headers = {"User-Agent": _USER_AGENT, "Host": parts.netloc or ""}
    if parts.scheme == "https":
        return urllib3.HTTPSConnectionPool(address, parts.port or 443, headers=headers, maxsize=1, server_hostname=(parts.host or "").strip("[]"))
    return urllib3.HTTPConnectionPool(address, parts.port or 80, headers=headers, maxsize=1)


def _request(source: str, parts: Url, address: str, *, timeout: float, deadline: _Deadline) -> urllib3.BaseHTTPResponse:
    """Send the GET for one hop and return the unread response."""
    wait = min(timeout, deadline.left())
    with _pool_for(parts, address) as pool:
        try:
            return pool.urlopen("GET", parts.request_uri, redirect=False, preload_content=False, retries=False,
                                timeout=urllib3.Timeout(connect=wait, read=wait))
        except urllib3.exceptions.HTTPError as error:
            deadline.left()
            reason = getattr(error, "reason", None) or error
            raise SourceError(source, f"could not reach the page ({reason}); check the address and your connection") from None


def _read_body(source: str, response: urllib3.BaseHTTPResponse, *, limit: int, timeout: float, deadline: _Deadline) -> bytes:
    """The body, read a chunk at a time so neither the size limit nor the deadline can be outrun."""
    body = bytearray()
    while True:
        sock = getattr(response.connection, "sock", None)  # None once urllib3 has closed a finished connection
        if sock is not None:
            sock.settimeout(min(timeout, deadline.left()))  # each read still waits at most `timeout`, and never past the deadline
        try:
            chunk = response.read1(_CHUNK_BYTES)
        except (urllib3.exceptions.HTTPError, OSError) as error:
            deadline.left()
            raise SourceError(source, f"the download broke off ({type(error).__name__}); try again or save the page from a browser") from None
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > limit:
            raise SourceError(source, f"the page is over the {limit / 2**20:.0f} MB limit; raise MANYSIDES_MAX_SOURCE_MB")
        deadline.left()


def _redirect_target(source: str, current: str, response: urllib3.BaseHTTPResponse) -> str:
    """The absolute http(s) URL a redirect response points to."""
    location = response.headers.get("Location")
    if not location:
        raise SourceError(source, f"the server answered {response.status} without a destination; open it in a browser and save the page")
    target = urljoin(current, location)
    if not target.lower().startswith(("http://", "https://")):
        raise SourceError(source, "the page redirects to a non-http(s) address; save the article from a browser instead")
    return target


def fetch_url(url: str, *, limit: int, timeout: float, deadline: float = 30.0, allow_private: bool = False) -> Page:
    """GET a public page, following at most a few redirects, refusing bodies over `limit` bytes or downloads over `deadline` seconds."""
    clock = _Deadline(url, deadline, time.monotonic() + deadline)
    current = url
    for _ in range(_MAX_REDIRECTS + 1):
        address = resolve_public_address(url, current, allow_private=allow_private)
        response = _request(url, parse_address(url, current), address, timeout=timeout, deadline=clock)
        try:
            if response.status in _REDIRECT_STATUSES:
                current = _redirect_target(url, current, response)
                continue
            if response.status >= 400:
                raise SourceError(url, f"the server answered HTTP {response.status}; check the address or save the page from a browser")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise SourceError(url, f"the page is {int(length) / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB limit; raise MANYSIDES_MAX_SOURCE_MB")
            body = _read_body(url, response, limit=limit, timeout=timeout, deadline=clock)
            return Page(url=current, content_type=(response.headers.get("Content-Type") or "").lower(), body=body)
        finally:
            response.close()  # closes the connection too: nothing half-read goes back into a pool
    raise SourceError(url, f"the page redirects more than {_MAX_REDIRECTS} times (a redirect loop?); open it in a browser and save the final page")

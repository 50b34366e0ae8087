"""Fetching a URL: a deadline for the whole download, redirects on kept-alive connections, no private addresses by default."""

from __future__ import annotations

import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

import pytest

from index import IndexSettings, Library
from index.errors import SourceError
from index.fetch import fetch_url, is_public_address, resolve_public_address
from tests.webserver import serving

LIMIT = 2**20


@contextmanager
def keep_alive_server(answer):
    """Serve on 127.0.0.1 over HTTP/1.1 (connections kept alive); `answer(handler)` replies to each GET. Yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 (http.server's naming)
            answer(self)

        def log_message(self, *args):
            pass

    with serving(Handler) as url:
        yield url


def reply(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for key, value in {"Content-Type": "text/plain", **(headers or {})}.items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def drip(handler: BaseHTTPRequestHandler) -> None:
    """Promise a page, then send one byte every 2 s (a stalled or hostile server)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    try:
        for _ in range(60):
            handler.wfile.write(b"x")
            time.sleep(2)
    except OSError:  # the client hung up, as it should
        pass


def ingest_errors(url: str) -> list[str]:
    """Ingest one URL with settings read from the environment, as the CLI and app do; returns the error messages."""
    report = Library(IndexSettings()).ingest([url])
    assert not report.articles
    return [error.error for error in report.errors]


def test_a_dripping_server_is_cut_off_at_the_deadline():
    with keep_alive_server(drip) as base:
        started = time.monotonic()
        with pytest.raises(SourceError) as raised:
            fetch_url(f"{base}/slow", limit=LIMIT, timeout=20, deadline=2, allow_private=True)
        elapsed = time.monotonic() - started
    assert str(raised.value) == (f"{base}/slow: the download took longer than 2 s; "
                                 "raise MANYSIDES_URL_DEADLINE_S or save the page from a browser")
    assert elapsed < 2 + 5


def test_the_deadline_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("MANYSIDES_URL_DEADLINE_S", "1")
    assert IndexSettings().url_deadline_s == 1
    with keep_alive_server(drip) as base:
        assert ingest_errors(f"{base}/slow") == ["the download took longer than 1 s; raise MANYSIDES_URL_DEADLINE_S or save the page from a browser"]


def test_a_redirect_loop_on_a_kept_alive_connection_is_named():
    with (keep_alive_server(lambda h: reply(h, 302, b"moved", {"Location": "/again"})) as base,
          pytest.raises(SourceError, match="redirects more than 5 times")):
        fetch_url(f"{base}/again", limit=LIMIT, timeout=5, allow_private=True)


def test_a_same_host_redirect_on_a_kept_alive_connection_is_followed():
    def answer(handler):
        if handler.path == "/a":
            reply(handler, 301, b"<a href='/b'>moved</a>", {"Location": "/b"})
        else:
            reply(handler, 200, b"Page B text.", {"Content-Type": "text/plain; charset=utf-8"})

    with keep_alive_server(answer) as base:
        page = fetch_url(f"{base}/a", limit=LIMIT, timeout=5, allow_private=True)
    assert (page.url, page.body, page.content_type) == (f"{base}/b", b"Page B text.", "text/plain; charset=utf-8")


@pytest.mark.parametrize("streamed", [False, True], ids=["content-length", "no-content-length"])
def test_a_page_over_the_size_limit_is_refused(streamed):
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        if not streamed:
            handler.send_header("Content-Length", "5000")
        handler.send_header("Connection", "close")  # without a length the body ends when the connection does
        handler.end_headers()
        handler.wfile.write(b"x" * 5000)

    with keep_alive_server(answer) as base, pytest.raises(SourceError, match=r"MB limit; raise MANYSIDES_MAX_SOURCE_MB"):
        fetch_url(f"{base}/big", limit=1000, timeout=5, allow_private=True)


def test_loopback_urls_are_refused_by_default(monkeypatch):
    monkeypatch.delenv("MANYSIDES_ALLOW_PRIVATE_URLS")  # tests/conftest.py allows them for the other URL tests
    assert IndexSettings().allow_private_urls is False
    asked = []
    with keep_alive_server(lambda h: (asked.append(h.path), reply(h, 200, b"Internal admin page."))) as base:
        assert ingest_errors(f"{base}/admin") == ["the address resolves to a private or local network address (127.0.0.1); "
                                                  "set MANYSIDES_ALLOW_PRIVATE_URLS=1 to ingest from your own network"]
    assert asked == []  # refused before connecting


def test_a_redirect_to_a_private_address_is_refused(monkeypatch):
    # Pretend 127.0.0.1 is a public server, so its redirect to 127.0.0.2 plays "public page sends us into the LAN".
    monkeypatch.setattr("index.fetch.is_public_address", lambda address: address == "127.0.0.1")
    with (keep_alive_server(lambda h: reply(h, 302, b"", {"Location": "http://127.0.0.2:9/admin"})) as base,
          pytest.raises(SourceError) as raised):
        fetch_url(f"{base}/story", limit=LIMIT, timeout=5)
    assert str(raised.value).startswith(f"{base}/story: the address resolves to a private or local network address (127.0.0.2); ")


def test_a_name_is_checked_by_the_addresses_it_resolves_to():
    with pytest.raises(SourceError, match=r"private or local network address \((127\.0\.0\.1|::1)\)"):
        resolve_public_address("https://news.example/story", "http://localhost:8080/admin")
    assert resolve_public_address("https://news.example/story", "http://localhost:8080/admin", allow_private=True) in ("127.0.0.1", "::1")
    assert resolve_public_address("https://93.184.216.34/story", "https://93.184.216.34/story") == "93.184.216.34"


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                                     "224.0.0.1", "240.0.0.1", "::1", "::", "fe80::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1"])
def test_local_and_special_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_internet_addresses_are_public(address):
    assert is_public_address(address)

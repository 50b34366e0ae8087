"""Fixtures: offline environment, no outbound network, a temporary library per test, one model per session."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"

os.environ.update({
    "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ORT_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false", "ANONYMIZED_TELEMETRY": "False",
    # Exported ONNX models are derived files: keep them between runs so the export happens once.
    "MANYSIDES_CACHE_DIR": str(REPO / ".pytest_cache" / "manysides-models"),
})
os.environ.pop("MANYSIDES_CHROMA_URL", None)

from index import IndexSettings, Library  # noqa: E402
from index.embedding import get_embedder  # noqa: E402


def _is_loopback(address) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = str(address[0])
    return host.startswith("127.") or host in ("::1", "localhost", "0.0.0.0")


@pytest.fixture(autouse=True)
def block_network(monkeypatch):
    """Unit tests cannot reach the network: any connection except loopback fails."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded(method):
        def connect(self, address, *args):
            if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
                raise ConnectionRefusedError(f"tests may not reach the network ({address!r})")
            return method(self, address, *args)
        return connect

    monkeypatch.setattr(socket.socket, "connect", guarded(real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(real_connect_ex))


@pytest.fixture(autouse=True)
def allow_loopback_urls(monkeypatch):
    """URL-ingest tests serve pages on loopback, which the app refuses by default; tests/test_fetch.py checks that default."""
    monkeypatch.setenv("MANYSIDES_ALLOW_PRIVATE_URLS", "1")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Each test gets its own library home, so nothing touches a user's library."""
    home = tmp_path / "home"
    monkeypatch.setenv("MANYSIDES_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def embedder():
    """The real default embedding model, loaded once per test session."""
    return get_embedder(IndexSettings())


@pytest.fixture
def settings(isolated_home) -> IndexSettings:
    return IndexSettings(home=isolated_home)


@pytest.fixture
def library(settings, embedder) -> Library:
    return Library(settings, embedder=embedder)


@pytest.fixture(scope="module")
def sample_library(tmp_path_factory, embedder) -> Library:
    """A library holding the bundled sample articles, shared by one test module (read-only use)."""
    library = Library(IndexSettings(home=tmp_path_factory.mktemp("samples-home")), embedder=embedder)
    assert library.ingest([str(SAMPLES)]).ok
    return library


@pytest.fixture
def samples_copy(tmp_path) -> Path:
    """A writable copy of the bundled sample articles."""
    import shutil

    target = tmp_path / "samples"
    shutil.copytree(SAMPLES, target)
    return target


@pytest.fixture
def cli(isolated_home):
    """Run the CLI in-process (the model stays loaded) and return (exit code, stdout, stderr)."""
    from typer.testing import CliRunner

    from bot.cli import app

    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None):
        result = runner.invoke(app, ["--home", str(isolated_home), *args], input=input, catch_exceptions=True)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr
    return run


def pytest_report_header(config):
    return f"python {sys.version.split()[0]}; samples: {SAMPLES}"


def library_of(texts: dict[str, str], tmp_path, embedder):
    """A library of articles named by outlet ("coast-herald" -> outlet "Coast Herald"), each a text file with a header."""
    from index import IndexSettings, Library

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, body in texts.items():
        (folder / f"{name}.txt").write_text(f"Title: {name}\nOutlet: {name.replace('-', ' ').title()}\n\n{body}\n")
    library = Library(IndexSettings(home=tmp_path / "library"), embedder=embedder)
    assert library.ingest([str(folder)]).ok
    return library

"""Dependencies flow one way: streamlit_app -> bot -> index."""

import ast

import pytest

from tests.conftest import REPO

import bot
import index


def imported_modules(package: str) -> set[str]:
    names = set()
    for path in (REPO / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def test_index_imports_neither_bot_nor_streamlit():
    assert not imported_modules("index") & {"bot", "streamlit"}


def test_bot_reads_index_only_through_its_public_names():
    reaches = set()
    for path in (REPO / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("index."):
                reaches.add(f"{path.name}: {node.module}")
            elif isinstance(node, ast.Import):
                reaches.update(f"{path.name}: {a.name}" for a in node.names if a.name.startswith("index."))
            elif isinstance(node, ast.Attribute) and node.attr in ("store", "lexical") and isinstance(node.value, ast.Attribute) \
                    and node.value.attr == "library":
                reaches.add(f"{path.name}: library.{node.attr}")
    assert not reaches, f"bot reaches past index's public names: {sorted(reaches)}"


def test_bot_does_not_import_streamlit():
    assert "streamlit" not in imported_modules("bot")


@pytest.mark.parametrize("package", [bot, index])
def test_public_names_exist(package):
    assert package.__all__ and all(hasattr(package, name) for name in package.__all__)


def test_network_is_blocked_in_tests():
    import socket

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1, never a real host

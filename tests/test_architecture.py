"""Dependencies flow one way: streamlit_app -> bot -> index; no module imports itself back, and only bot.settings reads the environment."""

import ast
from pathlib import Path

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


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Module -> the modules of `packages` it imports, anywhere in its code (imports inside functions count: they only
    postpone a cycle to the first call)."""
    paths = {module_name(root, path): path for package in packages for path in (root / package).rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # a relative import: from the package, up level - 1 packages
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]  # `from pkg import module` imports pkg.module
            else:
                continue
            graph[name].update(target for target in targets if target in paths and target != name)
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import one another, directly or round a loop (strongly connected components)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(module: str) -> None:  # Tarjan's algorithm
        order[module] = low[module] = len(order)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return cycles


def test_no_import_cycle_in_bot_or_index():
    graph = import_graph(REPO, ("bot", "index"))
    assert {"bot.answer", "bot.judge", "index.library"} <= set(graph) and graph["bot.answer"]
    assert import_cycles(graph) == []


def test_the_cycle_check_finds_a_cycle_hidden_inside_a_function(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.b import thing\n")
    (package / "b.py").write_text("thing = 1\n\ndef later():\n    from . import c\n")
    (package / "c.py").write_text("import pkg.a\n")
    (package / "d.py").write_text("from pkg import a\n")
    assert import_cycles(import_graph(tmp_path, ("pkg",))) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_only_the_settings_module_reads_the_environment():
    readers = []
    for path in (REPO / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "putenv", "unsetenv"}
                    and isinstance(node.value, ast.Name) and node.value.id == "os"):
                readers.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert readers and all(reader.startswith("bot/settings.py:") for reader in readers), readers


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

"""Benchmarks are run by hand, so nothing else notices when a refactor renames what they import: this does."""

from __future__ import annotations

import ast
import importlib

import pytest

from .conftest import REPO

SCRIPTS = sorted((REPO / "bench").glob("*.py")) + sorted((REPO / "train").glob("*.py"))
OURS = ("bot", "index", "prompts")


def _imports(script) -> list[tuple[str, str]]:
    tree = ast.parse(script.read_text())
    return [(node.module, alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
            and node.module.split(".")[0] in OURS for alias in node.names]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_name_a_script_imports_from_the_product_exists(script):
    missing = []
    for module, name in _imports(script):
        found = importlib.import_module(module)
        if not hasattr(found, name):
            try:
                importlib.import_module(f"{module}.{name}")
            except ModuleNotFoundError:
                missing.append(f"{module}.{name}")
    assert not missing, f"{script.name} imports names that no longer exist: {missing}"


def test_the_check_sees_the_scripts_imports():
    assert len(SCRIPTS) >= 5
    assert ("bot.claims", "WORD_OVERLAP_WEIGHT") in _imports(REPO / "bench" / "compare.py")

"""Each package states its public names in `__all__`, checked both ways (as httpx's tests/test_exported_members.py does):
every name listed exists, and every public name the package's top level defines or re-exports is listed."""

import importlib
import pkgutil
import types

import pytest

import bot
import index


def public_members(package: types.ModuleType) -> set[str]:
    """Names the package's top level binds that are neither private nor its own submodules (importing `bot.x` sets `bot.x`)."""
    return {name for name, value in vars(package).items()
            if not name.startswith("_") and not (isinstance(value, types.ModuleType) and value.__name__.startswith(package.__name__ + "."))
            and name != "annotations"}


@pytest.mark.parametrize("package", [bot, index], ids=["bot", "index"])
def test_all_lists_every_public_member_and_only_those(package):
    assert len(package.__all__) == len(set(package.__all__)), "a name is listed twice"
    missing = [name for name in package.__all__ if not hasattr(package, name)]
    assert not missing, f"{package.__name__}.__all__ lists names the package lacks: {missing}"
    unlisted = sorted(public_members(package) - set(package.__all__))
    assert not unlisted, f"{package.__name__} exposes names missing from __all__: {unlisted}"


@pytest.mark.parametrize("package", [bot, index], ids=["bot", "index"])
def test_every_module_all_names_exist(package):
    for info in pkgutil.iter_modules(package.__path__):
        if info.name == "__main__":  # importing it runs the command line
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name in getattr(module, "__all__", ()):
            assert hasattr(module, name), f"{module.__name__}.__all__ lists {name!r}, which it does not define"


def test_the_check_sees_an_unlisted_name():
    fake = types.ModuleType("fake")
    fake.__all__ = ["listed"]
    fake.listed, fake.extra, fake._private = 1, 2, 3
    assert public_members(fake) == {"listed", "extra"}

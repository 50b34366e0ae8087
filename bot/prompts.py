"""Prompt templates stored as data files in prompts/: a `variables:` line, `---`, then a string.Template body.

prompts/ is a package of data files, so the templates are read with importlib.resources from wherever it is installed
(a source checkout, an editable install or a wheel)."""

from __future__ import annotations

import string
from functools import cache
from importlib.resources import files

from index import ConfigError

__all__ = ["PROMPTS_DIR", "render_prompt"]

PROMPTS_DIR = files("prompts")  # the prompts package's folder, as an importlib.resources Traversable


@cache
def _load(name: str) -> tuple[frozenset[str], string.Template]:
    path = PROMPTS_DIR / f"{name}.txt"
    if not path.is_file():
        raise ConfigError(f"prompt template {path} is missing; reinstall Manysides")
    header, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    declared = frozenset(v.strip() for v in header.removeprefix("variables:").split(",") if v.strip())
    return declared, string.Template(body.strip() + "\n")


def render_prompt(name: str, **values: str) -> str:
    """Fill a template; a variable the template declares but the caller did not give is an error, and so is an extra one."""
    declared, template = _load(name)
    if missing := declared - values.keys():
        raise ValueError(f"prompt {name!r} needs {sorted(missing)}")
    if extra := values.keys() - declared:
        raise ValueError(f"prompt {name!r} does not declare {sorted(extra)}")
    return template.substitute(values)

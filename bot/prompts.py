"""Prompt templates stored as data files in prompts/: a `variables:` line, `---`, then a string.Template body; and the
numbered blocks (passages, facts, sentence pairs) that carry article text into a prompt, escaped so that text can never
close its own tag or open another.

prompts/ is a package of data files, so the templates are read with importlib.resources from wherever it is installed
(a source checkout, an editable install or a wheel)."""

from __future__ import annotations

import html
import string
from collections.abc import Mapping, Sequence
from functools import cache
from importlib.resources import files

from index import ConfigError

__all__ = ["PROMPTS_DIR", "fact_blocks", "pair_blocks", "passage_blocks", "render_prompt"]

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


def _text(text: str) -> str:
    return html.escape(text, quote=False)


def _block(tag: str, number: int, body: str, attributes: Mapping[str, str] | None = None) -> str:
    extra = "".join(f' {name}="{html.escape(value)}"' for name, value in (attributes or {}).items())
    return f'<{tag} id="{number}"{extra}>\n{body}\n</{tag}>'


def passage_blocks(texts: Sequence[str], attributes: Sequence[Mapping[str, str]] | None = None) -> str:
    """`<passage id="1">…</passage>` blocks numbered from 1, one per text, each with its own attributes when given
    (`outlet`, `part`...)."""
    return "\n".join(_block("passage", n, _text(text), attributes[n - 1] if attributes else None)
                     for n, text in enumerate(texts, start=1))


def fact_blocks(facts: Sequence[Sequence[str]]) -> str:
    """`<fact id="1">` blocks numbered from 1, each listing the wordings of one fact as "- " lines."""
    return "\n".join(_block("fact", n, "\n".join(f"- {_text(w)}" for w in wordings)) for n, wordings in enumerate(facts, start=1))


def pair_blocks(pairs: Sequence[tuple[str, str]]) -> str:
    """`<pair id="1">` blocks numbered from 1, each with its `<premise>` and `<hypothesis>`."""
    return "\n".join(_block("pair", n, f"<premise>{_text(a)}</premise>\n<hypothesis>{_text(b)}</hypothesis>")
                     for n, (a, b) in enumerate(pairs, start=1))

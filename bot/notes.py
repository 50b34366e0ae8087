"""Lines for the page: plain text that `bot` words, with how the page shows it (the page escapes the text)."""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = ["Note"]


class Note(NamedTuple):
    """A line for the page, in plain text (the page escapes it), and how to show it."""

    tone: Literal["markdown", "caption", "info", "success", "warning", "error"]  # a paragraph, a caption, or a box of that colour
    text: str

"""Errors whose message is written for the user and says what to do next.

    ManysidesError            anything the CLI or UI may show as one line
     ├── SourceError          one source could not be loaded (names the source)
     ├── StoreError           the vector store could not be opened or written
     └── ConfigError          a setting is invalid or a component is missing

`settings_error` turns pydantic's multi-line ValidationError into a ConfigError of one line.
"""

from __future__ import annotations


class ManysidesError(Exception):
    """Base class: `str(error)` is a one-line message for the user."""


class SourceError(ManysidesError):
    """A source (file, URL, stdin, JSONL line) could not be turned into an article."""

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}")


class StoreError(ManysidesError):
    """The article library could not be read or written."""


class ConfigError(ManysidesError):
    """A setting is invalid, or an optional component is not installed."""


def settings_error(error, prefix: str = "MANYSIDES_") -> ConfigError:
    """One line for invalid settings (a pydantic ValidationError): each variable, the value given, and what is allowed."""
    problems = []
    for item in error.errors():
        name = prefix + "_".join(str(part) for part in item["loc"]).upper()
        message = item["msg"][:1].lower() + item["msg"][1:]
        problems.append(f"{name}={item.get('input')!r} is invalid: {message}")
    return ConfigError("; ".join(problems) + "; fix or unset it")

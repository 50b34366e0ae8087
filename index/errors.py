"""Errors whose message is written for the user and says what to do next.

    ManysidesError            anything the CLI or UI may show as one line
     ├── SourceError          one source could not be loaded (names the source)
     ├── StoreError           the vector store could not be opened or written
     │    └── StoreUnavailable  the store can take no writes at all now (a lost server, a full disk)
     └── ConfigError          a setting is invalid or a component is missing

`settings_error` turns pydantic's multi-line ValidationError into a ConfigError of one line.
"""

from __future__ import annotations


class ManysidesError(Exception):
    """Base class: `str(error)` is a one-line message for the user."""


class SourceError(ManysidesError):
    """A source (file, URL, stdin, JSONL line) could not be turned into an article."""

    def __init__(self, source: str, message: str) -> None:
        from index.text import clean_field

        self.source = clean_field(source)  # a file name can carry terminal escapes; a message never does
        self.message = message
        super().__init__(f"{self.source}: {message}")


class StoreError(ManysidesError):
    """The article library could not be read or written."""


class StoreUnavailable(StoreError):
    """The store stopped answering or has no room: no other article can be written until the user acts."""

    def __init__(self, problem: str, advice: str) -> None:
        self.problem = problem  # what happened: "the Chroma server at http://… stopped answering"
        self.advice = advice  # what to do: "start it and run again"
        super().__init__(f"{problem}; {advice}")


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

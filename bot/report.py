"""Reports of a summary or a comparison, with footnote citations to the exact source sentences: Markdown ([^n]) to
download, and plain text ([n]) for a terminal.

In Markdown, article text is escaped, so a quote can neither inject HTML nor break the report's Markdown; in plain text
it is one line without escape sequences or control characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from bot.citations import Citation
from bot.compare import Comparison, outlet_label
from bot.highlight import escape_line, safe_link
from bot.summarize import Summary
from bot.views import comparison_view, view_markdown, view_text
from index import ArticleRecord
from index import clean_field

__all__ = ["comparison_markdown", "comparison_text", "summary_markdown"]



class _Footnotes:
    """Numbers each cited sentence once and writes the footnote list, as Markdown ([^n]) or as plain text ([n])."""

    def __init__(self, sources: Sequence[ArticleRecord], plain: bool = False) -> None:
        self._plain = plain
        self._text: Callable[[str], str] = clean_field if plain else escape_line
        self._sources = {r.id: r for r in sources}
        self._all = list(sources)
        self._numbers: dict[tuple[str, int, int], int] = {}
        self._citations: list[Citation] = []

    def marks(self, citations: Iterable[Citation]) -> str:
        out = []
        for citation in citations:
            key = (citation.article_id, citation.start, citation.end)
            if key not in self._numbers:
                self._numbers[key] = len(self._numbers) + 1
                self._citations.append(citation)
            out.append(f"[{self._numbers[key]}]" if self._plain else f"[^{self._numbers[key]}]")
        return "".join(dict.fromkeys(out))

    def outlet(self, article_id: str) -> str:
        record = self._sources.get(article_id)
        return self._text(outlet_label(record, self._all) if record else article_id)

    def render(self) -> list[str]:
        lines = []
        for number, citation in enumerate(self._citations, start=1):
            record = self._sources.get(citation.article_id)
            where = self.outlet(citation.article_id)
            if record is not None and record.title and record.title != outlet_label(record, self._all):
                where += f", {self._text(record.title)}" if self._plain else f", *{self._text(record.title)}*"
            mark = f"[{number}]" if self._plain else f"[^{number}]:"
            lines.append(f"{mark} {where}, characters {citation.start}-{citation.end}: “{self._text(citation.quote)}”")
        return lines


def _sources_section(sources: Sequence[ArticleRecord], plain: bool = False) -> list[str]:
    text = clean_field if plain else escape_line
    lines = ["Sources", "=======", ""] if plain else ["## Sources", ""]
    for record in sources:
        label = outlet_label(record, sources)
        line = f"- {text(label)}" if plain else f"- **{text(label)}**"
        if record.title and record.title != label:
            line += f": {text(record.title)}"
        if record.published:
            line += f" ({text(record.published)})"
        if link := safe_link(record.url):
            line += f" {link}" if plain else f" <{link}>"
        lines.append(line)
    return lines + [""]


def summary_markdown(summary: Summary) -> str:
    """A readable summary with a footnote on every sentence."""
    notes = _Footnotes(summary.sources)
    body = " ".join(escape_line(s.text) + notes.marks(s.citations) + ("" if s.supported else " **(unsupported)**")
                    for s in summary.sentences)
    lines = [f"# Summary of {len(summary.sources)} article{'s' if len(summary.sources) != 1 else ''}", "", body or "*Nothing to summarize.*", ""]
    return "\n".join(lines + _sources_section(summary.sources) + notes.render()) + "\n"


def comparison_markdown(comparison: Comparison) -> str:
    """Consensus, conflicts, what each outlet adds and quotes (the comparison's one view, `bot.views`), with footnotes to
    each outlet's own words."""
    notes = _Footnotes(comparison.sources)
    view = comparison_view(comparison)
    lines = [f"# How {len(comparison.sources)} articles compare", ""]
    if view.note:
        lines += [f"*{escape_line(view.note)}*", ""]
    lines += view_markdown(view, notes.marks)
    return "\n".join(lines + _sources_section(comparison.sources) + notes.render()) + "\n"


def comparison_text(comparison: Comparison) -> str:
    """The comparison report as plain text for a terminal: the same wording and order, [n] notes instead of footnotes."""
    notes = _Footnotes(comparison.sources, plain=True)
    view = comparison_view(comparison)
    title = f"How {len(comparison.sources)} articles compare"
    lines = [title, "=" * len(title), ""]
    if view.note:
        lines += [clean_field(view.note), ""]
    lines += view_text(view, notes.marks)
    return "\n".join(lines + _sources_section(comparison.sources, plain=True) + notes.render()) + "\n"

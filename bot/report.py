"""Markdown reports of a summary or a comparison, with footnote citations ([^n]) to the exact source sentences.

Article text is escaped, so a quote can neither inject HTML nor break the report's Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.citations import Citation
from bot.compare import Comparison, outlet_label
from bot.highlight import escape_line, safe_link
from bot.summarize import Summary
from bot.views import comparison_view, view_markdown
from index import ArticleRecord

__all__ = ["comparison_markdown", "summary_markdown"]



class _Footnotes:
    """Numbers each cited sentence once and writes the footnote list."""

    def __init__(self, sources: Sequence[ArticleRecord]) -> None:
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
            out.append(f"[^{self._numbers[key]}]")
        return "".join(dict.fromkeys(out))

    def outlet(self, article_id: str) -> str:
        record = self._sources.get(article_id)
        return escape_line(outlet_label(record, self._all)) if record else escape_line(article_id)

    def render(self) -> list[str]:
        lines = []
        for number, citation in enumerate(self._citations, start=1):
            record = self._sources.get(citation.article_id)
            where = self.outlet(citation.article_id)
            if record is not None and record.title and record.title != outlet_label(record, self._all):
                where += f", *{escape_line(record.title)}*"
            lines.append(f"[^{number}]: {where}, characters {citation.start}-{citation.end}: “{escape_line(citation.quote)}”")
        return lines


def _sources_section(sources: Sequence[ArticleRecord]) -> list[str]:
    lines = ["## Sources", ""]
    for record in sources:
        label = outlet_label(record, sources)
        line = f"- **{escape_line(label)}**"
        if record.title and record.title != label:
            line += f": {escape_line(record.title)}"
        if record.published:
            line += f" ({escape_line(record.published)})"
        if link := safe_link(record.url):
            line += f" <{link}>"
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

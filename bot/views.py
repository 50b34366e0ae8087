"""One view of a comparison for every place that shows it: the Compare tab, the chat's reply and the Markdown report.

`comparison_view` turns a `Comparison` into sections (what they agree on, where they conflict, what each adds, who is
quoted), each with its title, the text to show when it is empty, and items that carry every outlet's own wording with
its citations and outlet label. `view_markdown` writes it as Markdown with whatever citation markers the caller uses
([n] in the chat, footnotes in the report); the page lays the same items out side by side.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.citations import AnswerSentence, Citation
from bot.compare import Comparison, CoverageCell, outlet_label
from bot.highlight import escape_line
from index import ArticleRecord

__all__ = ["AGREE", "ALL_SECTIONS", "ComparisonView", "DISAGREE", "QUOTES", "Section", "UNIQUE", "ViewGroup", "ViewItem", "ViewSection", "Wording",
           "chart_values", "comparison_view", "coverage_rows", "view_markdown"]



class Section(StrEnum):
    """The sections of a comparison's view, in reading order."""

    AGREE = "agree"  # facts two or more independent outlets report
    DISAGREE = "disagree"  # where they conflict
    UNIQUE = "unique"  # what each outlet adds alone
    QUOTES = "quotes"  # who is quoted saying what


AGREE, DISAGREE, UNIQUE, QUOTES = Section.AGREE, Section.DISAGREE, Section.UNIQUE, Section.QUOTES
ALL_SECTIONS = tuple(Section)
_TITLES = {AGREE: "What the outlets agree on", DISAGREE: "Where they differ", UNIQUE: "What each outlet adds alone", QUOTES: "Who is quoted"}
_EMPTY = {AGREE: "No fact is reported by two or more independent outlets.", DISAGREE: "No contradictions found between the chosen articles.",
          UNIQUE: "Nothing: whatever one outlet reports, another reports too.", QUOTES: "Nobody is quoted."}


@dataclass(frozen=True)
class Wording:
    """One outlet's own words for an item."""

    outlet: str  # the outlet's label
    article_id: str  # its article
    text: str  # what it says
    citations: tuple[Citation, ...]  # where


@dataclass(frozen=True)
class ViewItem:
    """One line of a section: its headline and every outlet's wording behind it."""

    headline: str  # the line as listed: the shared claim, what the sides differ on, an outlet's claim, a quote
    wordings: tuple[Wording, ...]  # each outlet's own words, side by side
    detail: str = ""  # a conflict's reason; for a quote, "direct" or "attributed"

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(w.outlet for w in self.wordings))

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(c for w in self.wordings for c in w.citations)


@dataclass(frozen=True)
class ViewGroup:
    """Items under one heading: an outlet (what it adds), a speaker (their quotes), or none."""

    heading: str  # "" for a section without groups
    items: tuple[ViewItem, ...]


@dataclass(frozen=True)
class ViewSection:
    """A section of the comparison."""

    key: Section  # agree, disagree, unique or quotes
    title: str  # its heading
    empty: str  # what to say when it has nothing
    groups: tuple[ViewGroup, ...]  # its items, grouped

    @property
    def items(self) -> tuple[ViewItem, ...]:
        return tuple(i for g in self.groups for i in g.items)


@dataclass(frozen=True)
class ComparisonView:
    """The comparison as shown: its sections and the outlet label of every article."""

    sections: tuple[ViewSection, ...]
    labels: dict[str, str]  # article id -> outlet label
    sources: tuple[ArticleRecord, ...]  # the articles compared
    note: str = ""  # wire copies counted once, when there are any

    def sentences(self) -> list[AnswerSentence]:
        """Every wording shown, as cited sentences (to number the articles they cite)."""
        return [AnswerSentence(w.text, w.citations, True) for s in self.sections for i in s.items for w in i.wordings]


def comparison_view(comparison: Comparison, sections: Sequence[Section] = ALL_SECTIONS, article_id: str | None = None) -> ComparisonView:
    """The view of `comparison`, narrowed to `sections` (and for what each adds, to one article when `article_id` is given)."""
    labels = {r.id: outlet_label(r, comparison.sources) for r in comparison.sources}

    def wording(article: str, text: str, citations: Sequence[Citation]) -> Wording:
        return Wording(labels.get(article, article), article, text, tuple(citations))

    built = []
    for key in sections:
        if key == AGREE:
            items = tuple(ViewItem(item.claim, tuple(wording(c.article_id, c.quote, (c,)) for c in item.citations))
                          for item in comparison.consensus)
            groups = (ViewGroup("", items),) if items else ()
        elif key == DISAGREE:
            items = tuple(ViewItem(c.reason, tuple(wording(p.article_id, p.claim, p.citations) for p in c.positions), c.reason)
                          for c in comparison.conflicts)
            groups = (ViewGroup("", items),) if items else ()
        elif key == UNIQUE:
            groups = tuple(ViewGroup(labels.get(g.article_id, g.article_id),
                                     tuple(ViewItem(c.text, (wording(g.article_id, c.text, c.citations),)) for c in g.claims))
                           for g in comparison.unique if g.claims and article_id in (None, g.article_id))
        elif key == QUOTES:
            speakers: dict[str, list] = {}
            for quote in comparison.quotes:
                speakers.setdefault(quote.speaker or "Unnamed", []).append(quote)
            groups = tuple(ViewGroup(speaker + (f", {role}" if (role := next((q.role for q in quotes if q.role), "")) else ""),
                                     tuple(ViewItem(q.quote, (wording(q.article_id, q.quote, q.citations),), q.kind) for q in quotes))
                           for speaker, quotes in speakers.items())
        else:
            raise ValueError(f"unknown comparison section {key!r}")
        built.append(ViewSection(key, _TITLES[key], _EMPTY[key], groups))
    note = ""
    if comparison.duplicates:
        note = "Counted once (wire copies): " + ", ".join(f"{labels.get(c, c)} copies {labels.get(o, o)}" for c, o in comparison.duplicates) + "."
    if len(comparison.stories) > 1:
        others = "; ".join(f"{n + 1}. {story.label} ({len(story.article_ids)} articles)" for n, story in enumerate(comparison.stories)
                           if n != comparison.story)
        current = comparison.stories[comparison.story]
        note = " ".join(filter(None, [note, f"The chosen articles hold {len(comparison.stories)} stories; this compares story "
                                            f"{comparison.story + 1}, {current.label}. The others: {others}."]))
    return ComparisonView(tuple(built), labels, comparison.sources, note)


_md = escape_line  # article text on one line, every Markdown and HTML character escaped


def view_markdown(view: ComparisonView, marks: Callable[[Sequence[Citation]], str], headings: tuple[str, str] = ("## ", "### "),
                  limit: int | None = None) -> list[str]:
    """The view as Markdown lines: article text escaped, each wording followed by `marks(citations)`; `headings` are the
    prefixes of section and group headings, `limit` caps the items per group."""
    section_prefix, group_prefix = headings

    def heading(prefix: str, text: str) -> str:
        return f"{prefix}{text}" if prefix.strip().startswith("#") else f"{prefix}{text}{prefix.strip()}"

    lines: list[str] = []
    for section in view.sections:
        lines += [heading(section_prefix, section.title), ""]
        if not section.items:
            lines += [f"- *{section.empty}*", ""]
            continue
        for group in section.groups:
            if group.heading:
                lines += [heading(group_prefix, _md(group.heading)), ""]
            for item in group.items[:limit]:
                if section.key == AGREE:
                    outlets = ", ".join(_md(o) for o in item.outlets)
                    lines.append(f"- {_md(item.headline)}{marks(item.citations)} ({outlets})")
                elif section.key == DISAGREE:
                    lines.append(f"- **{_md(item.headline)}**")
                    lines += [f"  - {_md(w.outlet)}: “{_md(w.text)}”{marks(w.citations)}" for w in item.wordings]
                elif section.key == QUOTES:
                    w = item.wordings[0]
                    said = f"“{_md(w.text)}”" if item.detail == "direct" else f"(reported) {_md(w.text)}"
                    lines.append(f"- {_md(w.outlet)}: {said}{marks(w.citations)}")
                else:
                    lines.append(f"- {_md(item.headline)}{marks(item.citations)}")
            lines.append("")
    return lines


_COVERAGE_WORDS = {"reported": "reports this", "not reported": "does not report this", "conflicting": "reports this differently"}
_LABEL_WIDTH, _LABEL_LINES = 48, 3  # a chart row's label wraps to at most this many lines of this many characters


def _wrapped(text: str) -> list[str]:
    import textwrap

    lines = textwrap.wrap(" ".join(text.split()), _LABEL_WIDTH) or [""]
    if len(lines) > _LABEL_LINES:
        lines = lines[:_LABEL_LINES]
        lines[-1] = lines[-1].rstrip(".,;: ") + "…"
    return lines


def coverage_rows(comparison: Comparison) -> list[CoverageCell]:
    """The coverage chart's cells: every fact (all of each outlet's unique claims too) × every outlet."""
    return comparison.coverage(unique_per_article=None)


def chart_values(cells: Sequence[CoverageCell]) -> list[dict]:
    """The cells as the chart reads them: a label wrapped into lines (never cut mid-word), its row, the outlet, the status,
    and a tooltip in plain words ("CNN reports this differently: …")."""
    return [{"fact": "\n".join(_wrapped(f"{cell.fact_index + 1}. {cell.fact}")), "order": cell.fact_index, "outlet": cell.outlet,
             "status": cell.status, "what": f"{cell.outlet} {_COVERAGE_WORDS.get(cell.status, cell.status)}: {cell.fact}"}
            for cell in cells]

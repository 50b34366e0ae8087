"""One view of a comparison for every place that shows it: the Compare tab, the chat's reply, the Markdown report and
the terminal. Every wording of a comparison is decided here.

`comparison_view` turns a `Comparison` into sections (what they agree on, where they conflict, what each adds, who is
quoted), each with its title, the text to show when it is empty, and items that carry every outlet's own wording with
its citations and outlet label. `view_markdown` writes it as Markdown with whatever citation markers the caller uses
([n] in the chat, footnotes in the report), `view_text` as plain text for a terminal, and `page_sections` lays it out
for the Compare tab (wordings side by side). Every surface puts a speaker's own words in quotation marks and marks
reported speech "(reported)" (a sentence in quotation marks under a speaker's name would read as their words); the page
adds each quote's outlet.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.citations import AnswerSentence, Citation
from bot.compare import Comparison, CoverageCell, article_label, outlet_label
from bot.highlight import escape_markdown, highlighted_excerpt
from bot.quotes import QuoteKind
from index import ArticleRecord
from index import clean_field

__all__ = ["AGREE", "ALL_SECTIONS", "DISAGREE", "QUOTES", "UNIQUE", "ComparisonView", "CoverageChart", "Headings", "PagePanel",
           "PageSection", "Section", "ViewGroup", "ViewItem", "ViewSection", "Wording", "chart_values", "comparison_view", "coverage_chart",
           "coverage_rows", "listed_sentences", "numbered_text", "page_sections", "story_choices", "view_legend",
           "view_markdown", "view_text"]


class Section(StrEnum):
    """The sections of a comparison, in the order they are read."""

    AGREE = "agree"  # what two or more outlets report
    DISAGREE = "disagree"  # where they conflict
    UNIQUE = "unique"  # what one outlet adds alone
    CLOSE = "close"  # claims close to another outlet's, not confirmed as one fact
    QUOTES = "quotes"  # who is quoted


AGREE, DISAGREE, UNIQUE, CLOSE, QUOTES = Section.AGREE, Section.DISAGREE, Section.UNIQUE, Section.CLOSE, Section.QUOTES
ALL_SECTIONS = tuple(Section)
_TITLES = {AGREE: "What the outlets agree on", DISAGREE: "Where they differ", UNIQUE: "What each outlet adds alone",
           CLOSE: "Perhaps reported elsewhere too (not confirmed)", QUOTES: "Who is quoted"}
_EMPTY = {AGREE: "No fact is reported by two or more independent outlets.", DISAGREE: "No contradictions found between the chosen articles.",
          UNIQUE: "Nothing: whatever one outlet reports, another reports too.",
          CLOSE: "None: every other claim is either shared, one outlet's own, or far from what the others report.", QUOTES: "Nobody is quoted."}


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
    reason: str = ""  # a conflict's reason
    reported: bool = False  # a quote in reported speech, not in the speaker's own words

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

    key: Section  # which section
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
        groups: tuple[ViewGroup, ...]
        if key == AGREE:
            items = tuple(ViewItem(item.claim, tuple(wording(c.article_id, c.quote, (c,)) for c in item.citations))
                          for item in comparison.consensus)
            groups = (ViewGroup("", items),) if items else ()
        elif key == DISAGREE:
            items = tuple(ViewItem(c.reason, tuple(wording(p.article_id, p.claim, p.citations) for p in c.positions), reason=c.reason)
                          for c in comparison.conflicts)
            groups = (ViewGroup("", items),) if items else ()
        elif key == UNIQUE:
            groups = tuple(ViewGroup(labels.get(g.article_id, g.article_id),
                                     tuple(ViewItem(c.text, (wording(g.article_id, c.text, c.citations),)) for c in g.claims))
                           for g in comparison.unique if g.claims and article_id in (None, g.article_id))
        elif key == CLOSE:
            items = tuple(ViewItem(call.claim.text, (wording(call.article_id, call.claim.text, call.claim.citations),
                                                     *(wording(c.article_id, c.quote, (c,)) for c in call.nearest)))
                          for call in comparison.close_calls if article_id in (None, call.article_id))
            groups = (ViewGroup("", items),) if items else ()
        elif key == QUOTES:
            speakers: dict[str, list] = {}
            for quote in comparison.quotes:
                speakers.setdefault(quote.speaker or "Unnamed", []).append(quote)
            groups = tuple(ViewGroup(speaker + (f", {role}" if (role := next((q.role for q in quotes if q.role), "")) else ""),
                                     tuple(ViewItem(q.quote, (wording(q.article_id, q.quote, q.citations),), reported=q.kind == QuoteKind.ATTRIBUTED)
                                           for q in quotes))
                           for speaker, quotes in speakers.items())
        else:
            raise ValueError(f"unknown comparison section {key!r}")
        built.append(ViewSection(Section(key), _TITLES[key], _EMPTY[key], groups))
    note = ""
    if comparison.duplicates:
        note = "Counted once (wire copies): " + ", ".join(f"{labels.get(c, c)} copies {labels.get(o, o)}" for c, o in comparison.duplicates) + "."
    if comparison.unrelated:
        note = " ".join(filter(None, [note, "These two articles seem to be about different stories: their texts have little in common, "
                                            "so the comparison may find nothing they share."]))
    if len(comparison.stories) > 1:
        others = "; ".join(f"{n + 1}. {choice}" for n, choice in enumerate(story_choices(comparison)) if n != comparison.story)
        current = comparison.stories[comparison.story]
        note = " ".join(filter(None, [note, f"The chosen articles hold {len(comparison.stories)} stories; this compares story "
                                            f"{comparison.story + 1}, {current.label}. The others: {others}."]))
    return ComparisonView(tuple(built), labels, comparison.sources, note)


def story_choices(comparison: Comparison) -> list[str]:
    """Each story the chosen articles hold, as a reader picks it: "its headline (N articles)"; empty when there is one."""
    return [f"{story.label} ({len(story.article_ids)} articles)" for story in comparison.stories] if len(comparison.stories) > 1 else []


def _md(text: str) -> str:
    """Article text on one line, every Markdown and HTML character escaped."""
    return escape_markdown(" ".join(text.split()))


@dataclass(frozen=True)
class _Format:
    """How one output writes the view's lines: its escaping, headings and emphasis (the wording is shared)."""

    text: Callable[[str], str]  # article text or a label, on one line, made safe for this output
    section: Callable[[str], list[str]]  # a section's title as lines
    group: Callable[[str], list[str]]  # a group's heading (already through `text`) as lines
    strong: Callable[[str], str]  # a conflict's headline
    empty: Callable[[str], str]  # the line for an empty section


class Headings(StrEnum):
    """How a Markdown view sets its headings."""

    REPORT = "report"  # ## sections, ### groups (the downloadable report)
    CHAT = "chat"  # bold lines (a chat reply)


_TEXT = "text"  # plain text for a terminal: nothing escaped, no Markdown
_FORMATS = {
    Headings.REPORT: _Format(_md, lambda t: [f"## {t}"], lambda t: [f"### {t}"], lambda t: f"**{t}**", lambda t: f"- *{t}*"),
    Headings.CHAT: _Format(_md, lambda t: [f"**{t}**"], lambda t: [f"**{t}**"], lambda t: f"**{t}**", lambda t: f"- *{t}*"),
    _TEXT: _Format(clean_field, lambda t: [t, "=" * len(t)], lambda t: [f"{t}:"], lambda t: t, lambda t: f"- {t}"),
}


def _said(item: ViewItem, text: Callable[[str], str]) -> str:
    """A quote as the chat, the report and the terminal give it: direct words in quotation marks, reported speech marked."""
    words = text(item.wordings[0].text)
    return f"(reported) {words}" if item.reported else f"“{words}”"


def _view_lines(view: ComparisonView, marks: Callable[[Sequence[Citation]], str], fmt: _Format, limit: int | None) -> list[str]:
    """The view's lines in one output's format, each wording followed by `marks(citations)`, at most `limit` items a group."""
    lines: list[str] = []
    for section in view.sections:
        lines += [*fmt.section(section.title), ""]
        if not section.items:
            lines += [fmt.empty(section.empty), ""]
            continue
        for group in section.groups:
            if group.heading:
                lines += [*fmt.group(fmt.text(group.heading)), ""]
            for item in group.items[:limit]:
                if section.key == Section.AGREE:
                    outlets = ", ".join(fmt.text(o) for o in item.outlets)
                    lines.append(f"- {fmt.text(item.headline)}{marks(item.citations)} ({outlets})")
                elif section.key == Section.DISAGREE:
                    lines.append(f"- {fmt.strong(fmt.text(item.headline))}")
                    lines += [f"  - {fmt.text(w.outlet)}: “{fmt.text(w.text)}”{marks(w.citations)}" for w in item.wordings]
                elif section.key == Section.CLOSE:
                    own, *nearest = item.wordings
                    lines.append(f"- {fmt.text(item.headline)}{marks(own.citations)} ({fmt.text(own.outlet)})")
                    lines += [f"  - closest in {fmt.text(w.outlet)}: “{fmt.text(w.text)}”{marks(w.citations)}" for w in nearest]
                elif section.key == Section.QUOTES:
                    w = item.wordings[0]
                    lines.append(f"- {fmt.text(w.outlet)}: {_said(item, fmt.text)}{marks(w.citations)}")
                else:
                    lines.append(f"- {fmt.text(item.headline)}{marks(item.citations)}")
            lines.append("")
    return lines


def view_markdown(view: ComparisonView, marks: Callable[[Sequence[Citation]], str], headings: Headings = Headings.REPORT,
                  limit: int | None = None) -> list[str]:
    """The view as Markdown lines, article text escaped: each wording followed by `marks(citations)` (footnotes in the
    report, [n] in the chat), headings as `headings` says, at most `limit` items per group."""
    return _view_lines(view, marks, _FORMATS[headings], limit)


def view_text(view: ComparisonView, marks: Callable[[Sequence[Citation]], str], limit: int | None = None) -> list[str]:
    """The view as plain-text lines for a terminal: the report's wording, nothing escaped, no Markdown."""
    return _view_lines(view, marks, _FORMATS[_TEXT], limit)


def numbered_text(view: ComparisonView, numbers: Mapping[str, int], limit: int | None = None) -> list[str]:
    """The view as plain text with each wording's article numbers ("[2]", the chat's numbering), then the numbered
    articles: a routed chat reply for a terminal."""
    lines = view_text(view, lambda citations: " " + "".join(dict.fromkeys(f"[{numbers[c.article_id]}]" for c in citations
                                                                          if c.article_id in numbers)), limit)
    return lines + [f"[{n}] {clean_field(article_label(r, view.sources))}" for r in view.sources if (n := numbers.get(r.id))]


# --- the Compare tab's layout -----------------------------------------------------------------------------------
# Agreements, conflicts and close calls open into every outlet's wording side by side (conflicts open at once); what each adds and
# who is quoted are lists, quotes always in quotation marks with their outlet, and their articles are listed below.

_SIDE_BY_SIDE = (Section.AGREE, Section.DISAGREE, Section.CLOSE)


@dataclass(frozen=True)
class PagePanel:
    """An item the page opens into every outlet's wording side by side."""

    title: str  # escaped Markdown, one line: the headline and its outlets
    expanded: bool  # open from the start
    columns: tuple[tuple[str, str], ...]  # per outlet: its heading with its markers, and its wording highlighted in place


@dataclass(frozen=True)
class PageSection:
    """A section of the Compare tab: Markdown, a caption when it is empty, and panels."""

    markdown: str  # its heading, then (for a listed section) each group's heading and its items as a list, markers included
    empty: str  # the caption when it has nothing, else ""
    panels: tuple[PagePanel, ...]  # its items when they open side by side


def _page_section(section: ViewSection, marks: Callable[[Sequence[Citation]], str], text_of: Callable[[str], str | None]) -> PageSection:
    blocks = [f"#### {section.title}"]
    panels = []
    for group in section.groups:
        if group.heading:
            blocks.append(f"**{_md(group.heading)}**")
        if section.key not in _SIDE_BY_SIDE:
            quotes = section.key == Section.QUOTES
            blocks.append("\n".join(f"- {_page_quote(i) if quotes else _md(i.headline)} {marks(i.citations)}"
                                    + (f" — {_md(i.outlets[0])}" if quotes else "") for i in group.items))
            continue
        for item in group.items:
            outlets = ", ".join(item.outlets)
            title = {Section.AGREE: f"{item.headline} — {outlets}", Section.DISAGREE: f"{item.headline}: {outlets}"}.get(
                section.key, f"{item.headline} — {item.outlets[0]}; closest in {', '.join(item.outlets[1:])}")
            columns = tuple((f"**{_md(w.outlet)}** {marks(w.citations)}",
                             highlighted_excerpt(text, w.citations) if (text := text_of(w.article_id)) else _md(w.text)) for w in item.wordings)
            panels.append(PagePanel(_md(title), section.key == Section.DISAGREE, columns))
    return PageSection("\n\n".join(blocks), "" if section.items else section.empty, tuple(panels))


def _page_quote(item: ViewItem) -> str:
    """A quote on the page as in the other views: direct words in quotation marks, reported speech marked, not quoted."""
    return f"*(reported)* {_md(item.headline)}" if item.reported else f"“{_md(item.headline)}”"


def page_sections(view: ComparisonView, marks: Callable[[Sequence[Citation]], str],
                  text_of: Callable[[str], str | None]) -> tuple[PageSection, ...]:
    """The view laid out for the Compare tab: `marks(citations)` after each line and outlet, and each outlet's wording
    shown in its article's text (`text_of(article_id)`, None once the article is gone) with the cited sentences marked."""
    return tuple(_page_section(s, marks, text_of) for s in view.sections)


def listed_sentences(view: ComparisonView) -> list[AnswerSentence]:
    """The wordings the page lists without their own excerpts (what each adds, quotes): their articles go below them."""
    return [AnswerSentence(w.text, w.citations, True) for s in view.sections if s.key not in _SIDE_BY_SIDE
            for i in s.items for w in i.wordings]


def view_legend(view: ComparisonView, numbers: Mapping[str, int]) -> list[str]:
    """"[n] Outlet - Headline" for every compared article that has a number, as escaped Markdown."""
    return [f"\\[{n}\\] {escape_markdown(article_label(r, view.sources))}" for r in view.sources if (n := numbers.get(r.id))]


_COVERAGE_WORDS = {"reported": "reports this", "perhaps": "may report this too (not confirmed)", "not reported": "does not report this",
                   "conflicting": "reports this differently"}
_LABEL_WIDTH, _LABEL_LINES = 48, 3  # a chart row's label wraps to at most this many lines of this many characters


def _wrapped(text: str) -> list[str]:
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


_COVERAGE_COLORS = {"reported": "#2e7d32", "perhaps": "#a5d6a7", "not reported": "#d9d9d9", "conflicting": "#c62828"}
_MAX_CHART_HEIGHT, _SCROLL_HEIGHT = 560, 620  # a taller chart scrolls in a box of this height


@dataclass(frozen=True)
class CoverageChart:
    """The coverage chart as a Vega-Lite spec, with its rows, and how tall a box to scroll it in."""

    spec: dict  # Vega-Lite, its data included
    scroll_height: int | None  # the box's height in pixels when the chart is too tall for the page, else None


def coverage_chart(comparison: Comparison) -> CoverageChart | None:
    """Every fact × every outlet: reported, perhaps (a close call), not reported or conflicting; labels wrap, the tooltip is a sentence. None
    when there is no fact to chart."""
    rows = chart_values(coverage_rows(comparison))
    if not rows:
        return None
    step = 14 * max(r["fact"].count("\n") + 1 for r in rows) + 8  # a row fits its label's lines
    spec = {
        "data": {"values": rows},
        "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
        "encoding": {
            "x": {"field": "outlet", "type": "nominal", "title": None, "axis": {"labelAngle": 0, "labelLimit": 160, "orient": "top"}},
            "y": {"field": "fact", "type": "nominal", "title": None, "sort": {"field": "order", "op": "min"},
                  "axis": {"labelLimit": 0, "labelExpr": "split(datum.label, '\\n')"}},
            "color": {"field": "status", "type": "nominal", "title": "Coverage", "legend": {"orient": "bottom"},
                      "scale": {"domain": list(_COVERAGE_COLORS), "range": list(_COVERAGE_COLORS.values())}},
            "tooltip": [{"field": "what", "type": "nominal", "title": " "}],
        },
        "height": {"step": step},
        "width": {"step": 110},
    }
    tall = step * len({r["order"] for r in rows}) > _MAX_CHART_HEIGHT
    return CoverageChart(spec, _SCROLL_HEIGHT if tall else None)

"""The comparison's one view and its renderers: the page, the chat, the Markdown report and the terminal's plain text."""

from __future__ import annotations

import re

import pytest

from bot.citations import Citation
from bot.comparative import plan
from bot.compare import Claim, Comparison, Conflict, ConsensusItem, Position, QuoteItem, UniqueClaims
from bot.quotes import QuoteKind
from bot.report import comparison_markdown, comparison_text
from bot.views import (
    ALL_SECTIONS, Headings, Section, comparison_view, coverage_chart, listed_sentences, numbered_text, page_sections, story_choices, view_legend,
    view_markdown, view_text,
)
from index import ArticleRecord
import itertools

A_TEXT = "The Greaves Street Bridge closed to all traffic on Monday morning. Repairs cost $4.2 million *at least*. Mayor Ruth Lane said the work is <b>urgent</b>."
B_TEXT = "The Greaves Street Bridge closed to all traffic on Monday morning. Repairs will cost $6.8 million. \"We will reopen in May,\" Lane said."


def _cite(article: str, text: str, sentence: str) -> Citation:
    start = text.index(sentence)
    return Citation(article, sentence, start, start + len(sentence))


def _comparison(empty_conflicts: bool = False) -> Comparison:
    a = ArticleRecord("a1", "v1", "Bridge shut", "a.txt", 1, outlet="Harbor Notes")
    b = ArticleRecord("b2", "v1", "Bridge closure", "b.txt", 1, outlet="Metro Wire")
    closed = (_cite("a1", A_TEXT, "The Greaves Street Bridge closed to all traffic on Monday morning."), _cite("b2", B_TEXT, "The Greaves Street Bridge closed to all traffic on Monday morning."))
    cost_a = _cite("a1", A_TEXT, "Repairs cost $4.2 million *at least*.")
    cost_b = _cite("b2", B_TEXT, "Repairs will cost $6.8 million.")
    urgent = _cite("a1", A_TEXT, "Mayor Ruth Lane said the work is <b>urgent</b>.")
    reopen = _cite("b2", B_TEXT, "\"We will reopen in May,\" Lane said.")
    conflicts = () if empty_conflicts else (
        Conflict("repairs", (Position("a1", cost_a.quote, (cost_a,)), Position("b2", cost_b.quote, (cost_b,))),
                 "different money: $4.2 million vs $6.8 million"),)
    return Comparison(
        consensus=(ConsensusItem("The Greaves Street Bridge closed to all traffic on Monday morning.", closed, ("a1", "b2")),),
        unique=(UniqueClaims("a1", (Claim(urgent.quote, (urgent,)),)),),
        conflicts=conflicts,
        quotes=(QuoteItem("Ruth Lane", "Mayor", "a1", urgent.quote, QuoteKind.ATTRIBUTED, (urgent,)),
                QuoteItem("Ruth Lane", "Mayor", "b2", "We will reopen in May,", QuoteKind.DIRECT, (reopen,))),
        sources=(a, b),
    )


def _unescape(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def _numbers(citations) -> str:
    return "".join(f"[{ {'a1': 1, 'b2': 2}[c.article_id] }]" for c in dict.fromkeys(citations))


def test_the_plain_text_report_keeps_article_text_as_written_and_uses_no_markdown():
    text = comparison_text(_comparison())
    assert text.startswith("How 2 articles compare\n======================\n")
    assert "What the outlets agree on\n=========================" in text and "## " not in text and "**" not in text
    assert "Repairs cost $4.2 million *at least*." in text and "<b>urgent</b>" in text  # literal, never escaped
    assert "\\" not in text and "[^" not in text
    assert "- The Greaves Street Bridge closed to all traffic on Monday morning.[1][2] (Harbor Notes, Metro Wire)" in text
    assert "Ruth Lane, Mayor:" in text
    assert "- Harbor Notes: (reported) Mayor Ruth Lane said the work is <b>urgent</b>.[5]" in text
    assert "- Metro Wire: “We will reopen in May,”[6]" in text
    assert "[1] Harbor Notes, Bridge shut, characters 0-66: “The Greaves Street Bridge closed to all traffic on Monday morning.”" in text


def test_the_report_and_the_terminal_say_the_same_things_in_the_same_order():
    view = comparison_view(_comparison())
    plain = view_text(view, _numbers)
    markdown = view_markdown(view, _numbers)
    assert len([line for line in plain if line.startswith(("- ", "  - "))]) == len([line for line in markdown if line.startswith(("- ", "  - "))])
    assert [line for line in markdown if line.startswith("## ")] == [f"## {line}" for line, under in itertools.pairwise(plain)
                                                                       if under and set(under) == {"="}]


def test_reported_speech_is_marked_in_the_chat_the_report_and_on_the_page():
    view = comparison_view(_comparison(), (Section.QUOTES,))
    chat = _unescape("\n".join(view_markdown(view, _numbers, Headings.CHAT)))
    assert chat.startswith("**Who is quoted**") and "**Ruth Lane, Mayor**" in chat
    assert "Harbor Notes: (reported) Mayor Ruth Lane said" in chat and "Metro Wire: “We will reopen in May,”" in chat
    report = _unescape("\n".join(view_markdown(view, _numbers)))
    assert "## Who is quoted" in report and "### Ruth Lane, Mayor" in report and "(reported) Mayor Ruth Lane" in report
    [section] = page_sections(view, _numbers, lambda article_id: None)
    assert "\\<b\\>" in section.markdown and "<b>" not in section.markdown  # escaped
    assert "- *(reported)* Mayor Ruth Lane said the work is <b>urgent</b>. [1] — Harbor Notes" in _unescape(section.markdown)
    assert "- “We will reopen in May,” [2] — Metro Wire" in _unescape(section.markdown)


def test_view_items_carry_typed_kinds_not_display_text():
    view = comparison_view(_comparison())
    assert [s.key for s in view.sections] == list(Section) and tuple(Section) == ALL_SECTIONS
    quotes = next(s for s in view.sections if s.key == Section.QUOTES).items
    assert [q.reported for q in quotes] == [True, False]
    [conflict] = next(s for s in view.sections if s.key == Section.DISAGREE).items
    assert conflict.reason == "different money: $4.2 million vs $6.8 million" and not conflict.reported
    with pytest.raises(ValueError, match="unknown comparison section"):
        comparison_view(_comparison(), ("headlines",))  # type: ignore[arg-type]


def test_the_page_opens_agreements_and_conflicts_side_by_side_and_lists_the_rest():
    texts = {"a1": A_TEXT, "b2": B_TEXT}
    agree, disagree, unique, close, quotes = page_sections(comparison_view(_comparison()), _numbers, texts.get)
    assert close.empty and not close.panels
    assert agree.markdown == "#### What the outlets agree on" and not agree.empty
    [shared] = agree.panels
    assert _unescape(shared.title) == "The Greaves Street Bridge closed to all traffic on Monday morning. — Harbor Notes, Metro Wire"
    assert not shared.expanded
    assert [heading for heading, _ in shared.columns] == ["**Harbor Notes** [1]", "**Metro Wire** [2]"]
    assert all("Monday morning" in wording for _, wording in shared.columns)
    [conflict] = disagree.panels
    assert conflict.expanded and _unescape(conflict.title).endswith(": Harbor Notes, Metro Wire")
    assert _unescape(unique.markdown).startswith("#### What each outlet adds alone\n\n**Harbor Notes**\n\n- Mayor Ruth Lane") and not unique.panels
    assert _unescape(quotes.markdown).startswith("#### Who is quoted\n\n**Ruth Lane, Mayor**\n\n- *(reported)* Mayor Ruth Lane said")
    gone = page_sections(comparison_view(_comparison(), (Section.AGREE,)), _numbers, lambda article_id: None)[0]
    assert gone.panels[0].columns[0][1] == "The Greaves Street Bridge closed to all traffic on Monday morning\\."  # the article is gone: its escaped wording


def test_an_empty_section_says_so_on_every_output():
    view = comparison_view(_comparison(empty_conflicts=True), (Section.DISAGREE,))
    [section] = page_sections(view, _numbers, lambda article_id: None)
    assert section.empty == "No contradictions found between the chosen articles." and not section.panels
    assert "- No contradictions found between the chosen articles." in view_text(view, _numbers)
    assert "- *No contradictions found between the chosen articles.*" in view_markdown(view, _numbers)


def test_listed_lines_send_their_articles_below_and_the_legend_names_them():
    view = comparison_view(_comparison())
    listed = listed_sentences(view)
    assert [s.text for s in listed] == ["Mayor Ruth Lane said the work is <b>urgent</b>.", "Mayor Ruth Lane said the work is <b>urgent</b>.",
                                        "We will reopen in May,"]
    assert [_unescape(line) for line in view_legend(view, {"b2": 1})] == ["[1] Metro Wire - Bridge closure"]


def test_the_coverage_chart_is_a_spec_with_its_rows_and_scrolls_when_tall():
    chart = coverage_chart(_comparison())
    assert chart is not None and chart.scroll_height is None
    rows = chart.spec["data"]["values"]
    assert {r["status"] for r in rows} == {"reported", "not reported", "conflicting"}
    assert chart.spec["encoding"]["color"]["scale"]["domain"] == ["reported", "perhaps", "not reported", "conflicting"]
    many = _comparison()
    facts = tuple(ConsensusItem(f"Fact number {n} is reported by both outlets.", many.consensus[0].citations, ("a1", "b2")) for n in range(40))
    tall = coverage_chart(Comparison(facts, (), (), (), many.sources))
    assert tall is not None and tall.scroll_height == 620
    assert coverage_chart(Comparison((), (), (), (), many.sources)) is None


def test_the_comparative_summary_plans_by_the_views_section_keys():
    sections = [s.section for s in plan(_comparison())]
    assert set(sections) <= set(Section) and Section.AGREE in sections and Section.DISAGREE in sections
    assert all(isinstance(s, Section) for s in sections)


def test_the_markdown_report_still_escapes_article_text():
    report = comparison_markdown(_comparison())
    assert "\\<b\\>urgent\\<\\/b\\>" in report and "<b>" not in report and "[^1]:" in report


def test_a_routed_chat_reply_reads_as_plain_text_with_the_chats_numbers():
    view = comparison_view(_comparison(), (Section.DISAGREE,))
    lines = numbered_text(view, {"b2": 1, "a1": 2})
    assert lines[:3] == ["Where they differ", "=================", ""]
    assert "  - Harbor Notes: “Repairs cost $4.2 million *at least*.” [2]" in lines
    assert "  - Metro Wire: “Repairs will cost $6.8 million.” [1]" in lines
    assert lines[-2:] == ["[2] Harbor Notes - Bridge shut", "[1] Metro Wire - Bridge closure"]


def test_stories_are_offered_by_headline_and_size_only_when_there_are_several():
    from bot.stories import Story

    one = _comparison()
    assert story_choices(one) == []
    two = Comparison(one.consensus, one.unique, one.conflicts, one.quotes, one.sources,
                     stories=(Story(("a1", "b2"), "Bridge shut"), Story(("c3",), "Port strike")), story=1)
    assert story_choices(two) == ["Bridge shut (2 articles)", "Port strike (1 articles)"]
    assert "this compares story 2, Port strike. The others: 1. Bridge shut (2 articles)." in comparison_view(two).note

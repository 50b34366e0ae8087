"""The comparison's one view: sections, outlet labels, grouping, notes, and the Markdown every surface writes from it."""

import pytest

from bot.citations import Citation
from bot.compare import Comparison, CloseCall, Conflict, ConsensusItem, Position, QuoteItem, UniqueClaims, Claim
from bot.views import ALL_SECTIONS, CLOSE, QUOTES, UNIQUE, Headings, comparison_view, view_markdown, view_text
from index import ArticleRecord

LEDGER = ArticleRecord(id="a" * 16, version="v1", title="Bridge shut", source="ledger.txt", chunks=1, outlet="Ledger")
HERALD = ArticleRecord(id="b" * 16, version="v1", title="Bridge closed", source="herald.txt", chunks=1, outlet="Herald")
WIRE = ArticleRecord(id="c" * 16, version="v1", title="Bridge closed", source="wire.txt", chunks=1, outlet="Wire")


def cite(record: ArticleRecord, quote: str, start: int = 0) -> Citation:
    return Citation(record.id, quote, start, start + len(quote))


def comparison(**fields) -> Comparison:
    base = dict(consensus=(), unique=(), conflicts=(), quotes=(), sources=(LEDGER, HERALD))
    return Comparison(**(base | fields))


def marks(citations) -> str:
    return "".join(f"[{c.article_id[0]}{c.start}]" for c in citations)


def test_every_section_keeps_each_outlets_own_wording_and_label():
    shut, closed = cite(LEDGER, "The bridge is shut."), cite(HERALD, "The bridge was closed.", 40)
    view = comparison_view(comparison(
        consensus=(ConsensusItem("The bridge is shut.", (shut, closed), (LEDGER.id, HERALD.id)),),
        conflicts=(Conflict("cost", (Position(LEDGER.id, "It costs $4 million.", (cite(LEDGER, "It costs $4 million.", 20),)),
                                     Position(HERALD.id, "It costs $6 million.", (cite(HERALD, "It costs $6 million.", 80),))),
                            "different money: $4 million vs $6 million"),),
        unique=(UniqueClaims(HERALD.id, (Claim("Divers found rust.", (cite(HERALD, "Divers found rust.", 100),)),)),
                UniqueClaims(LEDGER.id, ())),
        close_calls=(CloseCall(LEDGER.id, Claim("Crews found corrosion.", (cite(LEDGER, "Crews found corrosion.", 60),)),
                               (cite(HERALD, "Divers found rust.", 100),)),),
    ))
    assert [s.key for s in view.sections] == list(ALL_SECTIONS)
    agree, disagree, unique, close, quotes = view.sections
    assert [w.outlet for w in agree.items[0].wordings] == ["Ledger", "Herald"]
    assert [w.text for w in agree.items[0].wordings] == ["The bridge is shut.", "The bridge was closed."]
    assert agree.items[0].citations == (shut, closed)
    assert disagree.items[0].reason.startswith("different money")
    assert [(w.outlet, w.text) for w in disagree.items[0].wordings] == [("Ledger", "It costs $4 million."), ("Herald", "It costs $6 million.")]
    assert [g.heading for g in unique.groups] == ["Herald"]  # an outlet with nothing of its own gets no group
    assert quotes.items == () and quotes.empty
    assert view.labels == {LEDGER.id: "Ledger", HERALD.id: "Herald"}
    assert [(w.outlet, w.text) for w in close.items[0].wordings] == [("Ledger", "Crews found corrosion."), ("Herald", "Divers found rust.")]
    assert len(view.sentences()) == 2 + 2 + 1 + 2 and all(s.citations for s in view.sentences())


def test_a_close_call_shows_its_claim_then_the_closest_wording_of_each_other_outlet():
    corrosion, rust = cite(LEDGER, "Crews found corrosion.", 60), cite(HERALD, "Divers found rust.", 100)
    view = comparison_view(comparison(close_calls=(CloseCall(LEDGER.id, Claim(corrosion.quote, (corrosion,)), (rust,)),)), sections=(CLOSE,))
    assert view_text(view, marks) == ["Perhaps reported elsewhere too (not confirmed)", "=" * 46, "",
                                      "- Crews found corrosion.[a60] (Ledger)", "  - closest in Herald: “Divers found rust.”[b100]", ""]
    assert comparison_view(comparison(), sections=(CLOSE,)).sections[0].empty.startswith("None")


def test_sections_narrow_to_the_keys_asked_and_to_one_outlets_additions():
    unique = (UniqueClaims(LEDGER.id, (Claim("Traffic is diverted.", (cite(LEDGER, "Traffic is diverted."),)),)),
              UniqueClaims(HERALD.id, (Claim("Divers found rust.", (cite(HERALD, "Divers found rust."),)),)))
    view = comparison_view(comparison(unique=unique), sections=(UNIQUE,), article_id=HERALD.id)
    assert [s.key for s in view.sections] == [UNIQUE]
    assert [i.headline for i in view.sections[0].items] == ["Divers found rust."]
    with pytest.raises(ValueError, match="unknown comparison section"):
        comparison_view(comparison(), sections=("everything",))


def test_quotes_group_by_speaker_with_the_first_role_given():
    quotes = (QuoteItem("Ana Ruiz", "", LEDGER.id, "We will reopen it soon", "direct", (cite(LEDGER, "We will reopen it soon"),)),
              QuoteItem("Ana Ruiz", "the mayor", HERALD.id, "Ruiz said repairs take months.", "attributed",
                        (cite(HERALD, "Ruiz said repairs take months."),)),
              QuoteItem("", "", HERALD.id, "It is unsafe", "direct", (cite(HERALD, "It is unsafe", 60),)))
    section = comparison_view(comparison(quotes=quotes), sections=(QUOTES,)).sections[0]
    assert [(g.heading, len(g.items)) for g in section.groups] == [("Ana Ruiz, the mayor", 2), ("Unnamed", 1)]
    assert [i.reported for i in section.groups[0].items] == [False, True]


def test_the_note_names_wire_copies_and_other_stories():
    view = comparison_view(comparison(sources=(LEDGER, HERALD, WIRE), duplicates=((WIRE.id, HERALD.id),)))
    assert view.note == "Counted once (wire copies): Wire copies Herald."
    assert comparison_view(comparison()).note == ""


def test_markdown_escapes_article_text_and_marks_every_wording():
    hostile = cite(LEDGER, "Costs <b>rose</b> *sharply*.")
    view = comparison_view(comparison(
        consensus=(ConsensusItem("Costs <b>rose</b> *sharply*.", (hostile, cite(HERALD, "Costs rose.", 7)), (LEDGER.id, HERALD.id)),),
        quotes=(QuoteItem("Ana Ruiz", "", LEDGER.id, "We will reopen", "direct", (cite(LEDGER, "We will reopen", 30),)),
                QuoteItem("Ana Ruiz", "", HERALD.id, "Ruiz said it reopens.", "attributed", (cite(HERALD, "Ruiz said it reopens.", 50),)))))
    lines = view_markdown(view, marks)
    text = "\n".join(lines)
    assert "<b>" not in text and "*sharply*" not in text  # article text can inject neither HTML nor emphasis
    agree_line = next(line for line in lines if "rose" in line)
    assert agree_line.endswith("[a0][b7] (Ledger, Herald)")
    assert any(line.startswith("- Ledger: “We will reopen”[a30]") for line in lines)
    assert any(line.startswith("- Herald: (reported) Ruiz said it reopens\\.[b50]") for line in lines)
    for section in view.sections:
        if not section.items:
            assert f"- *{section.empty}*" in lines


def test_markdown_headings_and_the_per_group_limit():
    claims = tuple(Claim(f"Claim number {n}.", (cite(HERALD, f"Claim number {n}.", 20 * n),)) for n in range(5))
    view = comparison_view(comparison(unique=(UniqueClaims(HERALD.id, claims),)), sections=(UNIQUE,))
    lines = view_markdown(view, marks, headings=Headings.CHAT, limit=2)
    assert lines[0] == f"**{view.sections[0].title}**"
    assert "**Herald**" in lines
    assert sum(line.startswith("- Claim number") for line in lines) == 2
    assert len([line for line in view_markdown(view, marks) if line.startswith("- Claim number")]) == 5


def test_the_page_quotes_direct_words_and_marks_reported_speech_without_quotation_marks():
    from bot.views import page_sections

    quotes = (QuoteItem("Ana Ruiz", "", LEDGER.id, "We will reopen it soon", "direct", (cite(LEDGER, "We will reopen it soon"),)),
              QuoteItem("Ana Ruiz", "the mayor", HERALD.id, "Ruiz said repairs take months.", "attributed",
                        (cite(HERALD, "Ruiz said repairs take months."),)))
    [section] = page_sections(comparison_view(comparison(quotes=quotes), sections=(QUOTES,)), marks, lambda _: None)
    assert "“We will reopen it soon”" in section.markdown
    assert "*(reported)* Ruiz said repairs take months\\." in section.markdown  # Markdown-escaped article text
    assert "“Ruiz said" not in section.markdown

"""The shared text primitives: negation, stems, content words, numbers, names and paragraph breaks."""

import re

import pytest

from bot.claims import claim_conflict
from bot.highlight import _paragraphs
from index.lexical import _tokenize
from index.cleaning import split_paragraphs
from index.text import (
    NAME,
    PARAGRAPH_BREAK,
    content_words,
    denies,
    has_negation,
    names_in,
    numbers_in,
    stem,
    stem_words,
)


def test_negation_covers_contractions_with_either_apostrophe_and_ruled_out():
    assert has_negation("The mayor didn’t approve the plan.")
    assert has_negation("The mayor didn't approve the plan.")
    assert has_negation("Officials ruled out a strike.")
    assert has_negation("NOBODY was hurt.")
    assert not has_negation("The bridge reopened without delay.")
    assert not has_negation("A notable nonevent: the council approved the budget.")


def test_a_denial_conflicts_with_the_claim_and_without_does_not():
    assert claim_conflict("Union leaders ruled out a strike at the port", "Union leaders called a strike at the port").reason == (
        "one says it, the other denies it")
    assert claim_conflict("Union leaders won’t call a strike at the port", "Union leaders will call a strike at the port")
    assert claim_conflict("The port reopened without delay on the day", "The port reopened on the day") is None


def test_a_question_or_a_cut_off_piece_denies_nothing():
    # a quoted question asks; a piece an ellipsis cuts off asserts nothing
    assert not denies("“It went well. Don't you agree?”")
    assert not denies("We couldn't...It was the worst night of our lives.")
    assert denies("It went well. We did not expect that.")
    assert denies("The ferry did not sail on Monday.")
    assert claim_conflict("“The launch went well. Didn't it?”", "“The launch went well,” the director said.") is None
    assert claim_conflict("I couldn't...That night will stay with me forever.", "That night will stay with me forever.") is None
    # an ellipsis inside a sentence stands for a word left out, not for the end of a piece
    assert denies("It's no … joke, folks.")
    assert claim_conflict("“It's no … joke, folks,” he said.", "“It's no darn joke, folks,” he said.") is None


def test_stems_join_the_forms_of_a_word():
    assert len(set(stem_words(["injured", "injure", "injuring", "injures"]))) == 1
    assert stem("injuries") == stem("injury")
    assert content_words("Officials reported injuries") == content_words("an official reports an injury")
    assert content_words("the and of a") == set()


def test_retrieval_and_content_words_stem_alike():
    text = "Two workers were injured; their injuries were minor."
    vocabulary = set(_tokenize([text]).vocab)
    assert {stem("injured"), stem("injuries"), stem("workers")} <= vocabulary
    assert {stem("injured"), stem("injuries"), stem("workers")} <= content_words(text)


def test_numbers_match_with_or_without_thousands_separators():
    assert numbers_in("6,000 and 6000") == {"6000"}
    assert numbers_in("Repairs will cost $6.8 million over 18 months.") == {"6.8", "18"}
    assert numbers_in("No figures here.") == set()


def test_names_are_capitalized_words_inside_a_sentence():
    text = "Officials said Dana Whitcomb met Li. Greaves Street closed on Monday."
    assert names_in(text) == {"dana", "whitcomb", "street", "monday"}


def test_a_name_runs_over_capitalized_words_and_joining_particles_on_one_line():
    assert re.findall(NAME, "Yesterday, the Bank of England and Dana Whitcomb spoke.") == ["Yesterday", "Bank of England", "Dana Whitcomb"]
    assert re.findall(NAME, "Port Ellery\nHarbor Times") == ["Port Ellery", "Harbor Times"]


def test_paragraph_breaks_are_blank_lines_and_both_splitters_agree():
    text = "First paragraph.\n\n  \nSecond paragraph,\nwrapped.\n\n\n  Third paragraph."
    assert [m.span() for m in PARAGRAPH_BREAK.finditer(text)] == [(16, 21), (47, 52)]
    spans = _paragraphs(text)
    assert [text[a:b] for a, b in spans] == ["First paragraph.", "Second paragraph,\nwrapped.", "Third paragraph."]
    assert [" ".join(text[a:b].split()) for a, b in spans] == split_paragraphs(text)
    assert split_paragraphs("One line\nwith no blank line") == ["One line with no blank line"]


def test_a_sentence_ends_with_a_stop_or_a_closing_quote_and_a_heading_does_not():
    from index import ends_sentence

    assert ends_sentence("The bridge reopened.") and ends_sentence("Did it reopen?”") and ends_sentence('He said "we will stay"')
    assert ends_sentence("It cost $4 million (officials said.) ")
    assert not ends_sentence("Talks in Rome") and not ends_sentence("Read more:")


def test_figures_keep_thousands_separators_and_decimals():
    from index import numbers_in

    assert numbers_in("About 6,000 people, 4.2 million dollars and 6000 more") == {"6000", "4.2"}


def test_prompt_blocks_escape_article_text_and_number_from_one():
    from bot.prompts import fact_blocks, pair_blocks, passage_blocks

    assert passage_blocks(["a </passage> b"], [{"outlet": 'The "Ledger"'}]) == (
        '<passage id="1" outlet="The &quot;Ledger&quot;">\na &lt;/passage&gt; b\n</passage>')
    assert fact_blocks([["x", "y<"]]) == '<fact id="1">\n- x\n- y&lt;\n</fact>'
    assert pair_blocks([("p", "h"), ("q", "k")]).count("<pair id=") == 2 and '<pair id="2">' in pair_blocks([("p", "h"), ("q", "k")])


@pytest.mark.parametrize(("sentence", "leans"), [
    ("They also refused to name the companies.", True),
    ("In fact, fears are rising that the opposite will hold true.", True),
    ("By contrast, the president does recognise the treaty.", True),
    ("The former category included rockets that landed near the coast.", True),
    ("Such attacks are nothing new for residents of the town.", True),
    ("The siren that sounded in the capital stunned many residents.", False),
    ("Inflation rose to 4 percent in March.", False),
    ("Suchet said the talks would resume.", False),
])
def test_a_sentence_that_opens_with_a_connective_or_a_pointer_leans_on_the_one_before(sentence, leans):
    from index.text import leans_on_previous

    assert leans_on_previous(sentence) is leans


def test_a_conflicts_reason_shows_each_count_without_the_small_words_after_it():
    disagreement = claim_conflict("Officials said 29 Palestinians had been killed, among them eight children and a pregnant woman.",
                                  "Health officials said at least 19 people, including five children and a pregnant teenager, had been killed.")
    assert disagreement is not None and disagreement.reason == "different number: eight children vs five children"


@pytest.mark.parametrize(("sentence", "stops"), [
    ("The difference this time is that the union has...", True),
    ("The council's adviser on transport, Dana Reyes …", True),
    ("The talks also addressed the funding for this to occur,”...", False),  # the quote closed: the sentence is whole
    ("The mayor said the bridge would reopen on Friday.", False),
])
def test_a_sentence_cut_off_by_an_ellipsis_after_a_word(sentence, stops):
    from index import cut_off

    assert cut_off(sentence) is stops

"""Sentences keep exact offsets; chunks are whole sentences with one sentence of overlap."""

import itertools

from index.chunking import chunk_sentences, estimate_tokens, split_into_sentences

TEXT = (
    "Dr. Alma Reyes of the U.S. Geological Survey said the quake struck at 4:12 a.m. local time. "
    "It measured 5.8 on the Richter scale.\n\n"
    "“We felt the whole house move,” said one resident. Schools were closed on Friday.\n\n"
    "Officials estimated the damage at $3.5 million. No deaths were reported."
)


def test_sentence_offsets_address_the_text_exactly():
    spans = split_into_sentences(TEXT)
    sentences = [TEXT[s.start:s.end] for s in spans]
    assert sentences[0].startswith("Dr. Alma Reyes") and sentences[0].endswith("local time.")
    assert "It measured 5.8 on the Richter scale." in sentences
    assert "Officials estimated the damage at $3.5 million." in sentences
    assert all(s == s.strip() and s for s in sentences)


def test_sentences_never_cross_paragraphs():
    for span in split_into_sentences(TEXT):
        assert "\n\n" not in TEXT[span.start:span.end]


def test_chunks_pack_whole_sentences_with_overlap():
    text = " ".join(f"Sentence number {i} talks about the harbor and the ferry schedule." for i in range(40))
    spans = split_into_sentences(text)
    chunks = chunk_sentences(text, spans, "art", "v1", max_tokens=50)
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunk.text == text[chunk.start:chunk.end]
        assert estimate_tokens(chunk.text) <= 50
        assert chunk.sentences[0].start == chunk.start and chunk.sentences[-1].end == chunk.end
    for previous, following in itertools.pairwise(chunks):
        assert following.sentences[0] == previous.sentences[-1]  # one sentence of overlap
    covered = {s for c in chunks for s in c.sentences}
    assert covered == set(spans)


def test_chunk_ids_are_stable_and_versioned():
    spans = split_into_sentences(TEXT)
    first = chunk_sentences(TEXT, spans, "art", "v1", max_tokens=30)
    again = chunk_sentences(TEXT, spans, "art", "v1", max_tokens=30)
    other = chunk_sentences(TEXT, spans, "art", "v2", max_tokens=30)
    assert [c.id for c in first] == [c.id for c in again]
    assert not {c.id for c in first} & {c.id for c in other}


def test_an_overlong_sentence_is_cut_at_word_boundaries():
    text = "word " * 1000
    spans = split_into_sentences(text.strip(), max_tokens=100)
    assert len(spans) >= 10
    assert all(estimate_tokens(text[s.start:s.end]) <= 100 for s in spans)


def test_a_title_after_a_number_stays_with_its_sentence():
    text = "Officials counted 40,000 people. Dr. Smith said it was safe. The vote was 7-2. Gov. Ray agreed."
    sentences = [text[s.start:s.end] for s in split_into_sentences(text)]
    assert sentences == ["Officials counted 40,000 people.", "Dr. Smith said it was safe.", "The vote was 7-2.", "Gov. Ray agreed."]


def test_a_line_without_whitespace_is_hard_cut_within_the_budget():
    text = "Intro words here " + "x" * 200_000 + " closing words."
    spans = split_into_sentences(text, max_tokens=100)
    assert 100 < len(spans) < 3_000
    assert all(estimate_tokens(text[s.start:s.end]) <= 100 for s in spans)
    assert "".join("".join(text[s.start:s.end] for s in spans).split()) == "".join(text.split())  # nothing lost
    chunks = chunk_sentences(text, spans, "art", "v1", max_tokens=100)
    assert all(c.text == text[c.start:c.end] and estimate_tokens(c.text) <= 100 for c in chunks)


def test_each_character_of_an_unspaced_script_is_a_token():
    assert estimate_tokens("東京都は発表した。") == 9
    assert estimate_tokens("ferry schedule") == 2


def test_a_rank_before_a_name_never_ends_a_sentence():
    text = ('"We will widen the operation," the army\'s chief spokesman, Brig. Gen. Dana Levi, told Channel 9. '
            "The inquiry was led by Maj. Tom Ruiz and Det. Ana Kim. The bakery is on Main St. It opened in 1990.")
    sentences = [text[s.start:s.end] for s in split_into_sentences(text)]
    assert sentences == ['"We will widen the operation," the army\'s chief spokesman, Brig. Gen. Dana Levi, told Channel 9.',
                         "The inquiry was led by Maj. Tom Ruiz and Det. Ana Kim.", "The bakery is on Main St.", "It opened in 1990."]


def test_wire_copy_quote_marks_split_like_straight_quotes_and_keep_exact_offsets():
    text = ("The council met on Friday. ``Can we keep the bridge open?'' Mayor Dana Whitcomb asked. ``We cannot. "
            "It is not safe.'' The vote was unanimous.")
    spans = split_into_sentences(text)
    sentences = [text[s.start:s.end] for s in spans]
    assert sentences == ["The council met on Friday.", "``Can we keep the bridge open?''", "Mayor Dana Whitcomb asked.",
                         "``We cannot.", "It is not safe.''", "The vote was unanimous."]


def test_a_missing_space_after_a_year_or_a_word_ends_a_sentence_but_not_inside_a_figure_or_an_abbreviation():
    text = ("The last storm to hit the coast was in 2008.Facing a long delay, many drivers stayed home. "
            "Officials counted the cost.Later in the day the bridge reopened. Prices rose 3.5 percent in the U.S. last year. "
            "The crash happened on Wednesday.NTSB investigators arrived at dawn. The centre was told of his death.A spokesman "
            "had nothing to add. The report is at example.com today.")
    sentences = [text[s.start:s.end] for s in split_into_sentences(text)]
    assert sentences == ["The last storm to hit the coast was in 2008.", "Facing a long delay, many drivers stayed home.",
                         "Officials counted the cost.", "Later in the day the bridge reopened.", "Prices rose 3.5 percent in the U.S. last year.",
                         "The crash happened on Wednesday.", "NTSB investigators arrived at dawn.", "The centre was told of his death.",
                         "A spokesman had nothing to add.", "The report is at example.com today."]


def test_the_closing_mark_of_a_quote_within_a_quote_ends_its_sentence_not_the_next():
    text = ("He would call me and I would tell him, ‘Not to worry, please relax.’ ” Then he hung up.\n\n"
            "“We have been there, done that, ‘so relax.’ ”\n\nNext paragraph.")
    sentences = [text[s.start:s.end] for s in split_into_sentences(text)]
    assert sentences == ["He would call me and I would tell him, ‘Not to worry, please relax.’ ”", "Then he hung up.",
                         "“We have been there, done that, ‘so relax.’ ”", "Next paragraph."]

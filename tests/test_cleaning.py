"""Cleaning drops page furniture by general rules and keeps every article sentence."""

import pytest

from index.chunking import chunk_sentences, split_into_sentences
from index.cleaning import clean_text, split_paragraphs
from index.text import word_count

ARTICLE = """Harbor authority approves new ferry schedule

By Mara Lindqvist

June 3, 2025

The Port Ellery harbor authority on Monday approved a new ferry schedule that adds four daily crossings.

Commuters waited at the terminal. Photo: Sam Okafor/Harbor Times

Support our newsroom. Subscribe today and get unlimited access for $2 a week.

The changes take effect on July 1, the authority said in a statement.

Sign up for our weekly Harbor Briefing newsletter and get the news in your inbox.

"This is what riders have asked for," said board chair Ines Moreau.

Read more: How the ferry fleet was rebuilt

Share this story

Residents donated more than $12,000 to the terminal's waiting-room fund last year, the authority said.

Copyright 2025 Harbor Times. All rights reserved.

Ferries
Port Ellery
Transport
"""

KEPT = [
    "The Port Ellery harbor authority on Monday approved a new ferry schedule that adds four daily crossings.",
    "The changes take effect on July 1, the authority said in a statement.",
    '"This is what riders have asked for," said board chair Ines Moreau.',
    "Residents donated more than $12,000 to the terminal's waiting-room fund last year, the authority said.",
]


def test_boilerplate_is_removed_and_recorded():
    cleaned = clean_text(ARTICLE, title="Harbor authority approves new ferry schedule")
    reasons = {r.reason for r in cleaned.removed}
    assert {"caption", "appeal", "newsletter", "read more", "share", "copyright", "byline", "dateline", "footer"} <= reasons
    for gone in ("Subscribe today", "newsletter", "Read more", "Share this story", "All rights reserved", "Photo: Sam Okafor", "Transport"):
        assert gone not in cleaned.text


def test_article_sentences_are_kept_in_order():
    cleaned = clean_text(ARTICLE, title="Harbor authority approves new ferry schedule")
    positions = [cleaned.text.index(sentence) for sentence in KEPT]
    assert positions == sorted(positions)
    assert "Harbor authority approves new ferry schedule" not in cleaned.text  # the title is metadata


def test_repeated_short_lines_are_removed():
    raw = "Page header\n\nFirst paragraph of the story is here.\n\nPage header\n\nSecond paragraph continues the story.\n"
    cleaned = clean_text(raw)
    assert "Page header" not in cleaned.text
    assert [r.reason for r in cleaned.removed] == ["repeated", "repeated"]


def test_hard_wrapped_lines_are_rejoined():
    raw = ("The council met on Tuesday to discuss the budget for the coming year and\n"
           "decided to postpone the vote.\n\nA second paragraph.")
    assert split_paragraphs(raw) == [
        "The council met on Tuesday to discuss the budget for the coming year and decided to postpone the vote.",
        "A second paragraph.",
    ]


def test_one_paragraph_per_line_stays_apart():
    raw = "First sentence of the story.\nSecond paragraph starts here.\nThird one."
    assert len(split_paragraphs(raw)) == 3


NEWS_SENTENCES = [
    "The streaming service now has 50 million subscribers, up from 40 million a year ago.",
    "The council voted to support local businesses hit by the flood, offering free parking through December.",
    "Membership now costs $50 per year, the club said.",
    "The band sued the label for copyright infringement last year.",
    "Share prices fell sharply on Monday.",
    "Email records show otherwise.",
    "Like us, many residents had no warning before the water arrived.",
    "Related-party transactions were not disclosed, the auditors found.",
    "Residents can sign up for evacuation alerts now on the county website.",
    "An Ipsos/Reuters poll found that 40% of voters support the plan.",
    "By Tuesday, the water had receded.",
    "If you are a subscriber, your bill will rise by $5 a month, the company said.",
]


def test_news_sentences_that_resemble_boilerplate_are_kept():
    for sentence in NEWS_SENTENCES:
        cleaned = clean_text(f"The story begins with this paragraph.\n\n{sentence}\n\nThe story ends with this paragraph.")
        assert sentence in cleaned.text, sentence
        assert cleaned.removed == ()


def test_a_closing_list_is_not_mistaken_for_a_footer():
    raw = "Shelters are open tonight at these places:\n\nCentral High School\n\nSt Mary's Church hall\n\nThe Armory on Fifth Street"
    assert clean_text(raw).removed == ()


def test_a_plea_to_contribute_is_an_appeal():
    text = ("Harbor fares rise\n\nThe harbor authority raised ferry fares by ten percent on Monday.\n\n"
            "We are a small newsroom. Readers like you who have supported us keep it going. Please contribute so we can keep reporting.\n\n"
            "The new fares apply from July.")
    cleaned = clean_text(text, title="Harbor fares rise")
    assert [r.reason for r in cleaned.removed if r.reason != "title"] == ["appeal"]
    assert "raised ferry fares" in cleaned.text and "apply from July" in cleaned.text


def test_a_copyright_notice_is_removed_and_the_abstract_kept():
    notice = "© The Author 2013. Published by Oxford University Press. All rights reserved."
    abstract = ("We tracked 412 coral colonies on two reefs for six years. Growth slowed by 14 percent in the warmest years, "
                "and recovery took two seasons.")
    cleaned = clean_text(f"{notice} {abstract}\n\nThe reefs were surveyed each spring.")
    assert cleaned.text == f"{abstract}\n\nThe reefs were surveyed each spring."
    assert [(r.text, r.reason) for r in cleaned.removed] == [(notice, "copyright")]


def test_a_closing_copyright_line_leaves_its_paragraph():
    cleaned = clean_text("The bridge reopened on Friday after two weeks of repairs. Copyright 2025 Harbor Times. All rights reserved.")
    assert cleaned.text == "The bridge reopened on Friday after two weeks of repairs."
    assert [r.reason for r in cleaned.removed] == ["copyright"]


def test_a_bare_separator_line_is_not_a_crash():
    assert clean_text("The vote passed on Monday.\n\n|\n\n/").text.startswith("The vote passed on Monday.")


JAPANESE = ("東京都は月曜日、新しい防災計画を発表した。計画では、避難所の数を二倍に増やし、備蓄食料も見直す。\n\n"
            "知事は記者会見で「市民の安全が第一だ」と述べた。計画は来年四月から実施される。\n\n"
            "専門家は、高齢者への支援が課題だと指摘している。")


def test_words_are_counted_in_scripts_without_spaces():
    assert word_count("東京都は発表した。") == 8
    assert word_count("The $12,000 fund — don't worry, 3.5 percent.") == 7
    assert word_count(JAPANESE) > 50  # splitting on spaces finds 3 "words" and calls the article empty


def test_a_japanese_article_is_kept_and_chunked_by_characters():
    cleaned = clean_text(JAPANESE)
    assert cleaned.removed == () and cleaned.text.count("。") == JAPANESE.count("。")
    spans = split_into_sentences(cleaned.text, max_tokens=30)
    chunks = chunk_sentences(cleaned.text, spans, "ja", "v1", max_tokens=30)
    assert len(chunks) >= 4 and all(len(c.text) <= 30 for c in chunks)  # each Han or kana character is a token
    assert {s for c in chunks for s in c.sentences} == set(spans)


@pytest.mark.parametrize(("line", "reason"), [
    ("Enlarge Image Close Jane Roe/Valley Pictures Crews clear the wreck of the bridge on Tuesday.", "caption"),
    ("Bridge repairs View Slideshow Valley Pictures Crews clear the wreck of the bridge on Tuesday.", "caption"),
    ("Associated Press A crane lifts a steel beam from the river near the Greaves Street Bridge on Tuesday.", "caption"),
    ("Video by Sam Roe via #ValleyStream.", "caption"),
    ("A version of this article appeared May 3, 2026, on page A4 of the print edition, with the headline: Bridge Shut.", "note"),
    ("Associated Press reporters at the bridge said the crane lifted the beam on Tuesday.", None),
    ("She plans to view the gallery on Sunday with her family.", None),
    ("Video by the county shows the beam falling into the river.", None),
    ("CLOSE Crews lift a rusted beam from under the Greaves Street Bridge. Valley News", "caption"),  # a video player's caption
    ("Crews lifted a rusted beam on Tuesday. (Photo: Jane Roe, AP)", "caption"),
    ("CLOSE CALL: Bridge shut hours before a beam gave way", None),  # a headline in capitals is no player button
    ("The council will close the bridge (photo below shows the beam) for six months.", None),
])
def test_image_widgets_agency_captions_and_print_notes_are_page_furniture(line, reason):
    from index.cleaning import rule_reason

    assert rule_reason(line) == reason


def test_a_credit_closing_a_paragraph_is_removed_and_the_paragraphs_text_kept():
    text = ("Crowds gathered at the harbour after prayers and chanted against the closure of the bridge. "
            "Video by Sam Roe via #ValleyStream.\n\nRepairs will take eleven months and cost $6.8 million, the engineer said.")
    cleaned = clean_text(text)
    assert "Video by" not in cleaned.text and "chanted against the closure of the bridge." in cleaned.text
    assert [(r.text, r.reason) for r in cleaned.removed] == [("Video by Sam Roe via #ValleyStream.", "caption")]


@pytest.mark.parametrize(("raw", "widget", "sentence"), [
    ("View Images Originally Earth and Mars had identical proportions of ordinary hydrogen and deuterium in their water.",
     "View Images", "Originally Earth and Mars had identical"),
    ("Neil Warner / Splash News Britney Spears' handlers have strong ideas on how radio deejays should interview her.",
     "Neil Warner / Splash News", "Britney Spears' handlers have strong ideas"),
    ("Jane Doe / The Associated Press Protesters gathered outside the court on Monday as the verdict was read.",
     "Jane Doe / The Associated Press", "Protesters gathered outside the court"),
])
def test_an_image_widgets_button_or_credit_glued_to_a_sentence_is_cut_off_and_reported(raw, widget, sentence):
    cleaned = clean_text(f"Officials met on Monday to discuss the findings of the report.\n\n{raw}")
    assert cleaned.text.split("\n\n")[1].startswith(sentence)
    assert widget in [r.text for r in cleaned.removed]


@pytest.mark.parametrize("raw", [
    "Barack Obama / White House Press Secretary Jay Carney said the talks would resume on Monday.",  # a title, not a credit
    "Ezra Shaw / Getty Images Snowboarder Kelly Clark at a competition earlier this month.",  # a whole caption: judged whole
])
def test_text_after_a_slash_is_not_cut_unless_the_rest_is_a_sentence_after_a_credit(raw):
    cleaned = clean_text(f"Officials met on Monday to discuss the findings of the report.\n\n{raw}")
    assert raw in cleaned.text or raw in [r.text for r in cleaned.removed]


def test_a_promo_for_a_shows_video_is_removed_and_a_sentence_like_it_kept():
    cleaned = clean_text("Officials met on Monday to discuss the report.\n\nCharles Levinson has the latest from Tel Aviv on The News Hub.\n\n"
                         "Doctors Without Borders has more than 2,000 medical professionals working in 80 countries.")
    assert [(r.reason, r.text) for r in cleaned.removed] == [("promo", "Charles Levinson has the latest from Tel Aviv on The News Hub.")]
    assert "Doctors Without Borders has more than 2,000" in cleaned.text


def test_a_teaser_cut_off_before_its_more_link_is_removed_and_an_ellipsis_in_a_sentence_kept():
    cleaned = clean_text("Officials met on Monday to discuss the report in full.\n\n"
                         "New Vineyard Gazette owner looking for a new publisher; several... More.\n\nHe said... more would come.")
    assert [(r.reason, r.text) for r in cleaned.removed] == [("read more", "New Vineyard Gazette owner looking for a new publisher; several... More.")]
    assert "He said... more would come." in cleaned.text


def test_a_shows_promo_closing_a_prose_paragraph_is_cut_off_and_the_paragraph_kept():
    cleaned = clean_text("Officials met on Monday to discuss the report in full.\n\nIsrael hit the Gaza Strip with airstrikes for a "
                         "second straight day Thursday. Charles Levinson has the latest from Tel Aviv on The News Hub.")
    assert [(r.reason, r.text) for r in cleaned.removed] == [("promo", "Charles Levinson has the latest from Tel Aviv on The News Hub.")]
    assert cleaned.text.endswith("Israel hit the Gaza Strip with airstrikes for a second straight day Thursday.")


def test_a_hover_card_left_inside_a_sentence_goes_and_the_name_stays_once():
    # a site's profile card, pasted inline: the name again, glued to its latest headlines, then the card's "MORE"
    raw = ("Cummings accused Benghazi Chairman Trey Gowdy Trey GowdyChatter grows that Ryan could step down Lawmakers press "
           "Lynch for briefing on email scanning reports Clinton IT aide pleads Fifth, skips hearing MORE (R-S.C.) of trying "
           "to keep documents from the public.\n\nMayor Jane Roe Jane Roe said MORE money would help the town.")
    cleaned = clean_text(raw)
    assert cleaned.text.startswith("Cummings accused Benghazi Chairman Trey Gowdy (R-S.C.) of trying to keep documents")
    assert "Chatter grows" not in cleaned.text and "MORE (R-S.C.)" not in cleaned.text
    assert any(r.reason == "link" and "Chatter grows" in r.text for r in cleaned.removed)
    assert "Mayor Jane Roe Jane Roe said MORE money would help the town." in cleaned.text  # no card: a name twice, spaced


def test_a_photo_gallery_glued_into_one_paragraph_is_clutter_and_a_lone_count_is_not():
    captions = ["Residents wade through water on Main Street on Tuesday.", "A rescue boat passes the church on Tuesday.",
                "Volunteers fill sandbags at the fire station.", "A farmer checks his flooded barn north of the town on Monday.",
                "Children watch the river from the bridge on Wednesday morning.", "A shop owner sweeps mud from her floor.",
                "Firefighters pump water from a basement on Elm Street.", "The school gym serves as a shelter for families."]
    # a gallery far longer than a caption (the clutter model leaves paragraphs over 80 words to the rules)
    gallery = "Photos: Flooding in the valley " + " ".join(
        f"Photos: Flooding in the valley {caption} Hide Caption {n} of {len(captions)}" for n, caption in enumerate(captions, 1))
    text = ("The river crested at 9.4 metres on Tuesday, the highest level in forty years, officials said.\n\n" + gallery +
            "\n\nThe mayor said one vote in 4 of 10 wards was delayed by the flooding, and the count would resume on Friday.\n")
    cleaned = clean_text(text)
    assert "Hide Caption" not in cleaned.text and "Volunteers fill sandbags" not in cleaned.text
    assert "caption" in {r.reason for r in cleaned.removed}
    assert "The river crested" in cleaned.text and "one vote in 4 of 10 wards" in cleaned.text

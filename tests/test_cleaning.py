"""Cleaning drops page furniture by general rules and keeps every article sentence."""

from index.cleaning import clean_text, split_paragraphs

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

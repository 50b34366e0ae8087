"""The comparison grid on the sample articles: planted agreements, unique details, the contradiction and the quotes."""

import json
import shutil

import pytest
from langchain_core.language_models import FakeListChatModel

from bot.compare import compare
from bot.highlight import escape_line
from bot.report import comparison_markdown
from index import IndexSettings, Library, ManysidesError, without_dateline
from tests.conftest import SAMPLES

# Planted in samples/ (docs/sample-facts.md): a fact and a distinctive piece of each outlet's sentence for it.
AGREEMENTS = {
    "closure": {"Riverside Gazette": "closed to all traffic on Tuesday", "Valley Courier": "shut the Greaves Street Bridge on March 10",
                "Metro Wire": "closed the Greaves Street Bridge on Tuesday, March 10"},
    "inspection firm": {"Riverside Gazette": "carried out by Corlane", "Metro Wire": "Inspectors from Corlane",
                        "Northern Ledger": "discovered by Corlane"},
    "no injuries": {"Riverside Gazette": "No injuries were reported", "Valley Courier": "Nobody was hurt",
                    "Northern Ledger": "no one was injured"},
    "detour": {"Valley Courier": "directed to the Oakmont Avenue Bridge", "Metro Wire": "detoured over the Oakmont Avenue Bridge",
               "Northern Ledger": "now have to use the Oakmont Avenue Bridge"},
    "rust": {"Metro Wire": "rust that had eaten into several", "Northern Ledger": "rust eating into several"},
}
UNIQUE = {
    "Riverside Gazette": ["opened in 1961", "review the condition of every other bridge"],
    "Valley Courier": ["Elementary School will follow a new route", "emergency session on Monday evening"],
    "Metro Wire": ["About 11,000 vehicles", "ask the state for emergency infrastructure funding"],
    "Northern Ledger": ["free shuttle van", "publish its full inspection report within 30 days"],
}
QUOTES = [("Dana Whitcomb", "Riverside Gazette", "We will not gamble with the safety"),
          ("Dana Whitcomb", "Valley Courier", "I know this is a real hardship"),
          ("Marcus Hale", "Metro Wire", "The beams are not going to fail tomorrow"),
          ("Priya Natarajan", "Northern Ledger", "Half my morning customers"),
          ("Marcus Hale", "Northern Ledger", "We are looking at months, not weeks")]


def _outlet(record) -> str:
    return record.outlet or ("Northern Ledger" if "Ledger" in record.source or "ledger" in record.source else record.title)


@pytest.fixture(scope="module")
def comparison(sample_library):
    return compare(sample_library)


@pytest.fixture(scope="module")
def outlets(comparison):
    return {r.id: _outlet(r) for r in comparison.sources}


def test_every_citation_is_an_exact_sentence(comparison, sample_library):
    citations = [c for item in comparison.consensus for c in item.citations]
    citations += [c for group in comparison.unique for claim in group.claims for c in claim.citations]
    citations += [c for conflict in comparison.conflicts for p in conflict.positions for c in p.citations]
    citations += [c for quote in comparison.quotes for c in quote.citations]
    assert len(citations) > 30
    for citation in citations:
        assert sample_library.article_text(citation.article_id)[citation.start:citation.end] == citation.quote


def test_a_clause_cut_from_a_sentence_reads_as_part_of_it(comparison, sample_library):
    """A fact or an "only" that is one clause of a longer sentence shows an ellipsis where the sentence goes on, so it
    never reads as a whole sentence ("… barriers went up at both approaches."); its citation keeps the exact clause."""
    spans = {a.record.id: a.spans for a in sample_library.sentences()}
    shown = [(item.claim, next(c for c in item.citations if c.quote.strip() == item.claim.removeprefix("… ").removesuffix(" …")))
             for item in comparison.consensus]
    shown += [(claim.text, claim.citations[0]) for group in comparison.unique for claim in group.claims]
    parts = 0
    for text, citation in shown:
        sentence = next(s for s in spans[citation.article_id] if s.start <= citation.start < s.end)
        cut_before = citation.start > sentence.start
        cut_after = bool(sample_library.article_text(citation.article_id)[citation.end:sentence.end].strip(".!?\"”’' "))
        assert text.startswith("… ") == cut_before and text.endswith(" …") == cut_after, (text, citation.quote)
        quote = citation.quote.strip()
        assert text.removeprefix("… ").removesuffix(" …") == (quote if cut_before else without_dateline(quote))
        parts += cut_before or cut_after
    assert parts >= 1  # the samples hold such clauses (the Valley Courier's "…, and barriers went up …")


def test_consensus_cites_two_articles_and_finds_every_planted_agreement(comparison, outlets):
    for item in comparison.consensus:
        assert len({c.article_id for c in item.citations}) >= 2, item
        assert set(item.article_ids) == {c.article_id for c in item.citations}
    missing = []
    for fact, wordings in AGREEMENTS.items():
        found = False
        for item in comparison.consensus:
            matched = {outlets[c.article_id] for c in item.citations for outlet, words in wordings.items()
                       if outlets[c.article_id] == outlet and words in c.quote}
            found = found or len(matched) >= 2
        if not found:
            missing.append(fact)
    # Known misses, for precision on real news: each outlet wraps these facts in its own details ("closed the bridge on
    # Tuesday, March 10, cutting off ..." / "was closed to all traffic on Tuesday morning after ..."; "detoured over the
    # Oakmont Avenue Bridge" / "directed to the Oakmont Avenue Bridge downstream, ..."), the judge gives them under 0.25
    # entailment or sameness, and similarity alone no longer aligns such pairs (it made false agreements on
    # DUC 2003; see docs/benchmarks.md, "Reading the comparison").
    assert set(missing) <= {"closure", "inspection firm", "detour"}, f"planted agreements missing from the consensus: {missing}"


def test_unique_details_belong_to_their_article_and_no_other(comparison, outlets):
    claims_of = {outlets[g.article_id]: [c.text for c in g.claims] for g in comparison.unique}
    for group in comparison.unique:
        for claim in group.claims:
            assert all(c.article_id == group.article_id for c in claim.citations)
    for outlet, details in UNIQUE.items():
        for detail in details:
            assert any(detail in claim for claim in claims_of.get(outlet, [])), f"{outlet} alone reports {detail!r}"
            others = [claim for other, claims in claims_of.items() if other != outlet for claim in claims]
            assert not any(detail in claim for claim in others)
    consensus_text = " ".join(c.quote for item in comparison.consensus for c in item.citations)
    assert not any(detail in consensus_text for details in UNIQUE.values() for detail in details)


def test_the_planted_contradiction_is_a_conflict_with_both_sides(comparison, outlets):
    cost = [c for c in comparison.conflicts if any("$4.2 million" in p.claim for p in c.positions)]
    assert len(cost) == 1
    sides = {outlets[p.article_id]: p.claim for p in cost[0].positions}
    assert "$4.2 million" in sides["Riverside Gazette"] and "$6.8 million" in sides["Metro Wire"]
    assert "money" in cost[0].reason
    assert len(comparison.conflicts) <= 2  # the samples hold one contradiction; no flood of false ones


def test_quotes_carry_the_right_speaker_and_outlet(comparison, outlets):
    direct = [(q.speaker, outlets[q.article_id], q.quote) for q in comparison.quotes if q.kind == "direct"]
    for speaker, outlet, words in QUOTES:
        assert any(s == speaker and o == outlet and q.startswith(words) for s, o, q in direct), (speaker, outlet, words)
    assert len(direct) == len(QUOTES)
    reported = [q for q in comparison.quotes if q.kind == "attributed"]
    assert any(q.speaker == "Corlane Structural Engineering" and "within 30 days" in q.quote for q in reported)
    hale = next(q for q in comparison.quotes if q.speaker == "Marcus Hale")
    assert hale.role == "Public Works Director"
    # Direct quotes are quotes, not the reporter's own claims.
    claims = [c.text for g in comparison.unique for c in g.claims] + [item.claim for item in comparison.consensus]
    assert not any(words in claim for _, _, words in QUOTES for claim in claims)


def test_coverage_matrix_marks_reported_missing_and_conflicting(comparison, outlets):
    cells = comparison.coverage()
    columns = {c.article_id for c in cells}
    assert columns == set(outlets)
    rows = {c.fact_index for c in cells}
    assert len(cells) == len(rows) * len(columns)
    assert {"reported", "not reported", "conflicting"} <= {c.status for c in cells} <= {"reported", "perhaps", "not reported", "conflicting"}
    for item_index, item in enumerate(comparison.consensus):
        marks = {c.article_id: c.status for c in cells if c.fact_index == item_index}
        assert {a for a, s in marks.items() if s == "reported"} == set(item.article_ids)


def test_a_wire_copy_counts_once(tmp_path, embedder):
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLES, folder)
    copy = (SAMPLES / "metro-wire.txt").read_text().replace("Outlet: Metro Wire", "Outlet: Lakeside Daily")
    (folder / "lakeside-daily.txt").write_text(copy)
    library = Library(IndexSettings(home=tmp_path / "home"), embedder=embedder)
    assert library.ingest([str(folder)]).ok
    comparison = compare(library)
    copies = dict(comparison.duplicates)
    assert len(copies) == 1
    copy_id, original_id = next(iter(copies.items()))
    for item in comparison.consensus:
        assert copy_id not in item.article_ids  # the copy never makes agreement
    metro_unique = next(g for g in comparison.unique if g.article_id == original_id)
    assert any("About 11,000 vehicles" in c.text for c in metro_unique.claims)
    assert copy_id not in {g.article_id for g in comparison.unique}


def test_markdown_export_renders_footnotes(comparison):
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    report = comparison_markdown(comparison)
    assert "## What the outlets agree on" in report and "## Where they differ" in report and "## Who is quoted" in report
    rendered = MarkdownIt().use(footnote_plugin).render(report)
    assert 'class="footnotes"' in rendered
    references = rendered.count('class="footnote-ref"')
    definitions = rendered.count('class="footnote-item"')
    assert references >= definitions > 20


def test_markdown_escapes_article_text():
    from markdown_it import MarkdownIt

    text = '<script>alert(1)</script> <img src=x onerror=alert(1)> **bold** [link](http://x)'
    rendered = MarkdownIt("commonmark", {"html": True}).render(escape_line(text))  # even a viewer that allows HTML
    assert "<script>" not in rendered and "<img" not in rendered
    assert "<strong>" not in rendered and "<a " not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered  # shown as the text it is


def test_cli_compare_json_contract_and_markdown(cli):
    assert cli("ingest", str(SAMPLES))[0] == 0
    code, stdout, _ = cli("compare", "--json")
    assert code == 0
    payload = json.loads(stdout)
    assert set(payload) >= {"consensus", "unique", "conflicts", "quotes", "sources"}
    assert set(payload["consensus"][0]) >= {"claim", "citations"}
    assert set(payload["consensus"][0]["citations"][0]) == {"article_id", "quote", "start", "end"}
    assert set(payload["unique"][0]) >= {"article_id", "claims"} and set(payload["unique"][0]["claims"][0]) >= {"claim", "citations", "closest"}
    assert all(0.0 <= claim["closest"] <= 1.0 for group in payload["unique"] for claim in group["claims"])
    assert set(payload["conflicts"][0]) >= {"topic", "positions"}
    assert set(payload["conflicts"][0]["positions"][0]) >= {"article_id", "claim", "citations"}
    assert set(payload["quotes"][0]) >= {"speaker", "article_id", "quote", "citations"}
    assert set(payload["sources"][0]) >= {"id", "title", "outlet", "url", "published"}
    assert payload["close_calls"] and set(payload["close_calls"][0]) == {"article_id", "claim", "citations", "speaker", "closest", "nearest"}
    assert all(n["article_id"] != call["article_id"] for call in payload["close_calls"] for n in call["nearest"])
    code, stdout, _ = cli("compare", "--format", "markdown")
    assert code == 0 and stdout.startswith("# How 4 articles compare") and "[^1]:" in stdout


def test_compare_needs_two_articles_and_known_ids(cli, sample_library):
    code, _, stderr = cli("compare")
    assert code == 1 and stderr.startswith("error: ") and len(stderr.strip().splitlines()) == 1
    with pytest.raises(ManysidesError, match="no article with id"):
        compare(sample_library, ["no-such-id", "other"])


def test_llm_phrases_consensus_lines_only_where_the_sources_back_them(sample_library, comparison):
    facts = len(comparison.consensus)
    lines = [f"{n}. {item.claim}" for n, item in enumerate(comparison.consensus, start=1)]
    lines[0] = "1. The bridge was closed after 400 people were injured."  # unsupported: must be refused, the source wording kept
    model = FakeListChatModel(responses=["\n".join(lines)])
    phrased = compare(sample_library, chat_model=model)
    assert len(phrased.consensus) == facts
    assert phrased.consensus[0].claim == comparison.consensus[0].claim
    assert "400" not in " ".join(item.claim for item in phrased.consensus)
    assert [i.citations for i in phrased.consensus] == [i.citations for i in comparison.consensus]


def test_conflict_rules_on_plain_claims():
    from bot.claims import Disagreement, DisagreementKind, claim_conflict, quantities

    cost = claim_conflict("Repairs will cost $4.2 million.", "The repair bill is estimated at $6.8 million.")
    assert cost == Disagreement(DisagreementKind.MONEY, "$4.2 million", "$6.8 million")
    assert cost.reason == "different money: $4.2 million vs $6.8 million" and cost.is_value
    assert claim_conflict("Repairs will cost $4.2 million.", "Repairs will cost 4.2 million dollars.") is None
    assert claim_conflict("The embassy didn’t respond.", "The embassy did not respond.") is None  # curly apostrophe
    denial = claim_conflict("The mayor resigned.", "The mayor did not resign.")
    assert denial.kind == DisagreementKind.NEGATION and not denial.is_value and denial.reason == "one says it, the other denies it"
    # a figure that is part of a name counts nothing: "the Haixun 01 patrol ship" is one of "two Chinese ships"
    assert claim_conflict("A detector on the Haixun 01 patrol ship picked up the signal.",
                          "The Haixun 01, one of two Chinese ships in the area, picked up the signal.") is None
    assert [q.kind for q in quantities("The airline ordered 40 Boeing 737 jets.")] == ["count:boe"]
    # a count is filed under each of the two words after it, so "3,200 dock workers" and "2,800 workers" meet
    assert [q.kind for q in quantities("About 11,000 vehicles crossed on March 10, up 5%")] == ["percent", "date", "count:vehicl", "count:cross"]
    assert claim_conflict("Roughly 3,200 dock workers went on strike.", "Some 2,800 workers went on strike.").kind == DisagreementKind.NUMBER
    # two kinds of people are two groups, and people of no kind may hold people of a kind ("19 people, including five children")
    assert claim_conflict("Nine activists were arrested.", "Twelve officers were hurt.") is None
    assert claim_conflict("Eight children were hurt.", "Nineteen people were hurt.") is None



def test_a_bound_a_range_or_an_estimate_is_read_as_the_values_it_allows():
    from bot.claims import DisagreementKind, claim_conflict, mask_values

    assert claim_conflict("The strip appears in 21 languages.", "It is translated into more than 20 languages.") is None
    assert claim_conflict("The disorder afflicts 2 million to 3 million Americans.", "It afflicts an estimated 2 million Americans.") is None
    assert claim_conflict("Salt Lake City gave $156,960 to the bid from 1990 through 1995.", "The consultant was paid in 1994.") is None
    # "more than 400" is what a reader takes it for: 400 and a little more, not 550
    bound = claim_conflict("The delegation had 550 members.", "More than 400 members were in the delegation.")
    assert bound is not None and bound.kind == DisagreementKind.NUMBER and "more than 400 members" in bound.reason
    assert claim_conflict("The shares rose 6 percent.", "The shares rose 9 percent.").kind == DisagreementKind.PERCENT
    # with its values hidden, a claim says which slot they fill
    assert mask_values("Repairs will cost $4.2 million, up from 2,800 estimates on March 10.") == \
        "Repairs will cost an amount, up from several estimates on that date."
    assert mask_values("The disorder afflicts 2 million to 3 million Americans.") == "The disorder afflicts several Americans."

# A second, realistic story (tests/stories/port-strike/) where outlets differ subtly: two different embassies, a claim and
# its negation from two sides, and agreements worded differently, one with a paraphrased date ("since the start of the week").
STORY = SAMPLES.parent / "tests" / "stories" / "port-strike"
STORY_AGREEMENTS = {
    "walkout began on Monday": {"Harbour Times": "walked off the job on Monday", "Coastal Herald": "went on strike on Monday",
                                "Daily Meridian": "since the start of the week"},
    "share of container traffic": {"Harbour Times": "about 40 percent", "Coastal Herald": "Roughly 40%"},
    "offer turned down": {"Harbour Times": "rejected an offer of a 3 percent raise", "Daily Meridian": "was turned down by the union"},
}
NEVER_TOGETHER = [("Norwegian embassy", "Danish embassy"), ("there were signs that the union", "there was no sign that members")]


@pytest.fixture(scope="module")
def story(tmp_path_factory, embedder):
    library = Library(IndexSettings(home=tmp_path_factory.mktemp("story-home")), embedder=embedder)
    assert library.ingest([str(STORY)]).ok
    result = compare(library)
    return result, {r.id: r.outlet for r in result.sources}


def test_story_finds_agreements_worded_differently(story):
    comparison, outlets = story
    for fact, wordings in STORY_AGREEMENTS.items():
        found = any(len({outlets[c.article_id] for c in item.citations for outlet, words in wordings.items()
                         if outlets[c.article_id] == outlet and words in c.quote}) >= 2 for item in comparison.consensus)
        assert found, f"the agreement on {fact} is missing: {[i.claim for i in comparison.consensus]}"


def test_story_has_no_false_agreement(story):
    comparison, _ = story
    for item in comparison.consensus:
        quotes = " | ".join(c.quote for c in item.citations)
        for one, other in NEVER_TOGETHER:
            assert not (one in quotes and other in quotes), f"false agreement: {quotes}"
    # Different embassies are each outlet's own detail.
    unique = " ".join(c.text for group in comparison.unique for c in group.claims)
    assert "Norwegian embassy" in unique and "Danish embassy" in unique


def test_headline_fragments_cut_off_sentences_and_editors_notes_are_never_facts(tmp_path, embedder):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, outlet, lead in (("a", "Daily Post", "The port of Halden closed on Monday after dock workers went on strike over pay."),
                               ("b", "Evening Star", "Dock workers at Halden went on strike on Monday over pay, closing the port.")):
        (folder / f"{name}.txt").write_text(
            f"Title: Strike at Halden\nOutlet: {outlet}\n\nHigh-level talks to take place in Oslo as the strike enters its second week\n\n"
            f"{lead} Union leaders said they would meet employers on Thursday. The difference this time is that the union has...\n\n"
            "(STORY CAN END HERE.\n")
    library = Library(IndexSettings(home=tmp_path / "home"), embedder=embedder)
    assert library.ingest([str(folder)]).ok
    comparison = compare(library, [r.id for r in library.articles()])  # named: these short texts are flagged as not articles
    claims = [item.claim for item in comparison.consensus] + [c.text for g in comparison.unique for c in g.claims]
    assert claims and not any("talks to take place" in c or "STORY CAN END" in c or "the union has" in c for c in claims)


@pytest.mark.parametrize(("sentence", "claims"), [
    ("Facing criticism about its older, male, and white membership and vocal concerns about diversity, the Academy has responded.", 1),
    ("The Academy sent 683 invitations today to film professionals, almost half of them women, and 41% of them people of color.", 1),
    ("She first used the hashtag on Twitter after the 2015 nominations were announced, and again when the same occurred this year.", 1),
    ("The team used two telescopes in Hawaii and one in Chile, and the Very Large Telescope in the Atacama, to make maps of Mars.", 1),
    ("Police arrested two men on Friday near the station, and a third suspect was detained later in the evening by officers.", 2),
    ("The pressure seems to be partially working: The utility announced a $1 million fund on Tuesday for residents.", 2),
    ("The list of demands includes: higher pay, shorter shifts and safer cranes at every berth.", 1),
    ("The call then dropped, and his attempts to call her back were unsuccessful.", 2),
    ("The plant employs about 900 people in the valley, and trucking firms began moving stock to other depots overnight.", 2),
    ("The river rose two metres above its banks overnight, and flooding homes along the lower road.", 1),
    # a second verb of the same subject, irregular or of saying: "…, and says he was shocked"
    ("Ms. Okafor called the pair warm and generous, and says she was stunned by the news, and doubted it was an accident.", 1),
    ("The coach thanked the fans after the final whistle, and told reporters the season was not over.", 1),
])
def test_a_list_or_a_dependent_part_is_never_a_fact_of_its_own(sentence, claims):
    from bot.claims import split_claims

    parts = [sentence[a:b] for a, b in split_claims(sentence)]
    assert len(parts) == claims, parts


@pytest.mark.parametrize("sentence", [
    "Court documents obtained by the site expose what he has been paid for his duties, and what his demands are going forward.",
    "Dry and wet spells reshaped the landscape around 320,000 years ago, conclude Potts, of the Smithsonian, and colleagues in another paper.",
])
def test_an_object_clause_or_a_co_author_after_and_stays_with_its_sentence(sentence):
    from bot.claims import split_claims

    assert split_claims(sentence) == [(0, len(sentence))]


@pytest.mark.parametrize(("sentence", "claim"), [
    ("HARBOR CITY (Reuters) - Residents of low-lying streets should leave on Friday, the mayor said.",
     "Residents of low-lying streets should leave on Friday, the mayor said."),
    ("MILLBROOK, Vt. — A barn fire destroyed the winter hay of three dairy farms.", "A barn fire destroyed the winter hay of three dairy farms."),
    ("NASA said on Monday it would delay the launch by a week.", "NASA said on Monday it would delay the launch by a week."),
])
def test_a_claim_is_shown_without_the_dateline_its_sentence_opens_with(sentence, claim):
    from bot.citations import Citation
    from bot.compare import _marked_part

    # the line leaves the dateline out without an ellipsis; the citation keeps the whole sentence
    assert _marked_part(Citation("a", sentence, 0, len(sentence)), 0, len(sentence), sentence) == claim


def test_two_values_share_a_slot_only_when_the_claims_share_what_they_are_about():
    from bot.compare import _shares_a_subject, _slot_reading

    # once the figures are hidden, these share only placeholders and hedges: two estimates of two things
    assert not _shares_a_subject(_slot_reading("It could be 55,000 maybe 60,000 years ago."),
                                 _slot_reading("They thought maybe it would reach back about 5,000 years."))
    assert _shares_a_subject(_slot_reading("Some 2,800 workers went on strike on Monday."),
                             _slot_reading("Roughly 3,200 dock workers began an open-ended strike on Monday."))
    assert _slot_reading("The repairs will cost $4.2 million, according to a memo shared with the council.") == \
        "The repairs will cost an amount."


def test_days_given_to_two_events_of_one_sentence_pair_are_no_conflict():
    from bot.compare import _shares_a_subject, _value_clauses

    found = "A decomposing body was found inside a pillar of a supermarket in Lancaster on Saturday."
    named = "The coroner's office on Tuesday released the name of a man whose decomposing body was found inside a pillar."
    assert not _shares_a_subject(*_value_clauses(found, named))  # found on Saturday, named on Tuesday
    assert _shares_a_subject(*_value_clauses("The first standings will be released Oct. 25.",
                                             "The league will publish its standings, with the first installment Oct. 23."))


def test_a_claim_core_leaves_out_its_adjuncts():
    from bot.claims import claim_core

    assert claim_core("Ashford Falls closed the Greaves Street Bridge on Tuesday, March 10, cutting off one of the busiest routes.") == \
        "Ashford Falls closed the Greaves Street Bridge on Tuesday, March 10."
    assert claim_core("Town officials shut the bridge on March 10 after an inspection found corroded beams.") == \
        "Town officials shut the bridge on March 10."
    assert claim_core("Shares fell after the report.") == "Shares fell after the report."  # too short a core to read alone


def test_the_samples_agree_on_the_closure_worded_with_different_details(comparison, outlets):
    closed = [item for item in comparison.consensus if any("closed the Greaves Street Bridge on Tuesday" in c.quote for c in item.citations)]
    assert len(closed) == 1 and len(closed[0].article_ids) >= 2
    assert any("was closed to all traffic on Tuesday" in c.quote for c in closed[0].citations)


def test_a_quotation_whose_speaker_is_not_found_is_never_what_an_outlet_adds(library, tmp_path):
    (tmp_path / "harbor-courier.txt").write_text(
        "Ferry service resumes after storm\n\nFerry service across the Kellan River resumed on Wednesday after two days of "
        "storms. The operator said the first crossing left at 6 a.m. with 40 passengers aboard.\n\n"
        "\"The boats are safe. The crews checked every hull overnight. We are ready for the morning rush.\" "
        "The operator plans to add two crossings on Friday, and commuters who waited at the west landing said the "
        "two-day stoppage had forced them onto a long detour through the Oakmont Avenue Bridge.")
    (tmp_path / "valley-news.txt").write_text(
        "Kellan River ferries sail again\n\nThe Kellan River ferry restarted its crossings on Wednesday morning, after storms "
        "had halted it for two days. Forty passengers rode the first boat at 6 a.m., the operator said. Ticket prices "
        "stay the same, and the operator will publish a winter timetable next month. The storms also closed two schools "
        "on the east bank, which reopened on Wednesday as well, and the town said repairs to the landing would cost "
        "about $40,000.")
    assert library.ingest([str(tmp_path)]).ok
    comparison = compare(library)
    added = [claim.text for group in comparison.unique for claim in group.claims]
    assert added, "each outlet still adds something of its own"
    assert not any(word in text for text in added for word in ("boats are safe", "checked every hull", "morning rush"))


def test_an_agreement_shows_the_wording_the_other_outlet_only_adds_to(tmp_path, embedder):
    from tests.conftest import library_of

    library = library_of({
        "dunmore-post": "The mayor of Dunmore, who took office in 2019, resigned on Monday after losing a confidence vote. "
                        "Her deputy will lead the city until a special election in the spring. "
                        "The council meets again on Thursday to set the date of the vote. "
                        "Two council members had called for her removal over a delayed housing project. "
                        "The project, a block of 120 flats near the river, is now two years behind schedule. "
                        "She did not take questions from reporters after the vote.",
        "lakeside-news": "The mayor of Dunmore resigned on Monday. "
                         "Residents gathered outside city hall to hear the statement read aloud. "
                         "Several shops on Main Street closed early for the afternoon. "
                         "Local radio carried the council session live for the first time this year. "
                         "A group of teachers said they hoped the next mayor would fund school repairs. "
                         "The city's budget for next year has not yet been approved.",
    }, tmp_path, embedder)
    comparison = compare(library)
    resigned = [item for item in comparison.consensus if any("resigned on Monday" in c.quote for c in item.citations)]
    assert len(resigned) == 1 and len(set(resigned[0].article_ids)) == 2
    # the shared fact is what both say; the sentence with the extra clauses adds to it, and is cited beside it
    assert "who took office" not in resigned[0].claim and "resigned on Monday" in resigned[0].claim


def test_every_outlets_sentence_on_the_closure_is_shown_agreed_or_beside_it(comparison, outlets):
    # Each of the four outlets opens with the bridge's closure. A sentence the judge aligns with another outlet's is never
    # dropped: it is in the agreement, or, when it is not aligned with every sentence there, shown beside it unconfirmed.
    def shown(snippet: str) -> bool:
        agreed = any(snippet in c.quote for item in comparison.consensus for c in item.citations)
        return agreed or any(snippet in c.quote for call in comparison.close_calls for c in call.claim.citations)

    for snippet in ("closed the Greaves Street Bridge on Tuesday", "shut the Greaves Street Bridge on March 10"):
        assert shown(snippet), snippet
    alone = [claim.text for group in comparison.unique for claim in group.claims]
    assert not any("Greaves Street Bridge on" in text for text in alone)


def test_values_of_two_things_are_told_apart_by_their_words():
    from bot.claims import values_of_two_things

    # a further group, another ordinal, another place in the same spot: two things, whatever the judge reads
    assert values_of_two_things("Three people had to be hospitalized.", "Another 58 people remained hospitalized.")
    assert values_of_two_things("The first fee is the one a bank charges its own customers, typically $2.",
                                "The second fee is the surcharge the machine's owner charges, typically $1.50.")
    assert values_of_two_things("The river's level measured at Lianhuatang rose to 35.79 meters at 8 p.m. today.",
                                "The river's level at Jiujiang stood at 22.46 meters at 2 p.m. today.")
    # whose values? a pronoun does not say, and two outlets' "his" may be two suspects; two named people are two
    assert values_of_two_things("His bond was set at $200,000.", "His bond was set at $100,000.")
    assert values_of_two_things("Jordan Scott, 19, of Fairmont, is charged with four counts of setting fire to woods.",
                                "Willie Fuentes Strickland, 42, of Fairmont, was charged with two counts of setting fire to woods.")
    # an event put off and the same event on schedule are two outcomes, never one fact
    from bot.claims import contrasting
    assert contrasting("Sunday's dedication of the memorial was postponed as the storm neared.",
                       "The dedication of the memorial on Aug. 28, at which the president will speak, is still on schedule.")
    # a vow and the deed are two events: "vowed to respond" is not yet "responded"
    assert contrasting("Ministers in the capital vowed to respond with the same duties on imported steel.",
                       "The capital responded by imposing the same duties on imported steel.")
    assert not contrasting("The capital responded with duties on steel.", "The capital responded by imposing duties on steel.")
    # what could happen and what is: "could" reach 130 mph is no other value of the winds that do blow at 74 mph
    assert values_of_two_things("Some forecasters said the storm could grow stronger, with sustained winds topping 130 mph.",
                                "The storm's hurricane-strength winds of at least 74 mph extend 70 miles from its core.")
    # what is to happen and what did happen, with one verb: the deal's term to serve is no other value of an earlier term
    assert values_of_two_things("The court approved a deal for the former mayor to serve 4 years in prison.",
                                "The former mayor served two years in prison for the earlier bribery case.")
    assert not values_of_two_things("The former mayor will serve 4 years in prison.", "The former mayor will serve two years in prison.")
    # one thing given two values: a count, a cost, a date, a day
    assert not values_of_two_things("Some 2,800 workers at the port went on strike on Monday.",
                                    "Roughly 3,200 dock workers at the port began a strike on Monday.")
    assert not values_of_two_things("Town officials estimate the repairs will cost $6.8 million.",
                                    "Preliminary estimates put the cost of repairs at $4.2 million.")
    assert not values_of_two_things("The first standings will be released Oct. 25.", "The league will publish the first standings Oct. 23.")
    assert not values_of_two_things("The fund was announced on Tuesday.", "The water department announced the fund on Wednesday.")


def test_a_conditional_is_no_shared_fact_by_likeness_alone(tmp_path, embedder):
    # "if the union agrees, the city would drop its plan" and "the union will strike if the city closes schools" are
    # alike in topic and words; neither states what the other does
    comparison = _compared({
        "harbor-post": "The city council met on Tuesday to debate next year's budget. One council member said the city is "
                       "trying to win support from the teachers' union and if the union agrees, it is possible the city would "
                       "drop its plan to close two schools. The vote is expected next month.",
        "valley-ledger": "The teachers' union warned Tuesday it will strike if the city closes any schools, following a report "
                         "that the council will propose closing two schools next year. Union leaders met with parents on Monday.",
    }, tmp_path, embedder)
    assert not [item.claim for item in comparison.consensus]


def test_a_denied_negative_word_is_no_denial():
    from index.text import has_negation

    assert not has_negation("It's not wrong to say it's a bribe; it is a bribe.")
    assert not has_negation("There is no doubt the money changed hands.")
    assert has_negation("It's not a bribe.") and has_negation("The committee did not say it was wrong.")


def test_a_round_figure_stands_for_the_figure_it_rounds_and_no_other():
    from bot.claims import DisagreementKind, claim_conflict, swapped

    # one outlet rounds an account's balance, the other gives it to the dollar: one value, not two
    assert claim_conflict("A golf course owes $437,000.", "The golf course has a delinquent balance of $437,714.") is None
    assert claim_conflict("The state of Michigan owes $70,000.", "The State of Michigan owes $70,246.") is None
    assert claim_conflict("The city has 46,000 unpaid accounts.", "The city has 46,125 unpaid accounts.") is None
    assert not swapped("The state of Michigan owes $70,000.", "The State of Michigan owes $70,246.")
    # a figure rounds to its own place only, within a few percent: these are two values
    assert claim_conflict("A golf course owes $437,000.", "The golf course owes $439,100.").kind == DisagreementKind.MONEY
    assert claim_conflict("The fund holds $1 million.", "The fund holds $1.2 million.").kind == DisagreementKind.MONEY
    assert claim_conflict("Police arrested 50 protesters.", "Police arrested 52 protesters.").kind == DisagreementKind.NUMBER
    assert claim_conflict("The state owes $70,000.", "The state owes $75,000.").kind == DisagreementKind.MONEY
    assert swapped("The state of Michigan owes $70,000.", "The State of Michigan owes $75,000.")


def test_a_figure_spelled_out_or_written_as_a_range_is_the_same_figure():
    from bot.claims import swapped

    # one outlet writes the brother's quote "7-10 times", another "seven to 10 times": the same figures, no swap
    assert not swapped('Walter complained "7-10 times the car would swivel toward the barrier."',
                       'Walter had complained "seven to 10 times the car would swivel toward the barrier."')
    # spelled or not, two different counts in one place are a swap, at the start of a sentence too
    assert swapped("Seven people died in the fire.", "Eight people died in the fire.")
    assert swapped("Police arrested seven protesters.", "Police arrested 9 protesters.")


def test_similar_words_around_different_figures_are_two_facts():
    from bot.compare import _figures_apart

    # two lines on one storm's track: where it is and how fast it moves, each with figures the other lacks
    assert _figures_apart("The Category 3 storm withdrew from the Bahamas late Thursday, traveling north at 14 mph.",
                          "The storm is 105 miles (169 kilometers) east-northeast of Nassau, the Bahamas.")
    # a figure one side adds, or one both give, is a detail of one fact
    assert not _figures_apart("The storm withdrew from the Bahamas late Thursday.", "The storm left the Bahamas at 14 mph.")
    assert not _figures_apart("The storm moved north at 14 mph on day 3.", "It was moving at 14 mph.")


def test_two_parts_of_one_day_are_two_values_and_a_bare_day_is_either():
    from bot.claims import claim_conflict

    morning = "The store manager complained about a strong smell on Saturday morning."
    assert claim_conflict(morning, "The store manager reported the smell on Saturday afternoon.")
    assert not claim_conflict(morning, "The store manager reported the smell on Saturday.")
    assert claim_conflict("The smell was reported on Saturday.", "The smell was reported on Sunday evening.")


def test_a_month_named_may_is_shown_as_the_month():
    from bot.claims import claim_conflict

    disagreement = claim_conflict("Johnson was named police chief in May 2014.", "Johnson was named police chief in April 2014.")
    assert disagreement is not None and "May" in disagreement.a and "April" in disagreement.b


def test_at_least_a_small_count_allows_the_next_one():
    from bot.claims import claim_conflict

    # "at least three" may be four; "more than 400" is not 550
    assert not claim_conflict("He cited irregularities in at least three other Olympic cities.", "He cited irregularities in at least four Olympic cities.")
    assert claim_conflict("More than 400 members joined the delegation.", "A delegation of 550 members joined.")


def test_two_times_of_day_for_one_report_are_a_conflict(tmp_path, embedder):
    from tests.conftest import library_of

    library = library_of({
        "elm-gazette": "A gas leak closed a hardware store on Elm Road over the weekend. On Saturday afternoon, the manager of the "
                       "store reported a strong smell coming from a storage room. Firefighters shut off the supply and aired the "
                       "building. The store reopened on Monday after an inspection. The owner thanked customers for their patience. "
                       "The road was closed to traffic for about two hours while crews worked. A bakery next door lost a day of trade. "
                       "The town council said it would review the safety checks of older commercial buildings.",
        "county-wire": "Firefighters found a leaking gas pipe in a hardware store on Elm Road at the weekend. The store's manager "
                       "complained about a strong smell from a storage room Saturday morning. Nobody was hurt. The gas company said the pipe was more than forty years old and would be "
                       "replaced. Neighbouring shops stayed open throughout the weekend. The fire service urged residents to call "
                       "the emergency line if they smell gas at home. It said such leaks are rare but can be dangerous in closed rooms. "
                       "An engineer from the gas company will visit other stores on the same street this week.",
    }, tmp_path, embedder)
    comparison = compare(library)
    timed = [c for c in comparison.conflicts if "Saturday morning" in c.reason and "Saturday afternoon" in c.reason]
    assert len(timed) == 1 and len(timed[0].positions) == 2
    assert not any("strong smell" in c.quote for item in comparison.consensus for c in item.citations)


def test_an_outlet_with_a_close_call_beside_a_fact_may_report_it_in_the_coverage(comparison, outlets):
    # Valley Courier's closure sentence stands beside Metro Wire's as a close call: its cell in the closure's row is
    # "perhaps", not "not reported"
    cells = comparison.coverage()
    nearest: dict[str, list] = {}
    for call in comparison.close_calls:
        nearest.setdefault(call.article_id, []).extend(call.nearest)
    for index, item in enumerate(comparison.consensus):
        row = {c.article_id: c.status for c in cells if c.fact_index == index}
        for article_id, status in row.items():
            beside = any(n.article_id == c.article_id and n.start < c.end and c.start < n.end
                         for n in nearest.get(article_id, []) for c in item.citations)
            assert (status == "perhaps") == (beside and article_id not in item.article_ids)
    closure = next(i for i, item in enumerate(comparison.consensus) if any("closed the Greaves Street Bridge on Tuesday" in c.quote for c in item.citations))
    assert "perhaps" in {c.status for c in cells if c.fact_index == closure}


def test_a_weekday_and_a_month_day_name_one_day_and_are_no_swap():
    from bot.claims import swapped

    assert not swapped("The ferry was halted on Thursday morning after divers found a crack in the hull.",
                       "Officials halted the ferry on June 4 after divers found a crack in the hull.")
    assert swapped("The ferry was halted on Thursday morning after divers found a crack in the hull.",
                   "The ferry was halted on Saturday morning after divers found a crack in the hull.")
    assert swapped("The ferry was halted on June 4 after divers found a crack.", "The ferry was halted on June 9 after divers found a crack.")


def test_a_count_of_a_compound_noun_and_of_its_head_are_one_slot():
    from bot.claims import claim_conflict

    disagreement = claim_conflict("Some 1,400 steelworkers stayed home on Friday.", "About 1,900 workers at the mill stayed home on Friday.")
    assert disagreement is not None and "1,400" in disagreement.a and "1,900" in disagreement.b
    assert claim_conflict("Some 1,400 steelworkers stayed home on Friday.", "About 1,400 workers at the mill stayed home on Friday.") is None
    assert claim_conflict("Some 1,400 steelworkers stayed home.", "About 1,900 visitors came to the fair.") is None


def test_one_sum_announced_on_two_days_is_a_conflict_and_one_count_of_two_events_is_not(tmp_path, embedder):
    from tests.conftest import library_of

    library = library_of({
        "lakeside-herald": "The Marlow city council approved a $2.5 million relief fund on Monday for households whose basements "
        "flooded in last month's storm. Applications open next week at the town hall, and officials expect several hundred "
        "requests. Crews pumped water from 40 homes on Saturday, the fire department said. The river crested at four metres "
        "above its usual level before the rain stopped. Shop owners on the high street are still counting their losses.",
        "valley-dispatch": "On Tuesday, Marlow's council approved setting aside $2.5 million to help residents repair storm "
        "damage. The mayor called the vote a first step and promised a review of the town's drains. Volunteers cleared debris "
        "from 40 homes on Sunday near the river. Insurers have sent assessors to the worst-hit streets. Schools in the lower town "
        "will reopen once the buildings have dried out.",
    }, tmp_path, embedder)
    comparison = compare(library)
    days = [c for c in comparison.conflicts if any("$2.5 million" in p.claim for p in c.positions)]
    assert len(days) == 1 and "Monday" in days[0].reason and "Tuesday" in days[0].reason
    assert {p.article_id for p in days[0].positions} == {r.id for r in library.articles()}
    assert not any("40 homes" in p.claim for c in comparison.conflicts for p in c.positions)


def test_a_day_in_another_clause_than_the_shared_figure_dates_something_else():
    from bot.compare import _dates_figure

    figure = ("money", 2_500_000.0)
    assert _dates_figure("The council approved a $2.5 million relief fund on Monday for flooded households.", figure)
    assert _dates_figure("On Tuesday, the council approved setting aside $2.5 million for repairs.", figure)
    # the video is dated, the flush is not
    assert not _dates_figure("Video caught a man in the reservoir early Wednesday morning, prompting officials to "
                             "dump $2.5 million worth of water.", figure)


def test_a_measure_and_its_undoing_are_two_events_and_a_shared_dateline_is_no_shared_fact(tmp_path, embedder):
    from tests.conftest import library_of

    library = library_of({
        "desert-wire": "HALDEN, Norway (AP) -- The transport ministry has ordered the country's largest private flight school "
                       "to stop teaching foreign pilots, fearing the classes could give hostile states details of military aircraft. "
                       "The school said the order effectively closed it, since 15 of its 17 students are not Norwegian. "
                       "The ministry said it acted after four pilots from abroad applied for visas to train on fighter jets. "
                       "Tuition for the yearlong course is $500,000 per student.",
        "coast-wire": "HALDEN, Norway (AP) -- The transport ministry on Friday lifted the ban it had imposed on foreign pilots at a "
                      "private flight school over fears the classes could give hostile states details of military aircraft. "
                      "The ban had effectively closed the school, because 15 of its 17 students are not Norwegian. "
                      "The school must now obtain a licence to teach students from abroad, officials said. "
                      "Its director said classes would resume on Monday.",
    }, tmp_path, embedder)
    comparison = compare(library)
    for item in comparison.consensus:
        quotes = " ".join(c.quote for c in item.citations)
        assert not ("has ordered" in quotes and "lifted the ban" in quotes), item.claim
    assert any("15 of its 17 students" in c.quote for item in comparison.consensus for c in item.citations)


def test_one_thing_given_two_outcomes_is_a_conflict_and_two_things_are_not():
    from bot.claims import DisagreementKind, outcome_conflict

    put_off = outcome_conflict("As the storm neared, Sunday's dedication of the new harbour memorial was postponed.",
                               "The dedication of the harbour memorial on Aug. 28, where the governor will speak, is still on schedule.")
    assert put_off is not None and put_off.kind == DisagreementKind.OUTCOME and not put_off.is_value
    assert put_off.reason == "different outcome: postponed vs on schedule"
    # another name in the same place: two bodies, two votes
    assert outcome_conflict("The Senate approved the budget bill on Friday.", "The House rejected the budget bill on Friday.") is None
    # nothing in common but the outcome words
    assert outcome_conflict("The concert was postponed.", "Work on the stadium roof is on schedule, engineers said.") is None
    # killed / wounded is left to the judge: as often two people as one told two ways
    assert outcome_conflict("Three soldiers were killed in the attack on the convoy.", "Three soldiers were wounded in the attack on the convoy.") is None


def test_a_dedication_postponed_in_one_outlet_and_on_schedule_in_another_is_shown_as_a_conflict(tmp_path, embedder):
    comparison = _compared({
        "coast-daily": "As the hurricane swung north on Thursday, the governor declared a state of emergency and Sunday's "
                       "dedication of the new harbour memorial was postponed. Ferries stopped running at noon. "
                       "Shops along the front were boarded up by evening.",
        "capital-wire": "The dedication of the harbour memorial on Sunday, at which the governor is scheduled to speak, is "
                        "still on schedule, organisers said. Forecasters expect the storm to weaken before landfall. "
                        "Hotels in the city reported many cancellations.",
    }, tmp_path, embedder)
    outcomes = [c for c in comparison.conflicts if c.reason.startswith("different outcome")]
    assert len(outcomes) == 1 and len({p.article_id for p in outcomes[0].positions}) == 2, [c.reason for c in comparison.conflicts]


def _compared(texts: dict[str, str], tmp_path, embedder):
    """The comparison of short outlet texts (named: such short texts are flagged as not articles)."""
    from tests.conftest import library_of

    library = library_of(texts, tmp_path, embedder)
    return compare(library, [r.id for r in library.articles()])


def _ferry_story(tmp_path, embedder, norway: str, denmark: str):
    return _compared({
        "harbor-post": f"A ferry sank off the coast on Sunday with 80 people on board. {norway} Divers reached the wreck on Tuesday.",
        "valley-ledger": f"Rescuers searched the sea for a second day after a ferry sank on Sunday. {denmark} "
                         "The cause of the sinking is not known.",
    }, tmp_path, embedder)


def test_two_named_authorities_agree_only_by_the_judge(tmp_path, embedder):
    # one outlet credits a claim to Norway's regulator (no speaker read from "…, Norway's maritime directorate said"),
    # the other to Denmark's: alike in words, two authorities' statements, so likeness alone makes no shared fact
    comparison = _ferry_story(tmp_path, embedder,
                              "However, the company was only authorised to run that crossing three times a week, Norway's "
                              "maritime directorate said.",
                              "Denmark's Maritime Authority said Monday that from its end, the company had been approved to "
                              "run the crossing without limits.")
    assert not [item.claim for item in comparison.consensus if "crossing" in item.claim]


def test_a_schedule_on_some_weekdays_and_a_daily_one_conflict(tmp_path, embedder):
    from bot.claims import claim_conflict

    comparison = _ferry_story(tmp_path, embedder,
                              "However, the operator was only licensed to sail that route on Mondays, Wednesdays and Fridays, "
                              "Norway's maritime directorate said.",
                              "Denmark's Maritime Authority said Monday that from its end, the operator had been approved to "
                              "sail the route daily.")
    assert not [item.claim for item in comparison.consensus if "route" in item.claim]
    assert [c.reason for c in comparison.conflicts] == ["different day: Mondays, Wednesdays, Fridays vs daily"]
    assert claim_conflict("The museum opens daily except on Mondays.", "The museum opens on Sundays.") is None


def test_two_counts_of_the_people_one_event_befell_conflict(tmp_path, embedder):
    # the judge reads these two unlike sentences as unrelated; the arrests they count are one event
    comparison = _compared({
        "harbor-post": "Protesters blocked the gates of the county landfill on Thursday morning. At least nine of the activists "
                       "were arrested by county police and charged with trespassing when they refused to leave the entrance. "
                       "The landfill reopened in the afternoon.",
        "valley-ledger": "County police on Thursday arrested eight people, including two local pastors, who were protesting the "
                         "landfill's expansion. A hearing on the expansion is set for next month.",
    }, tmp_path, embedder)
    assert [c.reason for c in comparison.conflicts] == ["different number: at least nine of the activists vs eight people"]


def test_a_count_of_some_people_above_a_count_of_all_disagrees_and_below_it_is_a_part():
    from bot.claims import claim_conflict, people_count_conflict

    assert people_count_conflict("At least nine of the activists were arrested.", "Police arrested eight people.").reason == (
        "different number: at least nine of the activists vs eight people")
    assert people_count_conflict("Police arrested eight people.", "Police arrested 12 people.").reason == (
        "different number: eight people vs 12 people")
    assert people_count_conflict("Five children were killed in the fire.", "The fire killed 19 people.") is None
    assert people_count_conflict("The fire destroyed 12 homes.", "The fire destroyed 15 homes.") is None  # not people
    # one claim counts both ways, and its count of all agrees with the other's
    assert people_count_conflict("Of 120 inmates held there since 1990, only three people have been released.",
                                 "The prison has released three people.") is None
    # whether the people are those of one event is the comparison's to tell, not a plain conflict of the words
    assert claim_conflict("At least nine of the activists were arrested.", "Police arrested eight people.") is None


def test_counts_of_people_in_two_outbreaks_are_no_conflict(tmp_path, embedder):
    # one verb ("sickened") by two counts is not one event: nothing else by the counts (who, where) is shared
    comparison = _compared({
        "harbor-post": "Health officials traced the illness to undercooked chicken. A salmonella outbreak that sickened at least "
                       "6 people visiting a mountain ski lodge has been traced to a supplier in the valley, officials said. "
                       "The lodge's kitchen was closed for cleaning.",
        "valley-ledger": "More than 140 people were sickened with a potentially serious strain of salmonella after a county "
                         "fair last weekend. Health officials said the fair's food stalls were inspected on Monday.",
    }, tmp_path, embedder)
    assert not comparison.conflicts


def test_two_lines_that_share_only_a_name_are_no_shared_fact(tmp_path, embedder):
    # alike to the embedder and a little to the judge, but nothing they say of the singer is in both
    comparison = _compared({
        "harbor-post": "Singer Mia Torres wore a long silver gown to the awards on Sunday night. Mia Torres has got it and she "
                       "isn't afraid to flaunt it. Her next album is due in the spring.",
        "valley-ledger": "Critics online said the gown was too formal for the evening. I don't know about you, but I love Mia "
                         "Torres for this. The awards were held at the city's concert hall.",
    }, tmp_path, embedder)
    assert not [item.claim for item in comparison.consensus if "love Mia" in " ".join(c.quote for c in item.citations)]
    # a paraphrase with no word in common is alike in meaning, not around a name; a name in quotation marks is a name
    import importlib

    only_names = importlib.import_module("bot.compare")._only_names_shared
    subject = frozenset({"harbour", "citi"})  # the story's subject, a name most of its claims carry
    assert not only_names("Officials stressed that no one was injured.", "Nobody was hurt, according to town officials.", subject)
    assert not only_names("Traffic is being detoured over the Oakmont Avenue Bridge.", "Drivers are sent to the Oakmont Avenue Bridge.",
                          subject)  # a rarer name shared is a fact's detail
    assert only_names("Harbour City isn't as calm as that.", 'Maybe not feeling safe in "Harbour City" is the point.', subject)

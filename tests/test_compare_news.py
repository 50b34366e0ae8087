"""The comparison on a three-outlet story written for these tests (tests/data/calder_bay_strike/): each outlet words the shared
facts its own way and adds details of its own, one gives another head count."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer import ExtractiveEngine
from bot.compare import compare, outlet_label
from bot.comparative import comparative_summary
from tests.conftest import library_of as _library_of

STORY = Path(__file__).parent / "data" / "calder_bay_strike"

# Sentences a careful reader finds in two or more of the articles (by a few words of each outlet's sentence).
SHARED = {
    "the 9 percent demand": ("union wants wages raised by 9 percent", "demanding a 9 percent pay rise", "wage increase of 9 percent"),
    "the 6 percent offer": ("operator has offered 6 percent", "final offer was a raise of 6 percent", "had offered a 6 percent raise"),
    "ships sent elsewhere": ("sending ships to other ports", "rerouted vessels to neighbouring ports", "began diverting vessels"),
}


@pytest.fixture(scope="module")
def story(tmp_path_factory, embedder):
    from index import IndexSettings, Library

    library = Library(IndexSettings(home=tmp_path_factory.mktemp("port-strike")), embedder=embedder)
    assert library.ingest([str(STORY)]).ok
    return library


@pytest.fixture(scope="module")
def comparison(story):
    return compare(story)


def _outlet(story, article_id: str) -> str:
    """The outlet label the comparison shows (these files name their outlet only by file name)."""
    records = story.articles()
    return outlet_label(next(r for r in records if r.id == article_id), records)


def _items_with(items, snippet: str):
    return [item for item in items if any(snippet in c.quote for c in item.citations)]


@pytest.mark.parametrize("fact", sorted(SHARED))
def test_a_fact_three_outlets_word_differently_is_one_agreement_of_all_three(story, comparison, fact):
    snippets = SHARED[fact]
    matches = [item for item in comparison.consensus if any(s in c.quote for c in item.citations for s in snippets)]
    assert len(matches) == 1, f"{fact}: {[m.claim for m in matches]}"
    assert len(set(matches[0].article_ids)) == 3
    for snippet in snippets:
        assert any(snippet in c.quote for c in matches[0].citations), snippet


def test_a_fact_several_outlets_report_is_never_only_one(comparison):
    unique = [claim.text for group in comparison.unique for claim in group.claims]
    for fact, snippets in SHARED.items():
        for snippet in snippets:
            assert not any(snippet in text for text in unique), f"{fact} listed as only one outlet's: {snippet}"


def test_a_detail_one_outlet_alone_gives_is_only_that_outlet(story, comparison):
    found = [(group.article_id, claim.text) for group in comparison.unique for claim in group.claims if "in 2019, lasted eleven days" in claim.text]
    assert len(found) == 1
    assert _outlet(story, found[0][0]) == "Harbor Courier"


def test_another_head_count_is_a_conflict_with_each_outlet_on_its_side(story, comparison):
    about_workers = [c for c in comparison.conflicts if any("2,800 workers" in p.claim for p in c.positions)]
    assert len(about_workers) == 1
    conflict = about_workers[0]
    assert "2,800" in conflict.reason and "3,200" in conflict.reason
    sides = {_outlet(story, p.article_id): p.claim for p in conflict.positions}
    assert "2,800" in sides["Daily Ledger"]
    assert "3,200" in sides["Coastal Times"]
    assert "3,200" in sides.get("Harbor Courier", "3,200")  # when listed, the third outlet stands with its own figure
    assert not any("2,800" in c.quote or "3,200" in c.quote for item in comparison.consensus for c in item.citations)


def test_the_comparative_summary_says_how_many_outlets_report_a_fact(story):
    summary = comparative_summary(story, compare(story), words=200)
    assert "All three outlets (" in summary.text


def test_the_answer_to_a_disputed_figure_gives_both_sides(story):
    answer = ExtractiveEngine(story).answer("How many workers went on strike?")
    assert answer.answerable
    assert "2,800" in answer.text and "3,200" in answer.text
    assert len({c.article_id for s in answer.sentences for c in s.citations}) >= 2


def test_what_one_outlet_adds_reads_whole_and_never_leans_on_the_sentence_before(tmp_path, embedder):
    from index import IndexSettings, Library
    from index.text import leans_on_previous

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "bay-tribune.txt").write_text(
        "Title: Calder Bay dockworkers strike\nOutlet: Bay Tribune\n\n"
        "Dockworkers at the Port of Calder Bay went on strike on Monday over pay. "
        "The port operator declined to say how many ships were delayed. "
        "They also refused to name the shipping companies that cancelled calls at the port. "
        "The port has eleven working berths along its northern quay, and its oldest crane was built in 1974 by a Scottish firm. "
        "Shop owners near the harbour said trade had slowed sharply since the weekend.\n")
    (folder / "coast-herald.txt").write_text(
        "Title: Strike halts Calder Bay port\nOutlet: Coast Herald\n\n"
        "About 3,000 dock workers at Calder Bay began a strike on Monday in a dispute over wages. "
        "Union leaders said the walkout would last until the operator improved its offer. "
        "Truck drivers waited for hours outside the terminal gates. "
        "The regional transport minister urged both sides to return to talks before the end of the week. "
        "Exporters of fruit and timber warned that their cargo could spoil or miss contracted delivery dates.\n")
    library = Library(IndexSettings(home=tmp_path / "library"), embedder=embedder)
    assert library.ingest([str(folder)]).ok
    comparison = compare(library)
    alone = [claim.text for group in comparison.unique for claim in group.claims]
    whole = "The port has eleven working berths along its northern quay, and its oldest crane was built in 1974 by a Scottish firm."
    assert whole in alone  # both clauses are this outlet's alone: the sentence is shown whole, once
    assert not any(text != whole and text in whole for text in alone)
    assert not any(leans_on_previous(text) for text in alone), alone  # "They also refused…" says nothing on its own
    assert all(not leans_on_previous(item.claim) for item in comparison.consensus)


def test_a_shared_fact_is_worded_by_a_sentence_that_reads_alone_not_a_clause_cut_from_inside_one(tmp_path, embedder):
    texts = {  # two outlets report the fact in a clause after ", and", one in a sentence of its own
        "harbour-post": "A winter storm swept across Calder Bay on Sunday night. Strong winds toppled two cranes at the port, and one "
                        "crushed the roof of the customs warehouse. About 4,000 homes lost power for several hours. Engineers from "
                        "the port authority inspected the remaining cranes on Monday morning and found cracks in two of them.",
        "bay-tribune": "Gusts of 90 miles an hour hit Calder Bay on Sunday. Two port cranes were blown over, and one crushed the roof "
                       "of the customs warehouse. Ferries to the islands were cancelled until Tuesday. The regional transport "
                       "minister visited the port on Monday and promised money for repairs to the quay and the warehouse.",
        "coast-herald": "A crane crushed the roof of the customs warehouse at Calder Bay port during Sunday's storm. Schools in the "
                        "town stayed closed on Monday. Residents of the seafront streets spent the morning clearing fallen branches "
                        "and broken glass from the roads. The town council opened its sports hall to families whose houses had been damaged.",
    }
    library = _library_of(texts, tmp_path, embedder)
    crushed = [item for item in compare(library).consensus if any("customs warehouse" in c.quote for c in item.citations)]
    assert len(crushed) == 1 and len(crushed[0].article_ids) == 3
    assert crushed[0].claim.startswith("A crane crushed the roof")  # the clause "one crushed the roof ..." is the most central


def test_a_claim_whose_figure_another_article_gives_in_its_own_words_is_never_only_one_outlets(tmp_path, embedder):
    texts = {
        "metro-desk": "Police chief Stephen Johnson was arrested on Friday in a prostitution sting in Broward County. "
                      "Jail records showed Johnson, 53, was being held on $300 bond. "
                      "The city council will meet on Monday to name an acting chief. "
                      "Johnson had led the department since the spring, after a string of complaints about officers.",
        "coast-daily": "The police chief of Miami Gardens was arrested in a sting by sheriff's deputies on Friday. "
                       "A magistrate set the bond at $300 during a brief hearing on Saturday morning, and the chief left the "
                       "courthouse without speaking to reporters. "
                       "Detectives said the sting had been planned for weeks and involved 14 officers. "
                       "Residents said they were shocked by the news and wanted answers from the mayor.",
    }
    library = _library_of(texts, tmp_path, embedder)
    alone = [claim.text for group in compare(library).unique for claim in group.claims]
    assert not any("$300" in text for text in alone), alone  # both outlets give the bond
    assert any("14 officers" in text for text in alone), alone  # a figure only one outlet gives stays its own


def test_a_sentence_a_page_prints_twice_is_listed_once_among_what_its_outlet_adds(tmp_path, embedder):
    twice = "Palestinian militants mounted their deepest-ever missile strikes into the heart of the country on Thursday."
    texts = {
        "harbour-post": f"{twice} A winter storm swept across Calder Bay on Sunday night. {twice} About 4,000 homes lost power "
                        "for several hours. Engineers inspected the remaining cranes on Monday morning and found cracks in two. The harbour "
                        "master said the port would reopen only after every crane had been checked by the insurers.",
        "coast-herald": "A winter storm hit Calder Bay on Sunday night, knocking out power to thousands of homes. Schools in the "
                        "town stayed closed on Monday. Residents spent the morning clearing fallen branches and broken glass. The "
                        "town council opened its sports hall to families whose houses had been damaged by the wind.",
    }
    library = _library_of(texts, tmp_path, embedder)
    alone = [claim.text for group in compare(library).unique for claim in group.claims]
    assert alone.count(twice) == 1, alone


def test_a_headline_repeated_as_the_lede_after_a_dateline_is_one_claim(tmp_path, embedder):
    """A web page prints its headline sentence, then the story opens with it again after a dateline: one claim, listed
    once wherever it goes (an agreement, a close call or what the outlet adds), never beside itself."""
    lede = "Former mayor Ellen Garza could be one step closer to parole after more than six years in a state prison."
    texts = {
        "valley-journal": f"{lede}\n\nCARSON FLATS — {lede} The parole board will hear her case on Thursday morning. Garza was "
                          "convicted in 2018 of taking bribes from a paving contractor. Her lawyer said she had completed every course "
                          "the prison offers. Two of the town's council members wrote letters in her support. The board usually announces its "
                          "decision within three weeks of a hearing.",
        "state-ledger": "The parole board meets on Thursday to decide whether Ellen Garza, the former mayor jailed for bribery, will be "
                        "released. Garza has served six years of a ten-year sentence. Prosecutors have not said whether they will "
                        "oppose her release. The contractor who paid her was never charged. The town elected a new mayor in a special "
                        "election the year after her arrest. Her sentence could end as early as next spring if the board says no.",
    }
    library = _library_of(texts, tmp_path, embedder)
    result = compare(library)
    journal = next(r.id for r in library.articles() if "valley" in (r.source or ""))
    cited = [c for item in result.consensus for c in item.citations if c.article_id == journal]
    cited += [c for group in result.unique for claim in group.claims for c in claim.citations if c.article_id == journal]
    cited += [c for call in result.close_calls if call.article_id == journal for c in call.claim.citations]
    said = [c for c in cited if "one step closer to parole" in c.quote]
    assert len(said) == 1, [c.quote for c in said]


def test_figures_of_two_different_things_are_no_conflict(tmp_path, embedder):
    """A profit and a sales figure in two outlets are values of two things: the model reads any two figures as
    contradicting, so a conflict needs the two claims to say the same once their figures are hidden."""
    texts = {
        "lake-ledger": "Brightwater Foods said on Tuesday that it earned $3.1 million in the third quarter, up from $1.2 million a year "
                       "earlier. Sales at the snack maker grew 18 percent to $52.4 million as supermarkets stocked more of its oat bars. "
                       "The company plans to open a second bakery in Marlow next spring. Its shares rose 6 percent in early trading on "
                       "Tuesday. The results beat the forecasts of most analysts, who had expected a smaller rise in sales.",
        "river-journal": "Brightwater Foods reported third-quarter revenue of $52.4 million on Tuesday, an 18 percent rise from a year "
                         "before. The snack maker's profit for the quarter was $3.1 million. Chief executive Dana Reyes said demand for "
                         "the oat bars had outpaced supply all summer. The shares closed 2 percent higher on Tuesday after rising as "
                         "much as 6 percent in the morning. The company did not say how much the new oat bar line had cost to launch.",
        "valley-wire": "Brightwater Foods, the Marlow snack maker, said quarterly sales rose to $52.4 million. The company earned $3.1 "
                       "million in the quarter, nearly three times as much as a year earlier. It will build a second bakery in Marlow, "
                       "to open next spring. Brightwater's shares gained 9 percent on Tuesday. Analysts at two Marlow brokerages "
                       "raised their forecasts for the full year after the figures came out.",
    }
    comparison = compare(_library_of(texts, tmp_path, embedder))
    for conflict in comparison.conflicts:
        claims = " | ".join(p.claim for p in conflict.positions)
        assert not ("$52.4 million" in claims and "$3.1 million" in claims), conflict.reason
    assert any("$3.1 million" in c.quote for item in comparison.consensus for c in item.citations)  # the profit two outlets give


def test_two_no_comment_lines_about_different_parties_are_no_agreement(tmp_path, embedder):
    from bot.claims import different_silent_parties, silent_party

    assert silent_party("The Russian Embassy in Washington didn’t respond to a request for comment on Sunday.") == "The Russian Embassy in Washington"
    assert silent_party("Police said the driver did not stop.") is None
    assert different_silent_parties("Harlow Systems did not respond to requests for comment.", "He didn't respond to an email seeking comment.")
    assert not different_silent_parties("The White House did not comment.", "The White House declined to comment.")
    texts = {
        "metro-desk": "The singer Rafe Calloway said on Sunday that he owes $40 million and asked two software billionaires for help. "
                      "He wrote that he needs the money to finish a new album and to open a music school in Chicago. "
                      "Harlow Systems and the venture firm Penrose Partners did not immediately respond to requests for comment. "
                      "Calloway released his last album in March and toured in Europe over the summer.",
        "coast-daily": "A fan of Rafe Calloway has started an online fundraiser for the singer, who says he is $40 million in debt. "
                       "Jordan Pike, a 27-year-old teacher from Duluth, set a goal of $1 million and has raised about $9,000 so far. "
                       "He didn't respond to an email seeking comment. "
                       "Pike's page says the money will go straight to Calloway if the goal is reached.",
    }
    comparison = compare(_library_of(texts, tmp_path, embedder))
    for item in comparison.consensus:
        quotes = " | ".join(c.quote for c in item.citations)
        assert not ("Harlow Systems" in quotes and "He didn't respond" in quotes), quotes


def test_a_claim_whose_rare_words_another_outlet_repeats_is_never_only_one_outlets(tmp_path, embedder):
    texts = {
        "lakeside-times": "A fire gutted the Marrowind textile mill in Hollis Creek on Tuesday night. "
                          "Mill spokeswoman Renata Voss released a statement on Wednesday saying the company was cooperating "
                          "fully with the state fire marshal. "
                          "The blaze sent a plume of black smoke over the river valley, and two nearby roads were closed. "
                          "About 140 workers were on the night shift when the alarm sounded. "
                          "The Canadian consulate in Hollis Creek did not respond to a request for comment on the workers.",
        "valley-ledger": "Investigators spent Wednesday sifting through the ruins of the Marrowind mill in Hollis Creek. "
                         "\"We are cooperating fully with the fire marshal and grieve with our neighbours,\" Marrowind spokeswoman "
                         "Renata Voss said in a statement. "
                         "The mill, built in 1924, had been scheduled for a safety inspection next month. "
                         "Volunteers set up a food bank for the workers at the town's community centre. "
                         "The Mexican consulate in Hollis Creek did not respond to a request for comment on the workers.",
    }
    library = _library_of(texts, tmp_path, embedder)
    comparison = compare(library)
    alone = [claim.text for group in comparison.unique for claim in group.claims]
    assert not any("cooperating fully" in text for text in alone), alone  # both outlets carry the spokeswoman's statement
    # ... and the reader sees it beside the other outlet's wording, unconfirmed, rather than not at all
    [call] = [c for c in comparison.close_calls if "cooperating fully" in c.claim.text]
    assert [c.quote for c in call.nearest] == ["\"We are cooperating fully with the fire marshal and grieve with our neighbours,\" "
                                               "Marrowind spokeswoman Renata Voss said in a statement."]
    assert {call.article_id, call.nearest[0].article_id} == {r.id for r in comparison.sources}
    # another consulate's silence is another fact: never told by the first, whatever words they share
    assert not any("consulate" in c.claim.text for c in comparison.close_calls)
    assert any("built in 1924" in text for text in alone), alone  # a detail only one outlet gives stays its own
    assert any("140 workers" in text for text in alone), alone


def _pellwick(complaint: str) -> dict[str, str]:
    """Two outlets on one water-plant shutdown; the second words the residents' complaint as given."""
    return {
        "harbour-post": "The town of Pellwick shut its water treatment plant on Monday after a pump failed. "
                        "Residents complained for weeks that the tap water smelled of chlorine. "
                        "The plant's manager, Idris Fallon, said repairs would take at least ten days. "
                        "Bottled water is being handed out at the Pellwick library from 9 a.m. each day. "
                        "The plant was last upgraded in 2009 at a cost of $4 million.",
        "county-record": "Pellwick's water plant was taken offline on Monday when a pump broke down. "
                         f"{complaint} "
                         "Manager Idris Fallon said the repairs would need at least ten days. "
                         "Schools in the district will stay open, officials said. "
                         "Council members plan to ask the state for emergency funds next week.",
    }


def test_a_claim_as_close_in_meaning_as_another_outlets_wording_is_never_only_one_outlets(tmp_path, embedder):
    # Two outlets tell the same complaint in words that share almost nothing ("smelled of chlorine" / "a strong bleach
    # odour"): the judge cannot confirm it, so neither outlet may be said to report it alone.
    texts = _pellwick("For much of the month, people in Pellwick reported a strong bleach odour from the water in their taps.")
    comparison = compare(_library_of(texts, tmp_path, embedder))
    alone = [claim.text for group in comparison.unique for claim in group.claims]
    assert not any("chlorine" in text or "bleach" in text for text in alone), alone
    calls = {call.claim.text: [c.quote for c in call.nearest] for call in comparison.close_calls}
    assert any("bleach" in claim and any("chlorine" in near for near in nearest) for claim, nearest in calls.items()) or \
        any("chlorine" in claim and any("bleach" in near for near in nearest) for claim, nearest in calls.items()), calls
    assert any("upgraded in 2009" in text for text in alone), alone  # what one outlet alone gives stays its own
    assert any("emergency funds" in text for text in alone), alone


def test_comparing_the_same_articles_again_words_each_shared_fact_the_same(tmp_path, embedder):
    # Two wordings of one fact are equally central; float noise (a clause encoded in another batch) must not pick the other.
    texts = _pellwick("For weeks, people in the town said a strong bleach odour came from their faucets.")
    library = _library_of(texts, tmp_path, embedder)
    first, again = compare(library), compare(library)
    assert first.consensus, first.to_json()
    assert [item.claim for item in first.consensus] == [item.claim for item in again.consensus]


def test_rare_words_tell_a_claim_only_where_more_than_names_are_shared():
    from bot.claims import words_told_in

    claims = ["Mill spokeswoman Renata Voss said the company was cooperating fully with the state fire marshal.",
              "In a letter to Governor Alma Reyes Tovar, the union accused the mill of ignoring safety reports."]
    sentences = ["Marrowind spokeswoman Renata Voss said the mill was cooperating fully with the fire marshal.",
                 "Governor Alma Reyes Tovar visited the town and praised the volunteers at the food bank.",
                 "The mill, built in 1924, had been scheduled for a safety inspection next month.",
                 "Volunteers set up a food bank for the workers at the town's community centre."]
    told = words_told_in(claims, sentences).toarray()
    assert told[0].tolist() == [True, False, False, False]
    assert not told[1].any()  # the governor's long name is shared, but nothing said about her
    assert words_told_in(["It is so."], ["So it is."]).tocoo().nnz == 0  # no content word at all: nothing told, no error


def test_a_contradiction_nothing_in_the_words_shows_is_never_a_conflict(tmp_path, embedder):
    from langchain_core.language_models import FakeListChatModel

    from bot.judge import LLMJudge, get_judge

    texts = {
        "north-star": "The former camp guard, who lived quietly in a farming village for sixty years, died last week at 93. "
                      "On May 8, the prosecutors' committee called on Canada to hand over the former guard so he could be tried. "
                      "Repairs to the courthouse where the hearings were to be held will cost $4 million, the council said on Monday. "
                      "His neighbours remembered him as a keen beekeeper who sold honey at the Saturday market.",
        "lake-post": "A man accused of taking part in a wartime massacre has died at the age of 93, his lawyer said. "
                     "The prosecutors' committee called on Canada to hand over the former guard so that he can be tried. "
                     "Repairs to the courthouse where the hearings were to be held will cost $6 million, the council said on Monday. "
                     "Historians said the archives released in 2008 named him as a member of the battalion.",
    }
    library = _library_of(texts, tmp_path, embedder)
    # An LLM judge (a fake standing in for the configured server) that reads every pair as a contradiction.
    reads_all_as_contradicting = FakeListChatModel(responses=["\n".join(f"{n}. contradiction" for n in range(1, 9))])
    comparison = compare(library, judge=LLMJudge(reads_all_as_contradicting, fallback=get_judge()))
    assert all(c.reason.startswith("different") for c in comparison.conflicts)  # a conflict always says what differs
    assert not any("hand over" in p.claim for c in comparison.conflicts for p in c.positions)
    assert any("hand over" in call.claim.text for call in comparison.close_calls)  # shown unconfirmed beside the other


_STORM = {
    "tide-gazette": "Thousands of residents left the barrier islands on Friday as Storm Mara moved toward the coast. Officials "
                    "ordered the evacuation of three coastal counties and opened twelve shelters inland. \"I've lived through storms "
                    "all my life, and I've only run from one,\" said a man who gave his name only as Walt. Gas stations along the "
                    "main highway ran out of fuel by the afternoon. The state's governor declared an emergency on Thursday evening.",
    "harbor-daily": "Storm Mara strengthened overnight and is expected to reach the barrier islands on Saturday. Residents north of "
                    "the islands will \"experience a raging storm,\" said Dana Pruitt, a forecaster with the regional weather service. "
                    "The governor declared a state of emergency on Thursday night. Ferry service to the islands was suspended until "
                    "Monday. Hospitals near the coast moved patients to facilities further inland.",
}


def test_two_peoples_words_are_never_one_fact_and_evening_is_night(tmp_path, embedder):
    """A resident's "I've lived through storms all my life" and a forecaster's "experience a raging storm" are two
    people's words, whatever the judge reads; "Thursday evening" and "Thursday night" are one time, so the governor's
    declaration is an agreement, not a conflict."""
    result = compare(_library_of(_STORM, tmp_path, embedder))
    cited = [{c.quote for c in item.citations} for item in result.consensus]
    assert not any(any("lived through storms" in q for q in quotes) for quotes in cited), [i.claim for i in result.consensus]
    assert not [c for c in result.close_calls if "lived through storms" in c.claim.text]  # nor "perhaps" the same
    declared = [item for item in result.consensus if any("declared" in c.quote for c in item.citations)]
    assert len(declared) == 1 and len(set(declared[0].article_ids)) == 2
    assert not any("evening" in c.reason or "night" in c.reason for c in result.conflicts), [c.reason for c in result.conflicts]


def _outlet_name(result, article_id: str) -> str:
    return outlet_label(next(r for r in result.sources if r.id == article_id), result.sources)


_SHELLING = {
    "north-star": "Two villagers were killed on Tuesday when a shell struck a market in Dravo. The army said it was investigating "
                  "the attack. Shops in the town stayed shut on Wednesday. The regional governor called for calm and promised "
                  "compensation to the families. Aid groups asked both sides to keep roads open for ambulances.",
    "plains-daily": "A shell hit the crowded market of Dravo on Tuesday, killing two villagers and destroying several stalls. "
                    "Residents said they had heard heavy guns firing from the hills since dawn. The market had reopened only a week "
                    "earlier after repairs. Farmers who sell there said they would not return until the guns fell silent.",
    "hill-courier": "Two soldiers were wounded on Tuesday when a shell struck a checkpoint near Dravo. The army moved extra "
                    "troops to the hills above the town overnight. A spokesman said the checkpoint would be rebuilt further from "
                    "the road. Convoys to the border were suspended for the rest of the week.",
    "river-post": "Tuesday's two deaths came when a shell landed in the busy market of Dravo, the first civilian deaths in the "
                  "town this year. Teachers moved lessons into basements for the rest of the week. The town's only hospital "
                  "asked for blood donors. Officials said the market would stay closed until further notice.",
}


def test_a_death_toll_three_outlets_word_apart_is_one_fact_and_a_wounded_count_is_not_it(tmp_path, embedder):
    """Three outlets tell the two deaths in the market in their own words; a fourth reports two soldiers wounded by a
    shell that day, which the small judge reads as the same fact as the death toll. Another outcome (wounded, not
    killed) is another fact: the toll is an agreement of the three, and the wounded soldiers are not part of it."""
    result = compare(_library_of(_SHELLING, tmp_path, embedder))
    wounded = [item for item in result.consensus if any("soldiers were wounded" in c.quote for c in item.citations)]
    assert not wounded, [(i.claim, [c.quote for c in i.citations]) for i in wounded]
    toll = [item for item in result.consensus if any("killed" in c.quote or "deaths" in c.quote for c in item.citations)]
    assert len(toll) == 1 and len(set(toll[0].article_ids)) == 3, [(i.claim, i.article_ids) for i in toll]
    # nor is it shown beside the death toll as perhaps the same: only the fourth outlet reports it
    assert not [c for c in result.close_calls if "soldiers were wounded" in c.claim.text]
    alone = {_outlet_name(result, group.article_id): [claim.text for claim in group.claims] for group in result.unique}
    assert any("soldiers were wounded" in text for text in alone.get("Hill Courier", [])), alone

"""A site's boilerplate, repeated word for word in unrelated articles, is clutter: shown as removed, never in an output,
and never cut from what is stored."""

from __future__ import annotations

from bot.answer import ExtractiveEngine
from index import IndexSettings, Library
from index.boilerplate import REASON

SITE_LINE = "The Valley Courier has been owned by its readers since 1921 and is published every weekday morning."
BRIDGE = """Bridge closes after inspectors find corroded beams

The Greaves Street Bridge closed on Tuesday after inspectors found corroded steel beams beneath the eastern span.
Repairs will cost about $6.8 million and take eleven months, the county engineer said at a briefing on Wednesday.
Drivers will be sent over the Mill Road crossing, which adds twelve minutes to a trip into the town centre.
Shop owners on Greaves Street said they feared losing customers during the busiest months of the year.
"""
SCHOOL = """School board approves a smaller budget

The Ashford school board voted five to two on Monday night to approve a budget that cuts spending by four percent.
The plan closes the district's oldest primary school in June and moves its two hundred pupils to a new building.
Parents filled the hall for three hours, and several asked the board to delay the vote until after the summer.
The superintendent said the savings would pay for twelve more teachers at the secondary school next year.
"""
HARVEST = """Apple growers report a record harvest

Orchards across the valley picked a record crop of apples this autumn after a warm spring and a wet summer.
Growers said prices had fallen by a fifth because the cold stores were full by the middle of October.
The regional growers' association asked supermarkets to buy more local fruit before the end of the year.
Some farms have started pressing surplus apples into juice and cider to sell at weekend markets.
"""
QUOTE = '"We will not reopen the bridge until every beam has been replaced and tested," the county engineer said.'
BRIDGE_OTHER = """Engineer says bridge repairs will take most of a year

Inspectors found rust through several steel beams of the Greaves Street Bridge, which carries traffic over the river.
The county engineer told reporters that repairs would take nearly a year and cost close to seven million dollars.
Businesses on Greaves Street worry that the detour over Mill Road will keep shoppers away from the town centre.
"""


def _write(folder, name, body, *extra):
    path = folder / name
    path.write_text("\n\n".join([body.strip(), *extra]) + "\n", encoding="utf-8")
    return str(path)


def _removed(library: Library) -> dict[str, list[str]]:
    return {r.title: sorted(x.text for x in r.removed if x.reason == REASON) for r in library.articles()}


def test_a_line_repeated_in_unrelated_articles_is_removed_when_read_and_kept_in_the_store(library, tmp_path):
    sources = [_write(tmp_path, "bridge.txt", BRIDGE, SITE_LINE), _write(tmp_path, "school.txt", SCHOOL, SITE_LINE),
               _write(tmp_path, "harvest.txt", HARVEST, SITE_LINE)]
    assert library.ingest(sources).ok
    assert _removed(library) == {title: [SITE_LINE] for title in _removed(library)} and len(_removed(library)) == 3
    for record in library.articles():
        assert SITE_LINE in library.article_text(record.id)  # stored as it was: nothing is lost
    for article in library.sentences():
        assert all(SITE_LINE not in article.sentence(i) for i in range(len(article.spans)))
        assert len(article.spans) == len(article.vectors) >= 3
    answer = ExtractiveEngine(library).answer("Who owns the Valley Courier and when is it published?")
    assert SITE_LINE not in answer.text

    # Removing two of the articles leaves the line in one article only: it is prose again.
    first = sorted(library.articles(), key=lambda r: r.title)[0]
    library.remove([r.id for r in library.articles() if r.id != first.id])
    assert _removed(library) == {first.title: []}
    assert any(SITE_LINE in a.sentence(i) for a in library.sentences() for i in range(len(a.spans)))


def test_the_verdict_does_not_depend_on_order_and_spares_a_quote_two_articles_of_one_story_share(embedder, tmp_path):
    bodies = [("bridge.txt", BRIDGE, QUOTE, SITE_LINE), ("bridge-other.txt", BRIDGE_OTHER, QUOTE),
              ("school.txt", SCHOOL, SITE_LINE), ("harvest.txt", HARVEST)]
    sources = [_write(tmp_path, name, body, *extra) for name, body, *extra in bodies]
    verdicts = []
    for name, order in (("forward", sources), ("backward", sources[::-1])):
        library = Library(IndexSettings(home=tmp_path / name), embedder=embedder)
        assert library.ingest(order).ok
        verdicts.append(_removed(library))
        # The two bridge stories quote the engineer alike: one story, so the quote stays in both.
        assert sum(QUOTE in a.sentence(i) for a in library.sentences() for i in range(len(a.spans))) == 2
    assert verdicts[0] == verdicts[1]
    assert verdicts[0]["Bridge closes after inspectors find corroded beams"] == [SITE_LINE]
    assert verdicts[0]["School board approves a smaller budget"] == [SITE_LINE]
    assert verdicts[0]["Apple growers report a record harvest"] == []

"""A library holding several stories: the comparison runs within one story and names the others."""

from __future__ import annotations

import pytest

from bot.compare import compare
from bot.report import comparison_markdown
from index import ManysidesError
from tests.conftest import SAMPLES
from tests.test_compare_news import STORY


@pytest.fixture(scope="module")
def two_stories(tmp_path_factory, embedder):
    from index import IndexSettings, Library

    library = Library(IndexSettings(home=tmp_path_factory.mktemp("two-stories")), embedder=embedder)
    assert library.ingest([str(SAMPLES), str(STORY)]).ok
    return library


def _outlets(library, comparison) -> set[str]:
    return {library.article(r.id).source.rsplit("/", 2)[-2] for r in comparison.sources}


def test_articles_of_two_stories_are_compared_one_story_at_a_time(two_stories):
    first, second = compare(two_stories), compare(two_stories, story=1)
    assert [len(s.article_ids) for s in first.stories] == [4, 3]
    assert _outlets(two_stories, first) == {"samples"} and _outlets(two_stories, second) == {"calder_bay_strike"}
    assert not {c.article_id for item in first.consensus for c in item.citations} & set(first.stories[1].article_ids)
    report = comparison_markdown(first)
    assert "hold 2 stories" in report and first.stories[1].label in report
    assert first.to_json()["stories"][1]["article_ids"] == list(first.stories[1].article_ids)


def test_a_story_that_is_not_there_is_a_one_line_error(two_stories):
    with pytest.raises(ManysidesError, match="no story 3"):
        compare(two_stories, story=2)


def test_one_story_adds_nothing_to_the_json(sample_library):
    assert "stories" not in compare(sample_library).to_json()


def test_the_cli_chooses_the_story_and_rejects_a_bad_word_budget_before_comparing(cli, samples_copy):
    import json

    assert cli("ingest", str(samples_copy), str(STORY))[0] == 0
    code, out, _ = cli("compare", "--story", "2", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["story"] == 1 and len(data["sources"]) == 3
    code, _, err = cli("summarize", "--compare", "--words", "0")
    assert code != 0 and "--words must be at least 1" in err


def test_only_the_chosen_storys_sentences_are_read(tmp_path, embedder):
    """Stories are found from the vectors stored at ingest: comparing one story never encodes another story's sentences."""
    from index import IndexSettings, Library

    library = Library(IndexSettings(home=tmp_path), embedder=embedder)
    assert library.ingest([str(SAMPLES), str(STORY)]).ok
    comparison = compare(library, story=1)
    cached = {path.name.split(".")[0] for path in (tmp_path / "sentences").rglob("*.npz")}
    assert cached == set(comparison.stories[1].article_ids)
    assert not cached & set(comparison.stories[0].article_ids)


def test_two_chosen_articles_of_different_stories_are_compared_with_a_warning(two_stories):
    from bot.views import comparison_view

    by_folder: dict[str, list[str]] = {}
    for record in two_stories.articles():
        by_folder.setdefault(record.source.rsplit("/", 2)[-2], []).append(record.id)
    apart = compare(two_stories, [by_folder["samples"][0], by_folder["calder_bay_strike"][0]])
    together = compare(two_stories, by_folder["samples"][:2])
    assert apart.unrelated and apart.to_json()["unrelated"] is True
    assert "different stories" in comparison_view(apart).note
    assert not together.unrelated and "unrelated" not in together.to_json()
    assert "different stories" not in comparison_view(together).note

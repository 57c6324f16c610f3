"""Search on a large archive: the rank pool, the time limit, and broad searches counted among the
newest matches."""

from datetime import datetime, timezone

import pytest

from tests import factories as f
from tests.releases.search.helpers import (
    get,
    titles,
)

pytestmark = pytest.mark.django_db


def test_past_the_rank_pool_relevance_covers_the_latest_matches(client, committing, monkeypatch):
    monkeypatch.setattr("releases.search.matching.RANK_POOL", 2)

    def build():
        f.release("Asylum asylum asylum oldest", at=datetime(2001, 1, 1, tzinfo=timezone.utc))
        f.release("Middle", body="Asylum.", at=datetime(2002, 1, 1, tzinfo=timezone.utc))
        f.release("Newest", body="Asylum.", at=datetime(2003, 1, 1, tzinfo=timezone.utc))

    committing(build)
    response = get(client, q="asylum")
    assert response.context["results"].total == 3
    assert set(titles(response)) == {"Middle", "Newest"}
    assert "among the latest 2 matches" in response.content.decode()
    assert len(titles(get(client, q="asylum", sort="date"))) == 3


def test_a_search_that_runs_too_long_asks_for_a_narrower_one(client, committing, monkeypatch):
    monkeypatch.setattr("releases.search.matching.STATEMENT_TIMEOUT_MS", 1)
    committing(lambda: [f.release(f"Asylum item {i}", body="Asylum " * 2000) for i in range(30)])
    response = get(client, q='"asylum asylum asylum"')
    assert response.context["results"].timed_out
    assert "too much of the archive" in response.content.decode()


def test_a_broad_search_counts_its_newest_matches_and_says_so(client, committing, monkeypatch):
    from releases.search import matching as search

    monkeypatch.setattr(search, "BROAD_MATCHES", 0)  # every word counts as found in most of the archive
    monkeypatch.setattr(search, "BROAD_POOL", 3)

    def build():
        f.release("Detention report of 2019", at=datetime(2019, 6, 1, tzinfo=timezone.utc))
        for day in range(1, 7):
            f.release(f"Detention report {day}", at=datetime(2020, 1, day, tzinfo=timezone.utc))
        f.release("Detention draft", state="draft", at=datetime(2018, 1, 1, tzinfo=timezone.utc))

    committing(build)
    response = get(client, q="detention", sort="date")
    results = response.context["results"]
    assert results.estimated and results.ranked_pool == 3
    assert titles(response) == ["Detention report 6", "Detention report 5", "Detention report 4"]
    assert results.total >= 3
    html = response.content.decode()
    assert "About " in html and "the other counts cover the latest 3 results." in html
    assert "among the latest 3 matches" in get(client, q="detention").content.decode()
    # Years: every year of the public archive (no draft's), uncounted, so an older one can be chosen.
    year = next(facet for facet in results.facets if facet.name == "year")
    assert [(v.label, v.count) for v in year.values] == [("2020", None), ("2019", None)]
    older = get(client, q="detention", year="2019")
    assert titles(older) == ["Detention report of 2019"]
    issuers = next(facet for facet in results.facets if facet.name == "issuer")
    assert sum(v.count for v in issuers.values) == 3  # the newest three
    assert set(titles(get(client, q="detention"))) == {f"Detention report {d}" for d in (4, 5, 6)}


def test_a_narrow_search_is_counted_exactly(client, committing, monkeypatch):
    from releases.search import matching as search

    monkeypatch.setattr(search, "BROAD_POOL", 3)
    committing(lambda: [f.release(f"Detention report {day}") for day in range(1, 7)])
    narrow = get(client, q="detention").context["results"]  # six matches: under BROAD_MATCHES
    assert (narrow.estimated, narrow.total) == (False, 6)


def test_a_broad_phrase_is_looked_for_among_the_newest_releases_only(client, committing, monkeypatch):
    from releases.search import matching as search

    monkeypatch.setattr(search, "BROAD_MATCHES", 0)
    monkeypatch.setattr(search, "BROAD_POOL", 3)

    def build():
        for day in range(1, 7):
            f.release(
                f"Phrase {day}",
                body="Family separation at the border.",
                at=datetime(2020, 1, day, tzinfo=timezone.utc),
            )
        for day in range(7, 13):  # newer: the words, not the phrase
            f.release(f"Words {day}", body="Separation of a family.", at=datetime(2020, 1, day, tzinfo=timezone.utc))

    committing(build)
    monkeypatch.setattr(search, "PHRASE_WINDOW", 4)  # the newest four hold none: counted exactly
    exact = get(client, q='"family separation"').context["results"]
    assert (exact.estimated, exact.total) == (False, 6)
    monkeypatch.setattr(search, "PHRASE_WINDOW", 20)  # all of them: the newest three matches
    response = get(client, q='"family separation"', sort="date")
    assert response.context["results"].estimated
    assert titles(response) == ["Phrase 6", "Phrase 5", "Phrase 4"]


def test_estimates_are_rounded():
    from releases.search.matching import about

    assert [about(n) for n in (7, 480, 4214, 48678, 78631)] == [7, 480, 4200, 49000, 79000]

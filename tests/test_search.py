from datetime import datetime, timezone

import pytest
from django.urls import reverse

from releases import search_index
from releases.search import MAX_QUERY_LENGTH, Query
from tests import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("releases:search")


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the after-commit refresh of search documents for whatever the test creates."""

    def run(build):
        with django_capture_on_commit_callbacks(execute=True):
            return build()

    return run


def titles(response):
    return [hit.release.title for hit in response.context["results"].hits]


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.status_code
    return response


def test_a_title_match_outranks_a_body_match(client, indexed):
    def build():
        f.release("Budget hearing notes", body="The council discussed detention beds at length.")
        f.release("Detention beds expand", body="The county announced a new contract.")

    indexed(build)
    assert titles(get(client, q="detention")) == ["Detention beds expand", "Budget hearing notes"]


def test_sort_by_date(client, indexed):
    def build():
        f.release("Older detention title", at=datetime(2010, 1, 1, tzinfo=timezone.utc))
        f.release("Newer item", body="About detention.", at=datetime(2020, 1, 1, tzinfo=timezone.utc))

    indexed(build)
    assert titles(get(client, q="detention", sort="date")) == ["Newer item", "Older detention title"]


def test_phrase_and_exclusion(client, indexed):
    def build():
        f.release("Family separation ends", body="A court ordered the family separation policy ended.")
        f.release("Separation of the family court", body="Budget news.")
        f.release("Family separation and detention", body="Detention continues.")

    indexed(build)
    assert set(titles(get(client, q='"family separation"'))) == {
        "Family separation ends",
        "Family separation and detention",
    }
    assert titles(get(client, q='"family separation" -detention')) == ["Family separation ends"]
    assert set(titles(get(client, q="budget or court"))) == {
        "Family separation ends",
        "Separation of the family court",
    }


def test_stemming_and_accents(client, indexed):
    def build():
        f.release("Father deported after check-in", body="He was deported on Tuesday.")
        f.release("Statement by Ana Saldaña", body="Saldaña spoke for the families.")

    indexed(build)
    assert titles(get(client, q="deporting")) == ["Father deported after check-in"]
    assert titles(get(client, q="Saldana")) == ["Statement by Ana Saldaña"]
    assert titles(get(client, q="saldaña")) == ["Statement by Ana Saldaña"]


def test_section_numbers_like_287g(client, indexed):
    def build():
        f.release("End 287(g) agreements", body="The sheriff's 287(g) contract ends.")
        f.release("Section 287 and the letter g", body="Page 287 of the report. The g is silent.")

    indexed(build)
    response = get(client, q="287(g)")
    assert titles(response) == ["End 287(g) agreements"]
    assert "<mark>287(g)</mark>" in str(response.context["results"].hits[0].excerpt)
    assert titles(get(client, q='"287(g) agreements"')) == ["End 287(g) agreements"]


def test_excerpt_is_highlighted_and_escaped(client, indexed):
    def build():
        f.release("A release", body="Before <script>alert(1)</script> the sanctuary ordinance passed.")

    indexed(build)
    response = get(client, q="sanctuary")
    excerpt = str(response.context["results"].hits[0].excerpt)
    assert "<mark>sanctuary</mark>" in excerpt
    assert "<script" not in excerpt and "&lt;script" in excerpt
    assert b"<script>alert" not in response.content


def test_quote_match_names_the_speaker(client, indexed):
    def build():
        r = f.release("Coalition responds", body="The coalition issued a statement.")
        f.quote(r, "We will not stop until every family is reunited.", speaker=f.person("Maria Saldaña"))
        f.release("Unrelated", body="Families reunited in body text only.")

    indexed(build)
    response = get(client, q="reunited")
    hits = {hit.release.title: hit for hit in response.context["results"].hits}
    assert hits["Coalition responds"].quote_source == "Maria Saldaña"
    assert "<mark>reunited</mark>" in str(hits["Coalition responds"].quote_excerpt)
    assert hits["Unrelated"].quote_source == ""
    assert "Matched in a quote by Maria Saldaña" in response.content.decode()


def test_signatories_topics_and_resources_are_searched(client, indexed):
    def build():
        r = f.release("Joint letter", body="Text.")
        f.signatory(r, f.organization("Pinebrook Legal Aid"))
        r.topics.add(f.topic("Courtwatch"))
        f.resource(r, title="Annotated transcript")

    indexed(build)
    for q in ("Pinebrook", "courtwatch", "transcript"):
        assert titles(get(client, q=q)) == ["Joint letter"], q


def test_only_public_releases_are_searched_or_counted(client, indexed):
    def build():
        f.release("Public asylum ruling")
        f.release("Draft asylum ruling", state="draft")
        f.release("Scheduled asylum ruling", state="scheduled")
        f.release("Withdrawn asylum ruling", state="withdrawn")

    indexed(build)
    response = get(client, q="asylum")
    assert titles(response) == ["Public asylum ruling"]
    assert response.context["results"].total == 1
    assert all(v.count == 1 for facet in response.context["results"].facets for v in facet.values)
    assert "Draft" not in response.content.decode()


def test_facet_counts_agree_with_results(client, indexed):
    def build():
        coalition = f.organization("Coalition", slug="coalition")
        topic = f.topic("Detention", slug="detention")
        for year in (2014, 2015, 2015):
            r = f.release(f"Detention report {year}", issuer=coalition, at=datetime(year, 3, 1, tzinfo=timezone.utc))
            r.topics.add(topic)
        f.release("Detention elsewhere", at=datetime(2015, 3, 1, tzinfo=timezone.utc))
        f.release("Nothing to see", issuer=coalition)

    indexed(build)
    response = get(client, q="detention")
    facets = {facet.name: facet for facet in response.context["results"].facets}
    assert {v.value: v.count for v in facets["year"].values} == {"2014": 1, "2015": 3}
    assert {v.value: v.count for v in facets["issuer"].values}["coalition"] == 3
    for facet in facets.values():
        for value in facet.values:
            narrowed = client.get(value.url)
            assert narrowed.context["results"].total == value.count == len(titles(narrowed))
    both = get(client, q="detention", year="2015", issuer="coalition")
    assert both.context["results"].total == 2
    assert len(both.context["chips"]) == 2


def test_no_results_page_offers_to_remove_filters(client, indexed):
    def build():
        f.topic("Asylum", slug="asylum")
        f.release("Detention report")

    indexed(build)
    response = get(client, q="detention", topic="asylum")
    assert response.context["results"].total == 0
    content = response.content.decode()
    assert "No releases found" in content
    assert 'href="/search/?q=detention"' in content  # the chip's removal link


def test_did_you_mean_from_the_archive_vocabulary(client, indexed):
    indexed(lambda: f.release("Sanctuary ordinance", body="The sanctuary ordinance passed."))
    search_index.refresh_search_terms()
    response = get(client, q="sanctuery ordinance")
    assert response.context["results"].total == 0
    assert response.context["results"].suggestion == "sanctuary ordinance"
    assert "Did you mean" in response.content.decode()
    assert get(client, q="sanctuary").context["results"].suggestion == ""


def test_refresh_after_an_inline_quote_edit(client, indexed):
    release = indexed(lambda: f.release("Press conference"))
    quote = indexed(lambda: f.quote(release, "Nothing remarkable."))
    assert titles(get(client, q="moratorium")) == []
    quote.text = "We demand a moratorium."
    indexed(quote.save)
    assert titles(get(client, q="moratorium")) == ["Press conference"]
    indexed(quote.delete)
    assert titles(get(client, q="moratorium")) == []


def test_refresh_after_an_organization_or_topic_is_renamed(client, indexed):
    org = indexed(lambda: f.organization("Old Name Alliance"))
    topic = indexed(lambda: f.topic("Courts"))

    def build():
        issued = f.release("Issued one", issuer=org)
        issued.topics.add(topic)
        f.signatory(f.release("Signed one"), org)

    indexed(build)
    assert titles(get(client, q="Zephyrine")) == []
    org.name = "Zephyrine Alliance"
    indexed(org.save)
    assert set(titles(get(client, q="Zephyrine"))) == {"Issued one", "Signed one"}
    assert titles(get(client, q="Old Name")) == []
    topic.name = "Tribunals"
    indexed(topic.save)
    assert titles(get(client, q="tribunals")) == ["Issued one"]


def test_the_refresh_waits_for_the_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        f.release("Uncommitted moratorium")
    assert titles(get(client, q="moratorium")) == []
    for callback in callbacks:
        callback()
    assert titles(get(client, q="moratorium")) == ["Uncommitted moratorium"]


def test_pagination(client, indexed):
    indexed(lambda: [f.release(f"Asylum item {i}") for i in range(25)])
    first = get(client, q="asylum")
    assert len(titles(first)) == 20 and first.context["results"].total == 25
    second = get(client, q="asylum", page="2")
    assert len(titles(second)) == 5
    assert set(titles(first)).isdisjoint(titles(second))


def test_empty_query_sends_the_reader_to_the_archive_with_filters(client):
    f.topic("Asylum", slug="asylum")
    response = client.get(URL, {"q": "  ", "topic": "asylum", "page": "3"})
    assert response.status_code == 302
    assert response["Location"] == reverse("releases:release_archive") + "?topic=asylum"
    assert client.get(URL)["Location"] == reverse("releases:release_archive")


@pytest.mark.parametrize(
    "query_string",
    [
        "q=%22unclosed+quote",
        "q=%21%21%21+%3F%3F",
        "q=the+and+of",
        "q=abc%00def",
        "q=%00",
        "q=%FF%FE",
        "q=a+%26+%7C+%21+%3A*",
        "q=%27%3B+DROP+TABLE+releases_release%3B+--",
        "q=%28%28%28",
        "q=-",
        "q=or",
        "q=asylum&page=abc",
        "q=asylum&page=99999",
        "q=asylum&page=-1",
        "q=asylum&year=abcd&topic=%00&issuer=nope&signatory=%FF",
        "q=asylum&sort=%00",
        "q[]=x",
        "q=" + "asylum+" * 300,
    ],
)
def test_bad_input_gives_a_normal_page(client, indexed, query_string):
    indexed(lambda: f.release("Asylum ruling"))
    response = client.get(f"{URL}?{query_string}")
    assert response.status_code in (200, 302), response.status_code


def test_only_stop_words_or_punctuation_explains_itself(client):
    for q in ("the and of", "!!! ??"):
        response = get(client, q=q)
        assert response.context["results"].searchable is False
        assert "no words to search for" in response.content.decode()


def test_long_queries_are_capped_and_say_so(client, indexed):
    indexed(lambda: f.release("Asylum ruling"))
    response = get(client, q="asylum " * 100)
    assert len(response.context["query"].text) <= MAX_QUERY_LENGTH
    assert response.context["query"].truncated
    assert f"longer than {MAX_QUERY_LENGTH} characters" in response.content.decode()
    assert titles(response) == ["Asylum ruling"]


def test_query_parsing_drops_control_characters_and_forgives_open_quotes():
    assert Query.parse("abc\x00def\ufffd").text == "abc def"
    assert Query.parse('"open phrase').tsquery_text == '"open phrase"'
    assert Query.parse("end 287(g) now").tsquery_text == 'end "287 g" now'
    assert Query.parse("x" * 500).truncated


def test_query_count_does_not_grow_with_results(client, indexed, django_assert_max_num_queries):
    def build():
        for i in range(25):
            r = f.release(f"Asylum item {i}")
            f.quote(r, "On asylum, we stand firm.")
            f.signatory(r)
            r.topics.add(f.topic())

    indexed(build)
    with django_assert_max_num_queries(10):  # terms, planner settings, facets, page, excerpts, quotes
        response = get(client, q="asylum", year=str(f.yesterday().year))
    assert len(titles(response)) == 20


def test_past_the_rank_pool_relevance_covers_the_latest_matches(client, indexed, monkeypatch):
    monkeypatch.setattr("releases.search.RANK_POOL", 2)

    def build():
        f.release("Asylum asylum asylum oldest", at=datetime(2001, 1, 1, tzinfo=timezone.utc))
        f.release("Middle", body="Asylum.", at=datetime(2002, 1, 1, tzinfo=timezone.utc))
        f.release("Newest", body="Asylum.", at=datetime(2003, 1, 1, tzinfo=timezone.utc))

    indexed(build)
    response = get(client, q="asylum")
    assert response.context["results"].total == 3
    assert set(titles(response)) == {"Middle", "Newest"}
    assert "among the latest 2 matches" in response.content.decode()
    assert len(titles(get(client, q="asylum", sort="date"))) == 3


def test_a_search_that_runs_too_long_asks_for_a_narrower_one(client, indexed, monkeypatch):
    monkeypatch.setattr("releases.search.STATEMENT_TIMEOUT_MS", 1)
    indexed(lambda: [f.release(f"Asylum item {i}", body="Asylum " * 2000) for i in range(30)])
    response = get(client, q='"asylum asylum asylum"')
    assert response.context["results"].timed_out
    assert "too much of the archive" in response.content.decode()


def test_a_broad_search_counts_its_newest_matches_and_says_so(client, indexed, monkeypatch):
    from releases import search

    monkeypatch.setattr(search, "BROAD_MATCHES", 0)  # every word counts as found in most of the archive
    monkeypatch.setattr(search, "BROAD_POOL", 3)

    def build():
        for day in range(1, 7):
            f.release(f"Detention report {day}", at=datetime(2020, 1, day, tzinfo=timezone.utc))
        f.release("Detention draft", state="draft")

    indexed(build)
    response = get(client, q="detention", sort="date")
    results = response.context["results"]
    assert results.estimated and results.ranked_pool == 3
    assert titles(response) == ["Detention report 6", "Detention report 5", "Detention report 4"]
    assert results.total >= 3
    html = response.content.decode()
    assert "About " in html and "Counts cover the latest 3 results." in html
    year = next(facet for facet in results.facets if facet.name == "year")
    assert [(v.label, v.count) for v in year.values] == [("2020", 3)]  # the newest three, no draft
    assert set(titles(get(client, q="detention"))) == {f"Detention report {d}" for d in (4, 5, 6)}


def test_a_narrow_search_is_counted_exactly(client, indexed, monkeypatch):
    from releases import search

    monkeypatch.setattr(search, "BROAD_POOL", 3)
    indexed(lambda: [f.release(f"Detention report {day}") for day in range(1, 7)])
    narrow = get(client, q="detention").context["results"]  # six matches: under BROAD_MATCHES
    assert (narrow.estimated, narrow.total) == (False, 6)


def test_a_broad_phrase_is_looked_for_among_the_newest_releases_only(client, indexed, monkeypatch):
    from releases import search

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

    indexed(build)
    monkeypatch.setattr(search, "PHRASE_WINDOW", 4)  # the newest four hold none: counted exactly
    exact = get(client, q='"family separation"').context["results"]
    assert (exact.estimated, exact.total) == (False, 6)
    monkeypatch.setattr(search, "PHRASE_WINDOW", 20)  # all of them: the newest three matches
    response = get(client, q='"family separation"', sort="date")
    assert response.context["results"].estimated
    assert titles(response) == ["Phrase 6", "Phrase 5", "Phrase 4"]


def test_estimates_are_rounded():
    from releases.search import about

    assert [about(n) for n in (7, 480, 4214, 48678, 78631)] == [7, 480, 4200, 49000, 79000]
